"""RIS, read with rispy in batches, with the repairs rispy needs to not lose records.

rispy silently merges or drops records when the final `ER` is missing, when tags are written
with one space (`TY - JOUR`), or when a byte-order mark sits before the first tag. This reader
streams the text, fixes tags with one regular expression per chunk, cuts the chunk into
records at each `TY` line, adds a missing `ER` (with a warning), lets rispy parse the batch,
and compares the number of `TY` lines with the records rispy returned: a mismatch is an
error, never silence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TextIO

from rispy import RisParser

from curator.core.identifiers import pmid_in
from curator.core.importers.base import (
    Citation,
    ImportFailure,
    find_doi,
    finish,
    parse_year,
    text,
)

CHUNK_CHARS = 1 << 20
# Only tags not already written the standard way (`XX  - `) are rewritten.
# The pattern starts with a literal newline so that the regex engine scans for it quickly.
_TAG = re.compile(r"\n([A-Z][A-Z0-9])(?!  -)[ \t]{1,2}-[ \t]?")
_LIST_TAGS = ["A1", "A2", "A3", "A4", "AU", "KW", "N1", "UR", "AD"]


class _Identity(dict):
    """rispy's tag -> key mapping, but every tag keeps its own name (raw stays in RIS tags)."""

    def __missing__(self, key: str) -> str:
        return key


_LONG_TAG = re.compile(r"([A-Z][A-Z0-9]{2,3}) {1,2}- ?(.*)")


def _line(line: str) -> tuple[str | None, str]:
    """(tag, content) of one line: rispy's fast path for `XX  - `, then the long tags;
    (None, text) for a continuation line."""
    if line[2:5] == "  -" and line[:2].isupper() and line[0:1].isalpha():
        return (line[0:2], line[6:].strip())
    match = _LONG_TAG.match(line)
    if match:
        return (match.group(1), match.group(2).strip())
    return (None, line.strip())


class _Parser(RisParser):
    """rispy's parser that also reads 3-4 letter tags (PsycINFO's `PMID  -`) and keeps
    text that precedes any tag instead of failing on it."""

    def parse_line(self, line: str):
        return _line(line)

    def _add_tag(self, record, tag, content, extend_multiline=False):
        if extend_multiline:  # a continuation line: rispy crashes on some of these
            if not content:
                return
            name = None if tag is None else self.mapping[tag]
            current = record.get(name) if name else None
            if current is None and tag not in self.list_tags:
                # no tag yet in this record (rispy carries the last tag over from the previous one)
                record.setdefault("_stray", []).append(content)
                return
            if isinstance(current, list) and tag not in self.list_tags:
                current[-1] = f"{current[-1]} {content}"  # a repeated tag, continued
                return
        super()._add_tag(record, tag, content, extend_multiline)


def _parser() -> RisParser:
    """rispy's parser as Curator configures it: the reference `parse_records` must agree with."""
    return _Parser(mapping=_Identity(), list_tags=_LIST_TAGS, enforce_list_tags=False)


_LIST_SET = frozenset(_LIST_TAGS)


def _add(record: dict, tag: str, content, more: bool = False) -> None:
    """rispy's `_add_tag` (with `_Parser`'s continuation rules) for one tag line; `more`:
    a continuation line of `tag`."""
    if tag == "UR":
        content = [part.strip() for part in content.split(";")]
    if tag in _LIST_SET:
        value = content if isinstance(content, list) else [content]
        current = record.get(tag)
        if current is None:
            record[tag] = value
        elif isinstance(current, list):
            current.extend(value)
        else:
            record[tag] = [current, *value]
        return
    current = record.get(tag)
    if current is None:
        record[tag] = content
    elif more:
        record[tag] = f"{current} {content}"
    elif isinstance(current, list):
        current.append(content)
    else:
        record[tag] = [current, content]


