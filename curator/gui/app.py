"""Starting the window: the QApplication, its names, icon and stylesheet, and the main window.

A review to open comes on the command line (`curator-gui FILE`, the desktop entry's `%f`) or,
on macOS, as a FileOpen event when a `.curator` file is double-clicked; a file that is not a
review is refused with one line in a message box, and the window stays open.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from curator import APP_NAME, __version__
from curator.core.display import display_problem
from curator.core.errors import CuratorError
from curator.gui import failures, icons
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
    app.setDesktopFileName("io.github.curator")  # packaging/linux/io.github.curator.desktop
    app.setStyle("Fusion")
    app.setWindowIcon(icons.app_icon())
    app.setStyleSheet(stylesheet())
    return app  # type: ignore[return-value]


class FileOpenFilter(QObject):
    """Opens in `window` the files the platform asks the application to open (macOS sends
    a FileOpen event, not a command-line argument, when a review is double-clicked)."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            if event.file():
                self.window.open_path(Path(event.file()))
                return True
        return super().eventFilter(watched, event)


def start(path: Path | None = None) -> MainWindow:
    """Show the main window, opening `path` when given (refused with one line when it is
    not a review: the window stays open on what it had), and open what the platform sends."""
    app = application()
    window = MainWindow()
    failures.install(window)
    app.installEventFilter(FileOpenFilter(window))
    window.show()
    if path is not None:
        window.open_path(Path(path))
    return window


def run(path: Path | None = None) -> int:
    """Show the main window (opening `path` when given) and run until it closes. Refuses, with
    a CuratorError, to start where there is no display (see `display_problem`)."""
    if problem := display_problem():
        raise CuratorError(problem)
    app = application()
    window = start(path)  # noqa: F841 - kept alive while the loop runs
    return app.exec()


def main() -> None:
    """The `curator-gui` entry point and the desktop entry's `curator-gui %f`:
    `curator-gui [FILE]`."""
    args = [a for a in sys.argv[1:] if not a.startswith("-psn_")]  # macOS's process serial
    try:
        code = run(Path(args[0]) if args else None)
    except CuratorError as exc:
        print(f"curator: error: {exc}", file=sys.stderr)
        code = 1
    raise SystemExit(code)
