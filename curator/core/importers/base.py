"""What every reader yields (a Citation) and the import report.

A reader turns one file into Citations, one per record in file order, with the normalised
fields Curator stores and the fields as the source gave them (`raw`). Problems a reader can
repair become warnings on the citation; problems it cannot raise `ImportFailure` with the
record number or line, which the pipeline turns into a CuratorError naming the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from curator.core.errors import CuratorError
from curator.core.identifiers import normalise_doi, normalise_pmcid, normalise_pmid
from curator.core.names import is_placeholder
from curator.core.tasks import Cancelled


class ImportFailure(Exception):
    """A file that cannot be read: `where` names the record or line, the message the problem."""

    def __init__(self, message: str, where: str = ""):
        super().__init__(message)
        self.where = where


class ImportCancelled(Cancelled):
    """The user cancelled an import; nothing was imported."""


class UnsupportedFormat(CuratorError):
    """A file in a format Curator recognises (and names) but does not read."""


@dataclass
class Citation:
    """One record of an imported file, normalised; `raw` keeps the source's own fields."""

    position: int = 0
    source_id: str | None = None
    type: str | None = None
    title: str = ""
    authors: list[str] = field(default_factory=list)
    year: int | None = None
    venue: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    abstract: str | None = None
    keywords: list[str] = field(default_factory=list)
    url: str | None = None
    language: str | None = None
    publisher: str | None = None
    raw: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    skip: str | None = None  # a record the reader could not read: why (reported, not imported)

    def is_empty(self) -> bool:
        return not (self.title or self.authors or self.doi or self.pmid or self.abstract)


@dataclass
class ImportReport:
    """What one file's import did: counts, warnings and skipped records with their reasons."""

    file: str
    format: str = ""
    encoding: str | None = None
    search: str = ""
    read: int = 0
    imported: int = 0
    warnings: list[tuple[int, str]] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    import_id: int | None = None
    paper_ids: list[int] = field(default_factory=list)
    dedup: str | None = None  # what deduplication after the import found (last report)
    exporter: str | None = None  # the tool a table's header was recognised as
    not_kept: list[str] = field(default_factory=list)  # table columns not kept as fields
    decisions: str | None = None  # what bringing the file's decisions along recorded

    def summary(self) -> str:
        return (
            f"{self.file}: {self.format}"
            + (f" from {self.exporter}" if self.exporter else "")
            + (f" ({self.encoding})" if self.encoding else "")
            + f", {self.read} read, {self.imported} imported, "
            f"{len(self.warnings)} warnings, {len(self.skipped)} skipped"
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "format": self.format,
            "encoding": self.encoding,
            "search": self.search,
            "read": self.read,
            "imported": self.imported,
            "warnings": [list(w) for w in self.warnings],
            "skipped": [list(s) for s in self.skipped],
            "dedup": self.dedup,
            "exporter": self.exporter,
            "not_kept": list(self.not_kept),
            "decisions": self.decisions,
        }

    def warning_lines(self, most: int = 50) -> list[str]:
        """The warnings for people to read: one line for a warning that comes back on many
        records with only its line number changed (an old Scopus layout warns on every row),
        with how many records and the first and last; at most `most` lines."""
        groups: dict[str, list[tuple[int, str]]] = {}  # without its line number: (record, as said)
        lines: list[str] = []
        for position, message in self.warnings:
            if position:
                groups.setdefault(_LINE_PREFIX.sub("", message), []).append((position, message))
            else:
                lines.append(f"warning: {message}")
        for message, said in groups.items():
            if len(said) == 1:
                lines.append(f"warning, record {said[0][0]}: {said[0][1]}")
            else:
                positions = [position for position, _ in said]
                lines.append(
                    f"warning, {len(said)} records ({min(positions)} to {max(positions)}): "
                    + message
                )
        if len(lines) > most:
            lines = lines[:most] + [f"... and {len(lines) - most} more warnings"]
        return lines

    def not_kept_line(self) -> str | None:
        """The report's line naming every column not kept as a field."""
        if not self.not_kept:
            return None
        return (
            f"{len(self.not_kept)} column(s) not kept as fields (each record's raw data "
            "still holds them): " + ", ".join(self.not_kept)
        )


_LINE_PREFIX = re.compile(r"^line \d+: ")


# -- field helpers every reader uses ----------------------------------------------------------
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d|21\d\d)(?!\d)")
_SPACES = re.compile(r"\s+")


def text(value: Any) -> str:
    """One string from a value that may be a list (multi-line or repeated fields)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, (list, tuple)):
        return " ".join(" ".join(str(v) for v in value if v is not None).split())
    return " ".join(str(value).split())


def first(*values: Any) -> str:
    for value in values:
        if isinstance(value, (list, tuple)):
            value = value[0] if value else None
        found = text(value)
        if found:
            return found
    return ""


def parse_year(value: Any, citation: Citation) -> int | None:
    raw = text(value)
    if not raw:
        return None
    match = _YEAR.search(raw)
    if match is None:
        citation.warnings.append(f"year {raw!r} is not a year; left empty")
        return None
    return int(match.group(1))


def find_doi(*values: Any) -> str | None:
    for value in values:
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if item:
                doi = normalise_doi(str(item))
                if doi:
                    return doi
    return None


def finish(citation: Citation) -> Citation:
    """Normalise identifiers, tidy strings, and warn about what is missing."""
    citation.title = text(citation.title)
    citation.doi = normalise_doi(citation.doi) if citation.doi else None
    citation.pmid = normalise_pmid(citation.pmid) if citation.pmid else None
    citation.pmcid = normalise_pmcid(citation.pmcid) if citation.pmcid else None
    if citation.abstract is not None:
        citation.abstract = str(citation.abstract).strip() or None
    # readers hand in tidy strings; "[No author name available]", "Anonymous" are no authors
    citation.authors = [a for a in citation.authors if a and not is_placeholder(a)]
    if citation.keywords:
        citation.keywords = list(dict.fromkeys(k for k in citation.keywords if k))
    if citation.source_id is not None:
        citation.source_id = text(citation.source_id) or None
    if not citation.title and not citation.is_empty():
        citation.warnings.append("no title")
    return citation


def split_keywords(values: Iterable[str], separators: str = ";") -> list[str]:
    out: list[str] = []
    for value in values:
        parts = re.split(f"[{re.escape(separators)}]", value) if value else []
        out.extend(p.strip() for p in parts if p.strip())
    return out
