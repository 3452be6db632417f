"""Small screening dialogs, each behind an `ask(...)` classmethod that tests can replace."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from curator.core.errors import CuratorError
from curator.core.screening.decisions import check_reviewer_name
from curator.gui.ui_settings import REVIEWER


def stored_reviewer() -> str:
    return REVIEWER.get()


def store_reviewer(name: str) -> None:
    REVIEWER.set(name)


class ReviewerDialog:
    @classmethod
    def ask(cls, parent: QWidget | None, current: str = "") -> str | None:
        """Ask for the reviewer's name (kept in preferences); None when cancelled."""
        while True:
            name, ok = QInputDialog.getText(
                parent,
                "Who is screening?",
                "Your name, recorded with each decision (kept for next time):",
                QLineEdit.Normal,
                current,
            )
            if not ok:
                return None
            try:
                return check_reviewer_name(name)
            except CuratorError:
                current = name


class NoteDialog(QDialog):
    def __init__(self, parent: QWidget | None, note: str):
        super().__init__(parent)
        self.setWindowTitle("Note on this record")
        self.edit = QPlainTextEdit(self)
        self.edit.setPlainText(note)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(buttons)
        self.resize(420, 200)

    @classmethod
    def ask(cls, parent: QWidget | None, note: str = "") -> str | None:
        dialog = cls(parent, note)
        return dialog.edit.toPlainText() if dialog.exec() == QDialog.Accepted else None


class TopNDialog(QDialog):
    def __init__(self, parent: QWidget | None, candidates: int):
        super().__init__(parent)
        self.setWindowTitle("Include the top N")
        self.n = QSpinBox(self)
        self.n.setRange(1, max(1, candidates))
        self.n.setValue(min(50, max(1, candidates)))
        self.by = QComboBox(self)
        self.by.addItem("Relevance score (highest first)", "score")
        self.by.addItem("Manual rank (1 first)", "manual")
        form = QFormLayout()
        form.addRow(f"Papers to include (of {candidates} at full text)", self.n)
        form.addRow("Rank by", self.by)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, candidates: int) -> tuple[int, str] | None:
        dialog = cls(parent, candidates)
        if dialog.exec() != QDialog.Accepted:
            return None
        return dialog.n.value(), dialog.by.currentData()
