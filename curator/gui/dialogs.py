"""Every modal question the window asks, behind small `ask_*` functions tests can replace.

The window calls these through the module (`dialogs.ask_open_path(...)`), so a test does
`monkeypatch.setattr(dialogs, "ask_open_path", lambda parent: path)`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from curator import APP_NAME, __version__
from curator.core.errors import sentence

FILE_FILTER = "Curator reviews (*.curator);;All files (*)"
SUFFIX = ".curator"


def ask_open_path(parent: QWidget | None, start: str = "") -> Path | None:
    """Ask for an existing review file to open; None if cancelled."""
    name, _ = QFileDialog.getOpenFileName(parent, "Open review", start, FILE_FILTER)
    return Path(name) if name else None


def ask_new_path(parent: QWidget | None, start: str = "") -> Path | None:
    """Ask where to create a new review file; None if cancelled."""
    dialog = QFileDialog(parent, "New review", start, FILE_FILTER)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix(SUFFIX.lstrip("."))
    if not dialog.exec():
        return None
    files = dialog.selectedFiles()
    return Path(files[0]) if files else None


def ask_save_drafts(parent: QWidget | None, drafts: list[str], doing: str) -> str:
    """Unsaved edits before `doing` ("quitting", "closing the review"): 'save', 'discard' or
    'cancel' (Cancel, Escape or closing the box keeps everything open)."""
    listed = "\n".join(f"• {draft[:1].upper()}{draft[1:]}" for draft in drafts)
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Unsaved changes",
        f"Save your unsaved changes before {doing}?\n\n{listed}",
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    answer = box.exec()
    return {
        QMessageBox.StandardButton.Save: "save",
        QMessageBox.StandardButton.Discard: "discard",
    }.get(QMessageBox.StandardButton(answer), "cancel")


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """Tell the user something could not be done, in one clear message."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, sentence(message), QMessageBox.StandardButton.Ok, parent
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def show_about(parent: QWidget | None) -> None:
    QMessageBox.about(
        parent,
        f"About {APP_NAME}",
        f"{APP_NAME} {__version__}\n\n"
        "Curate an evidence synthesis: import database searches, remove duplicates, screen, "
        "tag papers, grade claims and regenerate the review's tables.",
    )
