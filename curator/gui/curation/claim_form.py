"""The form for one claim: text, strength (with Curator's suggestion), reasoning, linked papers, GRADE.

Nothing is written until Save (Ctrl+S), which is one undoable edit. A field that cannot be
saved says why under it: an empty text, no linked paper, a strength not on the scale.
Linked papers are picked by typing (a citation, title words or a DOI) in a search-as-you-type
box over the included papers; Enter links the highlighted or typed paper. In the links table
Alt+Up/Down reorder and Delete removes.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator.core import claims, library
from curator.core.errors import CuratorError, ValidationError
from curator.core.evidence import suggest_strength
from curator.core.names import fold
from curator.core.resolve import paper_citation, resolve_paper
from curator.gui.context import AppContext
from curator.gui.curation import edits
from curator.gui.curation.widgets import (
    DOWN,
    REMOVE,
    SAVE,
    SUGGEST,
    UP,
    ErrorLabel,
    heading,
    plain_label,
    push_button,
    shortcut,
    tool_button,
)

ID_ROLE = Qt.ItemDataRole.UserRole + 1
MATCH_ROLE = Qt.ItemDataRole.UserRole + 2
RELATION_CHOICES = (("—", None), ("supports", "supports"), ("contradicts", "contradicts"), ("context", "context"))


class ClaimForm(QWidget):
    saved = Signal(int)  # the claim's id

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.claim_id: int | None = None
        self.links: list[list] = []  # [paper_id, relation]
        self.dirty = False
        self._loading = False
        self._just_picked = False
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
        self.use_suggestion = push_button("&Use suggestion", SUGGEST, "Set the strength Curator suggests")
        self.use_suggestion.clicked.connect(self._on_use_suggestion)
        self.suggestion = plain_label()
        self.suggestion.setStyleSheet("color: #555d68;")
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
        layout.addWidget(self._build_links(), 1)
        layout.addWidget(self._build_grade())
        buttons = QHBoxLayout()
        self.status = plain_label()
        buttons.addWidget(self.status, 1)
        self.revert = QPushButton("Re&vert")
        self.revert.clicked.connect(lambda: self.load(self.claim_id))
        self.save_button = push_button("Save", SAVE, "Save the claim (Ctrl+S)")
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.revert)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        shortcut(QKeySequence.StandardKey.Save, self, self.save, Qt.ShortcutContext.WidgetWithChildrenShortcut)
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

    def _build_links(self) -> QWidget:
        box = QGroupBox("Linked papers (in the order the table cites them)")
        column = QVBoxLayout(box)
        self.picker = QLineEdit(placeholderText="Link a paper: type a citation, title words or DOI, then Enter")
        self.picker.setAccessibleName("Link a paper")
        self.paper_choices = QStandardItemModel(self)
        self.completer = QCompleter(self.paper_choices, self)
        self.completer.setCompletionRole(MATCH_ROLE)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(10)
        self.picker.setCompleter(self.completer)
        self.completer.activated[QModelIndex].connect(self._on_picked)
        self.picker.returnPressed.connect(self._on_picker_return)
        column.addWidget(self.picker)
        self.table = QTableWidget(0, 2)
        self.table.setAccessibleName("Linked papers")
        self.table.setHorizontalHeaderLabels(["Paper", "Relation"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(False)
        self.table.setMinimumHeight(150)
        self.table.verticalHeader().setDefaultSectionSize(28)
        column.addWidget(self.table, 1)
        self.papers_error = ErrorLabel()
        column.addWidget(self.papers_error)
        row = QHBoxLayout()
        row.addStretch(1)
        self.link_up = tool_button(UP, "Move the link up (Alt+Up)")
        self.link_down = tool_button(DOWN, "Move the link down (Alt+Down)")
        self.link_remove = tool_button(REMOVE, "Remove the link (Delete)")
        self.link_up.clicked.connect(lambda: self.move_link(-1))
        self.link_down.clicked.connect(lambda: self.move_link(1))
        self.link_remove.clicked.connect(self.remove_link)
        for button in (self.link_up, self.link_down, self.link_remove):
            row.addWidget(button)
        column.addLayout(row)
        scope = Qt.ShortcutContext.WidgetShortcut
        shortcut(QKeySequence("Alt+Up"), self.table, lambda: self.move_link(-1), scope)
        shortcut(QKeySequence("Alt+Down"), self.table, lambda: self.move_link(1), scope)
        shortcut(QKeySequence.StandardKey.Delete, self.table, self.remove_link, scope)
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
        self.paper_choices.clear()
        if review is not None:
            self.strength.addItems(claims.strength_scale(review))
            for paper_id in library.paper_ids(review, filter="included", sort="citation"):
                title = review.db.execute("SELECT title, doi FROM papers WHERE id = ?", (paper_id,)).fetchone()
                shown = f"{paper_citation(review, paper_id)} — {title[0]}"
                item = QStandardItem(shown)
                item.setData(paper_id, ID_ROLE)
                item.setData(f"{shown} {fold(shown)} {title[1] or ''}", MATCH_ROLE)
                item.setToolTip(title[0])
                self.paper_choices.appendRow(item)
        self.strength.setCurrentIndex(self.strength.findText(keep))
        self.strength.blockSignals(False)

    def load(self, claim_id: int | None) -> None:
        """Show claim `claim_id` (None: an empty form for a new claim); discards unsaved edits."""
        review = self.context.review
        self._loading = True
        self.claim_id = claim_id
        claim = claims.get_claim(review, claim_id) if (review is not None and claim_id is not None) else None
        self.reload_choices()
        self.text.setPlainText(claim["text"] if claim else "")
        self.reasoning.setPlainText((claim["reasoning"] or "") if claim else "")
        strength = claim["strength"] if claim else None
        index = self.strength.findText(strength) if strength else -1
        if strength and index < 0:  # graded before the scale changed: show it, marked
            self.strength.addItem(f"{strength} (not on the scale)")
            index = self.strength.count() - 1
        self.strength.setCurrentIndex(index)
        self.links = [[p, r] for p, r in zip(claim["papers"], claim["relations"], strict=True)] if claim else []
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
        self._show_links()
        self.setEnabled(review is not None)
        self._loading = False
        self.dirty = False

    def _heading(self) -> str:
        if self.claim_id is None:
            return "New claim"
        number = claims.claim_ids(self.context.review).index(self.claim_id) + 1
        return f"Claim {number}"

    def _show_links(self) -> None:
        review = self.context.review
        self.table.setRowCount(len(self.links))
        for row, (paper_id, relation) in enumerate(self.links):
            title = review.db.execute("SELECT title FROM papers WHERE id = ?", (paper_id,)).fetchone()[0]
            item = QTableWidgetItem(f"{paper_citation(review, paper_id)} — {title}")
            item.setToolTip(title)
            self.table.setItem(row, 0, item)
            combo = QComboBox()
            combo.setAccessibleName("Relation")
            for label, value in RELATION_CHOICES:
                combo.addItem(label, value)
            combo.setCurrentIndex(combo.findData(relation) if relation else 0)
            combo.currentIndexChanged.connect(lambda _i, r=row, c=combo: self._on_relation(r, c))
            self.table.setCellWidget(row, 1, combo)
        self._update_suggestion()

    def _update_suggestion(self) -> None:
        review = self.context.review
        if review is None:
            return
        papers = [p for p, _ in self.links]
        suggestion = suggest_strength(review, papers, [r for _, r in self.links])
        self._suggested = suggestion.strength
        prefix = "Suggested: " if suggestion.strength else ""
        self.suggestion.setText(prefix + suggestion.explain())
        self.use_suggestion.setEnabled(suggestion.strength is not None)

    # -- link edits (kept in the form until Save) ------------------------------------------
    def add_link(self, paper_id: int) -> None:
        if any(p == paper_id for p, _ in self.links):
            self.papers_error.show_message(f"({paper_citation(self.context.review, paper_id)}) is already linked")
            return
        self.links.append([paper_id, None])
        self.papers_error.show_message(None)
        self._mark_dirty()
        self._show_links()
        self.table.selectRow(len(self.links) - 1)

    def move_link(self, step: int) -> None:
        row = self.table.currentRow()
        if row < 0 or not 0 <= row + step < len(self.links):
            return
        self.links[row], self.links[row + step] = self.links[row + step], self.links[row]
        self._mark_dirty()
        self._show_links()
        self.table.selectRow(row + step)
        self.table.setFocus()

    def remove_link(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.links):
            del self.links[row]
            self._mark_dirty()
            self._show_links()
            if self.links:
                self.table.selectRow(min(row, len(self.links) - 1))

    def _on_relation(self, row: int, combo: QComboBox) -> None:
        if row < len(self.links):
            self.links[row][1] = combo.currentData()
            self._mark_dirty()
            self._update_suggestion()

    def _on_picked(self, index: QModelIndex) -> None:
        paper_id = index.data(ID_ROLE)
        if paper_id is not None:
            self._just_picked = True
            self.add_link(int(paper_id))
            QTimer.singleShot(0, self.picker.clear)

    def _on_picker_return(self) -> None:
        if self._just_picked:
            self._just_picked = False
            return
        text = self.picker.text().strip()
        if not text:
            return
        try:
            paper_id = resolve_paper(self.context.review, text, included_only=True)
        except CuratorError as exc:
            self.papers_error.show_message(str(exc))
            return
        self.add_link(paper_id)
        self.picker.clear()

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
            grades = {key: (combo.currentData(), reason.text()) for key, (combo, reason) in self.grade_fields.items()}
        strength = self.strength.currentText() if self.strength.currentIndex() >= 0 else None
        return {
            "text": self.text.toPlainText(),
            "strength": strength,
            "reasoning": self.reasoning.toPlainText(),
            "papers": [p for p, _ in self.links],
            "relations": [r for _, r in self.links],
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
        for field, label in (("text", self.text_error), ("strength", self.strength_error), ("papers", self.papers_error)):
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
            label = {"text": self.text_error, "strength": self.strength_error}.get(exc.field or "", self.papers_error)
            label.show_message(str(exc))
            return False
        claim_id = changes.id if changes.id is not None else self.claim_id
        self.load(claim_id)
        self.status.setText("Saved")
        self.saved.emit(claim_id)
        return True
