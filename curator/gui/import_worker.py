"""The import dialog's two background jobs, plain functions run by curator.gui.tasks.Task:
reading each file's preview (detection reads and hashes the whole file) and the import itself.
Neither touches a widget; the import opens its own connection to the review (a connection
belongs to its thread). A cancelled import leaves nothing behind (the core rolls back)."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

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


class Preview(NamedTuple):
    """What the dialog shows of a file before importing it, read off the GUI thread."""

    detected: Detected | None
    first: list[Citation]
    error: str | None
    count: int | None  # how many records the file holds (None: unknown)
    columns: list[str] | None  # a table's column names (None: not a table, or unreadable)
    exporter: str | None  # the tool those columns were recognised as (Scopus, Rayyan…)


def columns_of(detected: Detected) -> list[str] | None:
    """A CSV/TSV/XLSX file's column names, else None (read once, here: an XLSX header means
    opening the workbook, too slow for the GUI thread at every change of selection)."""
    try:
        return header(detected)
    except (ImportFailure, CuratorError):
        return None


def read_previews(state: TaskState, paths: list[Path], limit: int = 5) -> list[Preview]:
    """Detect each file's format, read its first `limit` records, count them all and
    read a table's columns and recognise its exporter (nothing is written)."""
    found: list[Preview] = []
    for number, path in enumerate(paths):
        state.check()
        state.report(number, len(paths), f"Reading {path.name}…")
        try:
            detected, first = read_preview(path, limit=limit)
        except CuratorError as exc:
            found.append(Preview(None, [], str(exc), None, None, None))
        else:
            columns = columns_of(detected)
            exporter = recognise(columns) if columns else None
            found.append(
                Preview(
                    detected,
                    first,
                    None,
                    count_records(detected),
                    columns,
                    exporter.name if exporter else None,
                )
            )
    return found


def run_import(
    state: TaskState, review_path: Path, specs: list[ImportSpec], who: str | None = None
) -> tuple[list[ImportReport], Changes]:
    """Import `specs` into the review at `review_path` in one transaction."""
    with Review.open(review_path, who=who) as review:
        return import_files(review, specs, state)
