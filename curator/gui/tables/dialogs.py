"""The file dialogs of the Tables and Flow workspaces, replaceable in tests, remembering a folder.

`ask_save_path` and `ask_folder` are module functions so a test can monkeypatch them; the
folder last saved into is kept in the UI settings (not review data) as `EXPORT_FOLDER`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from curator.gui.ui_settings import EXPORT_FOLDER


def last_folder() -> Path:
    value = EXPORT_FOLDER.get()
    folder = Path(str(value)) if value else Path.home()
    return folder if folder.is_dir() else Path.home()


def remember_folder(path: Path) -> None:
    EXPORT_FOLDER.set(str(path if path.is_dir() else path.parent))


def ask_save_path(
    parent: QWidget | None, caption: str, name: str, filters: list[str]
) -> tuple[Path | None, str]:
    """Ask where to save; return (path or None if cancelled, the chosen filter)."""
    path, chosen = QFileDialog.getSaveFileName(
        parent, caption, str(last_folder() / name), ";;".join(filters)
    )
    return (Path(path) if path else None), chosen


def ask_folder(parent: QWidget | None, caption: str) -> Path | None:
    path = QFileDialog.getExistingDirectory(parent, caption, str(last_folder()))
    return Path(path) if path else None


def with_suffix(path: Path, chosen_filter: str, suffixes: dict[str, str]) -> tuple[Path, str]:
    """The format named by the path's extension, else by the chosen filter (suffix added)."""
    ext = path.suffix.lower().lstrip(".")
    if ext in suffixes:
        return path, ext
    for fmt, label in suffixes.items():
        if label == chosen_filter:
            return path.with_name(path.name + "." + fmt), fmt
    fmt = next(iter(suffixes))
    return path.with_name(path.name + "." + fmt), fmt
