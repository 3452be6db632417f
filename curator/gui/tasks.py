"""The one way to run work off the GUI thread (Picard's run_task, Orange's TaskState).

A job is a plain function `fn(state, *args)`; `state` is the core's TaskState (report progress,
`check()` for cancel). `Task(fn, *args).start()` runs it on a QThreadPool; the outcome comes
back on the GUI thread as exactly one of `succeeded(result)`, `failed(message)` (a one-line
message: a CuratorError's text, or "unexpected error: ..." for a bug) or `cancelled()`
(the job raised `Cancelled`), then `ended()`. `progressed(percent, message)` arrives on the
GUI thread too. A job never touches a widget; one that needs the review opens its own
connection (a connection belongs to the thread that opened it).

`start(threaded=False)` runs the job here and now (tests; Picard's synchronous pool).
`wait()` starts it and returns when it has ended, keeping the window painted (user input waits):
for a caller that must answer at once (opening a file that first needs migrating). `show_progress` shows a
progress dialog only once a job has run for 500 ms (Anki), so quick jobs never flash one.

`yield_to_gui=True` is for a job that runs Python code while the curator keeps working (a
ranking retrain during screening): while any such job runs, Python's GIL switch interval is
shortened so the GUI thread, whose every SQLite call releases the GIL, wins it back at once
(per key at 100,000 records: p95 58 ms -> 8 ms when it was measured, commit 097605c).
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog

from curator.core.errors import CuratorError
from curator.core.tasks import Cancelled, TaskState

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 500
MIN_THREADS = 4
YIELD_SWITCH_INTERVAL = 0.0005  # seconds; Python's default is 0.005
_switch = {"running": 0, "saved": None}
_switch_lock = threading.Lock()


def _yielding_began() -> None:
    with _switch_lock:
        if _switch["running"] == 0:
            _switch["saved"] = sys.getswitchinterval()
            sys.setswitchinterval(YIELD_SWITCH_INTERVAL)
        _switch["running"] += 1


def _yielding_ended() -> None:
    with _switch_lock:
        _switch["running"] -= 1
        if _switch["running"] == 0:
            sys.setswitchinterval(_switch["saved"])


def _shared_pool() -> QThreadPool:
    """Qt's global pool, with room for an import, a retrain and a migration at once even on a
    two-core machine (the jobs mostly wait on SQLite and the GIL, not on a core)."""
    pool = QThreadPool.globalInstance()
    if pool.maxThreadCount() < MIN_THREADS:
        pool.setMaxThreadCount(MIN_THREADS)
    return pool


class Task(QObject):
    """One run of `fn(state, *args)`; create it on the GUI thread, connect, then start()."""

    progressed = Signal(float, str)  # percent done, message
    succeeded = Signal(object)  # what fn returned
    failed = Signal(str)
    cancelled = Signal()
    ended = Signal()  # after any of the three above

    # Emitted on the job's thread; queued to this object's slot on the GUI thread.
    _progress_posted = Signal(float, str)
    _outcome_posted = Signal(str, object)

    def __init__(
        self,
        fn: Callable[..., Any],
        *args: Any,
        yield_to_gui: bool = False,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.fn, self.args, self.yield_to_gui = fn, args, yield_to_gui
        self.state = TaskState(self._on_state_progress)
        self.running = False
        self.outcome: str | None = None  # "succeeded", "failed" or "cancelled" once ended
        self.result: Any = None
        self.error: str | None = None
        self._threaded = True
        self._progress_posted.connect(self._on_progress_posted, Qt.ConnectionType.QueuedConnection)
        self._outcome_posted.connect(self._on_outcome_posted, Qt.ConnectionType.QueuedConnection)

    # -- for the GUI thread ------------------------------------------------------------------
    def start(self, *, threaded: bool = True, pool: QThreadPool | None = None) -> Task:
        """Run on `pool` (default: Qt's global pool), or here and now if not `threaded`."""
        self.running, self._threaded = True, threaded
        if threaded:
            (pool or _shared_pool()).start(_Runnable(self))
        else:
            self._run()
        return self

    def cancel(self) -> None:
        """Ask the job to stop at its next check (safe from any thread)."""
        self.state.cancel()

    def wait(self) -> Task:
        """Start on the pool (unless started) and return once the job has ended. The window
        keeps painting and timers run (a local event loop, the only one in Curator), but
        clicks and keys wait until the job has ended: nothing can start meanwhile."""
        loop = QEventLoop()
        self.ended.connect(loop.quit)
        if not self.running and self.outcome is None:
            self.start()
        if self.running:
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        return self

    # -- on the job's thread -------------------------------------------------------------------
    def _run(self) -> None:
        if self.yield_to_gui:
            _yielding_began()
        try:
            try:
                result = self.fn(self.state, *self.args)
            except Cancelled:
                self._post("cancelled", None)
            except CuratorError as exc:
                self._post("failed", str(exc))
            except Exception as exc:  # a bug: reported, never lost in the thread
                log.exception("background job %r failed", self.fn)
                self._post("failed", f"unexpected error: {type(exc).__name__}: {exc}")
            else:
                self._post("succeeded", result)
        finally:
            if self.yield_to_gui:
                _yielding_ended()

    def _on_state_progress(self, done: float, total: float, message: str) -> None:
        percent = 100.0 * done / total if total else 0.0
        if self._threaded:
            try:
                self._progress_posted.emit(percent, message)
            except RuntimeError:  # the task was deleted (its window closed): nobody listens
                pass
        else:
            self._on_progress_posted(percent, message)

    def _post(self, outcome: str, value: Any) -> None:
        if self._threaded:
            try:
                self._outcome_posted.emit(outcome, value)
            except RuntimeError:
                pass
        else:
            self._on_outcome_posted(outcome, value)

    # -- back on the GUI thread ----------------------------------------------------------------
    @Slot(float, str)
    def _on_progress_posted(self, percent: float, message: str) -> None:
        if self.running:
            self.progressed.emit(percent, message)

    @Slot(str, object)
    def _on_outcome_posted(self, outcome: str, value: Any) -> None:
        self.running, self.outcome = False, outcome
        if outcome == "succeeded":
            self.result = value
            self.succeeded.emit(value)
        elif outcome == "failed":
            self.error = value
            self.failed.emit(value)
        else:
            self.cancelled.emit()
        self.ended.emit()


class _Runnable(QRunnable):
    def __init__(self, task: Task):
        super().__init__()
        self.setAutoDelete(True)
        self.task = task

    def run(self) -> None:
        self.task._run()


def show_progress(
    task: Task, dialog: QProgressDialog, *, delay_ms: int = PROGRESS_DELAY_MS
) -> QProgressDialog:
    """Show `dialog` for `task` only once it has run `delay_ms`; follow its progress (when the
    dialog has a range), cancel it from the dialog's button, close it when the task ends."""
    dialog.setMinimumDuration(2**31 - 1)  # never Qt's own estimate: the timer below decides
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.hide()
    timer = QTimer(dialog)
    timer.setSingleShot(True)
    timer.timeout.connect(lambda: dialog.show() if task.running else None)
    timer.start(delay_ms)
    if dialog.maximum() > 0:
        task.progressed.connect(lambda percent, _message: dialog.setValue(int(percent)))
    dialog.canceled.connect(task.cancel)
    task.ended.connect(timer.stop)
    task.ended.connect(dialog.close)
    return dialog
