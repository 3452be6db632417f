"""Conflicts: records whose reviewers disagree at a stage, resolved from the keyboard.

A resolution is a decision by the consensus pseudo-reviewer (it becomes the effective one;
the reviewers' own decisions stay for the agreement statistics), pushed as an undoable
command. Keys: I include, M maybe, E exclude (with the excluding reviewer's reason, or a
number key for a reason), Up/Down to move.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from curator.core.errors import CuratorError
from curator.core.papers import NO_ABSTRACT
from curator.core.review import STAGE_LABELS, STAGES, Review
from curator.core.screening.decisions import CONSENSUS, Decision, reasons
from curator.core.screening.queue import queue, screening_record
from curator.gui.context import AppContext
from curator.gui.screening.dialogs import stored_reviewer
from curator.gui.screening.edits import push_decisions
from curator.gui.screening.keys import bindable, load_keys

_ROOT = QModelIndex()


class ConflictModel(QAbstractTableModel):
    """Conflicting papers at one stage: title and each reviewer's decision."""

    HEADERS = ("Paper", "Decisions")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[dict] = []

    def load(self, review: Review | None, stage: str) -> None:
        self.beginResetModel()
        self.rows = []
        if review is not None:
            labels = {r["id"]: r["label"] for r in reasons(review, stage, active_only=False)}
            for paper_id in queue(review, stage, filter="conflicts"):
                votes = review.db.execute(
                    "SELECT reviewer, decision, reason_id FROM screening_status WHERE paper_id = ? "
                    "AND stage = ? AND reviewer != ? AND decision != 'cleared' ORDER BY reviewer",
                    (paper_id, stage, CONSENSUS),
                ).fetchall()
                title = review.db.execute(
                    "SELECT title FROM papers WHERE id = ?", (paper_id,)
                ).fetchone()[0]
                self.rows.append(
                    {
                        "id": paper_id,
                        "title": title,
                        "votes": votes,
                        "text": "; ".join(
                            f"{who}: {d}" + (f" ({labels.get(r, '')})" if r else "")
                            for who, d, r in votes
                        ),
                    }
                )
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else 2

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid() or role not in (Qt.DisplayRole, Qt.ToolTipRole, Qt.UserRole + 1):
            return None
        row = self.rows[index.row()]
        if role == Qt.UserRole + 1:
            return row["id"]
        return row["title"] if index.column() == 0 else row["text"]

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.HEADERS[section]
        return None


class ConflictsView(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.stage_box = QComboBox(self)
        for stage in STAGES:
            self.stage_box.addItem(STAGE_LABELS[stage], stage)
        self.stage_box.currentIndexChanged.connect(self.reload)
        self.stage_box.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.count = QLabel(self)
        self.model = ConflictModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.detail = QPlainTextEdit(self)
        self.detail.setReadOnly(True)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.PlainText)
        self.message.setText(
            "Resolve the selected conflict: I include · M maybe · E exclude · "
            "1–9 exclude with that reason."
        )
        top = QHBoxLayout()
        top.addWidget(QLabel("Stage", self))
        top.addWidget(self.stage_box)
        top.addWidget(self.count, 1)
        splitter = QSplitter(Qt.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        for key, decision in (("I", "include"), ("M", "maybe"), ("E", "exclude")):
            self._action(key, lambda _=False, d=decision: self.resolve(d))
        for n in range(1, 10):
            self._action(str(n), lambda _=False, k=n: self.resolve_reason(k))
        keys = load_keys()
        self.undo_actions = {
            "undo": self._action(keys["undo"], context.undo_stack.undo),
            "redo": self._action(keys["redo"], context.undo_stack.redo),
        }

    def reserve_keys(self, reserved: set[str]) -> None:
        """Leave the window's own keys to it (see keys.bindable)."""
        keys = load_keys()
        for name, action in self.undo_actions.items():
            action.setShortcut(bindable(keys[name], reserved))

    def show_stage_counts(self, counts: dict[str, int]) -> None:
        """Each stage's conflicts beside its name ("Full text (2)"): the tab's count is their
        sum, so the stage holding them can be seen without trying each."""
        for i, stage in enumerate(STAGES):
            n = counts.get(stage, 0)
            self.stage_box.setItemText(
                i, f"{STAGE_LABELS[stage]} ({n:,})" if n else STAGE_LABELS[stage]
            )

    def _action(self, key: str, slot) -> QAction:
        action = QAction(self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    @property
    def stage(self) -> str:
        return self.stage_box.currentData()

    def reload(self) -> None:
        row = max(0, self.table.currentIndex().row())
        self.model.load(self.context.review, self.stage)
        self.count.setText(f"{len(self.model.rows)} conflicts")
        if self.model.rows:
            self.table.setCurrentIndex(self.model.index(min(row, len(self.model.rows) - 1), 0))
        else:
            self.detail.setPlainText("No conflicts at this stage.")

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.data(index, Qt.UserRole + 1) if index.isValid() else None

    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        paper_id = self.model.data(current, Qt.UserRole + 1) if current.isValid() else None
        if paper_id is None or self.context.review is None:
            return
        record = screening_record(self.context.review, paper_id)
        self.detail.setPlainText(
            f"{record['title']}\n{record['authors_text']}\n{record.get('year') or ''} "
            f"{record.get('venue') or ''}\n\n{record.get('abstract') or NO_ABSTRACT}"
        )

    def resolve(self, decision: str, reason_id: int | None = None) -> None:
        paper_id = self.current_id()
        review = self.context.review
        if paper_id is None or review is None:
            return
        if decision == "exclude" and reason_id is None:
            reason_id = review.db.execute(
                "SELECT reason_id FROM screening_status WHERE paper_id = ? AND stage = ? "
                "AND decision = 'exclude' AND reason_id IS NOT NULL ORDER BY decision_id DESC LIMIT 1",
                (paper_id, self.stage),
            ).fetchone()
            reason_id = reason_id[0] if reason_id else None
        item = Decision(
            paper_id,
            self.stage,
            decision,
            reason_id,
            f"resolved by {stored_reviewer() or review.who}",
            CONSENSUS,
        )
        try:
            push_decisions(self.context, [item], CONSENSUS, "Resolve conflict")
        except CuratorError as exc:
            self.message.setText(f"{exc} (press a number key for a reason)")

    def resolve_reason(self, number: int) -> None:
        found = reasons(self.context.review, self.stage) if self.context.review else []
        if number <= len(found):
            self.resolve("exclude", found[number - 1]["id"])