# "XX  -" line starts already seen -> their tag: one dict lookup instead of three string tests
# (at most one entry per two-character tag, so bounded).
_STANDARD: dict[str, str] = {}


def parse_records(text: str) -> list[dict]:
    """The records of `text`, exactly as `_parser().parse(text)` gives them (a test checks this
    on every real RIS file and on generated ones), about three times faster: one loop over the
    lines instead of five method calls per line."""
    result: list[dict] = []
    lines = text.split("\n")
    n = len(lines)
    i = 0
    last_tag = None
    while i < n and not lines[i].startswith("TY"):
        i += 1
    if i >= n:
        return result
    record: dict = {"TY": _line(lines[i])[1]}
    i += 1
    list_tags = _LIST_SET
    standard = _STANDARD
    while i < n:
        line = lines[i]
        i += 1
        tag = standard.get(line[:5])
        if tag is not None:
            content = line[6:].strip()
        elif line[2:5] == "  -" and line[:2].isupper() and line[0:1].isalpha():
            tag = standard[line[:5]] = line[:2]
            content = line[6:].strip()
        else:
            tag, content = _line(line)
            if tag is None:  # a continuation of the last tag (rispy's rules, `_Parser`'s repairs)
                if not content:
                    continue
                current = record.get(last_tag) if last_tag else None
                if current is None and last_tag not in list_tags:
                    record.setdefault("_stray", []).append(content)
                elif isinstance(current, list) and last_tag not in list_tags:
                    current[-1] = f"{current[-1]} {content}"
                else:
                    _add(record, last_tag, content, more=True)  # type: ignore[arg-type]
                continue
        if tag == "ER":
            result.append(record)
            while i < n and not lines[i].startswith("TY"):
                i += 1
            if i >= n:
                return result
            record = {"TY": _line(lines[i])[1]}
            i += 1
            continue
        last_tag = tag
        current = record.get(tag)
        if tag in list_tags and tag != "UR":
            if current is None:
                record[tag] = [content]
            elif current.__class__ is list:
                current.append(content)
            else:
                _add(record, tag, content)
        elif current is None and tag not in list_tags:
            record[tag] = content
        else:
            _add(record, tag, content)
    return result


def normalise_chunk(chunk: str) -> str:
    """One-space or tab tags to the standard `XX  - `, stray BOMs removed (a chunk of whole
    lines, starting at a line start)."""
    if "\ufeff" in chunk:
        chunk = chunk.replace("\ufeff", "")
    return _TAG.sub(r"\n\1  - ", "\n" + chunk)[1:]


def split_records(text: str) -> tuple[str, list[str]]:
    """(text before the first record, [record texts each starting with its TY line])."""
    parts = ("\n" + text).split("\nTY  -")
    records = ["TY  -" + part + "\n" for part in parts[1:-1]]  # the split ate their last newline
    if len(parts) > 1:
        records.append("TY  -" + parts[-1])
    return parts[0][1:], records


def iter_batches(stream: TextIO, chunk_chars: int = CHUNK_CHARS) -> Iterator[list[str]]:
    """Lists of record texts (each starting at its `TY` line), a chunk at a time."""
    carry = ""
    leading = True
    while True:
        chunk = stream.read(chunk_chars)
        if chunk:
            cut = chunk.rfind("\n")
            if cut < 0:
                carry += chunk
                continue
            complete = carry + chunk[: cut + 1]
            rest = chunk[cut + 1 :]
        else:
            complete, rest = carry, ""
        preamble, pieces = split_records(normalise_chunk(complete))
        if leading:
            if not pieces and chunk:
                carry = preamble[-200:] + rest  # no record started yet: keep reading
                continue
            leading = False
        if chunk:
            tail = pieces.pop() if pieces else ""
            carry = tail + rest
        else:
            carry = ""
        if pieces:
            yield pieces
        if not chunk:
            return


