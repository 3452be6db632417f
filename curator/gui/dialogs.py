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
