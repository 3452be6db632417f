"""Bringing an older review file up to this Curator's schema off the GUI thread.

Opening a review made by an older Curator runs its pending migrations (a backup copy first,
then each step in a transaction; curator.core.db.migrate). Most are instant, but one that
rebuilds an index takes seconds on a large review (0005: about 8 s for 100,000 papers), so
the window runs them off the GUI thread (curator.gui.tasks) behind a busy dialog that says
what is happening (shown after 500 ms), and only then opens the file, already current, on the
GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from curator.core import db as dbmod
from curator.core.review import Review
from curator.core.tasks import TaskState
from curator.gui.tasks import Task, show_progress


def migrate(state: TaskState, path: Path) -> None:
    """The background job: open (and so migrate) the file with its own connection."""
    Review.open(path).close()


def upgrade_dialog(parent: QWidget | None, path: Path) -> QProgressDialog:
    """The busy dialog shown while `path` is brought up to date (no Cancel: each step is
    one transaction and the backup is already written)."""
    dialog = QProgressDialog(
        f"Updating {path.name} for this version of Curator…\n"
        "A backup copy of the file is kept beside it.",
        None,
        0,
        0,
        parent,
    )
    dialog.setWindowTitle("Updating review")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumSize(480, 110)
    return dialog


def upgrade_if_needed(parent: QWidget | None, path: Path, version: int) -> str | None:
    """Migrate the review at `path`, at schema `version` (db.review_version), off the GUI
    thread when that is older than this Curator's, showing a busy dialog meanwhile; return the
    error message, or None (done, or nothing to do)."""
    path = Path(path)
    if version >= dbmod.schema_version():
        return None
    dialog = upgrade_dialog(parent, path)
    task = Task(migrate, path)
    show_progress(task, dialog)
    task.wait()  # opening answers at once: wait here, painting, until the file is current
    dialog.deleteLater()
    task.deleteLater()
    return task.error
