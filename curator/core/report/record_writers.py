"""RIS, BibTeX, CSL-JSON and ASReview CSV text from export rows, written so other tools read
back exactly what Curator holds.

The rows are the plain dicts of `curator.core.report.record_export.entries`. What each format
does to stay faithful (checked by round trips through rispy, bibtexparser 2, pybtex, pandoc
and citeproc-py in tests/core/report/test_record_roundtrip.py):

- Every entry gets a key (`entry_keys`) that is unique in the file and stable: the source's
  own key when it is a valid key held by no other entry of the export, otherwise
  "Family2020-p12" (p: paper id, r: record id). RIS `ID`, BibTeX key and CSL-JSON `id` are
  that same key.
- BibTeX: the title and venue in double braces, so that no style or reader changes their
  case ("Bayesian", "Petri nets"); only `& % # _` and an unpaired `$` are escaped, text already in
  LaTeX (`$\\beta$`, balanced braces) is left as it is, and DOI and URL are written verbatim;
  a family name with spaces or particles ("van de Schoot") and a name without given names
  (an organisation) are braced so that every reader keeps them whole; TeX's ligatures
  (`''`, `--`) are broken with `{}` so that readers that typeset do not merge them.
- Names are written "Family, Given" in every format, whatever form the source used
  ("Phillips J.C." becomes "Phillips, J.C."); a placeholder ("[No author name available]")
  is kept whole.
- CSL-JSON: publisher, ISSN, editors, note and keywords as well as the citation fields.
- RIS: the journal in both `JO` and `T2` (Zotero reads `T2`, EndNote `JO`), with `PB`, `SN`,
  `ED` and `N1`.
- ASReview: its labelled CSV layout (`record_id`, `title`, `abstract`, `authors`,
  `keywords`, `year`, `doi`, `url`, `label_included` 1/0/empty).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from typing import Any

import bibtexparser
from bibtexparser import Library
from bibtexparser.model import Entry, Field

from curator.core.names import parse_person
from curator.core.tex import balanced

_RIS_TYPES = {
    "article": "JOUR", "journal article": "JOUR", "journal-article": "JOUR", "article-journal": "JOUR",
    "inproceedings": "CONF", "conference paper": "CONF", "paper-conference": "CONF", "proceedings-article": "CONF",
    "book": "BOOK", "incollection": "CHAP", "chapter": "CHAP", "book section": "CHAP",
    "phdthesis": "THES", "mastersthesis": "THES", "thesis": "THES", "report": "RPRT", "techreport": "RPRT",
}  # fmt: skip
_RIS_KNOWN = {"JOUR", "CONF", "CPAPER", "BOOK", "CHAP", "THES", "RPRT", "GEN", "ABST", "EJOUR"}
_RIS_KNOWN |= {"ELEC", "NEWS", "MGZN", "DATA"}
_BIB_TYPES = {"JOUR": "article", "CONF": "inproceedings", "CPAPER": "inproceedings", "BOOK": "book",
              "CHAP": "incollection", "THES": "phdthesis", "RPRT": "techreport"}  # fmt: skip
_BIB_VENUE = {
    "inproceedings": "booktitle",
    "incollection": "booktitle",
    "techreport": "institution",
}
_CSL_TYPES = {"JOUR": "article-journal", "CONF": "paper-conference", "BOOK": "book",
              "CHAP": "chapter", "THES": "thesis", "RPRT": "report"}  # fmt: skip


def ris_type(value: str | None, has_venue: bool) -> str:
    value = (value or "").strip()
    if value.upper() in _RIS_KNOWN:
        return value.upper()
    return _RIS_TYPES.get(value.lower(), "JOUR" if has_venue else "GEN")


def _flat(value: Any) -> str:
    return " ".join(str(value).split()) if value not in (None, "") else ""


# -- keys ------------------------------------------------------------------------------------
_KEY_OK = re.compile(r"^[A-Za-z0-9_:.\-]+$")


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^A-Za-z0-9]", "", decomposed.encode("ascii", "ignore").decode())


def _fallback_key(row: dict[str, Any]) -> str:
    family = parse_person(row["authors"][0]).family if row.get("authors") else ""
    stem = (_ascii(family) or "Anon") + str(row.get("year") or "")
    kind, number = ("r", row["record_id"]) if row.get("record_id") else ("p", row.get("paper_id"))
    return f"{stem}-{kind}{number}"


def entry_keys(rows: list[dict[str, Any]]) -> list[str]:
    """One key per row, unique in the export and the same whenever the same data is exported."""
    own = [_flat(row.get("source_id")) for row in rows]
    counts = Counter(own)
    keys = [
        key if key and _KEY_OK.match(key) and counts[key] == 1 else _fallback_key(row)
        for key, row in zip(own, rows, strict=True)
    ]
    seen: Counter[str] = Counter()
    unique = []
    for key in keys:  # a source key equal to another entry's fallback key: number it
        seen[key] += 1
        unique.append(key if seen[key] == 1 else f"{key}-{seen[key]}")
    return unique


# -- names ----------------------------------------------------------------------------------
_PLACEHOLDER = re.compile(r"^\[.*\]$")  # Scopus: "[No author name available]"


def _person(name: str) -> tuple[str, str]:
    """(family, given) of a name; a placeholder or organisation has no given names."""
    if _PLACEHOLDER.match(name.strip()):
        return name.strip(), ""
    person = parse_person(name)
    return person.family, person.given


def ris_name(name: str) -> str:
    """ "Family, Given", the form Zotero and EndNote read from `AU` whatever the source wrote."""
    family, given = _person(name)
    return f"{family}, {given}" if family and given else name


# -- RIS -------------------------------------------------------------------------------------
def to_ris(rows: Iterable[dict[str, Any]]) -> str:
    rows = list(rows)
    lines: list[str] = []
    for row, key in zip(rows, entry_keys(rows), strict=True):

        def tag(name: str, value: Any) -> None:
            if flat := _flat(value):
                lines.append(f"{name}  - {flat}")

        kind = ris_type(row.get("type"), bool(row.get("venue")))
        tag("TY", kind)
        tag("ID", key)
        tag("TI", row.get("title"))
        for author in row["authors"]:
            tag("AU", ris_name(author))
        for editor in row.get("editors") or []:
            tag("ED", ris_name(editor))
        tag("PY", row.get("year"))
        if kind in ("JOUR", "EJOUR", "MGZN", "NEWS"):
            tag("JO", row.get("venue"))
        tag("T2", row.get("venue"))
        tag("VL", row.get("volume"))
        tag("IS", row.get("issue"))
        start, _, end = _flat(row.get("pages")).partition("-")
        tag("SP", start)
        tag("EP", end)
        tag("PB", row.get("publisher"))
        tag("SN", row.get("issn"))
        tag("DO", row.get("doi"))
        if row.get("pmid"):
            tag("AN", row["pmid"])
            tag("DB", "PubMed")
        tag("AB", row.get("abstract"))
        for keyword in row["keywords"]:
            tag("KW", keyword)
        tag("UR", row.get("url"))
        tag("LA", row.get("language"))
        tag("N1", row.get("notes"))
        lines.append("ER  - ")
        lines.append("")
    return "\n".join(lines) + ("\n" if lines else "")


# -- BibTeX ----------------------------------------------------------------------------------
# A math span holds a command, a super- or subscript or a group: "$\\beta$", "$Ca^{2+}$";
# "$510-$544" is two prices.
_MATH = re.compile(r"(?<!\\)\$[^$]*[\\^_{][^$]*(?<!\\)\$")
_SPECIAL = re.compile(r"(?<!\\)([&%#_$])")


_LIGATURES = re.compile(r"(''|``|--|!`|\?`)")  # TeX would print ” “ – ¡ ¿


def _plain_text(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text).replace("~", "\\textasciitilde{}")


def latex_escape(value: str) -> str:
    """`& % # _` and an unpaired `$` escaped; math spans and balanced braces left as written;
    TeX's ligatures broken with `{}` so that `''` stays two apostrophes."""
    if not balanced(value):
        value = value.replace("{", "(").replace("}", ")")
    value = _LIGATURES.sub(lambda m: m.group()[0] + "{}" + m.group()[1], value)
    parts: list[str] = []
    last = 0
    for match in _MATH.finditer(value):
        parts.append(_plain_text(value[last : match.start()]))
        parts.append(match.group())
        last = match.end()
    parts.append(_plain_text(value[last:]))
    return "".join(parts)


