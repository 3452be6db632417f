"""Typed access to the window's own state in QSettings: recent files, geometry, splitters.

Review settings live in the review file; only UI state lives here. Tests point QSettings at a
file in tmp_path (see tests/gui/conftest.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 10
_RECENT = "recent_files"


def _settings() -> QSettings:
    return QSettings()


def _as_list(value: object) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):  # an INI file gives back a one-item list as a string
        return [value]
    return [str(v) for v in value]  # type: ignore[union-attr]


def recent_files() -> list[Path]:
    """Recently opened reviews, newest first; files that no longer exist are dropped."""
    paths = [Path(p) for p in _as_list(_settings().value(_RECENT))]
    existing = [p for p in paths if p.is_file()]
    if len(existing) != len(paths):
        _store_recent(existing)
    return existing


def _store_recent(paths: list[Path]) -> None:
    _settings().setValue(_RECENT, [str(p) for p in paths[:MAX_RECENT]])


def add_recent_file(path: Path) -> None:
    path = Path(path).resolve()
    paths = [p for p in recent_files() if p.resolve() != path]
    _store_recent([path, *paths])


def remove_recent_file(path: Path) -> None:
    path = Path(path).resolve()
    _store_recent([p for p in recent_files() if p.resolve() != path])


def clear_recent_files() -> None:
    _store_recent([])


def state(key: str) -> QByteArray | None:
    """Saved widget state (geometry, splitter, header) under `key`, or None."""
    value = _settings().value(key)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def set_state(key: str, value: QByteArray) -> None:
    _settings().setValue(key, value)
