"""One file waiting in the import dialog: what was read of it and what the curator chose for
it (`PendingFile`), and how the dialog words its first records."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from curator.core.importers import Citation, Detected


@dataclass
class PendingFile:
    path: Path
    detected: Detected | None = None
    first: list[Citation] = field(default_factory=list)
    error: str | None = None
    reading: bool = True  # until its preview has been read (off the GUI thread)
    count: int | None = None  # the records in the file, once read
    columns: list[str] | None = None  # a table's column names (None for other formats)
    exporter: str | None = None  # the tool a table's header was recognised as
    search: str = ""
    database: str = ""
    query: str = ""
    run_on: str = ""
    hits: int = 0
    mapping: dict[str, str] = field(default_factory=dict)  # columns the user mapped
    decisions: str | None = None  # record the decisions the file carries at this stage
    reviewer: str | None = None


def preview_heading(pending: PendingFile | None) -> str:
    """Above the preview: how many records the file holds and how many are shown."""
    if pending is None or pending.reading or pending.error or not pending.first:
        return "First records:"
    shown = len(pending.first)
    if pending.count is None:
        return f"First {shown} records:"
    total = f"{pending.count:,} record{'s' * (pending.count != 1)}"
    return f"{total} in this file; the first {shown}:" if pending.count > shown else f"{total}:"


def describe(citation: Citation) -> str:
    authors = "; ".join(citation.authors[:3]) + (" et al." if len(citation.authors) > 3 else "")
    parts = [f"{citation.position}. {citation.title or '(no title)'}"]
    detail = ", ".join(
        p
        for p in (authors, str(citation.year or ""), citation.venue or "", citation.doi or "")
        if p
    )
    if detail:
        parts.append(f"   {detail}")
    return "\n".join(parts)
