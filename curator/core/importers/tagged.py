"""Line-tagged formats other than RIS: PubMed MEDLINE (.nbib), Web of Science plain text,
Ovid tagged (.ovd/.cgi) and EndNote Refer (%A, %T ...).

No maintained Python library reads MEDLINE or Ovid files as a stream (Biopython's Medline
parser would pull in all of Biopython, and rispy's WokParser merges records when an `ER`
is missing), so one small line reader serves all four layouts: each layout says how a tag
line looks, what starts and ends a record, and how continuation lines are written. Every
record remembers the line it started on, for error messages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TextIO

from curator.core.identifiers import pmid_in
from curator.core.importers.base import (
    Citation,
    ImportFailure,
    find_doi,
    finish,
    first,
    parse_year,
    split_keywords,
    text,
)

Fields = dict[str, list[str]]


@dataclass(frozen=True)
class Layout:
    name: str
    tag: re.Pattern[str]  # group 1: tag, group 2: value
    continuation: re.Pattern[str]  # group 1: the continued text
    starts: Callable[[str, Fields], bool]  # does this tag begin a new record?
    end_tags: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    blank_ends: bool = True
    record_marker: re.Pattern[str] | None = None  # a line of its own that starts a record
    list_tags: frozenset[str] = frozenset()  # a continuation line is a new value, not more text
    labels: dict[str, str] | None = None  # field names written in full on a line of their own


MEDLINE = Layout(
    "medline",
    re.compile(r"([A-Z][A-Z0-9]{1,3}) *- ?(.*)"),
    re.compile(r" {2,}(\S.*)"),
    lambda tag, fields: tag == "PMID",  # records are blank-line separated; a PMID also starts one
)
WOS = Layout(
    "wos",
    re.compile(r"([A-Z][A-Z0-9]) (.*)|([A-Z][A-Z0-9])$"),
    re.compile(r"   (.*)"),
    lambda tag, fields: tag == "PT",
    end_tags=frozenset({"ER"}),
    ignore=frozenset({"FN", "VR", "EF"}),
    blank_ends=False,
    list_tags=frozenset(
        {"AU", "AF", "BA", "BF", "BE", "GP", "CA", "CR", "C1", "C3", "EM", "RI", "OI"}
    ),
)
# Ovid's export without tags names each field in full on a line of its own, its values indented
# below it (one value a line); these are the names of the fields Curator reads, as tags.
OVID_LABELS = {
    "unique identifier": "UI",
    "accession number": "AN",
    "author": "AU",
    "authors": "AU",
    "authors full name": "FA",
    "title": "TI",
    "source": "SO",
    "journal name": "JN",
    "volume": "VO",
    "issue": "IP",
    "page": "PG",
    "pages": "PG",
    "year of publication": "YR",
    "publication year": "YR",
    "date of publication": "DP",
    "abstract": "AB",
    "author keywords": "KW",
    "keywords": "KW",
    "keyword heading word": "KW",
    "mesh subject headings": "MH",
    "subject headings": "MH",
    "language": "LG",
    "publication type": "PT",
    "document type": "PT",
    "digital object identifier": "DO",
    "doi number": "DO",
    "publisher": "PB",
    "database": "DB",
}
OVID = Layout(
    "ovid",
    re.compile(r"([A-Z][A-Z0-9]{1,3}) *- ?(.*)"),
    re.compile(r"\s*(\S.*)"),
    lambda tag, fields: False,
    blank_ends=False,
    record_marker=re.compile(r"<\d+\.?\s*>\s*$"),
    labels=OVID_LABELS,
)
REFER = Layout(
    "refer",
    re.compile(r"%(\S) ?(.*)"),
    re.compile(r"(?!%)(\S.*)"),
    lambda tag, fields: False,
)


# Web of Science field tags (Clarivate's field tag list): a line that starts with one of these
# glued to its value ("AUGilles, H") is unambiguous, so it is read with a warning.
WOS_TAGS = frozenset(
    "FN VR PT AU AF BA BF CA GP BE TI SO SE BS LA DT CT CY CL SP HO DE ID AB C1 C3 RP EM RI "
    "OI FU FP FX CR NR TC Z9 U1 U2 PU PI PA SN EI BN J9 JI PD PY VL IS PN SU SI MA BP EP AR "
    "DI DL D2 EA PG WC WE SC GA PM OA HC HP DA UT ER EF".split()
)
REPAIRS = "_repairs"  # fields key: the repairs made while reading a record (warnings)


def _glued(line: str, layout: Layout) -> str | None:
    """A WoS tag line whose space after the tag is missing, written as it should be."""
    if layout is WOS and len(line) > 2 and line[:2] in WOS_TAGS and line[2] not in " \t":
        return f"{line[:2]} {line[2:]}"
    return None


def iter_records(stream: TextIO, layout: Layout) -> Iterator[tuple[int, Fields]]:
    """(first line number, {tag: [values]}) for each record, in file order; repairs made
    on the way are listed under `REPAIRS`."""
    fields: Fields = {}
    start = 0
    last: str | None = None
    labelled = False  # Ovid without tags: field names on lines of their own
    pending: list[str] = []  # continuation lines of fields[last][-1], joined once (linear)

    def flush() -> None:
        if pending:
            values = fields[last]  # type: ignore[index]
            values[-1] = " ".join([values[-1], *pending]).strip()
            pending.clear()

    for number, line in enumerate(stream, 1):
        line = line.rstrip("\r\n").replace("\ufeff", "")
        if not line.strip():
            flush()
            if layout.blank_ends and fields:
                yield start, fields
                fields, last = {}, None
            continue
        if layout.record_marker is not None and layout.record_marker.match(line):
            flush()
            if fields:
                yield start, fields
            fields, last, start = {}, None, number
            continue
        match = layout.tag.match(line)
        if layout.labels is not None and not line[0].isspace():
            labelled = labelled or (match is None and not fields and last is None)
        if labelled:
            if not line[0].isspace():  # a field name: its values follow, one a line
                name = line.strip()
                last = layout.labels.get(name.lower(), name)  # type: ignore[union-attr]
                start = start if fields else number
            elif last is not None:
                fields.setdefault(last, []).append(line.strip())
            continue
        repair = None
        if match is None and (repaired := _glued(line, layout)) is not None:
            repair = (
                f"line {number}: tag {line[:2]} glued to its value ({line[:20]!r}); "
                f"read as {repaired[:21]!r}"
            )
            line, match = repaired, layout.tag.match(repaired)
        if match and not (layout is REFER and last is not None and not line.startswith("%")):
            flush()
            tag = match.group(1) or match.group(3)
            value = (match.group(2) or "").strip()
            if tag in layout.ignore:
                last = None
                continue
            if tag in layout.end_tags:
                if fields:
                    yield start, fields
                fields, last = {}, None
                continue
            if fields and layout.starts(tag, fields):
                yield start, fields
                fields = {}
            if not fields:
                start = number
            fields.setdefault(tag, []).append(value)
            if repair is not None:
                fields.setdefault(REPAIRS, []).append(repair)
            last = tag
            continue
        more = layout.continuation.match(line)
        if more and last is not None:
            values = fields[last]
            if last in layout.list_tags:
                values.append(more.group(1).strip())
            else:
                pending.append(more.group(1).strip())
            continue
        if layout is WOS and not fields:
            continue  # text between records
        raise ImportFailure(f"cannot read this line: {line[:80]!r}", f"line {number}")
    flush()
    if fields:
        yield start, fields


def _names(values: list[str] | None) -> list[str]:
    """Authors of a one-name-per-line tag; Web of Science's MEDLINE and BIOSIS databases put
    them all on one line, separated by ";", which no name holds."""
    return split_keywords(values or [], ";")


def _citation(fields: Fields, position: int) -> Citation:
    return Citation(
        position=position, raw={k: v if len(v) > 1 else v[0] for k, v in fields.items()}
    )


def _medline(fields: Fields, position: int) -> Citation:
    c = _citation(fields, position)
    c.source_id = first(fields.get("PMID"), fields.get("OID")) or None
    c.pmid = first(fields.get("PMID")) or None
    c.type = first(fields.get("PT")) or None
    c.title = first(fields.get("TI"), fields.get("BTI"))
    c.authors = _names(fields.get("FAU") or fields.get("AU"))
    c.year = parse_year(first(fields.get("DP"), fields.get("DEP")), c)
    c.venue = first(fields.get("JT"), fields.get("TA")) or None
    c.volume = first(fields.get("VI")) or None
    c.issue = first(fields.get("IP")) or None
    c.pages = first(fields.get("PG")) or None
    ids = fields.get("AID", []) + fields.get("LID", [])
    c.doi = find_doi([i for i in ids if "[doi]" in i] or ids)
    c.pmcid = first(fields.get("PMC")) or None
    c.abstract = first(fields.get("AB")) or None
    c.keywords = (fields.get("MH") or []) + (fields.get("OT") or [])
    c.language = first(fields.get("LA")) or None
    c.publisher = first(fields.get("PB")) or None
    c.raw["_publication_types"] = fields.get("PT", [])
    return finish(c)


def _wos(fields: Fields, position: int) -> Citation:
    c = _citation(fields, position)
    c.source_id = first(fields.get("UT")) or None
    c.type = first(fields.get("DT"), fields.get("PT")) or None
    c.title = first(fields.get("TI"))
    c.authors = _names(fields.get("AF") or fields.get("AU"))
    c.year = parse_year(first(fields.get("PY"), fields.get("EA")), c)
    c.venue = first(fields.get("SO"), fields.get("JI")) or None
    c.volume = first(fields.get("VL")) or None
    c.issue = first(fields.get("IS")) or None
    begin, end = first(fields.get("BP")), first(fields.get("EP"))
    # PS: the page span of WoS's MEDLINE and BIOSIS records, which have no BP/EP
    c.pages = (
        f"{begin}-{end}"
        if begin and end
        else (begin or first(fields.get("AR"), fields.get("PS")) or None)
    )
    c.doi = find_doi(fields.get("DI"), fields.get("D2"))
    c.pmid = first(fields.get("PM")) or pmid_in(c.source_id)
    c.abstract = first(fields.get("AB")) or None
    c.keywords = split_keywords(fields.get("DE", []) + fields.get("ID", []))
    c.language = first(fields.get("LA")) or None
    c.publisher = first(fields.get("PU")) or None
    return finish(c)


_OVID_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


def _ovid(fields: Fields, position: int) -> Citation:
    c = _citation(fields, position)
    c.source_id = first(fields.get("UI"), fields.get("AN")) or None
    c.type = first(fields.get("PT"), fields.get("ST")) or None
    c.title = first(fields.get("TI"))
    # "Holstiege, Jakob 1": the number is the author's affiliation
    authors = _names(fields.get("AU") or fields.get("FA"))
    c.authors = [re.sub(r"\s+\d+(?:,\s*\d+)*$", "", a) for a in authors]
    source = first(fields.get("SO"))
    year = first(fields.get("YR"), fields.get("DP"))
    if not year and (found := _OVID_YEAR.search(source)):
        year = found.group(1)
    c.year = parse_year(year, c)
    c.venue = first(fields.get("JN"), fields.get("JA")) or (
        re.split(r"\.(?:\s|$)", source)[0] if source else None
    )
    c.volume = first(fields.get("VO")) or None
    c.issue = first(fields.get("IP"), fields.get("NO")) or None
    c.pages = first(fields.get("PG")) or None
    c.doi = find_doi(fields.get("DO"), fields.get("DI"), fields.get("XL"))
    db = first(fields.get("DB"))
    if re.search(r"medline|pubmed", db, re.I) and first(fields.get("UI")).isdigit():
        c.pmid = first(fields.get("UI"))
    c.abstract = "\n".join(fields.get("AB", [])) or None  # paragraphs: one value each
    c.keywords = [
        re.sub(r"^\*", "", k) for k in split_keywords(fields.get("KW", []) + fields.get("MH", []))
    ]
    c.language = first(fields.get("LG"), fields.get("LA")) or None
    c.publisher = first(fields.get("PB")) or None
    return finish(c)


def _refer(fields: Fields, position: int) -> Citation:
    c = _citation(fields, position)
    c.source_id = first(fields.get("M"), fields.get("F")) or None
    c.type = first(fields.get("0")) or None
    c.title = first(fields.get("T"))
    c.authors = _names(fields.get("A"))
    c.year = parse_year(first(fields.get("D")), c)
    c.venue = first(fields.get("J"), fields.get("B")) or None
    c.volume = first(fields.get("V")) or None
    c.issue = first(fields.get("N")) or None
    c.pages = first(fields.get("P")) or None
    c.doi = find_doi(fields.get("R"), fields.get("U"))
    c.pmid = pmid_in(fields.get("U"))
    c.abstract = first(fields.get("X")) or None
    c.keywords = split_keywords(fields.get("K", []), ";\n")
    c.url = first(fields.get("U")) or None
    c.publisher = first(fields.get("I")) or None
    c.language = first(fields.get("G")) or None
    return finish(c)


_MAPPERS = {
    "medline": (MEDLINE, _medline),
    "wos": (WOS, _wos),
    "ovid": (OVID, _ovid),
    "refer": (REFER, _refer),
}


def read(stream: TextIO, fmt: str) -> Iterator[Citation]:
    layout, mapper = _MAPPERS[fmt]
    position = 0
    for line, fields in iter_records(stream, layout):
        position += 1
        repairs = fields.pop(REPAIRS, [])
        citation = mapper(fields, position)
        citation.warnings.extend(repairs)
        citation.raw["_line"] = line
        if (
            not text(citation.title)
            and fmt == "medline"
            and "PMID" not in fields
            and "TI" not in fields
        ):
            citation.warnings.append("record without PMID or TI")
        yield citation
