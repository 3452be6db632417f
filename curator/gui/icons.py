"""Every icon the window uses, by qtawesome name, in one place (create them after QApplication)."""

from __future__ import annotations

from functools import cache

import qtawesome as qta
from PySide6.QtGui import QIcon

from curator.paths import resources_dir

# Muted ink for toolbar and navigation glyphs; the accent marks the selected workspace.
INK = "#3d4652"
ACCENT = "#2f6fb3"
ON_ACCENT = "#ffffff"

NEW = "fa5s.file-medical"
OPEN = "fa5s.folder-open"
RECENT = "fa5s.history"
CLOSE = "fa5s.times-circle"
IMPORT = "fa5s.file-import"
EXPORT_RECORDS = "fa5s.file-export"
QUIT = "fa5s.power-off"
UNDO = "fa5s.undo"
REDO = "fa5s.redo"
ABOUT = "fa5s.info-circle"
DEMO = "fa5s.flask"
SEARCH = "fa5s.search"
CLEAR = "fa5s.times"
EMPTY = "fa5s.inbox"
KEY = "fa5s.star"

LIBRARY = "fa5s.book"
SCREENING = "fa5s.filter"
CURATION = "fa5s.tags"
CLAIMS = "fa5s.balance-scale"
TABLES = "fa5s.table"
FLOW = "fa5s.project-diagram"


@cache
def icon(name: str, color: str = INK) -> QIcon:
    """The qtawesome icon `name` in `color` (cached: icons are made once)."""
    return qta.icon(name, color=color)


def nav_icon(name: str) -> QIcon:
    """A navigation icon: ink normally, white on the accent when selected."""
    return qta.icon(name, color=INK, color_selected=ON_ACCENT, color_active=INK)


def app_icon() -> QIcon:
    """Curator's own icon (resources/icons/curator.svg)."""
    return QIcon(str(resources_dir() / "icons" / "curator.svg"))