def read(stream: TextIO, *, start: int = 1) -> Iterator[Citation]:
    position = start - 1
    for pieces in iter_batches(stream):
        repaired: list[str] = []
        missing_end: set[int] = set()
        for i, piece in enumerate(pieces):
            if "\nER  -" not in piece:
                missing_end.add(i)
                piece = piece.rstrip("\n") + "\nER  - \n"
            repaired.append(piece)
        records = parse_records("".join(repaired))
        if len(records) != len(pieces):
            raise ImportFailure(
                f"read {len(records)} records where the file has {len(pieces)} TY lines",
                f"records {position + 1}-{position + len(pieces)}",
            )
        for i, fields in enumerate(records):
            position += 1
            citation = to_citation(fields, position)
            if i in missing_end:
                citation.warnings.append(
                    "no ER line at the end of the record; ended at the next TY"
                )
            yield citation


def _one(raw: dict, *tags: str) -> str:
    """The first non-empty value among `raw`'s `tags` (of a list, its first non-empty item);
    rispy already stripped each line's text. Tags are looked up only until one has a value."""
    for tag in tags:
        value = raw.get(tag)
        if not value:
            continue
        if value.__class__ is str:
            return value
        if isinstance(value, list):
            value = next((v for v in value if v), "")
            if not value:
                continue
        return value if isinstance(value, str) else str(value)
    return ""


def _many(value: object) -> list[str]:
    if not value:
        return []
    return [v for v in value if v] if isinstance(value, list) else [value]  # type: ignore[list-item]


def to_citation(fields: dict, position: int) -> Citation:
    raw = fields
    unknown = raw.pop("UK", None)
    if unknown:
        for tag, values in unknown.items():
            raw[tag] = values if len(values) > 1 else values[0]
    nans = [tag for tag, value in raw.items() if value == "nan"] if "nan" in raw.values() else []
    if nans:  # pandas' missing value, as ASReview and other pandas-based tools write it
        raw = {tag: value for tag, value in fields.items() if tag not in nans}
    get = raw.get
    start, end = _one(raw, "SP"), _one(raw, "EP")
    c = Citation(
        position=position,
        raw=fields,
        type=_one(raw, "TY") or None,
        source_id=_one(raw, "ID", "AN") or None,
        title=text(_one(raw, "TI", "T1", "CT", "BT")),
        authors=_many(get("AU")) or _many(get("A1")),
        venue=_one(raw, "JF", "T2", "JO", "JA", "J2") or None,
        volume=_one(raw, "VL") or None,
        issue=_one(raw, "IS") or None,
        pages=(f"{start}-{end}" if start and end and end != start else start or end) or None,
        doi=find_doi(get("DO"), get("DI"), get("M3"), get("UR"), get("L3")),
        keywords=_many(get("KW")),
        url=_one(raw, "UR") or None,
        language=_one(raw, "LA") or None,
        publisher=_one(raw, "PB", "PU") or None,  # Web of Science's RIS: PU
    )
    if nans:
        c.warnings.append(
            f"'nan' (a missing value written by pandas) read as empty: {', '.join(nans)}"
        )
    c.year = parse_year(_one(raw, "PY", "Y1", "DA"), c)
    if "_stray" in raw:
        c.warnings.append("text before the first tag of the record kept in raw only")
    pmid = _one(raw, "PMID")
    if pmid.isdigit():
        c.pmid = pmid
    else:
        accession = _one(raw, "AN")
        if accession.isdigit() and re.search(
            r"pubmed|medline|nlm", f"{_one(raw, 'DB')} {_one(raw, 'DP')}", re.I
        ):
            c.pmid = accession
    c.pmid = c.pmid or pmid_in(get("UR"), get("L2"), get("L1"), get("AN"))  # a PubMed link
    custom2 = _one(raw, "C2")
    c.pmcid = custom2 if "PMC" in custom2 else None
    abstract = get("AB") or get("N2")
    c.abstract = "\n".join(abstract) if isinstance(abstract, list) else abstract
    return finish(c)
