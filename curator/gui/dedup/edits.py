"""Undoable edits of the Duplicates workspace (curator.gui.undo): merge and "not a duplicate"
in the queue, unmerge in the Merged list. Undo calls the core's inverse (`unmerge`, setting the
pair back to 'candidate', or `redo_merge`: the same merge again, same rule and merger); a
refused edit raises its CuratorError and leaves no undo entry.
"""

from __future__ import annotations

from curator.core import dedup
from curator.core.changes import Changes
from curator.gui.context import AppContext
from curator.gui.undo import run


def merge(context: AppContext, keep: int, drop: int, fields_from: dict[str, int]) -> Changes:
    """Merge paper `drop` into `keep`, taking the fields named in `fields_from` from either."""
    fields_from = dict(fields_from)
    return run(
        context,
        f"Merge paper {drop} into paper {keep}",
        lambda r: dedup.merge(r, keep, drop, fields_from=fields_from, rule="reviewer"),
        lambda r: dedup.unmerge(r, drop),
    )


def not_duplicate(context: AppContext, pair_id: int, a: int, b: int) -> Changes:
    """Answer that papers `a` and `b` are not duplicates (the pair leaves the queue)."""
    return run(
        context,
        f"Papers {a} and {b} are not duplicates",
        lambda r: dedup.mark_not_duplicate(r, a, b),
        lambda r: dedup.set_pair_status(r, pair_id, "candidate"),
    )


def unmerge(context: AppContext, merge_id: int, kept: int, dropped: int) -> Changes:
    """Undo merge `merge_id` (its pair waits in the queue again); undo merges it again as it was.

    Each re-merge writes a new merge row, so a later redo undoes that one (the latest)."""
    latest = {"merge": merge_id}

    def merge_again(review) -> Changes:
        changes = dedup.redo_merge(review, latest["merge"])
        latest["merge"] = changes.id
        return changes

    return run(
        context,
        f"Unmerge paper {dropped} from paper {kept}",
        lambda r: dedup.undo_merge(r, latest["merge"]),
        merge_again,
    )
