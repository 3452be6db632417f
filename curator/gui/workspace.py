"""The base of every workspace in the left navigation (Library, Screening, Curation, ...)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from curator.core.changes import Changes
from curator.core.review import Review
from curator.gui.context import AppContext


class Workspace(QWidget):
    """A pane of the main window. Subclasses set `title` and `icon` (a qtawesome name)."""

    title = "Workspace"
    icon = "fa5s.square"

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        context.review_opened.connect(self.set_review)
        context.changed.connect(self.refresh)

    @property
    def review(self) -> Review | None:
        return self.context.review

    def set_review(self, review: Review | None) -> None:
        """A review was opened (or closed, with None): reload everything."""

    def refresh(self, changes: Changes) -> None:
        """Data changed: reload what depends on `changes`."""
