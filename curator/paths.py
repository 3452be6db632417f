"""Where the shipped data lives: `database/` and `resources/`, in a checkout or a wheel.

In a source checkout (and an editable install) they are the top-level folders beside the
`curator` package; a built wheel carries them inside the package as `curator/_database` and
`curator/_resources` (see `[tool.hatch.build.targets.wheel.force-include]`).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _shipped(installed: str, checkout: str) -> Path:
    inside = _PACKAGE / installed
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / checkout


def database_dir() -> Path:
    """The folder holding `migrations/`, `schema.sql` and the demo data."""
    return _shipped("_database", "database")


def resources_dir() -> Path:
    """The folder holding icons, the stylesheet and the desktop entry."""
    return _shipped("_resources", "resources")
