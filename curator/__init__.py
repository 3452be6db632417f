"""Curator: curate an evidence synthesis, from database searches to its tables.

The version is written once, in pyproject.toml, and read here from the installed package's
metadata (a wheel, an editable install, or the PyInstaller build, which copies the metadata);
a source checkout that is not installed reads pyproject.toml itself.
"""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "curator-review"
APP_NAME = "Curator"


def _version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        pass
    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    try:
        project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "0+unknown"
    return project["version"] if project.get("name") == DISTRIBUTION else "0+unknown"


__version__ = _version()
