"""Screening decisions as undoable edits (curator.gui.undo): one step per decision or bulk.

The first redo records the decisions (and remembers what each reviewer held before); undo
records those earlier states again and a later redo the decisions again, so the append-only
decisions table and the audit log keep every step; nothing is ever deleted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from curator.core.changes import Changes
from curator.core.review import Review
from curator.core.screening.decisions import (
    Decision,
    check_decision,
    previous_states,
    record_decisions,
)
from curator.gui.context import AppContext
from curator.gui.undo import run


def push_decisions(
    context: AppContext,
    decisions: Sequence[Decision],
    reviewer: str,
    text: str,
    *,
    source: str = "gui",
    applied: Callable[[list[int], bool], None] | None = None,
) -> Changes:
    """Check and push one undoable step; a CuratorError from the check is raised before
    pushing. `applied(paper_ids, undone)` runs after each redo and undo (the pane moves)."""
    review = context.review
    assert review is not None
    for item in decisions:
        check_decision(review, item)
    decisions = list(decisions)
    paper_ids = list(dict.fromkeys(d.paper_id for d in decisions))
    before: list[Decision] = []

    def do(review: Review) -> Changes:
        with review.atomic():
            before[:] = previous_states(review, decisions, reviewer)
            return record_decisions(review, decisions, reviewer=reviewer, source=source)

    def undo(review: Review) -> Changes:
        return record_decisions(review, before, reviewer=reviewer, source="undo")

    def redo_again(review: Review) -> Changes:
        with review.atomic():
            return record_decisions(review, decisions, reviewer=reviewer, source="redo")

    after = (lambda undone: applied(paper_ids, undone)) if applied is not None else None
    return run(context, text, do, undo, redo_again, after=after)
