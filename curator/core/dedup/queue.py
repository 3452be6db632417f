"""Reading duplicate pairs back: the review queue, one pair's details, the CSV table, the
merge history, PRISMA.

The queue holds the candidate pairs whose two papers are both still papers of their own (not
merged away), most uncertain first. On the labelled sets (../shared/fixtures/dedup) the share
of queued pairs that are duplicates rises with the score and stays below one half (a logistic
fit of duplicate on score reaches 0.5 only at a score of 1.46: docs/benchmarks-dedup.md), so
the highest score is the pair closest to a coin toss: the queue is ordered by score, highest
first. PRISMA's "duplicates removed" counts the papers merged into another and not unmerged.
"""

from __future__ import annotations

import json
from typing import Any

from curator.core.db import in_lists
from curator.core.dedup.compare import reason
from curator.core.errors import CuratorError
from curator.core.papers import get_paper
from curator.core.review import Review

COMPARED_FIELDS = ("title", "authors", "year", "venue", "volume", "issue", "pages", "doi",
                   "pmid", "abstract")  # fmt: skip


_QUEUE_ROW = (
    "SELECT d.id, d.paper_a, d.paper_b, d.score, d.rule, d.scores, a.title AS title_a, "
    "b.title AS title_b FROM duplicate_pairs d "
    "JOIN papers a ON a.id = d.paper_a JOIN papers b ON b.id = d.paper_b "
)
_WAITING = "d.status = 'candidate' AND a.merged_into IS NULL AND b.merged_into IS NULL"


def _queue_row(row: dict[str, Any]) -> dict[str, Any]:
    row["scores"] = json.loads(row["scores"]) if row["scores"] else {}
    return row


def candidate_queue(review: Review, *, limit: int | None = None) -> list[dict[str, Any]]:
    """Candidate pairs waiting for a person's answer, highest score first."""
    sql = f"{_QUEUE_ROW} WHERE {_WAITING} ORDER BY d.score DESC, d.id"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [_queue_row(row) for row in review.db.query(sql)]


def candidate_ids(review: Review) -> list[int]:
    """The ids of the pairs `candidate_queue` lists, in its order, without reading the rows:
    what the review queue's list holds (rows are read when shown, `queue_rows`)."""
    sql = (
        "SELECT d.id FROM duplicate_pairs d JOIN papers a ON a.id = d.paper_a "
        f"JOIN papers b ON b.id = d.paper_b WHERE {_WAITING} ORDER BY d.score DESC, d.id"
    )
    return [r[0] for r in review.db.execute(sql)]


def queue_rows(review: Review, pair_ids: list[int]) -> dict[int, dict[str, Any]]:
    """The queue rows (as `candidate_queue` gives them) of these pairs, by pair id; a pair
    that no longer exists is left out."""
    found: dict[int, dict[str, Any]] = {}
    for chunk, marks in in_lists(pair_ids):
        for row in review.db.query(f"{_QUEUE_ROW} WHERE d.id IN ({marks})", chunk):
            found[row["id"]] = _queue_row(row)
    return found


def pair_details(review: Review, pair_id: int) -> dict[str, Any]:
    """A pair with both papers (as `get_paper` gives them) and which fields differ."""
    rows = list(review.db.query("SELECT * FROM duplicate_pairs WHERE id = ?", [pair_id]))
    if not rows:
        raise CuratorError(f"no duplicate pair with id {pair_id}")
    pair = rows[0]
    pair["scores"] = json.loads(pair["scores"]) if pair["scores"] else {}
    a, b = get_paper(review, pair["paper_a"]), get_paper(review, pair["paper_b"])
    pair["a"], pair["b"] = a, b
    pair["differs"] = [f for f in COMPARED_FIELDS if display_value(a, f) != display_value(b, f)]
    pair["reason"] = reason(pair["rule"] or "", pair["scores"])
    return pair


def display_value(paper: dict[str, Any], field: str) -> str:
    """A paper's field as the queue shows it (plain text)."""
    if field == "authors":
        return paper.get("authors_text") or ""
    value = paper.get(field)
    return "" if value is None else str(value)


def pairs_table(review: Review) -> list[dict[str, Any]]:
    """Every stored pair with its scores and outcome, for `curator dedup --pairs`."""
    out = []
    for row in review.db.query(
        "SELECT d.id, d.paper_a, d.paper_b, d.score, d.rule, d.status, d.decided_by, d.scores, "
        "a.title AS title_a, b.title AS title_b FROM duplicate_pairs d "
        "JOIN papers a ON a.id = d.paper_a JOIN papers b ON b.id = d.paper_b "
        "ORDER BY d.paper_a, d.paper_b"
    ):
        scores = json.loads(row.pop("scores") or "{}")
        for name in ("title", "authors", "venue", "year", "volume", "issue", "pages", "doi"):
            value = scores.get(name)
            row[f"{name}_score"] = "" if value is None else round(value, 3)
        out.append(row)
    return out


def merge_history(review: Review) -> list[dict[str, Any]]:
    """Every merge, oldest first: which paper was kept and which merged into it, why (an
    automatic merge's rule with the fields that agreed and differed, or "manual"), by whom,
    when, and when it was undone (None while it stands)."""
    return list(
        review.db.query(
            "SELECT m.id, m.kept_id, m.dropped_id, m.pair_id, m.rule, m.merged_by, m.merged_at, "
            "m.undone_at, k.title AS kept_title, d.title AS dropped_title FROM merges m "
            "JOIN papers k ON k.id = m.kept_id JOIN papers d ON d.id = m.dropped_id ORDER BY m.id"
        )
    )


def duplicates_removed(review: Review) -> int:
    """PRISMA 2020's "duplicate records removed": papers merged into another."""
    return review.db.execute(
        "SELECT COUNT(*) FROM papers WHERE merged_into IS NOT NULL"
    ).fetchone()[0]
