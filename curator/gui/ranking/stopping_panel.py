"""StoppingPanel: the reviewer's guide to when to stop screening one stage.

It reads curator.core.ranking.stopping.status (cheap SQL and a few hypergeometric terms) on
the GUI thread, after a pause in the decisions (a debounce), never inside a key press: the
stopping test on the ranked order, what would let it say stop, the run of excludes and the
optional random-sample test. Drawing a random sample and recording the decision to stop are
undoable edits (ranking/edits.py); neither excludes anything: the curator decides.
"""

from __future__ import annotations

import random

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from curator.core.changes import Changes
from curator.core.errors import CuratorError
from curator.core.ranking import stopping
from curator.gui.context import AppContext
from curator.gui.ranking import edits
from curator.gui.style import set_role


def _value(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class StoppingPanel(QWidget):
    """Call `refresh()` after decisions; `sample_screen_requested` asks the pane to show the
    sample's records (their ids, in drawn order) for screening.

    On top, the guide: how far screening is, what the test on the ranked order says now, how
    many more records (if irrelevant) would let it say stop, the one-click record of the stop
    and the sentence for the methods section. Below, the optional check on a random sample."""

    sample_screen_requested = Signal(list)
    summary_changed = Signal(str)  # a short title for the tab that holds the panel

    def __init__(
        self, context: AppContext, stage: str = "title_abstract", parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.context, self.stage = context, stage
        self.reviewer: str | None = None  # whose run of excludes to count (None: review.who)
        self.state: stopping.StoppingStatus | None = None
        self.run_label = _value()
        self.progress_label = _value()
        self.target = QDoubleSpinBox(suffix=" %", decimals=0, minimum=50, maximum=99, value=95)
        self.confidence = QDoubleSpinBox(suffix=" %", decimals=0, minimum=50, maximum=99, value=95)
        for box, tip in (
            (self.target, "Recall to test for"),
            (self.confidence, "Confidence of the test"),
        ):
            box.setToolTip(tip)
            box.valueChanged.connect(self.refresh)
        self.guide_label = _value()
        self.guide_label.setObjectName("stoppingGuide")
        set_role(self.guide_label, "verdict")
        self.next_label = _value()
        self.methods_label = _value()
        self.methods_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_role(self.methods_label, "hint")
        self.copy_button = QPushButton("Copy sentence")
        self.copy_button.setToolTip("Copy the methods sentence to the clipboard")
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.verdict_label = _value()
        self.estimate_label = _value()
        self.sample_size = QSpinBox(minimum=1, maximum=1)
        self.sample_size.setToolTip("Records to draw at random from those not yet screened")
        self.draw_button = QPushButton("Draw random sample")
        self.draw_button.clicked.connect(self._on_draw_clicked)
        self.screen_button = QPushButton("Screen sample")
        self.screen_button.clicked.connect(
            lambda: self.sample_screen_requested.emit(
                list(self.state.sample_ids) if self.state else []
            )
        )
        self.stop_button = QPushButton("Record decision to stop")
        self.stop_button.setToolTip(
            "Note for the PRISMA report and the methods section that screening stopped here "
            "(nothing is excluded; when the test has not passed you are asked why)"
        )
        self.stop_button.clicked.connect(self._on_stop_clicked)

        form = QFormLayout()
        form.addRow("Screened:", self.progress_label)
        form.addRow("Test recall ≥", self.target)
        form.addRow("at confidence", self.confidence)
        form.addRow("Excludes in a row:", self.run_label)
        guide = QGroupBox("When to stop")
        inner = QVBoxLayout(guide)
        inner.addLayout(form)
        inner.addWidget(self.guide_label)
        inner.addWidget(self.next_label)
        methods_title = QLabel("For the methods section:")
        inner.addWidget(methods_title)
        inner.addWidget(self.methods_label)
        stop_row = QHBoxLayout()
        stop_row.addWidget(self.stop_button)
        stop_row.addWidget(self.copy_button)
        stop_row.addStretch(1)
        inner.addLayout(stop_row)

        # The random-sample check is a second opinion: folded away until asked for or drawn.
        self.sample_toggle = QPushButton("▸ Check on a random sample (optional)")
        self.sample_toggle.setCheckable(True)
        self.sample_toggle.toggled.connect(
            lambda shown: self.sample_toggle.setText(
                f"{'▾' if shown else '▸'} Check on a random sample (optional)"
            )
        )
        self.sample_toggle.setFlat(True)
        set_role(self.sample_toggle, "disclosure")
        self.sample_box = box = QGroupBox()
        self.sample_toggle.toggled.connect(box.setVisible)
        box.setVisible(False)
        inner = QVBoxLayout(box)
        inner.addWidget(self.verdict_label)
        inner.addWidget(self.estimate_label)
        # Two short rows, so the panel fits a side panel of ~320 px.
        sample_row = QHBoxLayout()
        sample_row.addWidget(self.sample_size)
        sample_row.addWidget(self.draw_button)
        sample_row.addStretch(1)
        inner.addLayout(sample_row)
        act_row = QHBoxLayout()
        act_row.addWidget(self.screen_button)
        act_row.addStretch(1)
        inner.addLayout(act_row)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(guide)
        column.addWidget(self.sample_toggle)
        column.addWidget(box)
        column.addStretch(1)
        scroll = QScrollArea()  # the tab can be shorter than the guide on small screens
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setSingleShot(True)
        self.refresh_timer.setInterval(400)
        self.refresh_timer.timeout.connect(self.refresh)
        self._stale = False
        context.review_opened.connect(lambda _review: self._refresh_when_seen())
        context.changed.connect(self._on_context_changed)
        self.refresh()

    # -- reading ---------------------------------------------------------------------------
    def set_stage(self, stage: str) -> None:
        self.stage = stage
        self.refresh()

    def _refresh_when_seen(self) -> None:
        """Refresh now if the panel is on screen, else when it is next shown (the test
        loads SciPy and reads every decision: not work for a hidden tab at review open)."""
        if self.isVisible():
            self.refresh()
        else:
            self._mark_stale()

    def _mark_stale(self) -> None:
        """Refresh when next shown; meanwhile the tab's title claims nothing."""
        self._stale = True
        self.summary_changed.emit("Stopping")

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._stale:
            self._stale = False
            self.refresh()
        super().showEvent(event)

    def _on_context_changed(self, changes: Changes) -> None:
        if not self.isVisible():
            self._mark_stale()
            return
        if changes.settings:
            self.refresh()
        elif changes.decisions or changes.papers:
            self.refresh_timer.start()  # between key presses, not during them

    def refresh(self) -> None:
        review = self.context.review
        enabled = review is not None
        for widget in (
            self.draw_button,
            self.sample_size,
            self.stop_button,
            self.target,
            self.confidence,
            self.copy_button,
        ):
            widget.setEnabled(enabled)
        if review is None:
            self.state = None
            self.run_label.setText("–")
            self.progress_label.setText("No review open")
            for label in (
                self.guide_label,
                self.next_label,
                self.methods_label,
                self.verdict_label,
                self.estimate_label,
            ):
                label.setText("")
            self.screen_button.setEnabled(False)
            return
        state = stopping.status(
            review,
            self.stage,
            target=self.target.value() / 100,
            confidence=self.confidence.value() / 100,
            reviewer=self.reviewer,
        )
        self.state = state
        self.run_label.setText(f"{state.consecutive_excludes:,}")
        total = state.screened + state.unscreened
        self.progress_label.setText(
            f"{state.screened:,} of {total:,} ({state.screened / max(total, 1):.0%}); "
            f"{state.relevant_seen:,} relevant found, {state.unscreened:,} to go"
        )
        self._show_guide(state)
        self._show_sample(state)

    def _show_guide(self, state: stopping.StoppingStatus) -> None:
        test = state.ranked
        recorded = stopping.stop_record(self.context.review, self.stage)
        self.summary_changed.emit(
            "Stopping"
            if test is None or not state.unscreened
            else "Stopping: may stop"
            if test.can_stop
            else f"Stopping: {test.more_to_stop:,} to go"
        )
        if test is None:
            self.guide_label.setText("Nothing to screen at this stage yet.")
            self.next_label.setText("")
        elif not state.unscreened:
            self.guide_label.setText("Every record is screened.")
            self.next_label.setText("")
        elif test.can_stop:
            self.guide_label.setText(
                f"The stopping test says you may stop: recall below {test.target:.0%} is "
                f"rejected (p = {test.p_value:.3f})."
            )
            self.next_label.setText(
                f"Screening more is never wrong; the test counted the last {test.window:,} "
                "records screened as its sample."
            )
        else:
            self.guide_label.setText(
                f"Keep screening: recall below {test.target:.0%} is not ruled out yet "
                f"(p = {test.p_value:.3f})."
            )
            self.next_label.setText(
                f"If the next {test.more_to_stop:,} records, in relevance order, are all "
                "irrelevant, the test will say stop; each relevant one moves that further."
            )
        if recorded:
            self.stop_button.setText("Record decision to stop again")
            sentence = recorded.get("methods") or recorded.get("reason", "")
            self.methods_label.setText(f"Stop recorded: {sentence}")
        else:
            self.stop_button.setText("Record decision to stop")
            self.methods_label.setText(stopping.methods_sentence(state))

    def _show_sample(self, state: stopping.StoppingStatus) -> None:
        self.sample_size.setMaximum(max(state.unscreened, 1))
        self.sample_size.setValue(max(min(state.sample_needed, state.unscreened), 1))
        self.draw_button.setEnabled(state.unscreened > 0)
        self.screen_button.setEnabled(bool(state.sample_ids))
        test = state.test
        if test is not None:
            self.sample_toggle.setChecked(True)  # a drawn sample is always in view
        if test is None:
            self.verdict_label.setText(
                "No random sample yet. For a second check, screen a random sample of "
                f"{state.sample_needed:,} records not yet screened; if none of them is "
                "relevant, this test supports stopping too."
                if state.unscreened
                else "Every record is screened."
            )
            self.estimate_label.setText("")
            return
        still = len(state.sample_ids)
        if test.can_stop:
            verdict = f"You may stop: recall below {test.target:.0%} is rejected (p = {test.p_value:.3f})."
        else:
            verdict = f"Keep screening: recall below {test.target:.0%} is not ruled out (p = {test.p_value:.3f})."
        self.verdict_label.setText(
            f"Sample: {test.sample_size:,} screened, {test.sample_relevant:,} relevant"
            f"{f', {still:,} still to screen' if still else ''}. {verdict}"
        )
        self.estimate_label.setText(
            f"Relevant records still unseen: about {test.missed_estimate:.{0 if test.missed_estimate == 0 else 1}f}, "
            f"at most {test.missed_upper:,} ({test.confidence:.0%} confidence)."
            if test.sample_size
            else ""
        )

    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(
            self.methods_label.text().removeprefix("Stop recorded: ")
        )

    # -- acting ----------------------------------------------------------------------------
    def _on_draw_clicked(self) -> None:
        review, stage, size = self.context.review, self.stage, self.sample_size.value()
        if review is None:
            return
        seed = random.SystemRandom().randrange(2**31)
        self._edit(edits.draw_sample, stage, size, seed)

    def _edit(self, edit, *args, **options) -> None:
        """Run one undoable edit; a refused one says why where the verdict is shown."""
        try:
            edit(self.context, *args, **options)
        except CuratorError as exc:
            self.verdict_label.setText(str(exc))

    @classmethod
    def ask_reason(cls, parent: QWidget) -> str | None:
        """Ask why screening stops (tests replace this)."""
        text, ok = QInputDialog.getText(
            parent,
            "Record early stop",
            "Why does screening stop here? (quoted in the PRISMA report)",
        )
        return text if ok else None

    def _on_stop_clicked(self) -> None:
        """One click when the test has passed (its result is the reason); otherwise ask why."""
        review, stage = self.context.review, self.stage
        if review is None:
            return
        if self.state is None or self.state.stage != stage:
            self.refresh()
        reason = stopping.passed_reason(self.state) if self.state else None
        if reason is None:
            reason = self.ask_reason(self)
        if not reason or not reason.strip():
            return
        target, confidence = self.target.value() / 100, self.confidence.value() / 100
        self._edit(edits.record_stop, stage, reason, target=target, confidence=confidence)
