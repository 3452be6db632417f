"""BibTeX, read with bibtexparser 2: LaTeX decoded (pylatexenc) in prose fields only, failed
blocks reported with their line, in batches of entries (memory follows the batch).

Identifiers and links (`url`, `doi`, `file`, `eprint`, ...) are kept verbatim: decoding them
as LaTeX lost every `&` of a Scopus or EBSCO link. A raw `%` inside braces is text, not a
LaTeX comment (decoding cut a Scopus abstract at "85.58%"). An entry with a repeated field
(Scopus writes two `funding_details`) is kept, with a warning, as the first value of each
field, and decoded like any other."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TextIO

import bibtexparser
from bibtexparser.model import DuplicateFieldKeyBlock, Entry
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from curator.core.identifiers import pmid_in
from curator.core.importers.base import (
    Citation,
    find_doi,
    finish,
    parse_year,
    split_keywords,
    text,
)
from curator.core.tex import balanced

# Fields whose value is an identifier, a link or a path: never LaTeX-decoded.
VERBATIM = frozenset(
    {"url", "doi", "file", "eprint", "pdf", "link", "issn", "isbn", "pmid", "pmcid",
     "urldate", "howpublished_url", "eid", "arxivid", "archiveprefix", "local-url"}
)  # fmt: skip
_RAW_PERCENT = re.compile(r"(?<!\\)%")


def _decoder() -> LatexNodes2Text:
    context = get_default_latex_context_db()
    context.add_context_category(
        "curator", prepend=True, macros=[MacroTextSpec("url", simplify_repl="%s")]
    )
    return LatexNodes2Text(latex_context=context, math_mode="verbatim")


_DECODER = _decoder()


def _unwrap(value: str) -> str:
    """A value without its enclosing braces or quotes (a block that failed the parser's own
    middleware still has them)."""
    value = value.strip()
    while len(value) > 1 and (
        (value[0] == "{" and value[-1] == "}" and balanced(value[1:-1]))
        or (value[0] == '"' and value[-1] == '"')
    ):
        value = value[1:-1].strip()
    return value


def decode(key: str, value: str) -> str:
    """One field's text: verbatim for identifiers and links, LaTeX decoded for prose."""
    value = _unwrap(value)
    if key in VERBATIM:
        return value.replace("{", "").replace("}", "") if key == "doi" else value
    if "\\" not in value and "{" not in value and "$" not in value and "~" not in value:
        return value  # nothing to decode (most fields): skip pylatexenc
    try:
        return _DECODER.latex_to_text(_RAW_PERCENT.sub(r"\\%", value))
    except Exception:  # pylatexenc gives up on unbalanced input: keep the text as written
        return value


def _fields(entry: Entry) -> dict[str, object]:
    out: dict[str, object] = {}
    for field in entry.fields:
        key = field.key.lower()
        value = field.value
        out[key] = decode(key, value) if isinstance(value, str) else value
    return out


BATCH_ENTRIES = 1000


def chunks(stream: TextIO, size: int = BATCH_ENTRIES) -> Iterator[tuple[int, str, int]]:
    """(first line number, text, lines of @string definitions prepended) for batches of about
    `size` blocks, cut where a line starts a new `@` block. Every batch starts with all the
    @string definitions seen so far, so that later entries can use them."""
    strings: list[str] = []
    lines: list[str] = []
    blocks = 0
    first = 1
    in_string = False
    for number, line in enumerate(stream, 1):
        starts = line.lstrip().startswith("@")
        if starts:
            in_string = line.lstrip()[1:].lower().startswith("string")
            if blocks >= size and lines:
                yield first, "".join(strings) + "".join(lines), sum(s.count("\n") for s in strings)
                lines, blocks, first = [], 0, number
            blocks += 1
        if in_string:
            strings.append(line)
            lines.append("\n")  # keep the line numbers; the definition travels in `strings`
        else:
            lines.append(line)
    if lines:
        yield first, "".join(strings) + "".join(lines), sum(s.count("\n") for s in strings)


def read(stream: TextIO) -> Iterator[Citation]:
    position = 0
    for first, chunk, prefix in chunks(stream):
        library = bibtexparser.parse_string(chunk)
        offset = first - 1 - prefix  # parser line (0-based) -> file line (1-based) - 1
        blocks: list[tuple[int, Entry | None, str]] = [
            (e.start_line + offset, e, "") for e in library.entries
        ]
        for block in library.failed_blocks:
            line = block.start_line + offset
            if isinstance(block, DuplicateFieldKeyBlock) and block.ignore_error_block is not None:
                keys = ", ".join(sorted(block.duplicate_keys))
                blocks.append(
                    (line, block.ignore_error_block, f"repeated field(s) {keys}; kept the first")
                )
                continue
            error = getattr(block, "error", None)
            reason = (
                str(error).strip().splitlines()
                or [type(error).__name__ if error else "syntax error"]
            )[0]
            blocks.append(
                (line, None, f"BibTeX block at line {line + 1} cannot be read ({reason})")
            )
        blocks.sort(key=lambda item: item[0])
        for line, entry, message in blocks:
            position += 1
            if entry is None:
                yield Citation(position=position, skip=message, raw={"_line": line + 1})
                continue
            citation = to_citation(entry, position)
            citation.raw["_line"] = line + 1
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
    c.pmid = text(f.get("pmid")) or pmid_in(text(f.get("url")))
    c.pmcid = text(f.get("pmcid")) or None
    c.abstract = text(f.get("abstract")) or None
    c.keywords = split_keywords([text(f.get("keywords")), text(f.get("author_keywords"))], ";,")
    c.url = text(f.get("url")) or None
    c.language = text(f.get("language")) or None
    c.publisher = text(f.get("publisher")) or None
    return finish(c)