def bibtex_name(name: str) -> str:
    """A name every BibTeX reader parses as written: "{van de Schoot}, Rens"; "{WHO}"."""
    family, given = _person(name)
    family = latex_escape(family or name)
    if not given:
        return f"{{{family}}}"
    if " " in family or family[:1].islower() or "," in family:
        family = f"{{{family}}}"
    given = latex_escape(given)
    return f"{family}, {{{given}}}" if "," in given or " and " in given else f"{family}, {given}"


def to_bibtex(rows: Iterable[dict[str, Any]]) -> str:
    rows = list(rows)
    library = Library()
    for row, key in zip(rows, entry_keys(rows), strict=True):
        entry_type = _BIB_TYPES.get(ris_type(row.get("type"), bool(row.get("venue"))), "misc")
        fields: list[Field] = []

        def add(name: str, value: Any, raw: bool = False, fields: list = fields) -> None:
            if flat := _flat(value):
                fields.append(Field(name, flat if raw else latex_escape(flat)))

        if title := _flat(row.get("title")):
            fields.append(Field("title", "{" + latex_escape(title) + "}"))
        add("author", " and ".join(bibtex_name(a) for a in row["authors"]), raw=True)
        add("editor", " and ".join(bibtex_name(a) for a in row.get("editors") or []), raw=True)
        add("year", row.get("year"))
        if venue := _flat(row.get("venue")):
            fields.append(
                Field(_BIB_VENUE.get(entry_type, "journal"), "{" + latex_escape(venue) + "}")
            )
        add("volume", row.get("volume"))
        add("number", row.get("issue"))
        add("pages", _flat(row.get("pages")).replace("-", "--"))
        add("publisher", row.get("publisher"))
        add("issn", row.get("issn"))
        add("doi", row.get("doi"), raw=True)
        add("pmid", row.get("pmid"))
        add("abstract", row.get("abstract"))
        add("keywords", "; ".join(row["keywords"]))
        add("url", row.get("url"), raw=True)
        add("language", row.get("language"))
        add("note", row.get("notes"))
        library.add(Entry(entry_type, key, fields))
    return bibtexparser.write_string(library)


