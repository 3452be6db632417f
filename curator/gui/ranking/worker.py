"""RankingWorker: retrains the relevance model off the GUI thread and coalesces requests.

The screening pane calls `decision_recorded()` after each decision (or `request()` to force
a retrain). A retrain is a curator.gui.tasks job on a QThreadPool with its own connection to the review file
(SQLite connections belong to their thread): it reads the papers and the stage's current
decisions, trains, scores every paper, optionally stores papers.rank_score in one
transaction, and hands a `RankingResult` back through the `ranked` signal. Requests that
arrive while a retrain runs are folded into one follow-up retrain, so the GUI never waits
and never queues stale work. Vectorising is cached in memory and on disk
(curator.core.ranking.model, curator.core.ranking.feature_cache), so at most the first retrain after the
texts change pays for it; a job that has nothing to learn from yet still vectorises, so the
features are ready before the first include and exclude.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThreadPool, Signal

from curator.core.ranking.labels import DEFAULT_SEED
from curator.core.review import Review
from curator.core.tasks import TaskState
from curator.gui.tasks import Task

if TYPE_CHECKING:
    from curator.core.ranking import model as ranking


@dataclass(frozen=True)
class RankingResult:
    """What one retrain produced; `ranking` is None when there is nothing to learn from yet."""

    stage: str
    ranking: ranking.Ranking | None
    message: str
    seconds: float
    thread_id: int  # the thread that trained (tests assert it is not the GUI thread)
    generation: int  # increases with each request; a newer result supersedes an older one


def retrain(
    state: TaskState, path: Path, stage: str, seed: int, write: bool, generation: int
) -> RankingResult:
    """The background job: train on the stage's decisions and score every paper, with its own
    connection to the review file; store the scores if `write`."""
    # scikit-learn loads here, off the GUI thread, not when the window starts.
    from curator.core.ranking import model as ranking

    started = time.perf_counter()
    with Review.open(path) as review:
        if not ranking.can_rank(review, stage):
            # Nothing to learn yet, but vectorise now (off the GUI thread) so the retrain
            # after the first include and exclude finds features ready.
            ranking.review_features(review)
            result, message = None, "Needs at least one include and one exclude"
        else:
            result = ranking.rank_review(review, stage, seed=seed)
            if write:
                ranking.write_scores(review, result)
            message = (
                f"Learned from {result.model.n_positive} includes and "
                f"{result.model.n_negative} excludes"
            )
    return RankingResult(
        stage, result, message, time.perf_counter() - started, threading.get_ident(), generation
    )


class RankingWorker(QObject):
    """Retrain after every `retrain_after` decisions, off the GUI thread, one job at a time."""

    started = Signal()
    ranked = Signal(object)  # RankingResult
    failed = Signal(str)

    def __init__(
        self,
        path: str | Path,
        stage: str = "title_abstract",
        *,
        retrain_after: int = 1,
        seed: int = DEFAULT_SEED,
        write_scores: bool = True,
        pool: QThreadPool | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.path = Path(path)
        self.stage = stage
        self.retrain_after = max(1, retrain_after)
        self.seed = seed
        self.write_scores = write_scores
        self.pool = pool  # None: the tasks helper's shared pool
        self.latest: RankingResult | None = None
        self._pending_decisions = 0
        self._running = False
        self._again = False
        self._generation = 0

    @property
    def busy(self) -> bool:
        return self._running

    def set_stage(self, stage: str) -> None:
        if stage != self.stage:
            self.stage = stage
            self.latest = None
            self.request()

    def decision_recorded(self, count: int = 1) -> None:
        """Call after each decision (or undo); retrains once enough decisions accumulated."""
        self._pending_decisions += count
        if self._pending_decisions >= self.retrain_after:
            self.request()

    def request(self) -> None:
        """Retrain now, or right after the retrain that is running (requests coalesce)."""
        self._pending_decisions = 0
        if self._running:
            self._again = True
            return
        self._start()

    def _start(self) -> None:
        self._running, self._again = True, False
        self._generation += 1
        task = Task(
            retrain,
            self.path,
            self.stage,
            self.seed,
            self.write_scores,
            self._generation,
            yield_to_gui=True,  # the curator keeps screening while it trains
            parent=self,
        )
        task.succeeded.connect(self._on_job_finished)
        task.failed.connect(self._on_job_failed)
        task.ended.connect(task.deleteLater)
        self.started.emit()
        task.start(pool=self.pool)

    def _on_job_finished(self, result: RankingResult) -> None:
        self._running = False
        if result.stage == self.stage:
            self.latest = result
            self.ranked.emit(result)
        if self._again:
            self._start()

    def _on_job_failed(self, message: str) -> None:
        self._running = False
        self.failed.emit(message)
        if self._again:
            self._start()
