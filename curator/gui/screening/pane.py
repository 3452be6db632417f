"""The screening pane: one record at a time, decided from the keyboard.

The queue (paper ids) is computed once per stage/order/filter and walked by index, so the
next record shows without re-running a query over the whole review. Decisions go through
screening/edits.py, one undo step each; the pane advances after each. Keys are QActions
scoped to the pane (remappable, see keys.py); the record views never take focus, so the
keys always reach the pane.

Relevance: the workspace's RankingWorker hands each new model to `set_ranking`. Once a model
exists the order becomes "Most relevant first" (unless the curator chose an order), and
each new model reorders only the records after the one on screen, so nothing jumps away.
When a review (or stage) opens with decisions enough to train on, the pane waits for the
first model, saying so, and then shows the most relevant record: the order it opens in is
the order it keeps.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from curator.core.changes import Changes
from curator.core.errors import CuratorError
from curator.core.ranking.labels import trainable
from curator.core.review import STAGE_LABELS, STAGES
from curator.core.screening.counts import inclusion_curve, progress
from curator.core.screening.decisions import Decision, current_decision, reasons
from curator.core.screening.highlighting import Highlighter, highlighter
from curator.core.screening.queue import FILTERS, ORDERS, queue, screening_record
from curator.gui.context import AppContext
from curator.gui.ranking import StoppingPanel
from curator.gui.screening.decision_bar import DecisionBar
from curator.gui.screening.dialogs import (
    NoteDialog,
    ReviewerDialog,
    store_reviewer,
    stored_reviewer,
)
from curator.gui.screening.edits import push_decisions
from curator.gui.screening.keys import MAX_REASON_KEYS, KeyPreferencesDialog
from curator.gui.screening.record_view import RecordView
from curator.gui.screening.relevance import RelevanceMixin
from curator.gui.screening.side_panel import SidePanel
from curator.gui.style import set_role

DECISION_LABELS = {
    "include": "Include",
    "exclude": "Exclude",
    "maybe": "Maybe",
    "not_retrieved": "Not retrieved",
}
FILTER_DECISIONS = ("include", "exclude", "maybe", "not_retrieved")
# The status bar's left line with no reviewer chosen: it used to repeat the team's counts,
# which the bar shows on its right, and was cut off beside "4 in conflict".
NO_REVIEWER = "No reviewer chosen: your first decision asks who you are"
AWAITING_MODEL = "Ordering the records most relevant first: learning from the decisions so far…"


class ScreeningPane(RelevanceMixin, QWidget):
    status_changed = Signal(str)  # for the main window's status bar
    stage_changed = Signal(str)  # the workspace retrains its model for the new stage

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.stage, self.order, self.seed, self.filter = (
            "title_abstract",
            "imported",
            1,
            "undecided",
        )
        self.ids: list[int] = []
        self.index = 0
        self.record: dict | None = None
        self.pending_exclude = False
        self.pending_note = ""
        self.highlighter = Highlighter({})
        self.stage_reasons: list[dict] = []
        self.ranking = None  # curator.core.ranking.model.Ranking of this stage, once one exists
        self.order_chosen = False  # the curator picked an order: a new model does not change it
        self.sample_mode = False  # walking the stopping test's random sample, in drawn order
        self.awaiting_model = False  # a model can be trained: no record until it has ranked
        self.setFocusPolicy(Qt.StrongFocus)

        self.stage_box = self._combo({s: STAGE_LABELS[s] for s in STAGES}, self._on_stage_changed)
        self.order_box = self._combo(ORDERS, self._on_view_changed)
        self.filter_box = self._combo(FILTERS, self._on_filter_changed)
        self.filter_value = QComboBox(self)
        self.filter_value.currentIndexChanged.connect(self._on_view_changed)
        self.filter_box.blockSignals(True)
        self.filter_box.setCurrentIndex(list(FILTERS).index("undecided"))
        self.filter_box.blockSignals(False)
        self.reviewer_button = QPushButton(self)
        self.reviewer_button.setFocusPolicy(Qt.NoFocus)
        self.reviewer_button.clicked.connect(self.change_reviewer)
        self.keys_button = QPushButton("Keys…", self)
        self.keys_button.setFocusPolicy(Qt.NoFocus)
        self.keys_button.clicked.connect(self.edit_keys)
        top = QHBoxLayout()
        for label, widget in (
            ("Stage", self.stage_box),
            ("Order", self.order_box),
            ("Show", self.filter_box),
        ):
            top.addWidget(QLabel(label, self))
            top.addWidget(widget)
        top.addWidget(self.filter_value)
        top.addStretch(1)
        top.addWidget(self.reviewer_button)
        top.addWidget(self.keys_button)

        self.banner = QLabel(self)
        self.banner.setTextFormat(Qt.PlainText)
        set_role(self.banner, "banner")
        self.banner.hide()
        self.view = RecordView(self)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.PlainText)
        self.message.setObjectName("message")
        set_role(self.message, "warning")
        self.message.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
        buttons = self._build_buttons()
        column = QWidget(self)
        col = QVBoxLayout(column)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.view, 1)
        col.addWidget(self.message)
        col.addWidget(buttons)
        self.side = SidePanel(self)
        self.side.changed.connect(self.context.notify)
        self.side.failed.connect(self.show_message)
        self.stopping = StoppingPanel(context, self.stage, self.side)
        self.stopping.sample_screen_requested.connect(self.screen_sample)
        self.side.add_stopping(self.stopping)
        self.splitter = QSplitter(Qt.Horizontal, self)
        column.setMinimumWidth(520)
        self.splitter.addWidget(column)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([660, 340])  # the record gets the room; buttons keep their labels
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)

        self.progress_timer = QTimer(self)
        self.progress_timer.setSingleShot(True)
        self.progress_timer.setInterval(400)  # between key presses, not during them
        self.progress_timer.timeout.connect(self.update_progress)
        self.apply_keys()
        self._update_reviewer_button()
        self.set_review(context.review)

    # -- building -------------------------------------------------------------------------
    def _combo(self, items: dict[str, str], slot) -> QComboBox:
        box = QComboBox(self)
        for key, label in items.items():
            box.addItem(label, key)
        box.currentIndexChanged.connect(slot)
        return box

    def _build_buttons(self) -> QWidget:
        slots = {name: (lambda d=name: self.decide(d)) for name in DECISION_LABELS}
        slots.update(
            {
                f"reason_{n}": (lambda k=n: self.decide_reason(k))
                for n in range(1, MAX_REASON_KEYS + 1)
            }
        )
        slots.update(
            {
                "note": self.edit_note,
                "next": lambda: self.go(self.index + 1),
                "previous": lambda: self.go(self.index - 1),
                "undo": self.context.undo_stack.undo,
                "redo": self.context.undo_stack.redo,
            }
        )
        self.bar = DecisionBar(self, slots)
        self.actions_by_name = self.bar.actions_by_name
        self.buttons = self.bar.buttons
        return self.bar

    def apply_keys(self) -> None:
        """(Re)bind every action to its key from preferences and label the buttons."""
        self.bar.apply_keys()
        self._label_buttons()

    def _label_buttons(self) -> None:
        self.bar.label(self.stage_reasons, self.stage == "full_text")

    # -- reviewer and review --------------------------------------------------------------
    @property
    def reviewer(self) -> str:
        return stored_reviewer()

    def ensure_reviewer(self) -> str | None:
        """The reviewer's name, asked for at first use and kept in preferences."""
        if not self.reviewer:
            name = ReviewerDialog.ask(self)
            if not name:
                return None
            store_reviewer(name)
            self._update_reviewer_button()
            self.reload()  # filters and progress are per reviewer
        return self.reviewer

    def change_reviewer(self) -> None:
        name = ReviewerDialog.ask(self, self.reviewer)
        if name:
            store_reviewer(name)
            self._update_reviewer_button()
            self.reload()

    def _update_reviewer_button(self) -> None:
        self.reviewer_button.setText(f"Reviewer: {self.reviewer or '(not set)'}")
        self.stopping.reviewer = self.reviewer or None
        self.stopping.refresh()

    def edit_keys(self) -> None:
        if KeyPreferencesDialog.ask(self):
            self.apply_keys()

    def set_review(self, review) -> None:
        self.ranking = None
        self.order_chosen = False
        self._set_order_box("imported")
        self.side.set_review(review)
        info = review.setting("packet") if review else None
        self.banner.setVisible(bool(info))
        if info:
            self.banner.setText(
                f"Screening packet for {info.get('reviewer') or 'a reviewer'} from "
                f"{info.get('origin_title')!r} ({STAGE_LABELS[info['stage']].lower()}). "
                "When you have finished, send this file back to be imported."
            )
            self.stage_box.setCurrentIndex(STAGES.index(info["stage"]))
        self._await_model()
        self.reload()

    def _await_model(self) -> None:
        """With a relevant and an irrelevant decision at this stage (and no order chosen by
        the curator), show no record until the first model has ranked the queue."""
        review = self.context.review
        self.awaiting_model = (
            review is not None and not self.order_chosen and trainable(review, self.stage)
        )
        if self.awaiting_model:
            self._set_order_box("relevance")

    def model_failed(self, message: str) -> None:
        """The retrain failed: if the pane was waiting for it, show the queue as imported."""
        if self.awaiting_model:
            self.awaiting_model = False
            if not self.order_chosen:
                self._set_order_box("imported")
            self.reload()
        self.show_message(message)

    def refresh(self, changes: Changes) -> None:
        if self.context.review is None:
            return
        if changes.settings:
            self._load_stage_settings()
            self.side.load_terms()
        if changes.papers and not changes.decisions:
            self.reload()
            return
        if self.record is not None and changes.settings:
            self.show_current()
        elif self.record is not None and changes.decisions:
            self._show_decision()
        if changes.decisions:
            self.progress_timer.start()

    # -- the queue --------------------------------------------------------------------------
    def _load_stage_settings(self) -> None:
        review = self.context.review
        self.highlighter = highlighter(review) if review else Highlighter({})
        self.stage_reasons = reasons(review, self.stage) if review else []
        self._label_buttons()

    def reload(self, keep: int | None = None) -> None:
        """Recompute the queue (stage, order, filter, reviewer) and show a record."""
        review = self.context.review
        self.pending_exclude = False
        self.sample_mode = False
        self._load_stage_settings()
        self._fill_filter_values()
        if review is None:
            self.ids = []
            self.record = None
            self.view.show_message("Open a review to screen its records.")
            return
        if self.awaiting_model:  # the busy state: set_ranking reloads when the model is in
            self.ids, self.index, self.record = [], 0, None
            self.view.show_message(AWAITING_MODEL)
            self.side.relevance.clear("Training the relevance model…")
            self.update_progress()
            return
        keep = keep if keep is not None else (self.record or {}).get("id")
        try:
            self.ids = queue(
                review,
                self.stage,
                reviewer=self.reviewer or None,
                order=self.order,
                seed=self.seed,
                filter=self.filter,
                decision=self.filter_value.currentData() if self.filter == "decision" else None,
                reason_id=self.filter_value.currentData() if self.filter == "reason" else None,
                scores=(self.ranking.ids, self.ranking.scores)
                if self.ranking is not None
                else None,
            )
        except CuratorError as exc:
            self.ids = []
            self.show_message(str(exc))
        self.index = self.ids.index(keep) if keep in self.ids else 0
        self.show_current()
        self.update_progress()

    def _fill_filter_values(self) -> None:
        self.filter_value.blockSignals(True)
        self.filter_value.clear()
        if self.filter == "decision":
            for name in FILTER_DECISIONS:
                self.filter_value.addItem(DECISION_LABELS[name], name)
        elif self.filter == "reason":
            for found in self.stage_reasons:
                self.filter_value.addItem(found["label"], found["id"])
        self.filter_value.setVisible(self.filter in ("decision", "reason"))
        self.filter_value.blockSignals(False)

    def _on_stage_changed(self) -> None:
        self.stage = self.stage_box.currentData()
        self.record = None
        self.ranking = None  # a model belongs to a stage; the worker retrains for this one
        if not self.order_chosen and self.order == "relevance":
            self._set_order_box("imported")
        self.stopping.set_stage(self.stage)
        self._await_model()
        self.reload()
        self.stage_changed.emit(self.stage)

    def _on_filter_changed(self) -> None:
        self.filter = self.filter_box.currentData()
        self.reload()

    def _on_view_changed(self) -> None:
        if self.sender() is self.order_box:
            self.order_chosen = True  # the curator's choice stands from now on
        self.order = self.order_box.currentData()
        if self.order != "relevance":
            self.awaiting_model = False  # the curator's order needs no model
        self.reload()

    def go(self, index: int) -> None:
        self.pending_exclude = False
        self.pending_note = ""
        self.index = max(0, min(index, len(self.ids)))
        self.show_current()

    def _empty_message(self, review) -> str:
        """Why the list is empty, and where to go: after a team's decisions came along with
        an import (Rayyan, Covidence), "Undecided" is empty and the conflicts wait elsewhere."""
        where = STAGE_LABELS[self.stage].lower()
        mine = progress(review, self.stage, self.reviewer or None)
        if self.filter == "undecided" and mine.total and not mine.remaining:
            whose = "your decision" if self.reviewer else "a decision"
            text = f"Nothing left to decide at {where}: all {mine.total} records have {whose}."
            team = progress(review, self.stage, None) if self.reviewer else mine
            conflicts = team.conflicts
            if conflicts:
                one = conflicts == 1
                text += (
                    f" {conflicts} record{'' if one else 's'} where reviewers disagree "
                    f"{'waits' if one else 'wait'} in the Conflicts tab."
                )
            if self.stage == "title_abstract" and (mine.included or mine.maybe):
                text += " The included and maybe records go on to full text: Stage ▸ Full text."
            return text
        hint = (
            " Include or mark records maybe at title/abstract first."
            if self.stage == "full_text" and self.filter in ("all", "undecided")
            else " Choose another filter to see more."
        )
        return f"No records to show at {where} with this filter.{hint}"

    def show_current(self) -> None:
        """Show the record at `index` (or say why there is none)."""
        review = self.context.review
        self.message.clear()
        if review is None:
            return
        if not self.ids:
            self.record = None
            self.view.show_message(self._empty_message(review))
            self._show_relevance()
            return
        if self.index >= len(self.ids):
            self.record = None
            self.view.show_message(
                f"End of this list ({len(self.ids)} records). Press "
                f"{self.actions_by_name['previous'].shortcut().toString()} to go back, or "
                "choose another filter."
            )
            self._show_relevance()
            return
        self.record = screening_record(review, self.ids[self.index])
        self.view.show_record(
            self.record,
            self.highlighter,
            f"Record {self.index + 1} of {len(self.ids)} · id {self.record['id']}",
        )
        self._show_decision()
        self._show_relevance()

    def _show_decision(self) -> None:
        mine = (
            current_decision(self.context.review, self.record["id"], self.stage, self.reviewer)
            if self.reviewer
            else None
        )
        if mine is None:
            text = "Your decision: none yet"
            note = self.pending_note
        else:
            text = f"Your decision: {DECISION_LABELS.get(mine['decision'], mine['decision'])}"
            if mine["reason_id"]:
                label = next(
                    (
                        r["label"]
                        for r in reasons(self.context.review, self.stage, active_only=False)
                        if r["id"] == mine["reason_id"]
                    ),
                    "",
                )
                text += f" ({label})"
            note = mine["note"] or ""
        self.view.show_decision(text, note)

    # -- deciding -----------------------------------------------------------------------------
    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.status_changed.emit(text)

    def decide(self, decision: str, reason_id: int | None = None) -> None:
        if self.record is None or self.ensure_reviewer() is None:
            return
        if decision == "not_retrieved" and self.stage != "full_text":
            self.show_message("Only a full-text report can be marked not retrieved.")
            return
        if decision == "exclude" and reason_id is None and self.stage == "full_text":
            self.pending_exclude = True
            count = len(self.stage_reasons)
            self.show_message(f"An exclusion at full text needs a reason: press 1–{min(count, 9)}.")
            return
        mine = current_decision(self.context.review, self.record["id"], self.stage, self.reviewer)
        note = self.pending_note or (mine["note"] if mine else None) or None
        item = Decision(self.record["id"], self.stage, decision, reason_id, note, self.reviewer)
        try:
            push_decisions(
                self.context,
                [item],
                self.reviewer,
                f"{DECISION_LABELS[decision]} record",
                applied=self.on_command_applied,
            )
        except CuratorError as exc:
            self.show_message(str(exc))

    def decide_reason(self, number: int) -> None:
        found = self.stage_reasons[number - 1] if number <= len(self.stage_reasons) else None
        if found is None:
            self.show_message(f"There is no exclusion reason {number} at this stage.")
            return
        self.pending_exclude = False
        self.decide("exclude", found["id"])

    def on_command_applied(self, paper_ids: list[int], undone: bool) -> None:
        """After a command ran: advance past the record decided, or go back to it on undo."""
        self.pending_note = ""
        self.pending_exclude = False
        if len(paper_ids) > 1:  # a bulk decision (packet, top N): the filter may differ now
            self.reload()
            return
        if not paper_ids or paper_ids[0] not in self.ids:
            return
        position = self.ids.index(paper_ids[0])
        self.go(position if undone else position + 1)

    def edit_note(self) -> None:
        if self.record is None or self.ensure_reviewer() is None:
            return
        mine = current_decision(self.context.review, self.record["id"], self.stage, self.reviewer)
        note = NoteDialog.ask(self, (mine["note"] if mine else self.pending_note) or "")
        if note is None:
            return
        if mine is None:
            self.pending_note = note.strip()
            self._show_decision()
            self.show_message("The note will be saved with your decision on this record.")
            return
        item = Decision(
            self.record["id"],
            self.stage,
            mine["decision"],
            mine["reason_id"],
            note.strip() or None,
            self.reviewer,
        )
        push_decisions(self.context, [item], self.reviewer, "Note on record")

    def update_progress(self) -> None:
        review = self.context.review
        if review is None:
            return
        found = {stage: progress(review, stage, self.reviewer or None) for stage in STAGES}
        curve = inclusion_curve(review, self.stage, self.reviewer or None)
        self.side.show_progress(found, curve, found[self.stage].total)
        here = found[self.stage]
        if not self.reviewer:  # the team's counts are the status bar's own, on its right
            self.status_changed.emit(NO_REVIEWER)
            return
        self.status_changed.emit(
            f"{self.reviewer} · {STAGE_LABELS[self.stage]}: {here.screened} screened, "
            f"{here.remaining} remaining, {here.included} included"
            + (f", {here.maybe} maybe" if here.maybe else "")
        )
