"""The form for one claim: text, strength (with Curator's suggestion), reasoning, linked papers, GRADE.

Nothing is written until Save (Ctrl+S), which is one undoable edit. A field that cannot be
saved says why under it: an empty text, no linked paper, a strength not on the scale.
Linked papers are edited in a LinksEditor (search-as-you-type picker, ordered table).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
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
        self.strength_error = ErrorLabel()
        row = QHBoxLayout()
        row.addWidget(self.strength, 1)
        row.addWidget(self.use_suggestion)
        form.addRow("&Strength", self._stack(row, self.suggestion, self.strength_error))
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
        layout.addWidget(self._build_grade())
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

    def _build_grade(self) -> QWidget:
        self.grade_box = QGroupBox("GRADE domains (optional)")
        self.grade_box.setCheckable(True)
        self.grade_box.setChecked(False)
        self.grade_box.setFlat(True)
        self.grade_box.toggled.connect(lambda on: self.grade_box.setFlat(not on))
        outer = QVBoxLayout(self.grade_box)
        self.grade_body = QWidget()
        grid = QGridLayout(self.grade_body)
        grid.setContentsMargins(0, 0, 0, 0)
        self.grade_fields: dict[str, tuple[QComboBox, QLineEdit]] = {}
        for row, (key, label, judgements) in enumerate(claims.GRADE_DOMAINS):
            combo = QComboBox()
            combo.setAccessibleName(f"{label} judgement")
            combo.addItem("—", None)
            for judgement in judgements:
                combo.addItem(judgement, judgement)
            reason = QLineEdit(placeholderText="Reason")
            reason.setAccessibleName(f"{label} reason")
            combo.currentIndexChanged.connect(self._mark_dirty)
            reason.textEdited.connect(self._mark_dirty)
            grid.addWidget(plain_label(label, wrap=False), row, 0)
            grid.addWidget(combo, row, 1)
            grid.addWidget(reason, row, 2)
            self.grade_fields[key] = (combo, reason)
        grid.setColumnStretch(2, 1)
        outer.addWidget(self.grade_body)
        self.grade_body.setVisible(False)
        self.grade_box.toggled.connect(self.grade_body.setVisible)
        self.grade_box.toggled.connect(self._mark_dirty)
        return self.grade_box

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
        grades = claim["grades"] if claim else {}
        for key, (combo, reason) in self.grade_fields.items():
            entry = grades.get(key, {})
            combo.setCurrentIndex(max(0, combo.findData(entry.get("judgement"))))
            reason.setText(entry.get("reason") or "")
        self.grade_box.setChecked(bool(grades))
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
        grades = {}
        if self.grade_box.isChecked():
            grades = {
                key: (combo.currentData(), reason.text())
                for key, (combo, reason) in self.grade_fields.items()
            }
        strength = self.strength.currentText() if self.strength.currentIndex() >= 0 else None
        return {
            "text": self.text.toPlainText(),
            "strength": strength,
            "reasoning": self.reasoning.toPlainText(),
            "papers": self.links_editor.papers(),
            "relations": self.links_editor.relations(),
            "grades": grades,
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
            label = {"text": self.text_error, "strength": self.strength_error}.get(
                exc.field or "", self.papers_error
            )
            label.show_message(str(exc))
            return False
        claim_id = changes.id if changes.id is not None else self.claim_id
        self.load(claim_id)
        self.status.setText("Saved")
        self.saved.emit(claim_id)
        return True
