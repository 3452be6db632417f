"""What every pane shares: the open review, the undo stack, and the `changed` broadcast.

Panes never write SQL: they call curator.core functions (usually through an undo command)
and then `context.notify(changes)`; every workspace's `refresh(changes)` decides what to
reload (Anki's OpChanges pattern).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from curator.core.changes import Changes
from curator.core.review import Review


class AppContext(QObject):
    review_opened = Signal(object)  # Review | None
    changed = Signal(object)  # Changes
    refused = Signal(str)  # an undo or redo the review no longer allows, in words

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.review: Review | None = None
        self.undo_stack = QUndoStack(self)

    def set_review(self, review: Review | None) -> None:
        """Make `review` the open one (closing the previous), and tell every pane."""
        if self.review is not None and self.review is not review:
            self.review.close()
        self.review = review
        self.undo_stack.clear()
        self.review_opened.emit(review)

    def notify(self, changes: Changes) -> None:
        if changes.any():
            self.changed.emit(changes)
