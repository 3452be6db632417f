"""The form for one claim: text, strength (with Curator's suggestion), reasoning, linked papers, GRADE.

Nothing is written until Save (Ctrl+S), which is one undoable edit. A field that cannot be
saved says why under it: an empty text, no linked paper, a strength not on the scale, a
GRADE starting level overridden without a reason. Linked papers are edited in a LinksEditor
(search-as-you-type picker, ordered table); GRADE in a GradePanel, whose certainty is
recomputed on every edit and shown beside the strength, on the review's scale.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from curator.core.curation import claims
from curator.core.curation.evidence import suggest_strength
from curator.core.errors import ValidationError
from curator.gui import icons
from curator.gui.context import AppContext
from curator.gui.curation import edits
from curator.gui.curation.grade_panel import GradePanel
from curator.gui.curation.links_editor import LinksEditor
from curator.gui.curation.widgets import ErrorLabel, heading, plain_label, push_button, shortcut
from curator.gui.style import set_role


class ClaimForm(QWidget):
    saved = Signal(int)  # the claim's id

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.claim_id: int | None = None
        self.dirty = False
        self._loading = False
        layout = QVBoxLayout(self)
        self.heading = heading("New claim")
        layout.addWidget(self.heading)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Claim text")
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText("What the evidence shows, in one sentence")
        self.text.setFixedHeight(62)
        self.text_error = ErrorLabel()
        form.addRow("Claim &text", self._stack(self.text, self.text_error))
        self.strength = QComboBox()
        self.strength.setAccessibleName("Evidence strength")
        self.strength.setPlaceholderText("Choose a strength")
        self.use_suggestion = push_button(
            "&Use suggestion", icons.SUGGEST, "Set the strength Curator suggests"
        )
        self.use_suggestion.clicked.connect(self._on_use_suggestion)
        self.suggestion = plain_label()
        set_role(self.suggestion, "suggestion")
        self.suggestion.setAccessibleName("Suggested strength")
        # Word-wrapped labels in a form get too little height; keep room for three lines.
        self.suggestion.setMinimumHeight(self.suggestion.fontMetrics().lineSpacing() * 3 + 4)
        self.certainty_hint = plain_label()
        self.certainty_hint.setAccessibleName("GRADE certainty on the strength scale")
        self.strength_error = ErrorLabel()
        row = QHBoxLayout()
        row.addWidget(self.strength, 1)
        row.addWidget(self.use_suggestion)
        form.addRow(
            "&Strength",
            self._stack(row, self.suggestion, self.certainty_hint, self.strength_error),
        )
        self.reasoning = QPlainTextEdit()
        self.reasoning.setAccessibleName("Reasoning")
        self.reasoning.setTabChangesFocus(True)
        self.reasoning.setPlaceholderText("Why the evidence has this strength")
        self.reasoning.setFixedHeight(62)
        form.addRow("&Reasoning", self.reasoning)
        layout.addLayout(form)
        self.links_editor = LinksEditor(self.context)
        self.links_editor.changed.connect(self._on_links_changed)
        # The parts tests and shortcuts reach directly.
        self.picker, self.completer = self.links_editor.picker, self.links_editor.completer
        self.table, self.papers_error = self.links_editor.table, self.links_editor.error
        layout.addWidget(self.links_editor, 1)
        self.grade_box = GradePanel()
        self.grade_fields = self.grade_box.fields  # domain -> (judgement, reason)
        self.grade_box.changed.connect(self._on_grade_changed)
        layout.addWidget(self.grade_box)
        buttons = QHBoxLayout()
        self.status = plain_label()
        buttons.addWidget(self.status, 1)
        self.revert = QPushButton("Re&vert")
        self.revert.clicked.connect(lambda: self.load(self.claim_id))
        self.save_button = push_button("Save", icons.SAVE, "Save the claim (Ctrl+S)")
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.revert)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        shortcut(
            QKeySequence.StandardKey.Save,
            self,
            self.save,
            Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.text.textChanged.connect(self._mark_dirty)
        self.reasoning.textChanged.connect(self._mark_dirty)
        self.strength.currentIndexChanged.connect(self._mark_dirty)
        self.strength.currentIndexChanged.connect(self._show_certainty)
        self.reload_choices()
        self.load(None)

    @staticmethod
    def _stack(*parts) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        for part in parts:
            column.addLayout(part) if isinstance(part, QHBoxLayout) else column.addWidget(part)
        return box

    # -- loading --------------------------------------------------------------------------
    def reload_choices(self) -> None:
        """The strength scale and the included papers the picker offers."""
        review = self.context.review
        keep = self.strength.currentText()
        self.strength.blockSignals(True)
        self.strength.clear()
        if review is not None:
            self.strength.addItems(claims.strength_scale(review))
        self.strength.setCurrentIndex(self.strength.findText(keep))
        self.strength.blockSignals(False)
        self.links_editor.reload_choices()

    def load(self, claim_id: int | None) -> None:
        """Show claim `claim_id` (None: an empty form for a new claim); discards unsaved edits."""
        review = self.context.review
        self._loading = True
        self.claim_id = claim_id
        claim = (
            claims.get_claim(review, claim_id)
            if (review is not None and claim_id is not None)
            else None
        )
        self.reload_choices()
        self.text.setPlainText(claim["text"] if claim else "")
        self.reasoning.setPlainText((claim["reasoning"] or "") if claim else "")
        strength = claim["strength"] if claim else None
        index = self.strength.findText(strength) if strength else -1
        if strength and index < 0:  # graded before the scale changed: show it, marked
            self.strength.addItem(f"{strength} (not on the scale)")
            index = self.strength.count() - 1
        self.strength.setCurrentIndex(index)
        self.links_editor.set_links(
            claim["papers"] if claim else [], claim["relations"] if claim else []
        )
        self.grade_box.set_values(
            claim["grades"] if claim else {},
            claim["grade_start"] if claim else None,
            claim["grade_start_reason"] if claim else None,
        )
        self.heading.setText(self._heading())
        for label in (self.text_error, self.strength_error, self.papers_error):
            label.show_message(None)
        self.status.setText("")
        self.update_suggestion()
        self.setEnabled(review is not None)
        self._loading = False
        self.dirty = False

    def _heading(self) -> str:
        if self.claim_id is None:
            return "New claim"
        number = claims.claim_ids(self.context.review).index(self.claim_id) + 1
        return f"Claim {number}"

    def update_suggestion(self) -> None:
        review = self.context.review
        if review is None:
            return
        suggestion = suggest_strength(
            review, self.links_editor.papers(), self.links_editor.relations()
        )
        self._suggested = suggestion.strength
        prefix = "Suggested: " if suggestion.strength else ""
        self.suggestion.setText(prefix + suggestion.explain())
        self.use_suggestion.setEnabled(suggestion.strength is not None)
        self.update_certainty()

    def update_certainty(self) -> None:
        """Recompute the GRADE starting level and certainty from the form as it stands."""
        self.grade_box.update_certainty(
            self.context.review, self.links_editor.papers(), self.links_editor.relations()
        )
        self._show_certainty()

    def _show_certainty(self, *_args) -> None:
        """Beside the strength: the GRADE certainty and where it falls on the review's scale."""
        shown = self.grade_box.profile
        if not self.grade_box.isChecked() or shown is None or shown.certainty is None:
            self.certainty_hint.setVisible(False)
            return
        text = f"GRADE certainty: {shown.certainty}"
        if shown.strength != shown.certainty:
            text += f" ({shown.strength} on this review's scale)"
        chosen = self.strength.currentText() if self.strength.currentIndex() >= 0 else ""
        if chosen and chosen != shown.strength:
            text += f"; the strength chosen is {chosen}"
        self.certainty_hint.setText(text)
        self.certainty_hint.setVisible(True)

    def _on_grade_changed(self) -> None:
        self._mark_dirty()
        self.update_certainty()

    @property
    def links(self) -> list[list]:
        return self.links_editor.links

    def _on_links_changed(self) -> None:
        self._mark_dirty()
        self.update_suggestion()

    def _on_use_suggestion(self) -> None:
        if self._suggested:
            self.strength.setCurrentIndex(self.strength.findText(self._suggested))

    def _mark_dirty(self, *_args) -> None:
        if not self._loading:
            self.dirty = True
            self.status.setText("Unsaved changes (Ctrl+S saves)")

    # -- validation and saving ------------------------------------------------------------
    def values(self) -> dict:
        start, start_reason = self.grade_box.start_values()
        strength = self.strength.currentText() if self.strength.currentIndex() >= 0 else None
        return {
            "text": self.text.toPlainText(),
            "strength": strength,
            "reasoning": self.reasoning.toPlainText(),
            "papers": self.links_editor.papers(),
            "relations": self.links_editor.relations(),
            "grades": self.grade_box.grades(),
            "start": start,
            "start_reason": start_reason,
        }

    def validate(self) -> dict[str, str]:
        """Each field's reason it cannot be saved (shown under it); empty when all is well."""
        review, values = self.context.review, self.values()
        errors: dict[str, str] = {}
        checks = {
            "text": (values["text"], None, None),
            "strength": (None, values["strength"], None),
            "papers": (None, None, values["papers"]),
        }
        for field, args in checks.items():
            try:
                claims.validate_claim(review, *args)
            except ValidationError as exc:
                errors[field] = str(exc)
        if values["strength"] is None:
            errors["strength"] = "choose an evidence strength from the scale"
        start_error = self.grade_box.validate()
        if start_error:
            errors["start"] = start_error
        for field, label in (
            ("text", self.text_error),
            ("strength", self.strength_error),
            ("papers", self.papers_error),
        ):
            label.show_message(errors.get(field))
        return errors

    def save(self) -> bool:
        """Save the form as one undoable edit; False (with the reasons shown) if it cannot be."""
        if self.context.review is None or self.validate():
            self.status.setText("Not saved: see the messages above")
            return False
        values = self.values()
        try:
            if self.claim_id is None:
                changes = edits.add_claim(self.context, **values)
            else:
                changes = edits.update_claim(self.context, self.claim_id, **values)
        except ValidationError as exc:
            label = {
                "text": self.text_error,
                "strength": self.strength_error,
                "start": self.grade_box.start_error,
            }.get(exc.field or "", self.papers_error)
            label.show_message(str(exc))
            return False
        claim_id = changes.id if changes.id is not None else self.claim_id
        self.load(claim_id)
        self.status.setText("Saved")
        self.saved.emit(claim_id)
        return True
