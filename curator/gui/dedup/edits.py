"""Undoable reviewer answers in the duplicate queue (curator.gui.undo): merge, and "not a
duplicate". Undo calls the core's inverse (`unmerge`, or setting the pair back to
'candidate'); a refused answer raises its CuratorError and leaves no undo entry.
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
