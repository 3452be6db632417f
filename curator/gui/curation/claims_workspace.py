"""The Claims workspace: the ordered claims with their form, the strength scale, open questions.

Keyboard: Ctrl+Shift+N starts a new claim, Ctrl+S saves it, Alt+Up/Down in the list reorder the
claims, Delete in the list deletes one (after asking). Switching claims with unsaved edits
asks whether to save them. The second tab edits open questions and research-gap notes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from curator.core.changes import Changes
from curator.core.curation import claims
from curator.core.errors import CuratorError
from curator.core.review import Review
from curator.gui import icons
from curator.gui.context import AppContext
from curator.gui.curation import dialogs, edits
from curator.gui.curation.claim_form import ClaimForm
from curator.gui.curation.questions import QuestionsEditor
from curator.gui.curation.widgets import ErrorLabel, plain_label, push_button, shortcut, tool_button
from curator.gui.workspace import Workspace

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ScaleDialog(QDialog):
    """Edit the strength scale, one level per line (strongest first), or apply a preset."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Evidence strength scale")
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                "One level per line, strongest first. Claims graded with a level you "
                "remove move to the level in the same place on the new scale (when it has as many "
                "levels); otherwise regrade those claims first."
            )
        )
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("Strength scale")
        self.editor.setPlainText("\n".join(claims.strength_scale(context.review)))
        layout.addWidget(self.editor)
        presets = QHBoxLayout()
        for name, values in claims.SCALE_PRESETS.items():
            button = QPushButton(f"{name} preset ({' / '.join(values)})")
            button.clicked.connect(
                lambda _c=False, v=values: self.editor.setPlainText("\n".join(v))
            )
            presets.addWidget(button)
        layout.addLayout(presets)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def levels(self) -> list[str]:
        return [line.strip() for line in self.editor.toPlainText().splitlines() if line.strip()]

    def apply(self) -> bool:
        """Save the scale as one undoable edit; keep the dialog open with the reason if refused."""
        levels = self.levels()
        if levels == claims.strength_scale(self.context.review):
            self.accept()
            return True
        try:
            edits.set_strength_scale(self.context, levels)
        except CuratorError as exc:
            self.error.show_message(str(exc))
            return False
        self.accept()
        return True


