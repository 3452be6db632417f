"""Bringing an older review file up to this Curator's schema off the GUI thread.

Opening a review made by an older Curator runs its pending migrations (a backup copy first,
then each step in a transaction; curator.core.db.migrate). Most are instant, but one that
rebuilds an index takes seconds on a large review (0005: about 8 s for 100,000 papers), so
the window runs them on a worker thread behind a busy dialog that says what is happening,
and only then opens the file, already current, on the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from curator.core import db as dbmod
from curator.core.errors import CuratorError
from curator.core.review import Review


class _Upgrade(QObject):
    """Opens (and so migrates) the file on its own thread, with its own connection."""

    done = Signal()

    def __init__(self, path: Path):
        super().__init__()
        self.path = path
        self.error: str | None = None

    @Slot()
    def run(self) -> None:
        try:
            Review.open(self.path).close()
        except CuratorError as exc:
            self.error = str(exc)
        except Exception as exc:  # a bug: still reported, never lost in the thread
            self.error = f"unexpected error: {type(exc).__name__}: {exc}"
        self.done.emit()


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
    dialog.setMinimumDuration(0)
    dialog.setMinimumSize(480, 110)
    return dialog


def upgrade_if_needed(parent: QWidget | None, path: Path) -> str | None:
    """Migrate the review at `path` on a worker thread when its schema is older, showing a
    busy dialog meanwhile; return the error message, or None (done, or nothing to do)."""
    path = Path(path)
    if dbmod.pending_migrations(path) == 0:
        return None
    dialog = upgrade_dialog(parent, path)
    worker = _Upgrade(path)
    thread = QThread(parent)
    worker.moveToThread(thread)
    loop = QEventLoop()
    worker.done.connect(loop.quit)  # queued: the loop lives on this (the GUI) thread
    thread.started.connect(worker.run)
    dialog.show()
    thread.start()
    loop.exec()
    thread.quit()
    thread.wait()
    dialog.close()
    dialog.deleteLater()
    worker.deleteLater()
    return worker.error
