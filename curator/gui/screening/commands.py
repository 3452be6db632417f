"""Screening decisions as undo commands: one QUndoCommand per decision or bulk decision.

`push()` runs `redo()`, which records the decisions (the first time it also remembers what
each reviewer held before). Undo records those earlier states again, so the append-only
decisions table and the audit log keep every step; nothing is ever deleted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand

from curator.core.screening.decisions import (
    Decision,
    check_decision,
    previous_states,
    record_decisions,
)
from curator.gui.context import AppContext


class DecisionCommand(QUndoCommand):
    """Record `decisions` (for `reviewer`); undo restores what was there before."""

    def __init__(
        self,
        context: AppContext,
        decisions: Sequence[Decision],
        reviewer: str,
        text: str,
        *,
        source: str = "gui",
        applied: Callable[[list[int], bool], None] | None = None,
    ):
        super().__init__(text)
        self.context = context
        self.decisions = list(decisions)
        self.reviewer = reviewer
        self.source = source
        self.applied = applied
        self._before: list[Decision] | None = None
        self.error: Exception | None = None

    @property
    def paper_ids(self) -> list[int]:
        return list(dict.fromkeys(d.paper_id for d in self.decisions))

    def redo(self) -> None:
        review = self.context.review
        if review is None:
            return
        with review.atomic():
            if self._before is None:
                self._before = previous_states(review, self.decisions, self.reviewer)
                source = self.source
            else:
                source = "redo"
            changes = record_decisions(
                review, self.decisions, reviewer=self.reviewer, source=source
            )
        self.context.notify(changes)
        if self.applied:
            self.applied(self.paper_ids, False)

    def undo(self) -> None:
        review = self.context.review
        if review is None or self._before is None:
            return
        changes = record_decisions(review, self._before, reviewer=self.reviewer, source="undo")
        self.context.notify(changes)
        if self.applied:
            self.applied(self.paper_ids, True)


def push_decisions(
    context: AppContext,
    decisions: Sequence[Decision],
    reviewer: str,
    text: str,
    **kwargs,
) -> DecisionCommand:
    """Check and push one command; a CuratorError from the check is raised before pushing."""
    review = context.review
    assert review is not None
    for item in decisions:
        check_decision(review, item)
    command = DecisionCommand(context, decisions, reviewer, text, **kwargs)
    context.undo_stack.push(command)
    return command
