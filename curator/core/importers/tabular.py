"""CSV, TSV and XLSX exports: header names mapped to Curator's fields.

Known headers of Scopus, Web of Science (tab-delimited), OpenAlex, Lens, IEEE Xplore,
Springer, PubMed's CSV, Embase and ASReview-style files map automatically; any other column
is mapped through an explicit `{header: field}` mapping (saved per review by the pipeline).
CSV is read with the standard `csv` module as a stream (embedded newlines are fine); XLSX
with openpyxl in read-only mode, row by row.
"""

from __future__ import annotations

import ast
import csv
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from curator.core.importers import limits
from curator.core.importers.base import (
    Citation,
    ImportFailure,
    find_doi,
    finish,
    parse_year,
    split_keywords,
    text,
)

MAX_FIELD = 10 * 1024 * 1024
FIELDS = (
    "source_id", "title", "authors", "year", "venue", "volume", "issue", "pages", "start_page",
    "end_page", "doi", "pmid", "pmcid", "abstract", "keywords", "url", "type", "language",
    "publisher", "ignore",
)  # fmt: skip

# Normalised header (lower case, letters and digits only) -> field, first match wins.
KNOWN: dict[str, tuple[str, ...]] = {
    "source_id": ("id", "recordid", "lensid", "eid", "ut", "accessionnumber"),
    "title": (
        "title",
        "articletitle",
        "documenttitle",
        "itemtitle",
        "primarytitle",
        "displayname",
        "ti",
        "t1",
    ),
    "authors": (
        "authorfullnames",
        "authors",
        "author",
        "authornames",
        "authorshipsauthordisplayname",
        "af",
        "au",
        "firstauthors",
        "authorlist",
    ),
    "year": (
        "year",
        "publicationyear",
        "py",
        "pubyear",
        "yearpublished",
        "publicationdate",
        "datepublished",
    ),
    "venue": (
        "venue",
        "sourcetitle",
        "journal",
        "journalbook",
        "publicationtitle",
        "journaltitle",
        "primarylocationsourcedisplayname",
        "so",
        "secondarytitle",
        "alternatetitle3",
        "journalname",
        "alternatetitle2",
        "source",
    ),
    "volume": ("volume", "journalvolume", "vl"),
    "issue": ("issue", "number", "journalissue", "issuenumber", "is"),
    "pages": ("pages", "pagerange"),
    "start_page": ("pagestart", "startpage", "bp"),
    "end_page": ("pageend", "endpage", "ep"),
    "doi": ("doi", "itemdoi", "di"),
    "pmid": ("pmid", "pubmedid", "idspmid", "pm"),
    "pmcid": ("pmcid",),
    "abstract": ("abstract", "ab", "notesabstract"),
    "keywords": ("keywords", "authorkeywords", "de", "meshterms", "indexkeywords"),
    "url": ("url", "link", "urls", "sourceurls", "pdflink", "openurllink"),
    "type": (
        "documenttype",
        "type",
        "contenttype",
        "publicationtype",
        "typeofreference",
        "entrytype",
        "dt",
    ),
    "language": ("language", "languageoforiginaldocument", "la"),
    "publisher": ("publisher", "pu"),
}


def header_key(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower().replace("\ufeff", ""))


def map_columns(headers: list[str], mapping: dict[str, str] | None = None) -> dict[str, int]:
    """field -> column index: the explicit mapping first, then the known header names."""
    mapping = mapping or {}
    keys = [header_key(h) for h in headers]
    found: dict[str, int] = {}
    for header, field in mapping.items():
        if field not in FIELDS:
            raise ImportFailure(
                f"unknown field {field!r} in the column mapping (fields: {', '.join(FIELDS)})"
            )
        if header in headers:
            index = headers.index(header)
        elif header_key(header) in keys:
            index = keys.index(header_key(header))
        else:
            continue
        if field != "ignore":
            found[field] = index
    taken = set(found.values()) | {
        headers.index(h) for h, f in mapping.items() if f == "ignore" and h in headers
    }
    wos = {"pt", "ut", "ti"} <= set(keys)
    for field, names in KNOWN.items():
        if field in found:
            continue
        for name in names:
            if wos and field == "source_id" and name == "id":
                continue  # in Web of Science files, ID is Keywords Plus
            if name in keys and keys.index(name) not in taken:
                found[field] = keys.index(name)
                taken.add(found[field])
                break
    return found


