"""StoppingPanel: the run of excludes and the statistical stopping estimate for one stage.

It reads curator.core.ranking.stopping.status (cheap SQL and a few hypergeometric terms) on the GUI
thread, after a pause in the decisions (a debounce), never inside a key press. Drawing a random sample and recording an early stop are undoable edits
(ranking/edits.py); neither
excludes anything: the curator decides.
"""

from __future__ import annotations

import random

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from curator.core.changes import Changes
from curator.core.errors import CuratorError
from curator.core.ranking import stopping
from curator.gui.context import AppContext
from curator.gui.ranking import edits


def _value(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class StoppingPanel(QWidget):
    """Call `refresh()` after decisions; `sample_screen_requested` asks the pane to show the
    sample's records (their ids, in drawn order) for screening."""

    sample_screen_requested = Signal(list)

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
        self.stop_button = QPushButton("Record early stop…")
        self.stop_button.setToolTip(
            "Note for the PRISMA report that screening stopped here, and why"
        )
        self.stop_button.clicked.connect(self._on_stop_clicked)

        form = QFormLayout()
        form.addRow("Excludes in a row:", self.run_label)
        form.addRow("Screened:", self.progress_label)
        form.addRow("Test recall ≥", self.target)
        form.addRow("at confidence", self.confidence)
        box = QGroupBox("Stopping estimate")
        inner = QVBoxLayout(box)
        inner.addLayout(form)
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
        act_row.addWidget(self.stop_button)
        act_row.addStretch(1)
        inner.addLayout(act_row)
        inner.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)
        layout.addStretch(1)
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
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._stale:
            self._stale = False
            self.refresh()
        super().showEvent(event)

    def _on_context_changed(self, changes: Changes) -> None:
        if not self.isVisible():
            self._stale = True
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
        ):
            widget.setEnabled(enabled)
        if review is None:
            self.state = None
            self.run_label.setText("–")
            self.progress_label.setText("No review open")
            self.verdict_label.setText("")
            self.estimate_label.setText("")
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
        self.progress_label.setText(
            f"{state.screened:,} of {state.screened + state.unscreened:,}; "
            f"{state.relevant_seen:,} relevant found, {state.unscreened:,} to go"
        )
        self.sample_size.setMaximum(max(state.unscreened, 1))
        self.sample_size.setValue(max(min(state.sample_needed, state.unscreened), 1))
        self.draw_button.setEnabled(state.unscreened > 0)
        self.screen_button.setEnabled(bool(state.sample_ids))
        test = state.test
        if test is None:
            self.verdict_label.setText(
                "No random sample yet. To test whether you may stop, screen a random sample of "
                f"the records not yet screened: {state.sample_needed:,} records; if none of them "
                "is relevant, the test supports stopping."
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

    # -- acting ----------------------------------------------------------------------------
    def _on_draw_clicked(self) -> None:
        review, stage, size = self.context.review, self.stage, self.sample_size.value()
        if review is None:
            return
        seed = random.SystemRandom().randrange(2**31)
        self._edit(edits.draw_sample, stage, size, seed)

    def _edit(self, edit, *args) -> None:
        """Run one undoable edit; a refused one says why where the verdict is shown."""
        try:
            edit(self.context, *args)
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
        review, stage = self.context.review, self.stage
        if review is None:
            return
        reason = self.ask_reason(self)
        if not reason or not reason.strip():
            return
        self._edit(edits.record_stop, stage, reason)
