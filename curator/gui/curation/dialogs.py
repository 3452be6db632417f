"""The questions the curation panes ask, behind `ask_*` functions tests can replace.

Panes call them through the module (`dialogs.ask_confirm(...)`), so a test does
`monkeypatch.setattr(dialogs, "ask_confirm", lambda *a: True)`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from curator.core.errors import sentence


def ask_confirm(parent: QWidget | None, title: str, text: str, action: str = "Delete") -> bool:
    """Ask before a destructive edit; True to go ahead."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Cancel, parent
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    go = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is go


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """Ask for one line of text; None if cancelled."""
    value, ok = QInputDialog.getText(parent, title, label, text=text)
    return value if ok else None


def ask_choice(parent: QWidget | None, title: str, label: str, items: list[str]) -> int | None:
    """Ask to pick one of `items`; its index, or None if cancelled."""
    if not items:
        return None
    value, ok = QInputDialog.getItem(parent, title, label, items, 0, False)
    return items.index(value) if ok else None


def ask_save_changes(parent: QWidget | None, what: str) -> str:
    """Unsaved edits in a form: 'save', 'discard' or 'cancel'."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Unsaved changes",
        f"Save the changes to this {what}?",
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        parent,
    )
    answer = box.exec()
    return {
        QMessageBox.StandardButton.Save: "save",
        QMessageBox.StandardButton.Discard: "discard",
    }.get(QMessageBox.StandardButton(answer), "cancel")


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, sentence(message), QMessageBox.StandardButton.Ok, parent
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