class ClaimsWorkspace(Workspace):
    title = "Claims"
    icon = icons.CLAIMS

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._build_claims(), "&Claims")
        self.questions = QuestionsEditor(context)
        self.tabs.addTab(self.questions, "Open &questions and gaps")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.set_review(context.review)

    def _build_claims(self) -> QWidget:
        page = QWidget()
        splitter = QSplitter(Qt.Orientation.Horizontal, page)
        left = QWidget()
        column = QVBoxLayout(left)
        self.list = QListWidget()
        self.list.setAccessibleName("Claims")
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.currentItemChanged.connect(self._on_current_changed)
        column.addWidget(self.list, 1)
        self.empty = plain_label(
            "No claims yet. Ctrl+Shift+N starts one: write it, choose its strength, link its papers."
        )
        column.addWidget(self.empty)
        row = QHBoxLayout()
        self.new_button = push_button("New claim", icons.ADD, "Start a new claim (Ctrl+Shift+N)")
        self.new_button.clicked.connect(self.new_claim)
        row.addWidget(self.new_button)
        row.addStretch(1)
        self.up = tool_button(icons.UP, "Move the claim up (Alt+Up)")
        self.down = tool_button(icons.DOWN, "Move the claim down (Alt+Down)")
        self.delete = tool_button(icons.REMOVE, "Delete the claim (Delete)")
        self.scale = tool_button(icons.SCALE, "Edit the evidence strength scale")
        self.up.clicked.connect(lambda: self.move_claim(-1))
        self.down.clicked.connect(lambda: self.move_claim(1))
        self.delete.clicked.connect(self.delete_claim)
        self.scale.clicked.connect(self.edit_scale)
        for button in (self.up, self.down, self.delete, self.scale):
            row.addWidget(button)
        column.addLayout(row)
        self.list_error = ErrorLabel()
        column.addWidget(self.list_error)
        splitter.addWidget(left)
        self.form = ClaimForm(self.context)
        self.form.saved.connect(self._on_saved)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.form)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([360, 640])
        layout = QVBoxLayout(page)
        layout.addWidget(splitter)
        scope = Qt.ShortcutContext.WidgetShortcut
        shortcut(
            "Ctrl+Shift+N", page, self.new_claim, Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        shortcut(QKeySequence("Alt+Up"), self.list, lambda: self.move_claim(-1), scope)
        shortcut(QKeySequence("Alt+Down"), self.list, lambda: self.move_claim(1), scope)
        shortcut(QKeySequence.StandardKey.Delete, self.list, self.delete_claim, scope)
        return page

    # -- Workspace contract ---------------------------------------------------------------
    def set_review(self, review: Review | None) -> None:
        self.reload_list()
        ids = self.claim_ids()
        self.form.load(ids[0] if ids else None)
        self.select_claim(ids[0] if ids else None)

    def refresh(self, changes: Changes) -> None:
        if changes.claims or changes.settings or changes.papers or changes.decisions:
            keep = self.form.claim_id
            self.reload_list()
            exists = keep is None or keep in self.claim_ids()
            if not self.form.dirty or not exists:
                self.form.load(keep if exists else None)
            else:  # keep the curator's unsaved edits; refresh what they are chosen from
                self.form.reload_choices()
                self.form.update_suggestion()
            self.select_claim(self.form.claim_id)
        elif changes.tags or changes.facets:  # methodology terms feed the suggestion only
            self.form.update_suggestion()

    # -- drafts (the window asks before quitting or closing the review) -------------------
    def drafts(self) -> list[str]:
        found = [f"{self.form.heading.text().lower()}"] if self.form.dirty else []
        return found + self.questions.drafts()

    def save_drafts(self) -> bool:
        if self.form.dirty and not self.form.save():
            self.tabs.setCurrentIndex(0)  # show why it could not be saved
            return False
        if not self.questions.save_drafts():
            self.tabs.setCurrentWidget(self.questions)
            return False
        return True

    def discard_drafts(self) -> None:
        self.form.dirty = False
        self.questions.discard_drafts()

    # -- the list -------------------------------------------------------------------------
    def claim_ids(self) -> list[int]:
        return [self.list.item(i).data(ID_ROLE) for i in range(self.list.count())]

    def reload_list(self) -> None:
        review = self.context.review
        self.list.blockSignals(True)
        self.list.clear()
        rows = claims.claims(review) if review is not None else []
        for number, claim in enumerate(rows, 1):
            n = len(claim["papers"])
            item = QListWidgetItem(
                f"{number}. [{claim['strength']}] {claim['text']}  ({n} paper{'s' * (n != 1)})"
            )
            item.setData(ID_ROLE, claim["id"])
            item.setToolTip(claim["reasoning"] or "")
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.empty.setVisible(not rows)
        for widget in (self.up, self.down, self.delete):
            widget.setEnabled(bool(rows))
        self.setEnabled(review is not None)

    def select_claim(self, claim_id: int | None) -> None:
        self.list.blockSignals(True)
        self.list.setCurrentRow(
            self.claim_ids().index(claim_id) if claim_id in self.claim_ids() else -1
        )
        self.list.blockSignals(False)

    def _may_leave_form(self) -> bool:
        """Unsaved edits: ask to save (False if the curator cancels or saving is refused)."""
        if not self.form.dirty:
            return True
        answer = dialogs.ask_save_changes(self, "claim")
        if answer == "save":
            return self.form.save()
        return answer == "discard"

    def _on_current_changed(self, current: QListWidgetItem | None, _previous=None) -> None:
        claim_id = current.data(ID_ROLE) if current else None
        if claim_id == self.form.claim_id:
            return
        if not self._may_leave_form():
            self.select_claim(self.form.claim_id)
            return
        self.form.load(claim_id)

    def new_claim(self) -> None:
        if not self._may_leave_form():
            return
        self.form.load(None)
        self.select_claim(None)
        self.form.text.setFocus()

    def _on_saved(self, claim_id: int) -> None:
        self.select_claim(claim_id)

    def move_claim(self, step: int) -> None:
        ids, row = self.claim_ids(), self.list.currentRow()
        if row < 0 or not 0 <= row + step < len(ids):
            return
        ids[row], ids[row + step] = ids[row + step], ids[row]
        self._run(edits.reorder_claims, ids)
        self.list.setFocus()

    def delete_claim(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        if dialogs.ask_confirm(
            self,
            "Delete claim",
            f"Delete this claim?\n\n{item.text()}\n\n(Edit > Undo brings it back.)",
        ):
            claim_id = item.data(ID_ROLE)
            self.form.dirty = False
            self._run(edits.delete_claim, claim_id)

    def edit_scale(self) -> None:
        ScaleDialog(self.context, self).exec()

    def _run(self, call, *args) -> None:
        try:
            call(self.context, *args)
        except CuratorError as exc:
            self.list_error.show_message(str(exc))
        else:
            self.list_error.show_message(None)
