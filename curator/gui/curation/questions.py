"""Open research questions (question, why; ordered) and the research-gap notes.

Keyboard: type a question and its why, Ctrl+S (or Enter in the question) saves it; Ctrl+Shift+N
starts a new one; Alt+Up/Down in the list reorder; Delete deletes. The research-gap notes
are the report section 'research_gaps', saved with their own button (or Ctrl+S in the box).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from curator.core.changes import Changes
from curator.core.curation import questions
from curator.core.errors import CuratorError, ValidationError
from curator.gui import icons
from curator.gui.context import AppContext
from curator.gui.curation import dialogs, edits
from curator.gui.curation.widgets import ErrorLabel, plain_label, push_button, shortcut, tool_button

ID_ROLE = Qt.ItemDataRole.UserRole + 1
GAPS = "research_gaps"


class QuestionsEditor(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.question_id: int | None = None
        self.dirty = False  # the question form holds edits not saved yet
        self.gaps_dirty = False  # so do the research-gap notes
        self._loading = False
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self._build_questions())
        splitter.addWidget(self._build_gaps())
        splitter.setSizes([420, 200])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        context.changed.connect(self._on_changed)
        context.review_opened.connect(self._on_review_opened)
        self.reload()

    def _build_questions(self) -> QWidget:
        box = QGroupBox("Open research questions")
        row = QHBoxLayout(box)
        left = QVBoxLayout()
        self.list = QListWidget()
        self.list.setAccessibleName("Open questions")
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.currentItemChanged.connect(self._on_current_changed)
        left.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.new_button = push_button(
            "New question", icons.ADD, "Start a new question (Ctrl+Shift+N)"
        )
        self.new_button.clicked.connect(self.new_question)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        self.up, self.down = (
            tool_button(icons.UP, "Move up (Alt+Up)"),
            tool_button(icons.DOWN, "Move down (Alt+Down)"),
        )
        self.delete = tool_button(icons.REMOVE, "Delete the question (Delete)")
        self.up.clicked.connect(lambda: self.move(-1))
        self.down.clicked.connect(lambda: self.move(1))
        self.delete.clicked.connect(self.delete_question)
        for button in (self.up, self.down, self.delete):
            buttons.addWidget(button)
        left.addLayout(buttons)
        row.addLayout(left, 2)
        right = QVBoxLayout()
        self.heading = plain_label("New question")
        right.addWidget(self.heading)
        form = QFormLayout()
        self.question = QLineEdit(placeholderText="What should future research answer?")
        self.question.setAccessibleName("Question")
        self.question.returnPressed.connect(self.save)
        self.why = QPlainTextEdit()
        self.why.setAccessibleName("Why")
        self.why.setTabChangesFocus(True)
        self.why.setPlaceholderText("Why it matters")
        self.why.setFixedHeight(70)
        self.question.textChanged.connect(self._mark_dirty)
        self.why.textChanged.connect(self._mark_dirty)
        form.addRow("&Question", self.question)
        form.addRow("&Why", self.why)
        right.addLayout(form)
        self.error = ErrorLabel()
        right.addWidget(self.error)
        save_row = QHBoxLayout()
        self.status = plain_label()
        save_row.addWidget(self.status, 1)
        self.save_button = push_button("Save question", icons.SAVE, "Save the question (Ctrl+S)")
        self.save_button.clicked.connect(self.save)
        save_row.addWidget(self.save_button)
        right.addLayout(save_row)
        right.addStretch(1)
        row.addLayout(right, 3)
        scope = Qt.ShortcutContext.WidgetShortcut
        shortcut(QKeySequence("Alt+Up"), self.list, lambda: self.move(-1), scope)
        shortcut(QKeySequence("Alt+Down"), self.list, lambda: self.move(1), scope)
        shortcut(QKeySequence.StandardKey.Delete, self.list, self.delete_question, scope)
        shortcut(
            "Ctrl+Shift+N", box, self.new_question, Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        shortcut(
            QKeySequence.StandardKey.Save,
            box,
            self.save,
            Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        return box

    def _build_gaps(self) -> QWidget:
        box = QGroupBox("Research-gap notes (the report's Research Gaps section)")
        column = QVBoxLayout(box)
        self.gaps = QPlainTextEdit()
        self.gaps.setAccessibleName("Research-gap notes")
        self.gaps.setPlaceholderText("Key gaps: what the included papers leave unanswered")
        self.gaps.textChanged.connect(self._mark_gaps_dirty)
        column.addWidget(self.gaps)
        row = QHBoxLayout()
        self.gaps_status = plain_label()
        row.addWidget(self.gaps_status, 1)
        self.save_gaps = push_button(
            "Save notes", icons.SAVE, "Save the research-gap notes (Ctrl+S)"
        )
        self.save_gaps.clicked.connect(self.save_gap_notes)
        row.addWidget(self.save_gaps)
        column.addLayout(row)
        shortcut(
            QKeySequence.StandardKey.Save,
            self.gaps,
            self.save_gap_notes,
            Qt.ShortcutContext.WidgetShortcut,
        )
        return box

    # -- loading --------------------------------------------------------------------------
    def _on_review_opened(self, _review) -> None:
        self.dirty = self.gaps_dirty = False  # the window asked about drafts before closing
        self.question_id = None
        self.reload()

    def reload(self) -> None:
        review = self.context.review
        self.list.blockSignals(True)
        self.list.clear()
        rows = questions.questions(review) if review is not None else []
        for number, row in enumerate(rows, 1):
            item = QListWidgetItem(f"{number}. {row['question']}")
            item.setData(ID_ROLE, row["id"])
            item.setToolTip(row["why"] or "")
            self.list.addItem(item)
        ids = [row["id"] for row in rows]
        if self.question_id in ids:
            self.list.setCurrentRow(ids.index(self.question_id))
        self.list.blockSignals(False)
        if not self.dirty or self.question_id not in ids + [None]:
            self.load(self.question_id if self.question_id in ids else None)
        if review is not None and not self.gaps_dirty:
            self._loading = True
            self.gaps.setPlainText(questions.section(review, GAPS)["body"])
            self._loading = False
            self.gaps_status.setText("")
        self.setEnabled(review is not None)

    def load(self, question_id: int | None) -> None:
        review = self.context.review
        self.question_id = question_id
        row = (
            next((q for q in questions.questions(review) if q["id"] == question_id), None)
            if review
            else None
        )
        self._loading = True
        self.question.setText(row["question"] if row else "")
        self.why.setPlainText((row["why"] or "") if row else "")
        self._loading = False
        self.dirty = False
        self.status.setText("")
        self.heading.setText(f"Question {self.list.currentRow() + 1}" if row else "New question")
        self.error.show_message(None)

    def _mark_dirty(self, *_args) -> None:
        if not self._loading:
            self.dirty = True
            self.status.setText("Unsaved changes (Ctrl+S saves)")

    def _mark_gaps_dirty(self) -> None:
        if not self._loading:
            self.gaps_dirty = True
            self.gaps_status.setText("Unsaved changes (Ctrl+S saves)")

    def _may_leave_form(self) -> bool:
        """Unsaved question edits: ask to save (False if the curator cancels or saving fails)."""
        if not self.dirty:
            return True
        answer = dialogs.ask_save_changes(self, "question")
        if answer == "save":
            return self.save()
        return answer == "discard"

    def _on_current_changed(self, item: QListWidgetItem | None, _previous=None) -> None:
        question_id = item.data(ID_ROLE) if item else None
        if question_id == self.question_id:
            return
        if not self._may_leave_form():
            self._select(self.question_id)
            return
        self.load(question_id)

    def _select(self, question_id: int | None) -> None:
        ids = [self.list.item(i).data(ID_ROLE) for i in range(self.list.count())]
        self.list.blockSignals(True)
        self.list.setCurrentRow(ids.index(question_id) if question_id in ids else -1)
        self.list.blockSignals(False)

    # -- drafts (the window asks before quitting or closing the review) -------------------
    def drafts(self) -> list[str]:
        found = []
        if self.dirty:
            found.append("the open question being edited")
        if self.gaps_dirty:
            found.append("the research-gap notes")
        return found

    def save_drafts(self) -> bool:
        if self.dirty and not self.save():
            return False
        return not self.gaps_dirty or self.save_gap_notes()

    def discard_drafts(self) -> None:
        self.dirty = self.gaps_dirty = False

    def _on_changed(self, changes: Changes) -> None:
        if changes.questions or changes.sections:
            self.reload()

    # -- edits ----------------------------------------------------------------------------
    def _run(self, call, *args, **kwargs) -> Changes | None:
        try:
            changes = call(self.context, *args, **kwargs)
        except CuratorError as exc:
            self.error.show_message(str(exc))
            return None
        self.error.show_message(None)
        return changes

    def new_question(self) -> None:
        if not self._may_leave_form():
            return
        self._select(None)
        self.load(None)
        self.question.setFocus()

    def save(self) -> bool:
        """Save the question as one undoable edit; False (with the reason shown) if refused."""
        text, why = self.question.text(), self.why.toPlainText()
        if not text.strip():
            self.error.show_message(
                str(ValidationError("an open question needs its text", "question"))
            )
            return False
        self.dirty = False  # the reload the save triggers may now refill the form
        if self.question_id is None:
            changes = self._run(edits.add_question, text, why)
            if changes is not None:
                self.question_id = changes.id
                self.reload()
        else:
            changes = self._run(edits.update_question, self.question_id, question=text, why=why)
        if changes is None:
            self.dirty = True
            return False
        self.status.setText("Saved")
        return True

    def move(self, step: int) -> None:
        ids = [self.list.item(i).data(ID_ROLE) for i in range(self.list.count())]
        row = self.list.currentRow()
        if row < 0 or not 0 <= row + step < len(ids):
            return
        ids[row], ids[row + step] = ids[row + step], ids[row]
        self._run(edits.reorder_questions, ids)
        self.list.setFocus()

    def delete_question(self) -> None:
        if self.question_id is None:
            return
        if dialogs.ask_confirm(
            self, "Delete question", f"Delete the question {self.question.text()!r}?"
        ):
            question_id, self.question_id = self.question_id, None
            self._run(edits.delete_question, question_id)

    def save_gap_notes(self) -> bool:
        review = self.context.review
        if review is None:
            return False
        body = self.gaps.toPlainText().strip()
        self.gaps_dirty = False
        if body != questions.section(review, GAPS)["body"]:
            if self._run(edits.set_section, GAPS, body) is None:
                self.gaps_dirty = True
                return False
        self.gaps_status.setText("Saved")
        return True
