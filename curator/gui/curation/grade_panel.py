"""The claim form's GRADE group: starting level, the eight domains, the certainty they give.

A checkable group (Alt+G opens it): the starting level (from the linked papers' designs, or
the curator's High / Low with a reason), the five domains that rate down and the three that
rate up (each a judgement and a reason), and the certainty computed from them, updated on
every edit (`curator.core.curation.grade`). Everything is typed: Tab walks judgement, reason,
next judgement; a judgement is chosen by typing its first letters.
"""

from __future__ import annotations

import textwrap

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from curator.core.curation import claims, grade
from curator.core.review import Review
from curator.gui.curation.widgets import ErrorLabel, plain_label
from curator.gui.style import set_role

START_CHOICES = (("auto", "From the designs"), ("high", "High"), ("low", "Low"))


def _bold(label: QLabel) -> QLabel:
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class GradePanel(QGroupBox):
    """The GRADE part of a claim; `changed` fires on every edit a curator makes in it."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__("&GRADE certainty (optional)", parent)
        self.setCheckable(True)
        self.setChecked(False)
        self.setFlat(True)
        self.toggled.connect(lambda on: self.setFlat(not on))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 4, 8, 4)
        self.body = QWidget()
        grid = QGridLayout(self.body)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        self.start = QComboBox()
        self.start.setAccessibleName("Starting level")
        # Its first item gains "(High)" or "(Low)" when papers are linked: keep it whole.
        self.start.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for value, text in START_CHOICES:
            self.start.addItem(text, value)
        self.start_reason = QLineEdit(placeholderText="Why it starts here (needed for High or Low)")
        self.start_reason.setAccessibleName("Starting level reason")
        self.start_reason.setMinimumWidth(140)
        self.start.currentIndexChanged.connect(self._on_edited)
        self.start_reason.textEdited.connect(self._on_edited)
        grid.addWidget(plain_label("Starting level", wrap=False), 0, 0)
        grid.addWidget(self.start, 0, 1)
        grid.addWidget(self.start_reason, 0, 2)
        self.start_why = plain_label()
        set_role(self.start_why, "secondary")
        self.start_why.setAccessibleName("Starting level from the designs")
        grid.addWidget(self.start_why, 1, 1, 1, 2)
        self.start_error = ErrorLabel()
        grid.addWidget(self.start_error, 2, 1, 1, 2)
        self.fields: dict[str, tuple[QComboBox, QLineEdit]] = {}
        row = 3
        for key, label, judgements in claims.GRADE_DOMAINS:
            if key in (grade.DOWN_DOMAINS[0], grade.UP_DOMAINS[0]):
                title = "Rating down" if key == grade.DOWN_DOMAINS[0] else "Rating up"
                grid.addWidget(_bold(plain_label(title, wrap=False)), row, 0)
                row += 1
            combo = QComboBox()
            combo.setAccessibleName(f"{label} judgement")
            combo.addItem("—", None)
            for judgement in judgements:
                combo.addItem(judgement, judgement)
            reason = QLineEdit(placeholderText="Reason")
            reason.setAccessibleName(f"{label} reason")
            reason.setMinimumWidth(140)
            reason.textChanged.connect(reason.setToolTip)  # the whole reason, however long
            combo.currentIndexChanged.connect(self._on_edited)
            reason.textEdited.connect(self._on_edited)
            # Unwrapped, so no label is ever cut; the one long name on two lines of its own.
            name = plain_label(textwrap.fill(label, 24), wrap=False)
            name.setToolTip(label)
            grid.addWidget(name, row, 0)
            grid.addWidget(combo, row, 1)
            grid.addWidget(reason, row, 2)
            self.fields[key] = (combo, reason)
            row += 1
        grid.addWidget(_bold(plain_label("Certainty", wrap=False)), row, 0)
        self.certainty = _bold(plain_label(wrap=False))
        self.certainty.setAccessibleName("GRADE certainty")
        grid.addWidget(self.certainty, row, 1)
        self.explanation = plain_label()
        set_role(self.explanation, "secondary")
        self.explanation.setAccessibleName("How the certainty was reached")
        grid.addWidget(self.explanation, row, 2)
        grid.setColumnStretch(2, 1)
        outer.addWidget(self.body)
        self.body.setVisible(False)
        self.toggled.connect(self.body.setVisible)
        self.toggled.connect(self._on_edited)
        self._loading = False
        self.profile: grade.Profile | None = None

    # -- values ---------------------------------------------------------------------------
    def set_values(self, grades: dict, start: str | None, start_reason: str | None) -> None:
        """Show a saved claim's judgements and starting override (None: from the designs)."""
        self._loading = True
        for key, (combo, reason) in self.fields.items():
            entry = grades.get(key, {})
            combo.setCurrentIndex(max(0, combo.findData(entry.get("judgement"))))
            reason.setText(entry.get("reason") or "")
            reason.setCursorPosition(0)  # show a long reason from its start
        self.start.setCurrentIndex(max(0, self.start.findData(start or "auto")))
        self.start_reason.setText(start_reason or "")
        self.start_reason.setCursorPosition(0)
        self.start_error.show_message(None)
        self.setChecked(bool(grades) or bool(start))
        self._loading = False

    def grades(self) -> dict:
        if not self.isChecked():
            return {}
        return {
            key: (combo.currentData(), reason.text())
            for key, (combo, reason) in self.fields.items()
        }

    def start_values(self) -> tuple[str, str | None]:
        """("auto" | "high" | "low", reason); "auto" when the group is closed."""
        if not self.isChecked():
            return "auto", None
        return self.start.currentData(), self.start_reason.text()

    def validate(self) -> str | None:
        """Why the starting level cannot be saved (shown under it), or None."""
        start, reason = self.start_values()
        message = None
        if start != "auto" and not (reason or "").strip():
            message = f"say why the evidence starts {start} rather than from the papers' designs"
        self.start_error.show_message(message)
        return message

    # -- the computed certainty -----------------------------------------------------------
    def update_certainty(self, review: Review | None, papers: list[int], relations: list) -> None:
        """Recompute the starting level and certainty from the form's current values."""
        if review is None:
            return
        grades = {
            key: {"judgement": judgement, "reason": reason}
            for key, (judgement, reason) in self._all_grades().items()
        }
        start, reason = self.start.currentData(), self.start_reason.text()
        auto = grade.profile(review, papers, relations, grades)
        shown = grade.profile(review, papers, relations, grades, start, reason)
        self.profile = shown
        self.start.setItemText(
            0, f"From the designs ({auto.start.capitalize()})" if auto.start else "From the designs"
        )
        self.start_why.setText(f"The linked papers' designs: {auto.start_why}")
        if shown.certainty is None:
            self.certainty.setText("—")
            self.explanation.setText(shown.start_why)
            return
        self.certainty.setText(shown.certainty)
        mapped = (
            ""
            if shown.strength == shown.certainty
            else f"; {shown.strength} on this review's scale"
        )
        lines = [f"Starts {shown.start}, {shown.moves()}{mapped}", *shown.notes]
        if shown.not_judged and len(shown.not_judged) < len(claims.GRADE_DOMAINS):
            names = ", ".join(claims.GRADE_LABELS[k] for k in shown.not_judged)
            lines.append(f"Not judged yet: {names}")
        self.explanation.setText("\n".join(lines))
        # Word-wrapped labels in a grid get too little height: keep room for every line.
        spacing = self.explanation.fontMetrics().lineSpacing()
        self.explanation.setMinimumHeight(spacing * len(lines) + 4)

    def _all_grades(self) -> dict:
        return {
            key: (combo.currentData(), reason.text())
            for key, (combo, reason) in self.fields.items()
        }

    def _on_edited(self, *_args) -> None:
        if not self._loading:
            self.changed.emit()
