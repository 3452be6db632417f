"""What the window does around an open review to keep it safe: who holds it, is it whole,
is it backed up; and File ▸ Backups.

Before opening: the review's lock file is read, and a review open in another Curator is
opened only when the curator says so (`ask_open_held`); `PRAGMA quick_check` runs off the GUI
thread, and a damaged review is either replaced by its newest backup or opened read-only
(`PRAGMA query_only`: every write is refused by SQLite), as the curator chooses. After
opening: the lock is taken, and an automatic backup is made off the GUI thread when the
newest is older than a day (core.backups); a result that arrives after the review was closed
or replaced is dropped. On closing, the lock goes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from curator.core import backups as backupmod
from curator.core import db as dbmod
from curator.core.errors import CuratorError
from curator.core.lock import Holder, ReviewLock, holder
from curator.core.review import Review
from curator.core.tasks import TaskState
from curator.gui.style import set_role
from curator.gui.tasks import Task


def check(state: TaskState, path: Path) -> str | None:
    """The job before opening: what quick_check finds wrong, or None. Opens its own
    connection: a connection belongs to the thread that opened it."""
    state.report(0, 1, "Checking the review file")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.DatabaseError as exc:
        return str(exc)
    try:
        return dbmod.quick_check(conn)
    finally:
        conn.close()


def back_up(state: TaskState, path: Path) -> str | None:
    """The job after opening: a verified backup if the newest is older than a day (its name)."""
    state.report(0, 1, "Backing up")
    conn = sqlite3.connect(str(path), timeout=5)
    try:
        made = backupmod.auto_backup(conn, path)
    finally:
        conn.close()
    return made.path.name if made else None


def resume_dedup(state: TaskState, path: Path, who: str):
    """The job after opening: finish the duplicate detection an interrupted import left
    pending (core.dedup.resume_pending), with its own connection; None when none was."""
    from curator.core import dedup

    with Review.open(path, who=who) as review:
        return dedup.resume_pending(review, state=state)


def ask_open_held(parent: QWidget | None, who: Holder) -> bool:
    """Open a review that another Curator holds? (Tests replace this function.)"""
    answer = QMessageBox.question(
        parent,
        "Review already open",
        f"This review is {who.describe()}.\n\nTwo people editing one review at once take "
        "turns writing, but each sees the other's changes only after reopening. Open it here "
        "anyway?",
        QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Open


def ask_damaged(parent: QWidget | None, path: Path, damage: str,
                newest: backupmod.Backup | None) -> str:  # fmt: skip
    """A damaged review: "restore" the newest backup, open it "read-only", or "cancel".
    (Tests replace this function.)"""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Damaged review")
    text = f"{path.name} is damaged ({damage[:200]})."
    restore = None
    if newest is not None:
        text += (f"\n\nRestore the newest backup, of {newest.label}? The damaged file is "
                 "kept in the backups folder.")  # fmt: skip
        restore = box.addButton("&Restore Backup", QMessageBox.ButtonRole.AcceptRole)
    else:
        text += "\n\nThere is no backup to restore."
    text += "\n\nOpened read-only, nothing more can be lost, and you can copy what you need."
    box.setText(text)
    read_only = box.addButton("Open &Read-Only", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(restore or read_only)
    box.exec()
    clicked = box.clickedButton()
    if restore is not None and clicked is restore:
        return "restore"
    return "read-only" if clicked is read_only else "cancel"


CHECK_ON_WORKER_BYTES = 64 * 1024 * 1024


class ReviewGuard(QObject):
    """Lock, check and back up the window's review; `reopen(path)` is the window's opener."""

    status = Signal(str)  # a sentence for the status bar
    dedup_resumed = Signal(object)  # Changes
    threaded = True  # tests run the check here and now

    def __init__(self, window: QWidget, reopen: Callable[[Path], object],
                 close: Callable[[], None]):  # fmt: skip
        super().__init__(window)
        self.window = window
        self.reopen, self.close = reopen, close
        self.lock: ReviewLock | None = None
        self.review: Review | None = None
        self.task: Task | None = None
        self.read_only = False
        self._open_read_only = False  # admit chose a read-only look at a damaged file

    def admit(self, path: Path) -> bool:
        """May the window open `path`, a review (the window has looked: db.review_version)?
        Asks when another live Curator holds it; checks the file (off the GUI thread, the
        window kept painted) and, when it is damaged, offers the newest backup or a read-only
        look."""
        self._open_read_only = False
        who = holder(path)
        if who is not None and not ask_open_held(self.window, who):
            return False
        # A small file is checked here and now (milliseconds); a large one on a worker while
        # the window keeps painting (the "on a worker for large files").
        threaded = self.threaded and path.stat().st_size > CHECK_ON_WORKER_BYTES
        task = Task(check, path, parent=self).start(threaded=threaded)
        task.wait()
        if task.outcome != "succeeded" or task.result is None:
            return True  # sound (a file that is not a review is refused by Review.open)
        listed = backupmod.list_backups(path)
        choice = ask_damaged(self.window, path, task.result, listed[0] if listed else None)
        if choice == "cancel":
            return False
        if choice == "restore":
            try:
                before = backupmod.restore(path, listed[0])
            except CuratorError as exc:
                QMessageBox.warning(self.window, "Cannot restore", str(exc))
                return False
            self.status.emit(f"Restored the backup of {listed[0].label}; the damaged file is "
                             f"kept as {before.path.name}")  # fmt: skip
            return True
        self._open_read_only = True
        return True

    def opened(self, review: Review | None) -> None:
        """The window's review changed (None: closed)."""
        self.release()
        self.review, self.read_only = review, False
        if self.task is not None and self.task.running:
            self.task.cancel()
        self.task = None
        if review is None:
            return
        self.lock = ReviewLock(review.path, review.who)
        self.lock.acquire(force=True)  # the curator chose to open it (admit)
        if self._open_read_only:
            self._open_read_only = False
            self.set_read_only(True)
            return
        task = Task(back_up, review.path, parent=self)
        task.succeeded.connect(lambda made, r=review: self._on_backed_up(r, made))
        task.failed.connect(lambda message: self.status.emit(f"Backup failed: {message}"))
        task.ended.connect(lambda r=review: self._resume_dedup(r))
        self.task = task
        task.start(threaded=self.threaded)

    def _resume_dedup(self, review: Review) -> None:
        from curator.core import dedup

        if review is not self.review or not dedup.pending_ids(review):
            return
        self.status.emit("Finishing duplicate detection an interrupted import left undone…")
        task = Task(resume_dedup, review.path, review.who, parent=self)
        task.succeeded.connect(lambda result, r=review: self._on_dedup_resumed(r, result))
        task.failed.connect(lambda message: self.status.emit(f"Duplicate detection: {message}"))
        self.task = task
        task.start(threaded=self.threaded)

    def _on_dedup_resumed(self, review: Review, result) -> None:
        if review is not self.review or result is None:
            return
        self.status.emit(f"Duplicate detection finished: {result.merged} merged, "
                         f"{result.candidates} pair(s) to review")  # fmt: skip
        self.dedup_resumed.emit(result.changes)

    def _on_backed_up(self, review: Review, made: str | None) -> None:
        if review is not self.review or not made:
            return  # the review was closed or replaced meanwhile, or no backup was due
        self.status.emit(f"Backed up to {backupmod.backup_dir(review.path).name}/{made}")

    def set_read_only(self, on: bool) -> None:
        if self.review is None:
            return
        self.review.db.execute(f"PRAGMA query_only = {'ON' if on else 'OFF'}")
        self.read_only = on
        if on:
            self.status.emit("Read-only: the review file is damaged; restore a backup "
                             "(File ▸ Backups)")  # fmt: skip

    def restore(self, backup: backupmod.Backup) -> bool:
        """Close the review, put `backup` in its place, open it again."""
        if self.review is None:
            return False
        path = self.review.path
        self.close()
        try:
            before = backupmod.restore(path, backup)
        except CuratorError as exc:
            QMessageBox.warning(self.window, "Cannot restore", str(exc))
            self.reopen(path)
            return False
        self.reopen(path)
        self.status.emit(f"Restored the backup of {backup.label}; the review as it was is kept "
                         f"as {before.path.name}")  # fmt: skip
        return True

    def release(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None


class BackupsDialog(QDialog):
    """File ▸ Backups: the review's backups, newest first; back up now, or restore one."""

    def __init__(self, guard: ReviewGuard, parent: QWidget | None = None):
        super().__init__(parent)
        self.guard = guard
        self.setWindowTitle("Backups")
        self.setMinimumWidth(520)
        review = guard.review
        assert review is not None
        self.path = review.path
        layout = QVBoxLayout(self)
        where = QLabel(
            f"Automatic backups of {self.path.name} are kept in "
            f"{backupmod.backup_dir(self.path)}: one a day when the review is opened, "
            f"thinned to {backupmod.KEEP_DAILY} daily, {backupmod.KEEP_WEEKLY} weekly and "
            f"{backupmod.KEEP_MONTHLY} monthly."
        )
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(where)
        self.list = QListWidget(objectName="BackupList")
        layout.addWidget(self.list, 1)
        self.empty = QLabel("No backups yet.")
        set_role(self.empty, "hint")
        layout.addWidget(self.empty)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.now_button = QPushButton("Back Up &Now")
        self.restore_button = QPushButton("&Restore…")
        buttons.addButton(self.now_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.now_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.list.currentRowChanged.connect(self._update_buttons)
        layout.addWidget(buttons)
        self.fill()

    def fill(self) -> None:
        self.list.clear()
        self.backups = backupmod.list_backups(self.path)
        for backup in self.backups:
            item = QListWidgetItem(f"{backup.label}    {backup.size / 1e6:.1f} MB")
            item.setToolTip(str(backup.path))
            self.list.addItem(item)
        self.empty.setVisible(not self.backups)
        if self.backups:
            self.list.setCurrentRow(0)
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        self.restore_button.setEnabled(self.list.currentRow() >= 0)

    def back_up_now(self) -> None:
        review = self.guard.review
        if review is None:
            return
        try:
            backupmod.make_backup(review.db.conn, review.path)
        except CuratorError as exc:
            QMessageBox.warning(self, "Cannot back up", str(exc))
        self.fill()

    def restore_selected(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        chosen = self.backups[row]
        if not ask_confirm_restore(self, chosen):
            return
        if self.guard.restore(chosen):
            self.accept()


def ask_confirm_restore(parent: QWidget | None, backup: backupmod.Backup) -> bool:
    """Confirm a restore. (Tests replace this function.)"""
    answer = QMessageBox.question(
        parent,
        "Restore backup",
        f"Replace the review with the backup of {backup.label}? The review as it is now is "
        "backed up first, so you can come back to it.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes
