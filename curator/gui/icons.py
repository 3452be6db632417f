"""Every icon the window uses, by qtawesome name, in one place (made after the QApplication).

Panes refer to icons by the names below (a workspace's `icon`, an action's spec, a button);
`icon(...)` makes them, once each, and only once a QApplication exists: qtawesome draws its
glyphs with a font that Qt can load only then. Glyph colours come from `palette`.
"""

from __future__ import annotations

from functools import cache

import qtawesome as qta
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication

from curator.gui import palette
from curator.paths import resources_dir

# -- the window's actions and pages ----------------------------------------------------------
NEW = "fa5s.file-medical"
OPEN = "fa5s.folder-open"
RECENT = "fa5s.history"
BACKUPS = "fa5s.life-ring"
CLOSE = "fa5s.times-circle"
IMPORT = "fa5s.file-import"
EXPORT_RECORDS = "fa5s.file-export"
EXPORT_REPORT = "fa5s.file-alt"
QUIT = "fa5s.power-off"
UNDO = "fa5s.undo"
REDO = "fa5s.redo"
ABOUT = "fa5s.info-circle"
DEMO = "fa5s.flask"
SEARCH = "fa5s.search"
CLEAR = "fa5s.times"
EMPTY = "fa5s.inbox"
KEY = "fa5s.star"

# -- the workspaces in the left navigation ---------------------------------------------------
WORKSPACE = "fa5s.square"  # a workspace that names none
LIBRARY = "fa5s.book"
SEARCHES = "fa5s.search"
DUPLICATES = "fa5s.clone"
SCREENING = "fa5s.filter"
CURATION = "fa5s.tags"
CLAIMS = "fa5s.balance-scale"
TABLES = "fa5s.table"
FLOW = "fa5s.project-diagram"

# -- editing lists and forms (curation panes) ------------------------------------------------
ADD = "fa5s.plus"
REMOVE = "fa5s.trash-alt"
UP = "fa5s.arrow-up"
DOWN = "fa5s.arrow-down"
RENAME = "fa5s.pen"
MERGE = "fa5s.compress-alt"
SAVE = "fa5s.save"
SCALE = "fa5s.sliders-h"
SUGGEST = "fa5s.lightbulb"


def icon(name: str, color: QColor = palette.ICON_INK) -> QIcon:
    """The qtawesome icon `name` in `color` (cached: icons are made once)."""
    return _icon(name, QColor(color).name())


@cache
def _icon(name: str, color: str) -> QIcon:
    if QApplication.instance() is None:
        raise RuntimeError(f"icon {name!r} asked for before the QApplication exists")
    return qta.icon(name, color=color)


def nav_icon(name: str) -> QIcon:
    """A navigation icon: ink normally, white on the accent when selected."""
    ink, on_accent = palette.ICON_INK.name(), palette.ICON_ON_ACCENT.name()
    return qta.icon(name, color=ink, color_selected=on_accent, color_active=ink)


def app_icon() -> QIcon:
    """Curator's own icon (resources/icons/curator.svg)."""
    return QIcon(str(resources_dir() / "icons" / "curator.svg"))
