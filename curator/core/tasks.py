"""Progress and cancel for a long job (Orange's TaskState): the one state object that
imports, duplicate detection and every other long core job take. Qt-free and thread-safe.

The job calls `report(done, total, message)` (or `set_status(message)`) and `check()`, which
raises `Cancelled` once another thread called `cancel()`; a job that prefers to return early
reads `cancelled`. `on_progress(done, total, message)` is called from the job's thread; the
last report is kept (`progress` in percent, `status`) for whoever runs the job.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from curator.core.errors import CuratorError


class Cancelled(CuratorError):
    """A job stopped because it was asked to; it changed nothing."""


class TaskState:
    def __init__(self, on_progress: Callable[[int, int, str], None] | None = None):
        self._cancelled = threading.Event()
        self.on_progress = on_progress
        self.progress = 0.0
        self.status = ""

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check(self) -> None:
        if self._cancelled.is_set():
            raise Cancelled("cancelled; nothing was changed")

    def report(self, done: float, total: float, message: str = "") -> None:
        self.progress = 100.0 * done / total if total else 0.0
        if message:
            self.status = message
        if self.on_progress is not None:
            self.on_progress(done, total, message)

    def set_status(self, message: str) -> None:
        """Say what the job does now, keeping its progress."""
        self.report(self.progress, 100, message)
