"""BibTeX, read with bibtexparser 2: LaTeX accents decoded, co-authors split, failed blocks
reported with their line. An entry with a repeated field (Scopus writes two
`funding_details`) is kept, with a warning, as the first value of each field."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TextIO

import bibtexparser
from bibtexparser import middlewares
from bibtexparser.model import DuplicateFieldKeyBlock, Entry

from curator.core.importers.base import (
    Citation,
    find_doi,
    finish,
    parse_year,
    split_keywords,
    text,
)


def _fields(entry: Entry) -> dict[str, object]:
    return {field.key.lower(): field.value for field in entry.fields}


def read(stream: TextIO) -> Iterator[Citation]:
    library = bibtexparser.parse_string(
        stream.read(),
        append_middleware=[middlewares.LatexDecodingMiddleware(), middlewares.SeparateCoAuthors()],
    )
    blocks: list[tuple[int, Entry | None, str]] = [(e.start_line, e, "") for e in library.entries]
    for block in library.failed_blocks:
        if isinstance(block, DuplicateFieldKeyBlock) and block.ignore_error_block is not None:
            keys = ", ".join(sorted(block.duplicate_keys))
            blocks.append((block.start_line, block.ignore_error_block, f"repeated field(s) {keys}; kept the first"))
            continue
        error = getattr(block, "error", None)
        reason = (str(error).strip().splitlines() or [type(error).__name__ if error else "syntax error"])[0]
        blocks.append((block.start_line, None, f"BibTeX block at line {block.start_line + 1} cannot be read ({reason})"))
    blocks.sort(key=lambda item: item[0])
    for position, (line, entry, message) in enumerate(blocks, 1):
        if entry is None:
            yield Citation(position=position, skip=message, raw={"_line": line + 1})
            continue
        citation = to_citation(entry, position)
        if message:
            citation.warnings.append(message)
        yield citation


def _authors(value: object) -> list[str]:
    if isinstance(value, list):
        return [text(v) for v in value]
    return [a.strip() for a in re.split(r"\s+and\s+", text(value)) if a.strip()]


def to_citation(entry: Entry, position: int) -> Citation:
    f = _fields(entry)
    raw = {"ENTRYTYPE": entry.entry_type, "ID": entry.key, **{k: v for k, v in f.items()}}
    c = Citation(position=position, raw=raw, source_id=entry.key, type=entry.entry_type)
    c.title = text(f.get("title"))
    c.authors = _authors(f.get("author") or f.get("editor") or [])
    c.year = parse_year(f.get("year") or f.get("date"), c)
    c.venue = text(f.get("journal") or f.get("journaltitle") or f.get("booktitle")) or None
    c.volume = text(f.get("volume")) or None
    c.issue = text(f.get("number") or f.get("issue")) or None
    c.pages = text(f.get("pages")).replace("--", "-").replace("\u2013", "-") or None
    c.doi = find_doi(f.get("doi"), f.get("url"))
    c.pmid = text(f.get("pmid")) or None
    c.pmcid = text(f.get("pmcid")) or None
    c.abstract = text(f.get("abstract")) or None
    c.keywords = split_keywords([text(f.get("keywords")), text(f.get("author_keywords"))], ";,")
    c.url = text(f.get("url")) or None
    c.language = text(f.get("language")) or None
    c.publisher = text(f.get("publisher")) or None
    return finish(c)