# -- CSL-JSON --------------------------------------------------------------------------------
def csl_name(name: str) -> dict[str, str]:
    family, given = _person(name)
    if not family or _PLACEHOLDER.match(family):
        return {"literal": name.strip()}
    if not given:
        return {"family": family}
    return {"family": family, "given": given}


def to_csl_json(rows: Iterable[dict[str, Any]]) -> str:
    rows = list(rows)
    items = []
    for row, key in zip(rows, entry_keys(rows), strict=True):
        kind = ris_type(row.get("type"), bool(row.get("venue")))
        item: dict[str, Any] = {
            "id": key,
            "type": _CSL_TYPES.get(kind, "article"),
            "title": _flat(row.get("title")),
        }
        if row["authors"]:
            item["author"] = [csl_name(a) for a in row["authors"]]
        if row.get("editors"):
            item["editor"] = [csl_name(a) for a in row["editors"]]
        if row.get("year"):
            item["issued"] = {"date-parts": [[int(row["year"])]]}
        for field_name, name in (
            ("venue", "container-title"),
            ("volume", "volume"),
            ("issue", "issue"),
            ("pages", "page"),
            ("publisher", "publisher"),
            ("issn", "ISSN"),
            ("doi", "DOI"),
            ("pmid", "PMID"),
            ("pmcid", "PMCID"),
            ("abstract", "abstract"),
            ("url", "URL"),
            ("language", "language"),
            ("notes", "note"),
        ):
            if flat := _flat(row.get(field_name)):
                item[name] = flat
        if row["keywords"]:
            item["keyword"] = "; ".join(row["keywords"])
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


# -- ASReview ---------------------------------------------------------------------------------
ASREVIEW_COLUMNS = ("record_id", "title", "abstract", "authors", "keywords", "year", "doi", "url",
                    "label_included")  # fmt: skip


def to_asreview_csv(rows: Iterable[dict[str, Any]]) -> str:
    """ASReview's labelled CSV: 1 included, 0 excluded, empty not yet decided (through the
    one table writer: formula-like cells neutralised)."""
    from curator.core.report.writer import csv_text, frame

    def cells(row: dict[str, Any]) -> list[Any]:
        label = row.get("label")
        return [
            row.get("record_id") or row.get("paper_id") or "",
            _flat(row.get("title")),
            row.get("abstract") or "",
            "; ".join(row["authors"]),
            "; ".join(row["keywords"]),
            row.get("year") or "",
            row.get("doi") or "",
            row.get("url") or "",
            "" if label is None else label,
        ]

    return csv_text(frame((cells(row) for row in rows), ASREVIEW_COLUMNS))
