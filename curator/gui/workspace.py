"""The base of every workspace in the left navigation (Library, Screening, Curation, ...)."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from curator.core.changes import Changes
from curator.core.review import Review
from curator.gui import icons
from curator.gui.context import AppContext


class Workspace(QWidget):
    """A pane of the main window. Subclasses set `title` and `icon` (a name in gui.icons).

    With `defer_while_hidden` (the main window sets it), a hidden workspace does not reload
    when a review opens or data changes: it catches up when it is next shown, so opening a
    100,000-paper review loads only the pane on screen.
    """

    title = "Workspace"
    icon = icons.WORKSPACE

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.defer_while_hidden = False
        self._stale_review = False
        self._pending: Changes | None = None
        context.review_opened.connect(self._on_context_review_opened)
        context.changed.connect(self._on_context_changed)

    @property
    def review(self) -> Review | None:
        return self.context.review

    def set_review(self, review: Review | None) -> None:
        """A review was opened (or closed, with None): reload everything."""

    def refresh(self, changes: Changes) -> None:
        """Data changed: reload what depends on `changes`."""

    # -- drafts: edits typed into a form but not saved yet --------------------------------
    def drafts(self) -> list[str]:
        """What this pane holds unsaved, in words ("claim 2"); empty when nothing is."""
        return []

    def save_drafts(self) -> bool:
        """Save every draft; False (with the reasons shown in the pane) if one cannot be."""
        return True

    def discard_drafts(self) -> None:
        """Forget every draft (the next reload shows the saved values)."""

    # -- deferral while hidden -----------------------------------------------------------
    def _deferring(self) -> bool:
        return self.defer_while_hidden and not self.isVisible()

    def _on_context_review_opened(self, review: Review | None) -> None:
        self._pending = None
        if self._deferring() and review is not None:
            self._stale_review = True
            return
        self._stale_review = False
        self.set_review(review)

    def _on_context_changed(self, changes: Changes) -> None:
        if self._stale_review:
            return  # the reload when shown covers it
        if self._deferring():
            self._pending = changes if self._pending is None else self._pending | changes
            return
        self.refresh(changes)

    def catch_up(self) -> None:
        """Apply what was deferred while hidden (a reload, or the changes since)."""
        if self._stale_review:
            self._stale_review = False
            self.set_review(self.context.review)
        elif self._pending is not None:
            changes, self._pending = self._pending, None
            self.refresh(changes)

    def showEvent(self, event: QShowEvent) -> None:
        self.catch_up()
        super().showEvent(event)
