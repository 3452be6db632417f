"""The main window's actions: keyed by an enum, one spec each, enabled states in one place.

Picard's pattern: `ACTIONS` describes every action (text, icon, shortcut, tip);
`create_actions` builds them; `enabled_states` is the single place that decides which are
available, from a small snapshot of the window's state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum, auto

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from curator.gui import icons

Key = QKeySequence.StandardKey


class ActionKey(Enum):
    NEW = auto()
    OPEN = auto()
    CLOSE = auto()
    IMPORT = auto()
    BACKUPS = auto()
    EXPORT_RECORDS = auto()
    EXPORT_REPORT = auto()
    QUIT = auto()
    UNDO = auto()
    REDO = auto()
    OPEN_DEMO = auto()
    ABOUT = auto()


@dataclass(frozen=True)
class ActionSpec:
    text: str
    icon: str | None = None
    shortcut: QKeySequence.StandardKey | str | None = None
    tip: str = ""


ACTIONS: dict[ActionKey, ActionSpec] = {
    ActionKey.NEW: ActionSpec("&New Review…", icons.NEW, Key.New, "Create a new review file"),
    ActionKey.OPEN: ActionSpec("&Open Review…", icons.OPEN, Key.Open, "Open a review file"),
    ActionKey.CLOSE: ActionSpec("&Close Review", icons.CLOSE, Key.Close, "Close the open review"),
    ActionKey.IMPORT: ActionSpec(
        "&Import Search Results…",
        icons.IMPORT,
        "Ctrl+I",
        "Import the records of database searches (RIS, MEDLINE, BibTeX, CSV, XLSX, EndNote XML, CSL-JSON)",
    ),
    ActionKey.BACKUPS: ActionSpec(
        "&Backups…", icons.BACKUPS, None, "The review's automatic backups: back up now or restore"
    ),
    ActionKey.EXPORT_RECORDS: ActionSpec(
        "&Export Records…",
        icons.EXPORT_RECORDS,
        "Ctrl+Shift+E",
        "Write papers or records as RIS, BibTeX, CSL-JSON, CSV or ASReview's labelled CSV",
    ),
    ActionKey.EXPORT_REPORT: ActionSpec(
        "Export Re&port…",
        icons.EXPORT_REPORT,
        None,
        "The whole review (sections, tables, flow diagram, references) as Markdown, HTML or PDF",
    ),
    ActionKey.QUIT: ActionSpec("&Quit", icons.QUIT, Key.Quit, "Quit Curator"),
    ActionKey.UNDO: ActionSpec("&Undo", icons.UNDO, Key.Undo, "Undo the last change"),
    ActionKey.REDO: ActionSpec("&Redo", icons.REDO, Key.Redo, "Redo the change undone"),
    ActionKey.OPEN_DEMO: ActionSpec(
        "Open &Demo Review", icons.DEMO, None, "Open a review filled with example papers"
    ),
    ActionKey.ABOUT: ActionSpec("&About Curator", icons.ABOUT, None, "Version and licence"),
}


# Where the platform has no standard key (Quit on some Linux desktops), use these.
FALLBACK_SHORTCUTS = {ActionKey.QUIT: "Ctrl+Q", ActionKey.REDO: "Ctrl+Shift+Z"}


@dataclass(frozen=True)
class WindowState:
    """What decides which actions are available."""

    has_review: bool = False
    can_undo: bool = False
    can_redo: bool = False
    demo_available: bool = False


def enabled_states(state: WindowState) -> dict[ActionKey, bool]:
    """Which actions are enabled in `state` (every key present)."""
    enabled = dict.fromkeys(ActionKey, True)
    enabled[ActionKey.CLOSE] = state.has_review
    enabled[ActionKey.IMPORT] = state.has_review
    enabled[ActionKey.BACKUPS] = state.has_review
    enabled[ActionKey.EXPORT_RECORDS] = state.has_review
    enabled[ActionKey.EXPORT_REPORT] = state.has_review
    enabled[ActionKey.UNDO] = state.has_review and state.can_undo
    enabled[ActionKey.REDO] = state.has_review and state.can_redo
    enabled[ActionKey.OPEN_DEMO] = state.demo_available
    return enabled


def create_actions(
    parent: QWidget, handlers: dict[ActionKey, Callable[[], object]]
) -> dict[ActionKey, QAction]:
    """One QAction per ActionKey, connected to its handler."""
    actions: dict[ActionKey, QAction] = {}
    for key, spec in ACTIONS.items():
        action = QAction(spec.text, parent)
        action.setObjectName(f"action_{key.name.lower()}")
        if spec.icon:
            action.setIcon(icons.icon(spec.icon))
        if spec.shortcut is not None:
            sequence = QKeySequence(spec.shortcut)
            if sequence.isEmpty() and key in FALLBACK_SHORTCUTS:  # no platform binding
                sequence = QKeySequence(FALLBACK_SHORTCUTS[key])
            action.setShortcut(sequence)
        if spec.tip:
            action.setStatusTip(spec.tip)
            action.setToolTip(spec.tip)
        if key is ActionKey.QUIT:
            action.setMenuRole(QAction.MenuRole.QuitRole)
        elif key is ActionKey.ABOUT:
            action.setMenuRole(QAction.MenuRole.AboutRole)
        handler = handlers[key]
        action.triggered.connect(lambda _checked=False, h=handler: h())
        actions[key] = action
    return actions
