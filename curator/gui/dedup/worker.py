"""Running duplicate detection on a worker thread, with progress and cancel.

The worker opens its own connection to the review file (a connection belongs to the thread
that opened it), runs `dedup.run` with a state object whose progress becomes a signal, and
posts the result back. The widgets never touch the worker's connection.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from curator.core import dedup
from curator.core.review import Review


class _SignalState(dedup.RunState):
    def __init__(self, worker: DedupWorker):
        super().__init__()
        self._worker = worker

    def set_status(self, text: str) -> None:
        super().set_status(text)
        self._worker.status_changed.emit(text)

    def set_progress_value(self, percent: float) -> None:
        super().set_progress_value(percent)
        self._worker.progress_changed.emit(int(percent))


class DedupWorker(QObject):
    progress_changed = Signal(int)
    status_changed = Signal(str)
    finished = Signal(object)  # DedupResult
    failed = Signal(str)

    def __init__(self, path: Path, who: str):
        super().__init__()
        self.path, self.who = path, who
        self.state = _SignalState(self)

    def cancel(self) -> None:
        self.state.cancel()

    def run(self) -> None:
        try:
            with Review.open(self.path, who=self.who) as review:
                result = dedup.run(review, state=self.state)
        except Exception as exc:  # reported to the user, never lost in the thread
            self.failed.emit(str(exc))
            return
        self.finished.emit(result)


def start(worker: DedupWorker, parent: QObject) -> QThread:
    """Run `worker` on a new thread (parented to `parent`); the thread ends with the job."""
    thread = QThread(parent)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.finished.connect(thread.quit)
    worker.failed.connect(thread.quit)
    thread.start()
    return thread