def unmapped(headers: list[str], columns: dict[str, int]) -> list[str]:
    used = set(columns.values())
    return [h for i, h in enumerate(headers) if i not in used]


_INITIALS_END = re.compile(r"^\s*[^\d,;]+\s(?:[A-Z]\.?[\s\-]?){1,4}$")


def python_list(value: str) -> list[str] | None:
    """ASReview writes lists as Python literals: "['Marx, Karl', 'Lindgren, Astrid']"."""
    value = value.strip()
    if len(value) > 1 and value[0] == "[" and value[-1] == "]":
        try:
            parsed = ast.literal_eval(value)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            return None
        if isinstance(parsed, list):
            return [text(v) for v in parsed if text(v)]
    return None


def split_authors(value: str) -> list[str]:
    value = re.sub(r"\s*\(\d+\)", "", value or "").strip()  # Scopus "(57193781925)"
    if not value:
        return []
    listed = python_list(value)
    if listed is not None:
        return listed
    for separator in (";", "|"):  # most databases; OpenAlex
        if separator in value:
            return [a.strip() for a in value.split(separator) if a.strip()]
    if " and " in value and "," not in value:
        return [a.strip() for a in value.split(" and ") if a.strip()]
    parts = [p.strip() for p in value.split(",")]
    if len(parts) > 1 and all(_INITIALS_END.match(p) for p in parts if p):
        return [p for p in parts if p]  # "Liu R., Adler D.G."
    if len(parts) > 1 and all(" " in p for p in parts if p):
        return [p for p in parts if p]  # IEEE: "Joseph Rottman, Erran Carmel, Mary Lacity"
    return [value]


