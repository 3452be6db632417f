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
from dataclasses import dataclass
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
    return _rows_by_id(review, f"{_QUEUE_ROW} WHERE d.id IN", pair_ids, _queue_row)


def _rows_by_id(review: Review, select: str, ids: list[int], shape) -> dict[int, dict[str, Any]]:
    """`select` ("... WHERE x.id IN") over `ids` a chunk at a time, each row `shape`d, by id."""
    found: dict[int, dict[str, Any]] = {}
    for chunk, marks in in_lists(ids):
        for row in review.db.query(f"{select} ({marks})", chunk):
            found[row["id"]] = shape(row)
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
    pair["differs"] = differing_fields(a, b)
    pair["reason"] = reason(pair["rule"] or "", pair["scores"])
    return pair


def differing_fields(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    """The compared fields whose shown values differ between two papers (as `get_paper`)."""
    return [f for f in COMPARED_FIELDS if display_value(a, f) != display_value(b, f)]


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


# The merges that stand (not undone), as the Duplicates workspace lists them, newest first.
_MERGE_ROW = (
    "SELECT m.id, m.kept_id, m.dropped_id, m.pair_id, m.rule, m.merged_by, m.merged_at, "
    "m.undone_at, k.title AS kept_title, d.title AS dropped_title FROM merges m "
    "JOIN papers k ON k.id = m.kept_id JOIN papers d ON d.id = m.dropped_id "
)
_STANDING = "m.undone_at IS NULL"
_AUTOMATIC = "m.merged_by = 'auto'"  # what detection (dedup.run) writes as the merger


def _merge_row(row: dict[str, Any]) -> dict[str, Any]:
    row["automatic"] = row["merged_by"] == "auto"
    return row


def merge_ids(review: Review, *, automatic_only: bool = False) -> list[int]:
    """The ids of the merges that stand (undone ones left out), newest first, without reading
    the rows: what the Merged list holds (rows are read when shown, `merge_rows`). An undone
    merge is no longer a merge of the review; it stays in `merge_history`."""
    where = _STANDING + (f" AND {_AUTOMATIC}" if automatic_only else "")
    return [
        r[0] for r in review.db.execute(f"SELECT id FROM merges m WHERE {where} ORDER BY id DESC")
    ]


def merge_rows(review: Review, ids: list[int]) -> dict[int, dict[str, Any]]:
    """The rows (as `merge_history` gives them, plus `automatic`) of these merges, by id, read
    in chunks; a merge that no longer exists is left out."""
    return _rows_by_id(review, f"{_MERGE_ROW} WHERE m.id IN", ids, _merge_row)


def merge_details(review: Review, merge_id: int) -> dict[str, Any]:
    """One merge with both papers (`a` kept, `b` merged into it, as `get_paper` gives them)
    and why: an automatic merge's stored reason (the rule with the fields that agreed and
    differed), or who merged it by hand. Shaped like `pair_details` for the pair view."""
    rows = merge_rows(review, [merge_id])
    if merge_id not in rows:
        raise CuratorError(f"no merge with id {merge_id}")
    merge = rows[merge_id]
    merge["a"], merge["b"] = (
        get_paper(review, merge["kept_id"]),
        get_paper(review, merge["dropped_id"]),
    )
    merge["differs"] = differing_fields(merge["a"], merge["b"])
    pair = None
    if merge["pair_id"] is not None:
        found = review.db.execute(
            "SELECT rule, scores FROM duplicate_pairs WHERE id = ?", (merge["pair_id"],)
        ).fetchone()
        if found is not None and found[1]:
            pair = reason(found[0] or "", json.loads(found[1]))
    merge["reason"] = merge_reason(merge["rule"], merge["merged_by"], pair)
    return merge


def merge_reason(rule: str | None, merged_by: str | None, pair_reason: str | None) -> str:
    """Why a merge was made, in words: detection's reason for an automatic merge (the one kept
    when it merged, else its pair's), or "merged by NAME" with the pair's scores if it has
    any."""
    if merged_by == "auto":
        stored = (rule or "automatic").removeprefix("automatic").lstrip(": ")
        if "agreed" not in stored and "differed" not in stored and pair_reason:
            stored = pair_reason
        return f"merged automatically: {stored}" if stored else "merged automatically"
    text = f"merged by {merged_by or 'someone'}"
    return f"{text}; detection had found: {pair_reason}" if pair_reason else text


@dataclass(frozen=True)
class DuplicateCounts:
    """What the Duplicates workspace counts: pairs waiting, merges standing (of which
    automatic), papers merged away (PRISMA's duplicates removed)."""

    to_review: int
    merged: int
    automatic: int
    removed: int


def counts(review: Review) -> DuplicateCounts:
    """The Duplicates workspace's counts, in one place."""
    to_review = review.db.execute(
        "SELECT COUNT(*) FROM duplicate_pairs d JOIN papers a ON a.id = d.paper_a "
        f"JOIN papers b ON b.id = d.paper_b WHERE {_WAITING}"
    ).fetchone()[0]
    merged, automatic = review.db.execute(
        f"SELECT COUNT(*), COALESCE(SUM({_AUTOMATIC}), 0) FROM merges m WHERE {_STANDING}"
    ).fetchone()
    return DuplicateCounts(to_review, merged, automatic, duplicates_removed(review))


def duplicates_removed(review: Review) -> int:
    """PRISMA 2020's "duplicate records removed": papers merged into another."""
    return review.db.execute(
        "SELECT COUNT(*) FROM papers WHERE merged_into IS NOT NULL"
    ).fetchone()[0]
