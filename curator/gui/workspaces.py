"""The workspaces in the left navigation, in order: wiring a new pane is one line here.

Each entry is a Workspace subclass taking (context, parent); the main window routes the
optional signals a pane declares (`paper_activated`, `status_changed`).
"""

from __future__ import annotations

from curator.gui.curation import ClaimsWorkspace, CurationWorkspace
from curator.gui.dedup.workspace import DedupWorkspace
from curator.gui.flow.workspace import FlowWorkspace
from curator.gui.library import LibraryWorkspace
from curator.gui.screening import ScreeningWorkspace
from curator.gui.searches_view import SearchesWorkspace
from curator.gui.tables.workspace import TablesWorkspace
from curator.gui.workspace import Workspace

WORKSPACES: tuple[type[Workspace], ...] = (
    LibraryWorkspace,
    SearchesWorkspace,
    DedupWorkspace,
    ScreeningWorkspace,
    CurationWorkspace,
    ClaimsWorkspace,
    TablesWorkspace,
    FlowWorkspace,
)
