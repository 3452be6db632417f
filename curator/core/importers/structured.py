"""EndNote XML (parsed with defusedxml, as a stream of <record> elements whose text sits in
nested <style> elements) and CSL-JSON (the format Zotero and citeproc write), read one array
item at a time with the standard library's `JSONDecoder.raw_decode`."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import IO, Any, TextIO
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from curator.core.identifiers import pmid_in
from curator.core.importers.base import (
    Citation,
    ImportFailure,
    find_doi,
    finish,
    parse_year,
    split_keywords,
    text,
)


def _text(element: Element | None) -> str:
    return text("".join(element.itertext())) if element is not None else ""


def _all(record: Element, path: str) -> list[str]:
    return [t for t in (_text(e) for e in record.iterfind(path)) if t]


def read_endnote_xml(stream: IO[bytes]) -> Iterator[Citation]:
    position = 0
    try:
        for _event, element in iterparse(stream, events=("end",)):
            if element.tag != "record":
                continue
            position += 1
            yield endnote_citation(element, position)
            element.clear()
    except (ParseError, DefusedXmlException) as exc:
        where = f"record {position + 1}"
        if isinstance(exc, ParseError) and getattr(exc, "position", None):
            where += f", line {exc.position[0]}"
        raise ImportFailure(f"broken EndNote XML: {exc}", where) from None
    if position == 0:
        raise ImportFailure("no <record> elements: not an EndNote XML library")


def endnote_citation(record: Element, position: int) -> Citation:
    get = lambda path: _text(record.find(path))  # noqa: E731
    ref_type = record.find("ref-type")
    raw: dict[str, Any] = {}
    for child in record:
        if len(child) and child.tag in (
            "contributors",
            "titles",
            "dates",
            "keywords",
            "urls",
            "periodical",
        ):
            raw[child.tag] = {sub.tag: [_text(x) for x in sub] or _text(sub) for sub in child}
        else:
            raw[child.tag] = _text(child)
    c = Citation(position=position, raw=raw)
    c.source_id = get("rec-number") or None
    c.type = (ref_type.get("name") if ref_type is not None else None) or None
    c.title = get("titles/title")
    c.authors = _all(record, "contributors/authors/author")
    c.year = parse_year(get("dates/year"), c)
    c.venue = (
        get("periodical/full-title")
        or get("titles/secondary-title")
        or get("titles/alt-title")
        or None
    )
    c.volume = get("volume") or None
    c.issue = get("number") or None
    c.pages = get("pages") or None
    urls = _all(record, "urls/related-urls/url")
    c.doi = find_doi(get("electronic-resource-num"), urls)
    accession = get("accession-num")
    remote = (get("remote-database-name") + get("remote-database-provider")).lower()
    c.pmid = accession if accession.isdigit() and "pubmed" in remote else pmid_in(urls)
    c.abstract = get("abstract") or None
    c.keywords = split_keywords(_all(record, "keywords/keyword"), ";")
    c.url = urls[0] if urls else None
    c.language = get("language") or None
    c.publisher = get("publisher") or None
    return finish(c)


def _person(author: Any) -> str:
    if isinstance(author, dict):
        if author.get("literal"):
            return text(author["literal"])
        family, given = text(author.get("family")), text(author.get("given"))
        return f"{family}, {given}" if given else family
    return text(author)


CHUNK = 1 << 20
_DECODER = json.JSONDecoder()


def _items(stream: TextIO) -> Iterator[Any]:
    """The items of a top-level JSON array, one at a time (memory follows one item); any
    other top-level value is read whole."""
    buffer = stream.read(CHUNK)
    pos = len(buffer) - len(buffer.lstrip())
    if not buffer[pos : pos + 1] == "[":
        data = json.loads(buffer + stream.read())
        yield from (data.get("items", [data]) if isinstance(data, dict) else [data])
        return
    pos += 1
    while True:
        while True:
            while pos < len(buffer) and buffer[pos] in " \t\r\n,":
                pos += 1
            if pos < len(buffer):
                break
            more = stream.read(CHUNK)
            if not more:
                raise json.JSONDecodeError("the list is not closed with ]", buffer, pos)
            buffer, pos = buffer[pos:] + more, 0
        if buffer[pos] == "]":
            _refuse_trailing(buffer[pos + 1 :], stream)
            return
        try:
            item, end = _DECODER.raw_decode(buffer, pos)
        except json.JSONDecodeError:
            more = stream.read(CHUNK)
            if not more:
                raise
            buffer, pos = buffer[pos:] + more, 0
            continue
        yield item
        pos = end
        if pos > CHUNK:
            buffer, pos = buffer[pos:], 0


def _refuse_trailing(rest: str, stream: TextIO) -> None:
    """Anything but white space after the list's closing ] is refused, not ignored."""
    while True:
        if rest.strip():
            shown = rest.strip()[:40]
            raise ImportFailure(f"data after the end of the JSON list ({shown!r}); remove it")
        rest = stream.read(CHUNK)
        if not rest:
            return


def read_csl_json(stream: TextIO) -> Iterator[Citation]:
    position = 0
    try:
        for item in _items(stream):
            position += 1
            if not isinstance(item, dict):
                raise ImportFailure(
                    "not a CSL-JSON item (expected an object)", f"record {position}"
                )
            yield csl_citation(item, position)
    except json.JSONDecodeError as exc:
        raise ImportFailure(f"broken JSON: {exc.msg}", f"record {position + 1}") from None
    except RecursionError:  # Python's JSON reader recurses once per level
        raise ImportFailure(
            f"JSON nested more than {sys.getrecursionlimit()} levels deep (the limit); "
            "no citation export is nested so deep",
            f"record {position + 1}",
        ) from None


def csl_citation(item: dict[str, Any], position: int) -> Citation:
    c = Citation(position=position, raw=item)
    c.source_id = text(item.get("id")) or None
    c.type = text(item.get("type")) or None
    c.title = text(item.get("title"))
    c.authors = [_person(a) for a in item.get("author") or []]
    issued = item.get("issued") or {}
    parts = issued.get("date-parts") if isinstance(issued, dict) else None
    year = (
        parts[0][0]
        if parts and parts[0]
        else (issued.get("raw") if isinstance(issued, dict) else issued)
    )
    c.year = parse_year(year, c)
    c.venue = text(item.get("container-title")) or None
    c.volume = text(item.get("volume")) or None
    c.issue = text(item.get("issue")) or None
    c.pages = text(item.get("page")) or None
    c.doi = find_doi(item.get("DOI"), item.get("URL"))
    c.pmid = text(item.get("PMID")) or pmid_in(text(item.get("URL")))
    c.pmcid = text(item.get("PMCID")) or None
    c.abstract = text(item.get("abstract")) or None
    keywords = item.get("keyword")
    c.keywords = split_keywords(keywords if isinstance(keywords, list) else [text(keywords)], ";,")
    c.url = text(item.get("URL")) or None
    c.language = text(item.get("language")) or None
    c.publisher = text(item.get("publisher")) or None
    return finish(c)
