"""The Duplicates workspace: run detection, answer each candidate pair from the keyboard, and
see (and undo) the merges made.

Two lists, switched by a tab bar whose counts come from `dedup.counts`. "To review": the pairs
waiting for an answer (most uncertain first; pair ids whose rows are read when shown, see
pair_model); right, the selected pair side by side (PairView). D merges (keeping paper A,
with the metadata chosen per field), N records "not a duplicate", S skips to the next pair.
"Merged": the merges that stand, newest first (merge_model, as lazy), automatic or by whom
and when; the selected one shows both papers read-only with why they were merged (the rule,
the fields that agreed and differed, or who merged them). U unmerges it: the paper is back
and its pair waits under "To review". Undone merges are not listed (they are no longer
merges of the review; `curator dedup --merges` writes the whole history). Every answer and
unmerge is an undoable edit (edits.py). "Find duplicates" runs detection off the GUI thread
(curator.gui.tasks) with progress and cancel.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabBar,
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
from curator.gui.dedup.id_list import lazy_list
from curator.gui.dedup.merge_model import MergeListModel, when
from curator.gui.dedup.pair_model import PairListModel
from curator.gui.dedup.pair_view import PairView
from curator.gui.tasks import Task
from curator.gui.workspace import Workspace

TO_REVIEW, MERGED = 0, 1  # the tab bar's tabs


class DedupWorkspace(Workspace):
    title = "Duplicates"
    icon = icons.DUPLICATES

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self._counts: dedup.DuplicateCounts | None = None  # set by _reload, read by the empty text
        self._task: Task | None = None
        self.model = PairListModel(self)
        self.list = lazy_list(self.model, self._on_list_current_changed)
        self.merged_model = MergeListModel(self)
        self.merged_list = lazy_list(self.merged_model, self._on_merged_list_current_changed)
        self.merged_list.setAlternatingRowColors(True)
        self.merged_list.setSpacing(2)  # three lines a merge: a gap tells one from the next
        self.lists = QStackedWidget()
        self.lists.addWidget(self.list)
        self.lists.addWidget(self.merged_list)
        self.modes = QTabBar()
        self.modes.addTab("To review")
        self.modes.addTab("Merged")
        self.modes.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.modes.setToolTip("The pairs waiting for an answer, or the merges made")
        self.modes.currentChanged.connect(self._on_modes_current_changed)
        self.automatic_only = QCheckBox("Automatic only")
        self.automatic_only.setToolTip("List only the merges duplicate detection made itself")
        self.automatic_only.toggled.connect(self._on_automatic_only_toggled)
        self.pair_view = PairView()

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
        top.addWidget(self.modes)
        top.addSpacing(12)
        for widget in (self.run_button, self.progress, self.cancel_button):
            top.addWidget(widget)
        top.addWidget(self.summary, 1)
        top.addWidget(self.automatic_only)

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
        self.unmerge_button = QPushButton("Unmerge (U)")
        self.unmerge_button.setToolTip(
            "Undo this merge: the merged paper is back and its pair waits under “To review”"
        )
        self.unmerge_button.clicked.connect(self.unmerge)
        answers = QHBoxLayout()
        for widget in (
            self.duplicate_button,
            self.not_duplicate_button,
            self.skip_button,
            self.unmerge_button,
        ):
            answers.addWidget(widget)
        answers.addStretch(1)
        answers.addWidget(self.undo_button)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.pair_view, 1)
        detail_layout.addLayout(answers)
        splitter = QSplitter()
        splitter.addWidget(self.lists)
        splitter.addWidget(detail)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([280, 840])

        self.empty = QLabel("No pairs are waiting for review.\n\nRun “Find duplicates” to compare the "
                            "papers: certain duplicates are merged and the uncertain pairs appear here.")  # fmt: skip
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.merged_empty = QLabel()
        self.merged_empty.setTextFormat(Qt.TextFormat.PlainText)
        self.merged_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.merged_empty.setWordWrap(True)
        for label in (self.empty, self.merged_empty):
            label.setContentsMargins(120, 0, 120, 0)  # a readable line, not the window's width
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(splitter)
        self.stack.addWidget(self.merged_empty)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)

        for key, slot in (
            ("D", self.answer_duplicate),
            ("N", self.answer_not_duplicate),
            ("S", self.skip),
            ("U", self.unmerge),
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
            self._reload(keep_row=max(0, self._current_list().currentIndex().row()))

    def mode(self) -> int:
        """TO_REVIEW or MERGED: which list is shown."""
        return self.modes.currentIndex()

    def _current_list(self) -> QListView:
        return self.merged_list if self.mode() == MERGED else self.list

    def _reload(self, keep_row: int) -> None:
        review = self.review
        self.model.set_review(review)
        self.merged_model.set_review(review)
        counts = self._counts = dedup.counts(review) if review is not None else None
        self.modes.setTabText(TO_REVIEW, f"To review ({counts.to_review if counts else 0})")
        self.modes.setTabText(MERGED, f"Merged ({counts.merged if counts else 0})")
        self.summary.setText(
            f"{counts.removed} duplicates removed ({counts.automatic} merged automatically)"
            if counts
            else ""
        )
        self.undo_button.setEnabled(self.context.undo_stack.canUndo())
        self._show_mode(keep_row)

    def _show_mode(self, keep_row: int = 0) -> None:
        """Show the chosen list (or its empty state) and the buttons that act on it."""
        merged = self.mode() == MERGED
        view, model = (self.merged_list, self.merged_model) if merged else (self.list, self.model)
        count = model.rowCount()
        self.lists.setCurrentWidget(view)
        self.automatic_only.setVisible(merged)
        self.pair_view.set_choosing(not merged)
        if merged and not count:
            self.merged_empty.setText(self._merged_empty_text())
        self.stack.setCurrentIndex(1 if count else (2 if merged else 0))
        for button in (self.duplicate_button, self.not_duplicate_button, self.skip_button):
            button.setVisible(not merged)
            button.setEnabled(bool(count) and not merged)
        self.unmerge_button.setVisible(merged)
        self.unmerge_button.setEnabled(bool(count) and merged)
        if count:
            view.setCurrentIndex(model.index(min(keep_row, count - 1)))
            self._show_current()
            view.setFocus()
        else:
            self.pair_view.show_pair(None)

    def _merged_empty_text(self) -> str:
        if self.automatic_only.isChecked() and self.review is not None:
            if self._counts is not None and self._counts.merged:
                return "No automatic merges.\n\nUntick “Automatic only” to see the merges made by hand."
        return ("No merges yet.\n\nEvery merge will appear here, newest first: those “Find "
                "duplicates” makes on its own (with the fields that agreed and differed) and those "
                "made under “To review”. Any of them can be undone with Unmerge (U).")  # fmt: skip

    def _on_modes_current_changed(self, _index: int) -> None:
        self._show_mode(keep_row=0)

    def _on_automatic_only_toggled(self, checked: bool) -> None:
        self.merged_model.set_automatic_only(checked)
        self._show_mode(keep_row=0)

    def current_pair(self) -> dict | None:
        index = self.list.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def current_merge(self) -> dict | None:
        index = self.merged_list.currentIndex()
        return self.merged_model.row_at(index.row()) if index.isValid() else None

    def _show_current(self) -> None:
        if self.mode() == MERGED:
            self._on_merged_list_current_changed(self.merged_list.currentIndex(), QModelIndex())
        else:
            self._on_list_current_changed(self.list.currentIndex(), QModelIndex())

    def _on_list_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.mode() != TO_REVIEW:
            return
        if not current.isValid() or self.review is None:
            self.pair_view.show_pair(None)
            return
        pair = dedup.pair_details(self.review, self.model.id_at(current.row()))
        pair["reason"] += f" · score {pair['score'] or 0:.2f}"
        self.pair_view.show_pair(pair)

    def _on_merged_list_current_changed(self, current: QModelIndex, _prev: QModelIndex) -> None:
        if self.mode() != MERGED:
            return
        if not current.isValid() or self.review is None:
            self.pair_view.show_pair(None)
            return
        details = dedup.merge_details(self.review, self.merged_model.id_at(current.row()))
        details["headers"] = ("Kept", "Merged into it")
        details["reason"] += f" · {when(details['merged_at'])}"
        self.pair_view.show_pair(details)

    # -- answers ----------------------------------------------------------------------------
    def answer_duplicate(self) -> None:
        pair = self.current_pair() if self.mode() == TO_REVIEW else None
        if pair is None:
            return
        fields_from = self.pair_view.fields_from()
        self._answer(edits.merge, pair["paper_a"], pair["paper_b"], fields_from)

    def answer_not_duplicate(self) -> None:
        pair = self.current_pair() if self.mode() == TO_REVIEW else None
        if pair is None:
            return
        self._answer(edits.not_duplicate, pair["id"], pair["paper_a"], pair["paper_b"])

    def _answer(self, edit, *args) -> None:
        """Run one undoable answer; a refused one says why in the summary line."""
        try:
            edit(self.context, *args)
        except CuratorError as exc:
            self.summary.setText(str(exc))

    def unmerge(self) -> None:
        """Undo the selected merge (U); the pair comes back under "To review"."""
        merge = self.current_merge() if self.mode() == MERGED else None
        if merge is None:
            return
        self._answer(edits.unmerge, merge["id"], merge["kept_id"], merge["dropped_id"])

    def skip(self) -> None:
        if self.mode() != TO_REVIEW:
            return
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
