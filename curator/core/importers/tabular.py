"""CSV, TSV and XLSX exports: header names mapped to Curator's fields.

The exporter is recognised from the header (`exporters.recognise`: Scopus, Web of Science,
PubMed, Embase, OpenAlex, Lens, Dimensions, IEEE, Springer, Zotero, EndNote, Mendeley,
Rayyan, Covidence, ASReview) and its columns map through its own aliases, then through the
generic ones below; an explicit `{header: field}` mapping (saved per review by the pipeline)
comes first. `column_plan` says where every column goes, so nothing is dropped unsaid. A
row longer than its header is realigned where the exporter's layout says how, otherwise the
file is refused naming the line.
CSV is read with the standard `csv` module as a stream (embedded newlines are fine); XLSX
with openpyxl in read-only mode, row by row.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from curator.core.identifiers import pmid_in
from curator.core.importers import limits
from curator.core.importers.authorlists import python_list, split_authors
from curator.core.importers.base import (
    Citation,
    ImportFailure,
    find_doi,
    finish,
    parse_year,
    split_keywords,
    text,
)
from curator.core.importers.csvrows import RecordLines, closed_rows
from curator.core.importers.exporters import (
    DECISION_COLUMNS,
    Exporter,
    header_key,
    realign,
    recognise,
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


def map_columns(
    headers: list[str], mapping: dict[str, str] | None = None, exporter: Exporter | None = None
) -> dict[str, int]:
    """field -> column index: the explicit mapping first, then the exporter's own header
    names (recognised from `headers` when not given), then the generic known names."""
    mapping = mapping or {}
    exporter = exporter or recognise(headers)
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
    tables = [exporter.fields] if exporter is not None else []
    for table in tables:
        for field, names in table.items():
            for name in () if field in found else names:
                if name in keys and keys.index(name) not in taken:
                    found[field] = keys.index(name)
                    taken.add(found[field])
                    break
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


DECISIONS_TARGET = "decisions"  # where a column that carries screening decisions goes


def column_plan(
    headers: list[str], mapping: dict[str, str] | None = None
) -> tuple[Exporter | None, list[tuple[str, str | None]]]:
    """The exporter recognised and, per column in order, the field it fills: a field name,
    "decisions" for a column read when decisions are brought along, or None (not kept as a
    field; the record's raw data still holds it)."""
    headers = [h.replace("\ufeff", "").strip() for h in headers]
    exporter = recognise(headers)
    columns = map_columns(headers, mapping, exporter)
    by_index = {i: f for f, i in columns.items()}
    plan: list[tuple[str, str | None]] = []
    for i, h in enumerate(headers):
        target = by_index.get(i)
        if target is None and header_key(h) in DECISION_COLUMNS:
            target = DECISIONS_TARGET
        plan.append((h, target))
    return exporter, plan


def _sniff_delimiter(line: str) -> str:
    counts = {d: line.count(d) for d in ("\t", ";", ",", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_header(stream: TextIO, delimiter: str | None = None) -> tuple[list[str], str, int]:
    """(column names, delimiter, preamble lines skipped) from the start of a CSV/TSV stream.
    Dimensions writes one line "About the data: Exported on ..." above its header."""
    csv.field_size_limit(MAX_FIELD)
    header_line = stream.readline()
    skipped = 0
    if header_line.lstrip('\ufeff"').startswith("About the data"):
        header_line, skipped = stream.readline(), 1
    if not header_line.strip():
        raise ImportFailure("the first line is empty; expected column names", f"line {1 + skipped}")
    delimiter = delimiter or _sniff_delimiter(header_line)
    return next(csv.reader([header_line], delimiter=delimiter)), delimiter, skipped


def xlsx_header(path: Path) -> list[str]:
    """The column names of a workbook's first sheet (its first row that is not empty)."""
    from openpyxl import load_workbook

    limits.check_workbook(path)  # a bomb is refused here too, before anything is read
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise ImportFailure(f"not a readable Excel workbook ({exc})") from None
    try:
        for row in book.worksheets[0].iter_rows(values_only=True):
            if any(cell not in (None, "") for cell in row):
                return ["" if cell is None else str(cell) for cell in row]
        return []
    finally:
        book.close()


def read_csv(
    stream: TextIO, mapping: dict[str, str] | None = None, delimiter: str | None = None
) -> Iterator[Citation]:
    headers, delimiter, skipped = read_header(stream, delimiter)
    lines = RecordLines(stream)
    reader = csv.reader(lines, delimiter=delimiter)
    rows = closed_rows(reader, lines, first_line=2 + skipped)
    try:
        yield from rows_to_citations(
            headers, rows, mapping, line_of=lambda: reader.line_num + 1 + skipped
        )
    except csv.Error as exc:
        raise ImportFailure(f"CSV error: {exc}", f"line {reader.line_num + 1}") from None


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
    exporter = recognise(headers)
    columns = map_columns(headers, mapping, exporter)
    if "title" not in columns:
        raise ImportFailure(
            "no title column: map one with a column mapping; the columns are "
            + ", ".join(repr(h) for h in headers[:40]),
            "line 1",
        )
    convention = exporter.authors if exporter is not None else "auto"
    position = 0
    for row in rows:
        if not any(cell.strip() for cell in row):
            continue
        position += 1
        note = None
        if len(row) > len(headers) and any(cell.strip() for cell in row[len(headers) :]):
            fixed = realign(exporter, headers, row)
            if fixed is None:
                where = f"line {line_of()}" if line_of is not None else f"row {position + 1}"
                raise ImportFailure(
                    f"row {position} has {len(row)} values but the header names "
                    f"{len(headers)} columns, and this layout does not say where the extra "
                    "values belong (the columns after them would shift)",
                    where,
                )
            row, note = fixed
            if line_of is not None:
                note = f"line {line_of()}: {note}"
        citation = to_citation(headers, row, columns, position, convention)
        if note:
            citation.warnings.append(note)
        if line_of is not None:
            citation.raw["_line"] = line_of()
        yield citation


def to_citation(
    headers: list[str],
    row: list[str],
    columns: dict[str, int],
    position: int,
    convention: str = "auto",
) -> Citation:
    def get(field: str) -> str:
        index = columns.get(field)
        return text(row[index]) if index is not None and index < len(row) else ""

    raw = {h: row[i] for i, h in enumerate(headers) if i < len(row) and h and row[i] != ""}
    c = Citation(position=position, raw=raw)
    c.source_id = get("source_id") or None
    c.title = get("title")
    c.authors = split_authors(
        row[columns["authors"]] if "authors" in columns and columns["authors"] < len(row) else "",
        convention,
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
    c.pmid = get("pmid") or pmid_in(c.source_id, get("url"))
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
