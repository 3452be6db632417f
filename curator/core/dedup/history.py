"""Acting on the merge history: undo one merge so that its pair waits for a person's answer,
and make that merge again exactly as it was (what undoing the unmerge does).

`unmerge` restores the pair as it stood before the merge. An automatic merge's pair was a
candidate, so it is back in the review queue. A pair the merge itself created (a paper joined
to its group through a third paper, or a merge made outside the queue) is deleted by
`unmerge`; `undo_merge` queues it again, compared afresh, so the paper that came back is
never left without a question. The queued pair is with the paper the kept one now stands in
(the kept paper itself unless it was merged away since).
"""

from __future__ import annotations

import json

from curator.core.changes import Changes
from curator.core.dedup.engine import compare_papers
from curator.core.dedup.merge import MERGE_FIELDS, merge, ordered_pair, unmerge
from curator.core.errors import CuratorError
from curator.core.review import Review

# The papers columns a merge writes, by the MERGE_FIELDS name a merge is asked to take.
_FIELD_OF_COLUMN = {"authors_text": "authors", "first_author": "authors", "venue_id": "venue"}


def _read_merge(review: Review, merge_id: int) -> dict:
    found = next(review.db.query("SELECT * FROM merges WHERE id = ?", [merge_id]), None)
    if found is None:
        raise CuratorError(f"no merge with id {merge_id}")
    return found


def undo_merge(review: Review, merge_id: int) -> Changes:
    """Undo merge `merge_id` (`unmerge` of its dropped paper) and leave its pair waiting."""
    row = _read_merge(review, merge_id)
    if row["undone_at"] is not None:
        raise CuratorError(f"merge {merge_id} was already undone")
    with review.atomic():
        latest = review.db.execute(
            "SELECT MAX(id) FROM merges WHERE dropped_id = ? AND undone_at IS NULL",
            (row["dropped_id"],),
        ).fetchone()[0]
        if latest != merge_id:
            raise CuratorError(f"paper {row['dropped_id']} was merged again since merge {merge_id}")
        changes = unmerge(review, row["dropped_id"])
        _queue_pair(review, _standing_paper(review, row["kept_id"]), row["dropped_id"])
    return changes


def _standing_paper(review: Review, paper_id: int) -> int:
    """The paper `paper_id` is now part of: itself, or the paper it was merged into, and so on."""
    seen = {paper_id}
    while True:
        into = review.db.execute(
            "SELECT merged_into FROM papers WHERE id = ?", (paper_id,)
        ).fetchone()[0]
        if into is None or into in seen:
            return paper_id
        seen.add(into)
        paper_id = into


def _queue_pair(review: Review, a: int, b: int) -> None:
    """Make the pair (a, b) a candidate, unless a person's answer (not a duplicate, a version)
    stands or it already waits; a missing pair is compared and stored."""
    lo, hi = ordered_pair(a, b)
    found = review.db.execute(
        "SELECT id, status FROM duplicate_pairs WHERE paper_a = ? AND paper_b = ?", (lo, hi)
    ).fetchone()
    if found is None:
        result = compare_papers(review, lo, hi)
        review.db.execute(
            "INSERT INTO duplicate_pairs (paper_a, paper_b, score, scores, rule, status) "
            "VALUES (?, ?, ?, ?, ?, 'candidate')",
            (lo, hi, result.score, json.dumps(result.scores), result.rule),
        )
    elif found[1] == "duplicate":  # left from a group merge: not an answer about these two
        review.db.execute(
            "UPDATE duplicate_pairs SET status = 'candidate', decided_by = NULL, "
            "decided_at = NULL WHERE id = ?",
            (found[0],),
        )


def redo_merge(review: Review, merge_id: int) -> Changes:
    """Merge again as merge `merge_id` did: the same kept and dropped papers, the same fields
    taken from the dropped one, the same rule and merger, so the history stays truthful (a new
    merge row; the undone one keeps its `undone_at`)."""
    row = _read_merge(review, merge_id)
    after = json.loads(row["undo"] or "{}").get("fields", {}).get("after", {})
    fields_from = {}
    for column in after:
        name = _FIELD_OF_COLUMN.get(column, column)
        if name in MERGE_FIELDS:
            fields_from[name] = row["dropped_id"]
    return merge(
        review,
        row["kept_id"],
        row["dropped_id"],
        fields_from=fields_from,
        rule=row["rule"],
        decided_by=row["merged_by"],
    )
