"""Starting the window: the QApplication, its names, icon and stylesheet, and the main window."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtWidgets import QApplication

from curator import APP_NAME, __version__
from curator.core.errors import CuratorError
from curator.gui import icons
from curator.gui.mainwindow import MainWindow
from curator.gui.style import stylesheet
from curator.gui.ui_settings import ORGANIZATION


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once), named, styled and with Curator's icon."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("curator")
    app.setStyle("Fusion")
    app.setWindowIcon(icons.app_icon())
    app.setStyleSheet(stylesheet())
    return app  # type: ignore[return-value]


NO_DISPLAY = (
    "no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set): run Curator "
    "in a desktop session, or set QT_QPA_PLATFORM=offscreen to run it without one (for "
    "example for a screenshot)"
)


def display_problem(environ: Mapping[str, str] | None = None) -> str | None:
    """Why the window cannot open here, or None. On Linux without DISPLAY or WAYLAND_DISPLAY
    (and no QT_QPA_PLATFORM chosen), Qt would abort the process (SIGABRT) after a misleading
    hint about libxcb-cursor; this says what is missing instead."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux") or env.get("QT_QPA_PLATFORM"):
        return None
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return NO_DISPLAY


def run(path: Path | None = None) -> int:
    """Show the main window (opening `path` when given) and run until it closes. Refuses, with
    a CuratorError, to start where there is no display (see `display_problem`)."""
    if problem := display_problem():
        raise CuratorError(problem)
    app = application()
    window = MainWindow()
    window.show()
    if path is not None:
        window.open_path(Path(path))
    return app.exec()


def main() -> None:
    """The `curator-gui` entry point: `curator-gui [FILE]`."""
    args = sys.argv[1:]
    try:
        code = run(Path(args[0]) if args else None)
    except CuratorError as exc:
        print(f"curator: error: {exc}", file=sys.stderr)
        code = 1
    raise SystemExit(code)
