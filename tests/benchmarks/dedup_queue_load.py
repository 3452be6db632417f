"""CPU time to (re)load the duplicates review queue with 31,000 waiting pairs.

Run: `nice env PYTHONPATH=. .venv/bin/python tests/benchmarks/dedup_queue_load.py [PAIRS]`

Writes 2 x PAIRS papers and PAIRS candidate pairs (default 31,000: what a 100,000-record run
leaves queued) into a fresh review, then times, three times each, what a reload of the queue's
list costs: every row (`candidate_queue`, what the list read before) against the ordered ids
(`candidate_ids`, what it reads now) and one chunk of rows (`queue_rows`, read when shown).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from curator.core import dedup
from curator.core.review import Review  # noqa: E402
from curator.gui.dedup.pair_model import PairListModel  # noqa: E402


def write_queue(review: Review, pairs: int) -> None:
    """`pairs` candidate pairs written straight into the review (as a run at scale leaves
    them), two papers each, scores falling so the queue's order is known."""
    stamp = "2026-01-01T00:00:00"
    review.db["papers"].insert_all(
        {"title": f"Trial {i // 2} of exercise therapy for chronic low back pain",
         "authors_text": "Hayden, J. A.", "first_author": "Hayden", "year": 2005,
         "created_at": stamp, "updated_at": stamp}
        for i in range(2 * pairs)
    )  # fmt: skip
    first = review.db.execute("SELECT MAX(id) FROM papers").fetchone()[0] - 2 * pairs + 1
    review.db["duplicate_pairs"].insert_all(
        {"paper_a": first + 2 * i, "paper_b": first + 2 * i + 1,
         "score": 0.99 - i / (2 * pairs), "scores": '{"title": 1.0, "authors": 0.9}',
         "rule": "similar title", "status": "candidate"}
        for i in range(pairs)
    )  # fmt: skip


def main() -> None:
    pairs = int(sys.argv[1]) if len(sys.argv) > 1 else 31_000
    with (
        tempfile.TemporaryDirectory() as tmp,
        Review.create(Path(tmp) / "queue.curator", title="queue", who="bench") as review,
    ):
        write_queue(review, pairs)
        for _ in range(3):
            c0 = time.process_time()
            rows = dedup.candidate_queue(review)
            c1 = time.process_time()
            ids = dedup.candidate_ids(review)
            c2 = time.process_time()
            dedup.queue_rows(review, ids[: PairListModel.CHUNK])
            c3 = time.process_time()
            load = Path("/proc/loadavg").read_text().split()[0]
            print(f"{len(rows)} pairs: candidate_queue {c1 - c0:.3f} s CPU; candidate_ids "
                  f"{c2 - c1:.3f} s; one chunk {c3 - c2:.4f} s (load {load})")  # fmt: skip


if __name__ == "__main__":
    main()
