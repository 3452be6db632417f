"""The workspaces in the left navigation, in order: wiring a new pane is one line here.

Each entry is a Workspace subclass taking (context, parent). Until a pane lands, its entry is
a placeholder that says which issue brings it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from curator.gui import icons
from curator.gui.context import AppContext
from curator.gui.empty_state import EmptyState
from curator.gui.library import LibraryWorkspace
from curator.gui.workspace import Workspace


class PlaceholderWorkspace(Workspace):
    """A workspace that has not arrived yet: an empty state naming what brings it."""

    arrives_with = ""
    hint = ""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        self.empty = EmptyState(self.icon, "")
        self.empty.set_text(f"{self.title} arrives with {self.arrives_with}.", self.hint)
        layout.addWidget(self.empty)


def placeholder(title: str, icon: str, arrives_with: str, hint: str = "") -> type[Workspace]:
    """A PlaceholderWorkspace subclass for a pane still to come."""
    return type(
        f"{title}Placeholder",
        (PlaceholderWorkspace,),
        {"title": title, "icon": icon, "arrives_with": arrives_with, "hint": hint},
    )


WORKSPACES: tuple[type[Workspace], ...] = (
    LibraryWorkspace,
    placeholder(
        "Screening",
        icons.SCREENING,
        "the screening issue",
        "Title/abstract and full-text screening, keyboard first.",
    ),
    placeholder(
        "Curation",
        icons.CURATION,
        "the curation issue",
        "Tag included papers by methodology, population, topic and study attribute.",
    ),
    placeholder(
        "Claims",
        icons.CLAIMS,
        "the claims issue",
        "Write claims, grade their evidence and link the papers behind them.",
    ),
    placeholder(
        "Tables",
        icons.TABLES,
        "the tables issue",
        "Key papers, top contributors and the research gaps matrix, regenerated from the data.",
    ),
    placeholder(
        "Flow",
        icons.FLOW,
        "the PRISMA flow issue",
        "The flow of papers from search to inclusion, counted from the data.",
    ),
)
