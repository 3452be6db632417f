"""Which format a file is in, decided from its content (the extension only breaks ties),
and the reader that turns it into Citations. Formats Curator does not read are named."""

from __future__ import annotations

import csv
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from curator.core.errors import CuratorError
from curator.core.importers import bibtex, ris, structured, tabular, tagged
from curator.core.importers.base import Citation, UnsupportedFormat
from curator.core.importers.encoding import Source, open_binary, open_text, sniff

FORMATS = {
    "ris": "RIS",
    "medline": "PubMed MEDLINE (.nbib)",
    "wos": "Web of Science plain text",
    "bibtex": "BibTeX",
    "csv": "CSV",
    "tsv": "TSV (tab-delimited)",
    "xlsx": "Excel workbook (.xlsx)",
    "endnote-xml": "EndNote XML",
    "csl-json": "CSL-JSON",
    "ovid": "Ovid tagged",
    "refer": "EndNote Refer/tagged (%A, %T)",
}

_RIS = re.compile(r"^\s*TY {1,2}-", re.M)
_MEDLINE = re.compile(r"^(PMID- ?\d|OWN - )", re.M)
_WOS = re.compile(r"^(FN |PT [A-Z]\b)", re.M)
_OVID = re.compile(r"^<\d+\.?\s*>\s*$", re.M)
_REFER = re.compile(r"^%[0-9A-Z] \S", re.M)
_BIBTEX = re.compile(r"^\s*@\s*[A-Za-z]+\s*[{(]", re.M)


@dataclass
class Detected:
    """A file ready to read: its format, encoding and what sniffing learnt."""

    source: Source
    format: str
    notes: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return FORMATS.get(self.format, self.format)


def detect_format(source: Source) -> str:
    """The format name (a key of FORMATS); UnsupportedFormat naming what the file is."""
    path = source.path
    suffix = path.suffix.lower()
    if source.zip:
        try:
            with zipfile.ZipFile(path) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile as exc:
            raise CuratorError(f"{path}: a damaged ZIP/Excel file ({exc})") from None
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        if any(n.startswith("word/") for n in names):
            raise UnsupportedFormat(f"{path}: a Word document, not a citation export")
        if "content.xml" in names:
            raise UnsupportedFormat(f"{path}: an OpenDocument file; save it as .xlsx or CSV")
        raise UnsupportedFormat(f"{path}: a ZIP archive; unpack it and import the files inside")
    head = source.head.lstrip("\ufeff \t\r\n")
    lower = head[:2000].lower()
    if lower.startswith(("<!doctype html", "<html")):
        raise UnsupportedFormat(f"{path}: an HTML web page; save the export file itself instead")
    if "report information from proquest" in lower[:400]:
        raise UnsupportedFormat(
            f"{path}: a ProQuest report (plain text); export from ProQuest as RIS instead"
        )
    if lower.startswith(("<?xml", "<xml", "<records", "<record")):
        if "<record" in lower and "<pubmedarticle" not in lower:
            return "endnote-xml"
        if "<pubmedarticle" in lower:
            raise UnsupportedFormat(
                f"{path}: PubMed XML; export from PubMed as 'PubMed' (MEDLINE .nbib) instead"
            )
        raise UnsupportedFormat(f"{path}: an XML file that is not an EndNote XML library")
    if head.startswith(("[", "{")):
        return "csl-json"
    table = _clear_table(head, suffix)
    if table:  # a table's header line wins over tags quoted inside its cells
        return table
    if _OVID.search(head[:4000]):
        return "ovid"
    if _RIS.search(head) and not _MEDLINE.search(head[:2000]):
        return "ris"
    if _MEDLINE.search(head):
        return "medline"
    if (
        _WOS.search(head[:4000])
        and re.search(r"^(ER|EF)\s*$", head, re.M)
        or head.startswith("FN ")
    ):
        return "wos"
    if len(_REFER.findall(head[:4000])) >= 2:
        return "refer"
    if _BIBTEX.search(head[:20000]):
        return "bibtex"
    first = head.splitlines()[0] if head else ""
    if "\t" in first:
        return "tsv"
    if ("," in first or ";" in first) and len(first) < 20000:
        return "csv"
    if suffix == ".ris":
        raise CuratorError(f"{path}: named .ris but holds no RIS record (no 'TY  - ' line)")
    raise UnsupportedFormat(
        f"{path}: not a citation format Curator recognises; it reads " + ", ".join(FORMATS.values())
    )


# What an extension promises, for saying so when the content decides otherwise.
_SUFFIX_FORMATS = {
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".ris": "ris", ".nbib": "medline",
    ".bib": "bibtex", ".xlsx": "xlsx", ".json": "csl-json", ".ciw": "wos",
}  # fmt: skip


