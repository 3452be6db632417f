"""Duplicate detection and merging: find the same work imported more than once, merge it.

The parts: `prepare` (normalise each paper once), `blocking` (which pairs to compare),
`compare` (field scores, vetoes, rules), `engine` (run over a review, store pairs, auto-merge),
`merge` (merge, unmerge, not-duplicate answers), `queue` (the pairs waiting for a person,
the merges standing, PRISMA's count) and `history` (undo one merge, make it again).
"""

from curator.core.dedup.engine import (
    AUTO_THRESHOLD_SETTING,
    DEFAULT_AUTO_THRESHOLD,
    DEFAULT_QUEUE_FLOOR,
    QUEUE_FLOOR_SETTING,
    DedupResult,
    dedup_new,
    get_auto_threshold,
    mark_pending,
    pending_ids,
    resume_pending,
    run,
    set_auto_threshold,
)
from curator.core.dedup.history import redo_merge, undo_merge
from curator.core.dedup.merge import (
    MERGE_FIELDS,
    mark_not_duplicate,
    merge,
    set_pair_status,
    unmerge,
)
from curator.core.dedup.queue import (
    DuplicateCounts,
    candidate_ids,
    candidate_queue,
    counts,
    duplicates_removed,
    merge_details,
    merge_history,
    merge_ids,
    merge_rows,
    pair_details,
    pairs_table,
    queue_rows,
)

__all__ = [
    "AUTO_THRESHOLD_SETTING",
    "DEFAULT_AUTO_THRESHOLD",
    "DEFAULT_QUEUE_FLOOR",
    "QUEUE_FLOOR_SETTING",
    "MERGE_FIELDS",
    "DedupResult",
    "DuplicateCounts",
    "mark_pending",
    "pending_ids",
    "resume_pending",
    "candidate_ids",
    "candidate_queue",
    "counts",
    "dedup_new",
    "duplicates_removed",
    "get_auto_threshold",
    "mark_not_duplicate",
    "merge",
    "merge_details",
    "merge_history",
    "merge_ids",
    "merge_rows",
    "pair_details",
    "pairs_table",
    "queue_rows",
    "redo_merge",
    "run",
    "set_auto_threshold",
    "set_pair_status",
    "undo_merge",
    "unmerge",
]
