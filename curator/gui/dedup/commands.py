"""Undoable reviewer answers in the duplicate queue: merge, and "not a duplicate".

`push()` on the QUndoStack runs `redo()`, which calls the core; `undo()` calls the core's
inverse (`unmerge`, or setting the pair back to 'candidate'). Each notifies the context so
every pane refreshes.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from curator.core import dedup
from curator.gui.context import AppContext


class MergeCommand(QUndoCommand):
    def __init__(self, context: AppContext, keep: int, drop: int, fields_from: dict[str, int]):
        super().__init__(f"Merge paper {drop} into paper {keep}")
        self.context, self.keep, self.drop, self.fields_from = (
            context,
            keep,
            drop,
            dict(fields_from),
        )

    def redo(self) -> None:
        self.context.notify(dedup.merge(self.context.review, self.keep, self.drop,
                                        fields_from=self.fields_from, rule="reviewer"))  # fmt: skip

    def undo(self) -> None:
        self.context.notify(dedup.unmerge(self.context.review, self.drop))


class NotDuplicateCommand(QUndoCommand):
    def __init__(self, context: AppContext, pair_id: int, a: int, b: int):
        super().__init__(f"Papers {a} and {b} are not duplicates")
        self.context, self.pair_id, self.a, self.b = context, pair_id, a, b

    def redo(self) -> None:
        self.context.notify(dedup.mark_not_duplicate(self.context.review, self.a, self.b))

    def undo(self) -> None:
        self.context.notify(dedup.set_pair_status(self.context.review, self.pair_id, "candidate"))
