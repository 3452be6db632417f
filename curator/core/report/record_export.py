"""Writing records or papers out as CSV, RIS, BibTeX or CSL-JSON, whatever they came in as.

`--what records` is every imported record (one row per record, with its search, file, source
identifier and paper id); `included` and `excluded` are papers by their screening decisions.
Output is deterministic: fixed column order, stable sort, UTF-8, LF line ends. The CSV goes
through the one table writer (`curator.core.report.writer`): formula-like cells neutralised.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import bibtexparser
from bibtexparser import Library
from bibtexparser.model import Entry, Field

from curator.core.errors import CuratorError
from curator.core.library import FILTERS
from curator.core.names import parse_person
from curator.core.report.writer import csv_text, frame, write_text
from curator.core.review import Review

WHATS = ("records", "included", "excluded")
EXPORT_FORMATS = ("csv", "ris", "bibtex", "csljson")
CSV_COLUMNS = (
    "source_id", "paper_id", "title", "authors", "year", "venue", "volume", "issue", "pages",
    "doi", "pmid", "pmcid", "abstract", "keywords", "url", "type", "language", "search",
    "file", "position",
)  # fmt: skip

_RIS_TYPES = {
    "article": "JOUR", "journal article": "JOUR", "journal-article": "JOUR", "article-journal": "JOUR",
    "inproceedings": "CONF", "conference paper": "CONF", "paper-conference": "CONF", "proceedings-article": "CONF",
    "book": "BOOK", "incollection": "CHAP", "chapter": "CHAP", "book section": "CHAP",
    "phdthesis": "THES", "mastersthesis": "THES", "thesis": "THES", "report": "RPRT", "techreport": "RPRT",
}  # fmt: skip
_RIS_KNOWN = {
    "JOUR",
    "CONF",
    "CPAPER",
    "BOOK",
    "CHAP",
    "THES",
    "RPRT",
    "GEN",
    "ABST",
    "EJOUR",
    "ELEC",
    "NEWS",
    "MGZN",
    "DATA",
}
_BIB_TYPES = {
    "JOUR": "article",
    "CONF": "inproceedings",
    "CPAPER": "inproceedings",
    "BOOK": "book",
    "CHAP": "incollection",
    "THES": "phdthesis",
    "RPRT": "techreport",
}
_CSL_TYPES = {
    "JOUR": "article-journal",
    "CONF": "paper-conference",
    "BOOK": "book",
    "CHAP": "chapter",
    "THES": "thesis",
    "RPRT": "report",
}


def _ris_type(value: str | None, has_venue: bool) -> str:
    value = (value or "").strip()
    if value.upper() in _RIS_KNOWN:
        return value.upper()
    return _RIS_TYPES.get(value.lower(), "JOUR" if has_venue else "GEN")


def _keywords(value: Any) -> list[str]:
    if not value:
        return []
    if isinstance(value, list):
        return value
    try:
        loaded = json.loads(value)
        return loaded if isinstance(loaded, list) else [str(loaded)]
    except (TypeError, ValueError):
        return [value]


def entries(review: Review, what: str) -> Iterator[dict[str, Any]]:
    """The rows to export as plain dicts, in a stable order."""
    if what not in WHATS:
        raise CuratorError(f"unknown selection {what!r}; choose one of {', '.join(WHATS)}")
    if what == "records":
        for row in review.db.query(
            "SELECT r.*, i.file_name AS file, s.name AS search FROM records r "
            "JOIN imports i ON i.id = r.import_id JOIN searches s ON s.id = i.search_id "
            "ORDER BY r.import_id, r.position"
        ):
            row["authors"] = [a for a in (row["authors"] or "").split("; ") if a]
            row["keywords"] = _keywords(row["keywords"])
            yield row
        return
    condition = FILTERS[what]
    for row in review.db.query(
        "SELECT p.*, v.name AS venue, (SELECT group_concat(source_id, '; ') FROM records "
        "WHERE paper_id = p.id) AS source_id FROM papers p LEFT JOIN venues v ON v.id = p.venue_id "
        f"WHERE p.merged_into IS NULL AND {condition} ORDER BY p.id"
    ):
        row["paper_id"] = row["id"]
        row["authors"] = [
            f"{a['family']}, {a['given']}" if a["given"] else a["family"]
            for a in review.db.query(
                "SELECT a.family, a.given FROM paper_authors pa JOIN authors a ON a.id = pa.author_id "
                "WHERE pa.paper_id = ? ORDER BY pa.position",
                [row["id"]],
            )
        ]
        row["keywords"] = _keywords(row["keywords"])
        yield row


def _flat(value: Any) -> str:
    return " ".join(str(value).split()) if value not in (None, "") else ""


def to_csv(rows: Iterator[dict[str, Any]]) -> str:
    def cells(row: dict[str, Any]) -> list[Any]:
        values = dict(row, authors="; ".join(row["authors"]), keywords="; ".join(row["keywords"]))
        return ["" if values.get(c) is None else values.get(c) for c in CSV_COLUMNS]

    return csv_text(frame((cells(row) for row in rows), CSV_COLUMNS))


def to_ris(rows: Iterator[dict[str, Any]]) -> str:
    lines: list[str] = []
    for row in rows:

        def tag(name: str, value: Any) -> None:
            if flat := _flat(value):
                lines.append(f"{name}  - {flat}")

        tag("TY", _ris_type(row.get("type"), bool(row.get("venue"))))
        tag(
            "ID",
            row.get("source_id") or (f"curator-{row['paper_id']}" if row.get("paper_id") else ""),
        )
        tag("TI", row.get("title"))
        for author in row["authors"]:
            tag("AU", author)
        tag("PY", row.get("year"))
        tag("T2", row.get("venue"))
        tag("VL", row.get("volume"))
        tag("IS", row.get("issue"))
        pages = _flat(row.get("pages"))
        start, _, end = pages.partition("-")
        tag("SP", start)
        tag("EP", end)
        tag("DO", row.get("doi"))
        if row.get("pmid"):
            tag("AN", row["pmid"])
            tag("DB", "PubMed")
        tag("AB", row.get("abstract"))
        for keyword in row["keywords"]:
            tag("KW", keyword)
        tag("UR", row.get("url"))
        tag("LA", row.get("language"))
        lines.append("ER  - ")
        lines.append("")
    return "\n".join(lines) + ("\n" if lines else "")


_LATEX_SPECIAL = re.compile(r"([&%$#_])")


def _latex_escape(value: str) -> str:
    """Characters LaTeX reads as commands escaped, so that decoding gives them back."""
    value = value.replace("\\", "/").replace("{", "(").replace("}", ")")
    return _LATEX_SPECIAL.sub(r"\\\1", value)


_KEY_OK = re.compile(r"^[A-Za-z0-9_:.\-]+$")


def to_bibtex(rows: Iterator[dict[str, Any]]) -> str:
    library = Library()
    used: set[str] = set()
    for row in rows:
        key = _flat(row.get("source_id"))
        if not _KEY_OK.match(key) or key in used:
            key = f"curator{row.get('paper_id') or len(used) + 1}"
        while key in used:
            key += "x"
        used.add(key)
        fields = []
        for name, value in (
            ("title", row.get("title")),
            ("author", " and ".join(row["authors"])),
            ("year", row.get("year")),
            ("journal", row.get("venue")),
            ("volume", row.get("volume")),
            ("number", row.get("issue")),
            ("pages", _flat(row.get("pages")).replace("-", "--")),
            ("doi", row.get("doi")),
            ("pmid", row.get("pmid")),
            ("abstract", row.get("abstract")),
            ("keywords", "; ".join(row["keywords"])),
            ("url", row.get("url")),
            ("language", row.get("language")),
        ):
            if flat := _flat(value):
                fields.append(Field(name, _latex_escape(flat)))
        entry_type = _BIB_TYPES.get(_ris_type(row.get("type"), bool(row.get("venue"))), "misc")
        library.add(Entry(entry_type, key, fields))
    return bibtexparser.write_string(library)


def to_csl_json(rows: Iterator[dict[str, Any]]) -> str:
    items = []
    for row in rows:
        item: dict[str, Any] = {
            "id": _flat(row.get("source_id")) or f"curator-{row.get('paper_id')}",
            "type": _CSL_TYPES.get(_ris_type(row.get("type"), bool(row.get("venue"))), "article"),
            "title": _flat(row.get("title")),
        }
        authors = []
        for author in row["authors"]:
            person = parse_person(author)
            authors.append(
                {"family": person.family, "given": person.given}
                if person.given
                else {"literal": author}
                if not person.family
                else {"family": person.family}
            )
        if authors:
            item["author"] = authors
        if row.get("year"):
            item["issued"] = {"date-parts": [[int(row["year"])]]}
        for key, name in (
            ("venue", "container-title"),
            ("volume", "volume"),
            ("issue", "issue"),
            ("pages", "page"),
            ("doi", "DOI"),
            ("pmid", "PMID"),
            ("pmcid", "PMCID"),
            ("abstract", "abstract"),
            ("url", "URL"),
            ("language", "language"),
        ):
            if flat := _flat(row.get(key)):
                item[name] = flat
        if row["keywords"]:
            item["keyword"] = "; ".join(row["keywords"])
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


WRITERS = {"csv": to_csv, "ris": to_ris, "bibtex": to_bibtex, "csljson": to_csl_json}


def export(review: Review, what: str, fmt: str, out: str | Path) -> int:
    """Write the selection to `out`; return the number of entries written."""
    if fmt not in WRITERS:
        raise CuratorError(
            f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}"
        )
    rows = list(entries(review, what))
    out = Path(out)
    if not out.parent.exists():
        raise CuratorError(f"{out.parent}: no such folder")
    write_text(out, WRITERS[fmt](iter(rows)))
    return len(rows)
