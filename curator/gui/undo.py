"""The one undo layer: every undoable edit is a `CoreCommand` over core functions.

`run(context, text, do, undo)` pushes a command whose redo() calls `do` (QUndoStack.push runs
it: nothing is applied beforehand) and whose undo() calls `undo`; both return `Changes`, which
are broadcast with `context.notify`. A core error on the first run is raised to the caller and
the command is dropped from the stack (setObsolete), so a refused edit leaves no undo entry.
`after(undone)` is called once the panes have refreshed (the screening pane moves on).
An undo or later redo that the review no longer allows (a detection run merged the paper
away since, say) changes nothing: the command leaves the stack and `context.refused` says why
(the window shows it in the status bar).

Two ways to build the pair from what an edit touches:
- `run_value` for one value read by `get` and written by `put` (a setting, a sample): undo puts
  back the value before, redo the value after (so redo repeats exactly what was done);
- `run_snapshot` for rows keyed by id (`take` snapshots, `put` restores): rows that exist only
  after the edit (an added claim) are deleted on undo and come back with the same id on redo.

The panes' edits live beside them (curation/edits.py, screening/edits.py, dedup/edits.py,
ranking/edits.py, flow/edits.py); none subclasses QUndoCommand itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from curator.core.changes import Changes
from curator.core.errors import CuratorError
from curator.core.review import Review
from curator.gui.context import AppContext

Op = Callable[[Review], Changes]
Snapshot = dict


class CoreCommand(QUndoCommand):
    """An edit that runs `do` (first time), `undo`, and `redo_again` (later redos)."""

    def __init__(
        self,
        context: AppContext,
        text: str,
        do: Op,
        undo: Op,
        redo_again: Op | None = None,
        outcome: dict | None = None,
        after: Callable[[bool], None] | None = None,
    ):
        super().__init__(text)
        self.context = context
        self._do, self._undo, self._redo_again = do, undo, redo_again or do
        self._after = after
        self._done_once = False
        # Written by the first redo; kept outside the command, which Qt may delete on push.
        self.outcome = outcome if outcome is not None else {}

    def redo(self) -> None:
        review = self.context.review
        if review is None:
            self.setObsolete(True)
            return
        try:
            changes = (self._redo_again if self._done_once else self._do)(review)
        except CuratorError as exc:
            self.setObsolete(True)
            if self._done_once:
                self.context.refused.emit(f"Cannot redo “{self.text()}”: {exc}")
            else:
                self.outcome["error"] = exc
            return
        self._done_once = True
        self.outcome["changes"] = changes
        self.context.notify(changes)
        if self._after is not None:
            self._after(False)

    def undo(self) -> None:
        review = self.context.review
        if review is None:
            return
        try:
            changes = self._undo(review)
        except CuratorError as exc:
            self.setObsolete(True)
            self.context.refused.emit(f"Cannot undo “{self.text()}”: {exc}")
            return
        self.context.notify(changes)
        if self._after is not None:
            self._after(True)


def run(
    context: AppContext,
    text: str,
    do: Op,
    undo: Op,
    redo_again: Op | None = None,
    *,
    after: Callable[[bool], None] | None = None,
) -> Changes:
    """Push one undoable edit; raise its CuratorError (and leave no undo entry) if refused."""
    outcome: dict = {}
    context.undo_stack.push(CoreCommand(context, text, do, undo, redo_again, outcome, after))
    if outcome.get("error") is not None:
        raise outcome["error"]
    return outcome.get("changes") or Changes()


def run_value(
    context: AppContext,
    text: str,
    op: Op,
    get: Callable[[Review], Any],
    put: Callable[[Review, Any], Changes],
) -> Changes:
    """Push an edit of one value: `op` changes it; undo and redo `put` it back as it was."""
    state: dict[str, Any] = {}

    def do(review: Review) -> Changes:
        state["before"] = get(review)
        changes = op(review)
        state["after"] = get(review)
        return changes

    return run(
        context,
        text,
        do,
        lambda r: put(r, state["before"]),
        lambda r: put(r, state["after"]),
    )


def run_snapshot(
    context: AppContext,
    text: str,
    op: Op,
    take: Callable[[Review], Snapshot],
    put: Callable[[Review, Snapshot], Changes],
) -> Changes:
    """Push an edit undone by putting back a snapshot of every row it can touch."""
    state: dict[str, Snapshot] = {}

    def do(review: Review) -> Changes:
        before = take(review)
        changes = op(review)
        state["before"], state["after"] = before, take(review)
        return changes

    def undo(review: Review) -> Changes:
        return put(review, {**dict.fromkeys(state["after"]), **state["before"]})

    def redo_again(review: Review) -> Changes:
        return put(review, {**dict.fromkeys(state["before"]), **state["after"]})

    return run(context, text, do, undo, redo_again)
