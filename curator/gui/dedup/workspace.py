"""The Duplicates workspace: run detection, then answer each candidate pair from the keyboard.

Left, the pairs waiting for an answer (best score first; a list of pair ids whose rows are
read when shown, see pair_model); right, the selected pair side by
side (PairView). D merges (keeping paper A, with the metadata chosen per field), N records
"not a duplicate", S skips to the next pair; each answer is an undoable edit (edits.py).
"Find duplicates" runs detection off the GUI thread (curator.gui.tasks) with progress and
cancel.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from curator.core import dedup
from curator.core.changes import Changes
from curator.core.errors import CuratorError
from curator.core.review import Review
from curator.core.tasks import TaskState
from curator.gui import icons
from curator.gui.context import AppContext
from curator.gui.dedup import edits
from curator.gui.dedup.pair_model import PairListModel
from curator.gui.dedup.pair_view import PairView
from curator.gui.tasks import Task
from curator.gui.workspace import Workspace


class DedupWorkspace(Workspace):
    title = "Duplicates"
    icon = icons.DUPLICATES

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self._task: Task | None = None
        self.model = PairListModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.selectionModel().currentChanged.connect(self._on_list_current_changed)
        self.pair_view = PairView()
        self.rule_label = QLabel()
        self.rule_label.setTextFormat(Qt.TextFormat.PlainText)
        self.rule_label.setWordWrap(True)

        self.run_button = QPushButton("Find duplicates")
        self.run_button.setToolTip("Compare all papers; merge certain duplicates; queue the rest")
        self.run_button.clicked.connect(self.run_detection)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel_detection)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setMinimumWidth(180)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        top = QHBoxLayout()
        for widget in (self.run_button, self.progress, self.cancel_button):
            top.addWidget(widget)
        top.addWidget(self.summary, 1)

        self.duplicate_button = QPushButton("Duplicate (D)")
        self.not_duplicate_button = QPushButton("Not duplicate (N)")
        self.skip_button = QPushButton("Skip (S)")
        self.undo_button = QPushButton("Undo")
        self.duplicate_button.setToolTip(
            "Merge paper B into paper A, keeping the metadata chosen on the right"
        )
        self.duplicate_button.clicked.connect(self.answer_duplicate)
        self.not_duplicate_button.clicked.connect(self.answer_not_duplicate)
        self.skip_button.clicked.connect(self.skip)
        self.undo_button.clicked.connect(self.context.undo_stack.undo)
        answers = QHBoxLayout()
        for widget in (self.duplicate_button, self.not_duplicate_button, self.skip_button):
            answers.addWidget(widget)
        answers.addStretch(1)
        answers.addWidget(self.undo_button)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.rule_label)
        detail_layout.addWidget(self.pair_view, 1)
        detail_layout.addLayout(answers)
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(detail)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([280, 840])

        self.empty = QLabel("No pairs are waiting for review.\n\nRun “Find duplicates” to compare the "
                            "papers: certain duplicates are merged and the uncertain pairs appear here.")  # fmt: skip
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(splitter)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)

        for key, slot in (
            ("D", self.answer_duplicate),
            ("N", self.answer_not_duplicate),
            ("S", self.skip),
        ):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.context.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self._set_running(False)
        self.set_review(self.review)

    # -- loading ----------------------------------------------------------------------------
    def set_review(self, review: Review | None) -> None:
        self.run_button.setEnabled(review is not None)
        self._reload(keep_row=0)

    def refresh(self, changes: Changes) -> None:
        if changes.papers or changes.settings:
            self._reload(keep_row=max(0, self.list.currentIndex().row()))

    def _reload(self, keep_row: int) -> None:
        review = self.review
        self.model.set_review(review)
        count = self.model.rowCount()
        self.stack.setCurrentIndex(1 if count else 0)
        removed = dedup.duplicates_removed(review) if review is not None else 0
        self.summary.setText(f"{count} pairs to review · {removed} duplicates removed")
        self.undo_button.setEnabled(self.context.undo_stack.canUndo())
        if count:
            self.list.setCurrentIndex(self.model.index(min(keep_row, count - 1)))
            self.list.setFocus()
        else:
            self.pair_view.show_pair(None)
        for button in (self.duplicate_button, self.not_duplicate_button, self.skip_button):
            button.setEnabled(bool(count))

    def current_pair(self) -> dict | None:
        index = self.list.currentIndex()
        return self.model.pair_at(index.row()) if index.isValid() else None

    def _on_list_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or self.review is None:
            self.pair_view.show_pair(None)
            self.rule_label.clear()
            return
        pair = dedup.pair_details(self.review, self.model.id_at(current.row()))
        self.pair_view.show_pair(pair)
        scores = ", ".join(f"{k} {v:.2f}" for k, v in pair["scores"].items() if v is not None)
        self.rule_label.setText(f"Score {pair['score'] or 0:.2f} — {pair['rule']}  ({scores})")

    # -- answers ----------------------------------------------------------------------------
    def answer_duplicate(self) -> None:
        pair = self.current_pair()
        if pair is None:
            return
        fields_from = self.pair_view.fields_from()
        self._answer(edits.merge, pair["paper_a"], pair["paper_b"], fields_from)

    def answer_not_duplicate(self) -> None:
        pair = self.current_pair()
        if pair is None:
            return
        self._answer(edits.not_duplicate, pair["id"], pair["paper_a"], pair["paper_b"])

    def _answer(self, edit, *args) -> None:
        """Run one undoable answer; a refused one says why in the summary line."""
        try:
            edit(self.context, *args)
        except CuratorError as exc:
            self.summary.setText(str(exc))

    def skip(self) -> None:
        row, count = self.list.currentIndex().row(), self.model.rowCount()
        if count:
            self.list.setCurrentIndex(self.model.index((row + 1) % count))

    # -- detection on a worker thread -------------------------------------------------------
    def run_detection(self) -> None:
        if self.review is None or self._task is not None:
            return
        self._task = Task(detect_duplicates, self.review.path, self.review.who, parent=self)
        self._task.progressed.connect(self._on_task_progressed)
        self._task.succeeded.connect(self._on_task_succeeded)
        self._task.failed.connect(self._on_task_failed)
        self._task.ended.connect(self._task.deleteLater)
        self._set_running(True)
        self._task.start()

    def cancel_detection(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.summary.setText("Cancelling…")

    def _on_task_progressed(self, percent: float, message: str) -> None:
        self.progress.setValue(int(percent))
        if message:
            self.summary.setText(message)

    def _on_task_succeeded(self, result: dedup.DedupResult) -> None:
        self._done()
        if result.cancelled:
            self._reload(keep_row=0)
            self.summary.setText("Cancelled: nothing was changed")
            return
        self.context.notify(result.changes)
        self._reload(keep_row=0)
        self.summary.setText(f"Merged {result.merged}, {result.candidates} pairs to review, "
                             f"{result.versions} versions linked · {dedup.duplicates_removed(self.review)} "
                             "duplicates removed")  # fmt: skip

    def _on_task_failed(self, message: str) -> None:
        self._done()
        self.summary.setText(f"Duplicate detection failed: {message}")

    def _done(self) -> None:
        self._task = None
        self._set_running(False)

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.run_button.setEnabled(not running and self.review is not None)
        if running:
            self.progress.setValue(0)


def detect_duplicates(state: TaskState, path: Path, who: str) -> dedup.DedupResult:
    """The background job: detect duplicates with its own connection to the review file."""
    with Review.open(path, who=who) as review:
        return dedup.run(review, state=state)
