"""Duplicate detection and merging: find the same work imported more than once, merge it.

The parts: `prepare` (normalise each paper once), `blocking` (which pairs to compare),
`compare` (field scores, vetoes, rules), `engine` (run over a review, store pairs, auto-merge),
`merge` (merge, unmerge, not-duplicate answers) and `queue` (the pairs waiting for a person,
PRISMA's count).
"""

from curator.core.dedup.engine import (
    AUTO_THRESHOLD_SETTING,
    DEFAULT_AUTO_THRESHOLD,
    DedupResult,
    dedup_new,
    get_auto_threshold,
    mark_pending,
    pending_ids,
    resume_pending,
    run,
    set_auto_threshold,
)
from curator.core.dedup.merge import (
    MERGE_FIELDS,
    mark_not_duplicate,
    merge,
    set_pair_status,
    unmerge,
)
from curator.core.dedup.queue import (
    candidate_ids,
    candidate_queue,
    duplicates_removed,
    pair_details,
    pairs_table,
    queue_rows,
)

__all__ = [
    "AUTO_THRESHOLD_SETTING",
    "DEFAULT_AUTO_THRESHOLD",
    "MERGE_FIELDS",
    "DedupResult",
    "mark_pending",
    "pending_ids",
    "resume_pending",
    "candidate_ids",
    "candidate_queue",
    "dedup_new",
    "duplicates_removed",
    "get_auto_threshold",
    "mark_not_duplicate",
    "merge",
    "pair_details",
    "pairs_table",
    "queue_rows",
    "run",
    "set_auto_threshold",
    "set_pair_status",
    "unmerge",
]
