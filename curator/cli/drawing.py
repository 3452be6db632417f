"""Starting Qt for the few commands that draw (the flow diagram, the HTML/PDF report).

Nothing in `curator.cli` imports Qt or `curator.gui` at module level: a command that draws
calls `qt_application()` and imports its one drawing module inside the function that needs it,
so `curator --help`, `curator tables` and every other headless command never load PySide6.
"""

from __future__ import annotations

import os


def ensure_qt_platform() -> None:
    """Draw without a display: use Qt's offscreen platform unless one is available."""
    if not os.environ.get("QT_QPA_PLATFORM") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def qt_application():
    """A QApplication for drawing (imported late: headless commands never load Qt)."""
    ensure_qt_platform()
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["curator"])
