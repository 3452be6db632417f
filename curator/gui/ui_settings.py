"""The window's own state in one QSettings INI file, each key declared once with its type and default.

Picard's typed settings are the model: a `Setting` names its key, its type and its default
once, below, and every pane reads and writes through it. Only UI state lives here (geometry,
splitters, columns, recent files, the reviewer's name, screening keys, the export folder);
review settings live in the review file. Everything goes to one INI file (`location()`), on
every platform; tests and scripts point it at a file of their own with `use_file`.

Settings kept by Curator up to version 1 partly in the platform's native store (on Linux
~/.config/Curator/Curator.conf beside Curator.ini) are copied over once, the first time the
INI file is opened without a `settings/version` (see `_migrate`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from curator import APP_NAME

ORGANIZATION = "Curator"
FORMAT = QSettings.Format.IniFormat
VERSION = 1  # of this file's layout; 1 = everything in the one INI file
MAX_RECENT = 10

T = TypeVar("T")

_file: Path | None = None  # None: the user's file in the platform's configuration folder
_legacy: Path | None = None  # a file to migrate from instead of the native store (tests)
_migrated = False

DECLARED: dict[str, Setting] = {}  # type: ignore[type-arg]  # key -> its one declaration


def location() -> Path:
    """The one settings file."""
    if _file is not None:
        return _file
    default = QSettings(FORMAT, QSettings.Scope.UserScope, ORGANIZATION, APP_NAME)
    return Path(default.fileName())


def use_file(path: Path, *, legacy: Path | None = None) -> None:
    """Keep settings in `path` from now on (tests, scripts). `legacy`, an INI file, stands in
    for the native store that is migrated once; without it nothing is migrated."""
    global _file, _legacy, _migrated
    _file, _legacy, _migrated = Path(path), legacy, False


def store() -> QSettings:
    """The settings file, open (Qt shares one cache per file, so this is cheap)."""
    settings = QSettings(str(location()), FORMAT)
    if not _migrated:
        _migrate(settings)
    return settings


def _legacy_store() -> QSettings | None:
    if _file is None:
        return QSettings(
            QSettings.Format.NativeFormat, QSettings.Scope.UserScope, ORGANIZATION, APP_NAME
        )
    return QSettings(str(_legacy), FORMAT) if _legacy is not None else None


def _migrate(settings: QSettings) -> None:
    """Copy the declared keys an older Curator kept in the native store, once."""
    global _migrated
    _migrated = True
    if _as_int(settings.value(_VERSION_KEY)) >= VERSION:
        return
    source = _legacy_store()
    if source is not None and Path(source.fileName()) != Path(settings.fileName()):
        for key in source.allKeys():
            if _declared(key) and not settings.contains(key):
                settings.setValue(key, source.value(key))
    settings.setValue(_VERSION_KEY, VERSION)
    settings.sync()


def _declared(key: str) -> bool:
    return key in DECLARED or any(
        isinstance(s, TextGroup) and key.startswith(s.key + "/") for s in DECLARED.values()
    )


def _as_int(value: object) -> int:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0


class Setting(Generic[T]):
    """One key, its type (the `_decode` of a subclass) and its default."""

    def __init__(self, key: str, default: T):
        if key in DECLARED:
            raise ValueError(f"setting {key!r} is declared twice")
        self.key = key
        self.default = default
        DECLARED[key] = self

    def _decode(self, value: object) -> T:
        raise NotImplementedError

    def _encode(self, value: T) -> object:
        return value

    def get(self) -> T:
        value = store().value(self.key)
        if value is None:
            return self.default
        decoded = self._decode(value)
        return self.default if decoded is None else decoded

    def set(self, value: T) -> None:
        settings = store()
        settings.setValue(self.key, self._encode(value))
        settings.sync()

    def reset(self) -> None:
        settings = store()
        settings.remove(self.key)
        settings.sync()


class TextSetting(Setting[str]):
    def _decode(self, value: object) -> str:
        return value if isinstance(value, str) else str(value)


class IntSetting(Setting[int]):
    def _decode(self, value: object) -> int | None:  # type: ignore[override]
        try:
            return int(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None


class ListSetting(Setting[list[str]]):
    def __init__(self, key: str):
        super().__init__(key, [])

    def _decode(self, value: object) -> list[str]:
        if value == "":
            return []
        if isinstance(value, str):  # an INI file gives back a one-item list as a string
            return [value]
        if isinstance(value, (list, tuple)):
            return [str(v) for v in value]
        return []

    def _encode(self, value: list[str]) -> object:
        return [str(v) for v in value]


class StateSetting(Setting[QByteArray | None]):
    """A widget's saved state (geometry, splitter, header): None when absent or unreadable."""

    def __init__(self, key: str):
        super().__init__(key, None)

    def _decode(self, value: object) -> QByteArray | None:
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None


class TextGroup(Setting[dict[str, str]]):
    """A family of text keys under one prefix (`key/name`), each with a caller's default."""

    def __init__(self, key: str):
        super().__init__(key, {})

    def value(self, name: str, default: str) -> str:
        value = store().value(f"{self.key}/{name}")
        return default if value is None else str(value)

    def set_value(self, name: str, value: str) -> None:
        settings = store()
        settings.setValue(f"{self.key}/{name}", value)
        settings.sync()

    def reset_value(self, name: str) -> None:
        settings = store()
        settings.remove(f"{self.key}/{name}")
        settings.sync()


# -- every setting, declared once ------------------------------------------------------------
_VERSION_KEY = "settings/version"
SETTINGS_VERSION = IntSetting(_VERSION_KEY, 0)
RECENT_FILES = ListSetting("recent_files")
MAIN_WINDOW_GEOMETRY = StateSetting("main_window/geometry")
MAIN_WINDOW_STATE = StateSetting("main_window/state")
LIBRARY_SPLITTER = StateSetting("library/splitter")
LIBRARY_COLUMNS = StateSetting("library/columns")
EXPORT_FOLDER = TextSetting("exports/last_folder", "")
REVIEW_FOLDER = TextSetting("reviews/last_folder", "")  # where File ▸ New and Open start
REVIEWER = TextSetting("screening/reviewer", "")
SCREENING_KEYS = TextGroup("screening/keys")


# -- recent files ------------------------------------------------------------------------------
def recent_files() -> list[Path]:
    """Recently opened reviews, newest first; files that no longer exist are dropped."""
    paths = [Path(p) for p in RECENT_FILES.get()]
    existing = [p for p in paths if p.is_file()]
    if len(existing) != len(paths):
        _store_recent(existing)
    return existing


def _store_recent(paths: list[Path]) -> None:
    RECENT_FILES.set([str(p) for p in paths[:MAX_RECENT]])


def add_recent_file(path: Path) -> None:
    path = Path(path).resolve()
    paths = [p for p in recent_files() if p.resolve() != path]
    _store_recent([path, *paths])


def clear_recent_files() -> None:
    _store_recent([])