def _clear_table(head: str, suffix: str) -> str | None:
    """The table format ("csv" or "tsv") when the first line is a header of known column
    names (a title among them) split by a delimiter, and the extension does not say otherwise."""
    if suffix not in ("", ".csv", ".tsv", ".tab", ".txt"):
        return None
    first = head.splitlines()[0] if head else ""
    if len(first) > 20000 or _RIS.match(first) or _MEDLINE.match(first):
        return None
    for delimiter, name in (("\t", "tsv"), (",", "csv"), (";", "csv")):
        if delimiter in first:
            headers = next(csv.reader([first], delimiter=delimiter))
            if len(headers) >= 2 and "title" in tabular.map_columns(headers):
                return name
    return None


def _extension_note(path, chosen: str) -> list[str]:
    """A note when the content made Curator read a file otherwise than its name says."""
    promised = _SUFFIX_FORMATS.get(Path(path).suffix.lower())
    if promised and promised != chosen and {promised, chosen} != {"csv", "tsv"}:
        return [
            f"named {Path(path).suffix.lower()} but its content is {FORMATS.get(chosen, chosen)}; "
            f"read as {FORMATS.get(chosen, chosen)}"
        ]
    return []


def detect(path, fmt: str | None = None) -> Detected:
    """Sniff `path` and decide its format (or check the one given)."""
    source = sniff(path)
    if fmt is not None:
        if fmt not in FORMATS:
            raise CuratorError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        chosen = fmt
    else:
        chosen = detect_format(source)
    said = _extension_note(source.path, chosen) if fmt is None else []
    return Detected(source, chosen, list(source.notes) + said)


class Reading:
    """An open file being read: iterate `citations`; `done` is the bytes read so far."""

    def __init__(self, detected: Detected, mapping: dict[str, str] | None = None):
        self.detected = detected
        self.total = detected.source.size
        self._counter = None
        self._handle = None
        self.citations = self._open(mapping)

    @property
    def done(self) -> int:
        return self._counter.count if self._counter is not None else 0

    def _open(self, mapping: dict[str, str] | None) -> Iterator[Citation]:
        d = self.detected
        fmt, source = d.format, d.source
        if fmt == "xlsx":
            return tabular.read_xlsx(source.path, mapping)
        if fmt == "endnote-xml":
            self._handle, self._counter = open_binary(source)
            return structured.read_endnote_xml(self._handle)
        newline = "" if fmt in ("csv", "tsv") else None
        self._handle, self._counter = open_text(source, newline=newline)
        stream = self._handle
        if fmt == "ris":
            return ris.read(stream)
        if fmt in ("medline", "wos", "ovid", "refer"):
            return tagged.read(stream, fmt)
        if fmt == "bibtex":
            return bibtex.read(stream)
        if fmt == "csl-json":
            return structured.read_csl_json(stream)
        if fmt in ("csv", "tsv"):
            return tabular.read_csv(stream, mapping, "\t" if fmt == "tsv" else None)
        raise CuratorError(f"no reader for format {fmt!r}")

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()

    def __enter__(self) -> Reading:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def header(detected: Detected) -> list[str] | None:
    """The column names of a CSV/TSV/XLSX file (None for other formats)."""
    fmt = detected.format
    if fmt == "xlsx":
        return tabular.xlsx_header(detected.source.path)
    if fmt not in ("csv", "tsv"):
        return None
    handle, _counter = open_text(detected.source, newline="")
    try:
        return tabular.read_header(handle, "\t" if fmt == "tsv" else None)[0]
    finally:
        handle.close()


def count_records(detected: Detected, mapping: dict[str, str] | None = None) -> int | None:
    """How many records the file holds (read whole, nothing kept); None if it cannot be read
    to the end (the import then says where)."""
    from curator.core.importers.base import ImportFailure

    with Reading(detected, mapping) as reading:
        try:
            return sum(1 for _citation in reading.citations)
        except ImportFailure:
            return None


def preview(
    path, fmt: str | None = None, mapping: dict[str, str] | None = None, limit: int = 5
) -> tuple[Detected, list[Citation]]:
    """The detected format and the first `limit` records, without touching any review."""
    detected = detect(path, fmt)
    return detected, first_records(detected, mapping, limit)


def first_records(
    detected: Detected, mapping: dict[str, str] | None = None, limit: int = 5
) -> list[Citation]:
    """The first `limit` records of a file already detected (read with `mapping`): no second
    detection, which reads and hashes the whole file."""
    from curator.core.importers.base import ImportFailure

    found: list[Citation] = []
    with Reading(detected, mapping) as reading:
        try:
            for citation in reading.citations:
                found.append(citation)
                if len(found) >= limit:
                    break
        except ImportFailure as exc:
            where = f", {exc.where}" if exc.where else ""
            raise CuratorError(f"{detected.source.path}{where}: {exc}") from None
    return found
