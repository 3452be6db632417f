"""Starting the window: the QApplication, its names, icon and stylesheet, and the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from curator import APP_NAME, __version__
from curator.gui import icons
from curator.gui.mainwindow import MainWindow
from curator.paths import resources_dir

ORGANIZATION = "Curator"


def stylesheet() -> str:
    """The application stylesheet shipped in resources/style.qss ('' when missing)."""
    path = resources_dir() / "style.qss"
    return path.read_text(encoding="utf-8") if path.is_file() else ""


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


def run(path: Path | None = None) -> int:
    """Show the main window (opening `path` when given) and run until it closes."""
    app = application()
    window = MainWindow()
    window.show()
    if path is not None:
        window.open_path(Path(path))
    return app.exec()


def main() -> None:
    """The `curator-gui` entry point: `curator-gui [FILE]`."""
    args = sys.argv[1:]
    raise SystemExit(run(Path(args[0]) if args else None))
