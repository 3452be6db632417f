"""Running an import off the GUI thread: a worker object on a QThread that opens its own
connection to the review (a connection belongs to its thread), reports progress and
results through signals, and never touches a widget. `cancel()` is safe from any thread;
a cancelled import leaves nothing behind (the core rolls the transaction back)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from curator.core.errors import CuratorError
from curator.core.importers import ImportCancelled, ImportSpec, TaskState, import_files
from curator.core.review import Review

PROGRESS_STEPS = 1000


class ImportWorker(QObject):
    progressed = Signal(int, str)  # per mille done, message
    import_finished = Signal(object, object)  # list[ImportReport], Changes
    import_failed = Signal(str)
    import_cancelled = Signal()
    done = Signal()  # after any of the three above

    def __init__(self, review_path: Path, specs: list[ImportSpec], who: str | None = None):
        super().__init__()
        self.review_path = Path(review_path)
        self.specs = specs
        self.who = who
        self.state = TaskState(self._on_progress)

    def cancel(self) -> None:
        self.state.cancel()

    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.progressed.emit(int(PROGRESS_STEPS * done / max(total, 1)), message)

    @Slot()
    def run(self) -> None:
        try:
            review = Review.open(self.review_path, who=self.who)
            try:
                reports, changes = import_files(review, self.specs, self.state)
            finally:
                review.close()
        except ImportCancelled:
            self.import_cancelled.emit()
        except CuratorError as exc:
            self.import_failed.emit(str(exc))
        except Exception as exc:  # a bug: still report it instead of killing the thread
            self.import_failed.emit(f"unexpected error: {type(exc).__name__}: {exc}")
        else:
            self.import_finished.emit(reports, changes)
        self.done.emit()


def start_in_thread(worker: ImportWorker, parent: QObject | None = None) -> QThread:
    """Move `worker` to a new thread, start it, and clean both up when it is done."""
    thread = QThread(parent)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.done.connect(
        thread.quit, Qt.DirectConnection
    )  # thread-safe; never queued behind a wait()
    thread.finished.connect(worker.deleteLater)
    thread.start()
    return thread
