"""The import dialog's two background jobs, plain functions run by curator.gui.tasks.Task:
reading each file's preview (detection reads and hashes the whole file) and the import itself.
Neither touches a widget; the import opens its own connection to the review (a connection
belongs to its thread). A cancelled import leaves nothing behind (the core rolls back)."""

from __future__ import annotations

from pathlib import Path

from curator.core.changes import Changes
from curator.core.errors import CuratorError
from curator.core.importers import Citation, Detected, ImportReport, ImportSpec, import_files
from curator.core.importers import preview as read_preview
from curator.core.importers.base import ImportFailure
from curator.core.importers.detect import count_records, header
from curator.core.importers.exporters import recognise
from curator.core.review import Review
from curator.core.tasks import TaskState

PROGRESS_STEPS = 1000
# detected, first records, error, how many records the file holds (None: unknown), the tool
# a table's header was recognised as (None: none, or not a table)
Preview = tuple[Detected | None, list[Citation], str | None, int | None, str | None]


def exporter_of(detected: Detected | None) -> str | None:
    """The tool a CSV/TSV/XLSX file's header was recognised as (Scopus, Rayyan…), else None."""
    if detected is None:
        return None
    try:
        names = header(detected)
    except (ImportFailure, CuratorError):
        return None
    exporter = recognise(names) if names else None
    return exporter.name if exporter else None


def read_previews(state: TaskState, paths: list[Path], limit: int = 5) -> list[Preview]:
    """Detect each file's format, read its first `limit` records, count them all and
    recognise a table's exporter (nothing is written)."""
    found: list[Preview] = []
    for number, path in enumerate(paths):
        state.check()
        state.report(number, len(paths), f"Reading {path.name}…")
        try:
            detected, first = read_preview(path, limit=limit)
        except CuratorError as exc:
            found.append((None, [], str(exc), None, None))
        else:
            found.append((detected, first, None, count_records(detected), exporter_of(detected)))
    return found


def run_import(
    state: TaskState, review_path: Path, specs: list[ImportSpec], who: str | None = None
) -> tuple[list[ImportReport], Changes]:
    """Import `specs` into the review at `review_path` in one transaction."""
    with Review.open(review_path, who=who) as review:
        return import_files(review, specs, state)