def _sniff_delimiter(line: str) -> str:
    counts = {d: line.count(d) for d in ("\t", ";", ",", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(
    stream: TextIO, mapping: dict[str, str] | None = None, delimiter: str | None = None
) -> Iterator[Citation]:
    csv.field_size_limit(MAX_FIELD)
    header_line = stream.readline()
    if not header_line.strip():
        raise ImportFailure("the first line is empty; expected column names", "line 1")
    delimiter = delimiter or _sniff_delimiter(header_line)
    headers = next(csv.reader([header_line], delimiter=delimiter))
    lines = _RecordLines(stream)
    reader = csv.reader(lines, delimiter=delimiter)
    rows = _closed_rows(reader, lines)
    try:
        yield from rows_to_citations(headers, rows, mapping, line_of=lambda: reader.line_num + 1)
    except csv.Error as exc:
        raise ImportFailure(f"CSV error: {exc}", f"line {reader.line_num + 1}") from None


class _RecordLines:
    """The lines of a text stream, keeping those of the record being read."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.current: list[str] = []

    def __iter__(self) -> _RecordLines:
        return self

    def __next__(self) -> str:
        line = next(self.stream)
        self.current.append(line)
        return line


def _closed_rows(reader, lines: _RecordLines) -> Iterator[list[str]]:
    """The reader's rows; an ImportFailure naming the line where a quote opened that is never
    closed (Python's csv would make the rest of the file one silent record)."""
    carry = None
    while True:
        if carry is None:
            start, lines.current = reader.line_num + 2, []  # +2: the header was read before
            try:
                row = next(reader)
            except StopIteration:
                return
            span = lines.current
        else:
            start, row, span = carry
            carry = None
        if len(span) > 1 and "".join(span).count('"') % 2:  # a multi-line record, quotes odd
            following, lines.current = reader.line_num + 2, []
            try:
                carry = (following, next(reader), lines.current)
            except StopIteration:  # it ran to the end of the file inside a quote
                raise ImportFailure(
                    f"a quote opened on line {start} is never closed, so every later row "
                    f"({len(span) - 1} line(s)) would become part of one cell; close the quote "
                    "and import again",
                    f"line {start}",
                ) from None
        yield row


def read_xlsx(path: Path, mapping: dict[str, str] | None = None) -> Iterator[Citation]:
    from openpyxl import load_workbook

    limits.check_workbook(path)  # sizes from the ZIP directory, before anything is read
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]  # one line
        raise ImportFailure(f"not a readable Excel workbook ({reason})") from None
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        headers: list[str] | None = None
        for row in rows:
            if any(cell not in (None, "") for cell in row):
                headers = ["" if cell is None else str(cell) for cell in row]
                break
        if headers is None:
            raise ImportFailure("the first sheet is empty")
        cells = (["" if cell is None else str(cell) for cell in row] for row in rows)
        yield from rows_to_citations(headers, limits.bounded_rows(cells), mapping)
    finally:
        book.close()


def rows_to_citations(
    headers: list[str],
    rows: Iterable[list[str]],
    mapping: dict[str, str] | None = None,
    line_of=None,
) -> Iterator[Citation]:
    headers = [h.replace("\ufeff", "").strip() for h in headers]
    columns = map_columns(headers, mapping)
    if "title" not in columns:
        raise ImportFailure(
            "no title column: map one with a column mapping; the columns are "
            + ", ".join(repr(h) for h in headers[:40]),
            "line 1",
        )
    position = 0
    for row in rows:
        if not any(cell.strip() for cell in row):
            continue
        position += 1
        citation = to_citation(headers, row, columns, position)
        if len(row) > len(headers) and any(cell.strip() for cell in row[len(headers) :]):
            citation.warnings.append(
                f"{len(row) - len(headers)} value(s) beyond the last column ignored"
            )
        if line_of is not None:
            citation.raw["_line"] = line_of()
        yield citation


def to_citation(
    headers: list[str], row: list[str], columns: dict[str, int], position: int
) -> Citation:
    def get(field: str) -> str:
        index = columns.get(field)
        return text(row[index]) if index is not None and index < len(row) else ""

    raw = {h: row[i] for i, h in enumerate(headers) if i < len(row) and h and row[i] != ""}
    c = Citation(position=position, raw=raw)
    c.source_id = get("source_id") or None
    c.title = get("title")
    c.authors = split_authors(
        row[columns["authors"]] if "authors" in columns and columns["authors"] < len(row) else ""
    )
    year = get("year")
    if not year and "venue" in columns:
        year = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", get("venue"))
        year = year.group(1) if year else ""
    c.year = parse_year(year, c)
    venue = get("venue")
    if venue and headers[columns["venue"]].lower() == "source" and "(" in venue:
        venue = venue.split(" (")[0]  # Embase: "Endoscopic Ultrasound (2014) 3:3 (152-160)"
    c.venue = venue or None
    c.volume = get("volume") or None
    c.issue = get("issue") or None
    start, end = get("start_page"), get("end_page")
    c.pages = get("pages") or (f"{start}-{end}" if start and end else start) or None
    c.doi = find_doi(get("doi"))
    c.pmid = get("pmid") or None
    c.pmcid = get("pmcid") or None
    c.abstract = (
        row[columns["abstract"]].strip()
        if "abstract" in columns and columns["abstract"] < len(row)
        else ""
    ) or None
    c.keywords = python_list(get("keywords")) or split_keywords([get("keywords")], ";")
    c.url = get("url") or None
    c.type = get("type") or None
    c.language = get("language") or None
    c.publisher = get("publisher") or None
    if c.url and not c.doi:
        c.doi = find_doi(c.url) if "doi.org" in c.url else None
    return finish(c)
