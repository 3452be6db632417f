"""ScreeningWorkspace: the screening pane, conflicts and agreement, and the packet actions.

It owns the RankingWorker of the open review: every few decisions (or an undo) it asks for a
retrain, which runs on a pool thread; the new model reaches the pane by a queued signal.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from curator.core.changes import Changes
from curator.core.errors import CuratorError, sentence
from curator.core.ranking.include_top import ranked_candidates, top_n_plan
from curator.core.review import STAGE_LABELS
from curator.core.screening.decisions import CONSENSUS
from curator.core.screening.packets import export_packet, load_packet
from curator.gui import icons
from curator.gui.context import AppContext
from curator.gui.ranking import RankingResult, RankingWorker
from curator.gui.screening.agreement_view import AgreementView
from curator.gui.screening.conflicts import ConflictsView
from curator.gui.screening.dialogs import TopNDialog
from curator.gui.screening.edits import push_decisions
from curator.gui.screening.pane import ScreeningPane
from curator.gui.screening.reasons_dialog import ReasonsDialog
from curator.gui.workspace import Workspace

PACKET_FILTER = "Curator screening packet (*.curator);;All files (*)"


class ScreeningWorkspace(Workspace):
    """Register in the main window's workspace list; connect `status_changed` to the status
    bar (progress after each decision, and messages)."""

    RETRAIN_AFTER = 3  # decisions between retrains once a model exists

    title = "Screening"
    icon = icons.SCREENING
    status_changed = Signal(str)

    def reserve_window_keys(self, sequences: list) -> None:
        """The hosting window binds these keys itself (Edit ▸ Undo/Redo): leave them to it,
        since Qt ignores a key bound twice in one window as ambiguous."""
        reserved = {seq.toString() for seq in sequences if not seq.isEmpty()}
        self.pane.bar.reserved = reserved
        self.pane.apply_keys()
        self.conflicts.reserve_keys(reserved)

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.pane = ScreeningPane(context, self)
        self.pane.status_changed.connect(self.status_changed)
        self.pane.stage_changed.connect(self._on_stage_changed)
        self.worker: RankingWorker | None = None
        self.conflicts = ConflictsView(context, self)
        self.agreement = AgreementView(context, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.pane, "Screen")
        self.tabs.addTab(self.conflicts, "Conflicts")
        self.tabs.addTab(self.agreement, "Agreement")
        self.tabs.currentChanged.connect(self._on_tabs_changed)
        bar = QHBoxLayout()
        bar.addStretch(1)
        for text, slot in (
            ("Reasons…", self.edit_reasons),
            ("Export packet…", self.export_packet),
            ("Import packet…", self.import_packet),
            ("Include top N…", self.include_top_n),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        self.set_review(context.review)

    def set_review(self, review) -> None:
        self.setEnabled(review is not None)
        self.pane.set_review(review)  # first: it may wait for the model the worker trains
        self._start_worker(review)
        self.conflicts.reload()
        self.agreement.reload()

    # -- relevance model -----------------------------------------------------------------
    def _start_worker(self, review) -> None:
        """One worker per open review (it opens its own connection to the file per retrain)."""
        if self.worker is not None:  # a retrain may still run: let it finish, unheard
            self.worker.ranked.disconnect(self._on_ranked)
            self.worker.failed.disconnect(self.pane.model_failed)
            self.worker = None
        if review is None or review.path is None:
            return
        # Scores stay in memory: writing papers.rank_score would hold the file's write lock
        # while a decision key wants it (`curator rank` stores them when wanted).
        self.worker = RankingWorker(
            review.path,
            self.pane.stage,
            retrain_after=self.RETRAIN_AFTER,
            write_scores=False,
            parent=self,
        )
        self.worker.ranked.connect(self._on_ranked)
        self.worker.failed.connect(self.pane.model_failed)
        self.worker.request()

    def _on_ranked(self, result: RankingResult) -> None:
        """Apply a new model, unless its review closed (or another opened) while it trained:
        such a late result is dropped (it raised "Cannot operate on a closed database")."""
        review = self.context.review
        if (
            self.worker is None
            or review is None
            or review.closed
            or Path(review.path) != self.worker.path
        ):
            return
        self.pane.set_ranking(result)

    def _on_stage_changed(self, stage: str) -> None:
        if self.worker is not None:
            self.worker.set_stage(stage)

    def show_conflicts(self, counts: dict[str, int]) -> None:
        """Name the Conflicts tab with the records where reviewers disagree at any stage
        ("Conflicts (3)") and its stage choices with theirs, counted once for the status bar
        too (MainWindow._show_counts)."""
        count = sum(counts.values())
        index = self.tabs.indexOf(self.conflicts)
        self.tabs.setTabText(index, f"Conflicts ({count:,})" if count else "Conflicts")
        self.conflicts.show_stage_counts(counts)

    def refresh(self, changes: Changes) -> None:
        if self.worker is not None and (changes.decisions or changes.papers):
            if changes.papers or self.worker.latest is None or self.worker.latest.ranking is None:
                self.worker.request()  # no model yet (or new texts): learn as soon as possible
            else:
                self.worker.decision_recorded()
        self.pane.refresh(changes)
        if changes.decisions:
            current = self.tabs.currentWidget()
            if current is self.conflicts:
                self.conflicts.reload()
            elif current is self.agreement:
                self.agreement.reload()

    def _on_tabs_changed(self, _index: int) -> None:
        current = self.tabs.currentWidget()
        if current is self.conflicts:
            self.conflicts.reload()
            self.conflicts.table.setFocus()
        elif current is self.agreement:
            self.agreement.reload()
        else:
            self.pane.setFocus()

    # -- file dialogs, replaceable in tests ----------------------------------------------
    @staticmethod
    def ask_save_path(parent: QWidget, caption: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, caption, "", PACKET_FILTER)
        return Path(name) if name else None

    @staticmethod
    def ask_open_path(parent: QWidget, caption: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, caption, "", PACKET_FILTER)
        return Path(name) if name else None

    def show_error(self, exc: Exception) -> None:
        """Tell the user what went wrong (a method, so tests can capture it)."""
        QMessageBox.warning(self, "Screening", sentence(exc))

    def edit_reasons(self) -> None:
        if self.review is not None:
            self.context.notify(ReasonsDialog.ask(self.review, self.pane.stage, self))

    def export_packet(self) -> None:
        review = self.review
        if review is None:
            return
        stage = self.pane.stage
        path = self.ask_save_path(self, f"Export a {STAGE_LABELS[stage].lower()} screening packet")
        if path is None:
            return
        try:
            count = export_packet(review, path, stage)
        except CuratorError as exc:
            self.show_error(exc)
            return
        self.pane.show_message(f"Wrote a packet of {count} records to {path.name}.")

    def import_packet(self) -> None:
        review = self.review
        if review is None:
            return
        path = self.ask_open_path(self, "Import a finished screening packet")
        if path is None:
            return
        try:
            contents = load_packet(review, path)
            push_decisions(
                self.context,
                contents.decisions,
                review.who,
                f"Import packet {path.name}",
                source=f"packet:{path.name}",
                applied=self.pane.on_command_applied,
            )
        except CuratorError as exc:
            self.show_error(exc)
            return
        who = ", ".join(contents.reviewers) or "nobody"
        self.pane.show_message(
            f"Imported {len(contents.decisions)} decisions by {who} from {path.name}."
        )

    def include_top_n(self) -> None:
        review = self.review
        if review is None:
            return
        candidates = len(ranked_candidates(review))
        if not candidates:
            self.show_error(CuratorError("No papers at full text to rank yet."))
            return
        answer = TopNDialog.ask(self, candidates)
        if answer is None:
            return
        n, by = answer
        try:
            plan = top_n_plan(review, n, by=by, reviewer=CONSENSUS)
            push_decisions(
                self.context,
                plan,
                CONSENSUS,
                f"Include the top {n}",
                source="top-n",
                applied=self.pane.on_command_applied,
            )
        except CuratorError as exc:
            self.show_error(exc)
            return
        self.pane.show_message(f"Included the top {n} of {candidates} (undo with the undo key).")
