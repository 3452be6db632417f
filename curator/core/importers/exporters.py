"""Which tool wrote a CSV/TSV/XLSX export, recognised from its header, and what that means.

Each known exporter is a row of one table: the header names that identify it (all of them
present), its own header name for each Curator field (a table of aliases per field, compared
as `header_key`s), how it writes an author list, which repeatable column takes the extra
values of a row longer than the header (Scopus writes "Funding Text 2", "Funding Text 3" in
rows under a header that names only "Funding Text 1"), and a check that a realigned row
really lines up again. Headers no exporter claims fall back on the generic aliases of
`tabular.KNOWN`. Where a header comes from: the fixture files under ../shared/fixtures
(Scopus old and new, Lens, OpenAlex, Embase, PubMed, IEEE, Springer, ASReview, WoS) or the
exporter's documentation (Zotero's CSV translator, Rayyan, Covidence, Dimensions, EndNote's
tab-delimited output style). Mendeley and Ovid write no CSV of their own (their RIS, BibTeX,
EndNote XML and Ovid tagged exports have their readers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


def header_key(header: str) -> str:
    """A header compared without case, spaces or punctuation: "Source title" -> "sourcetitle"."""
    return re.sub(r"[^a-z0-9]", "", header.lower().replace("\ufeff", ""))


@dataclass(frozen=True)
class Exporter:
    """One tool's CSV layout: how to recognise it and how its columns map to Curator fields."""

    name: str
    signature: frozenset[str]  # header keys all present in this tool's exports
    fields: dict[str, tuple[str, ...]]  # field -> this tool's header keys, first match wins
    authors: str = "auto"  # "semicolon", "and", "glued", "family-first" or "auto" (split_authors)
    overflow: str | None = None  # header key pattern of a repeatable column (regex)
    anchor: tuple[str, str] | None = None  # (header key, regex) a realigned row must match
    decisions: tuple[str, ...] = field(default=())  # header keys that carry decisions


def _e(name: str, signature: str, style: str = "auto", /, **fields: str) -> Exporter:
    return Exporter(
        name,
        frozenset(signature.split()),
        {f: tuple(v.split()) for f, v in fields.items()},
        style,
    )


_SCOPUS = dict(
    source_id="eid", title="title", authors="authors", year="year", venue="sourcetitle",
    volume="volume", issue="issue", start_page="pagestart", end_page="pageend", doi="doi",
    pmid="pubmedid", abstract="abstract", keywords="authorkeywords indexkeywords", url="link",
    type="documenttype", language="languageoforiginaldocument", publisher="publisher",
)  # fmt: skip

_ASREVIEW = dict(
    source_id="recordid id", title="title", authors="authors", year="year publicationyear",
    venue="journal journalname secondarytitle", doi="doi", abstract="abstract",
    keywords="keywords", url="url", type="typeofreference",
)  # fmt: skip

EXPORTERS: tuple[Exporter, ...] = (
    Exporter(  # Scopus, old and new: the overflow of numbered funding texts is realigned
        "Scopus",
        frozenset({"sourcetitle", "eid", "authors"}),
        {f: tuple(v.split()) for f, v in _SCOPUS.items()},
        "family-first",
        overflow=r"fundingtext\d+",
        anchor=("eid", r"2-s2\.0-\d+"),
    ),
    _e(
        "Web of Science",
        "pt au ti so ut",
        "semicolon",
        source_id="ut",
        title="ti",
        authors="af au",
        year="py",
        venue="so",
        volume="vl",
        issue="is",
        start_page="bp ps",  # PS: the page span of its MEDLINE and BIOSIS records
        end_page="ep",
        doi="di",
        pmid="pm",
        abstract="ab",
        keywords="de id",
        type="dt",
        language="la",
        publisher="pu",
    ),
    _e(
        "PubMed",
        "pmid title authors citation journalbook",
        "auto",
        title="title",
        authors="authors",
        year="publicationyear",
        venue="journalbook",
        doi="doi",
        pmid="pmid",
        pmcid="pmcid",
    ),
    _e(
        "Embase",
        "title authornames source",
        "auto",
        title="title",
        authors="authornames",
        venue="source",
        abstract="abstract",
        keywords="keywords",
        url="openurllink",
        doi="doi",
        pmid="medlinepmid pmid",
        year="publicationyear",
        type="publicationtype",
        language="articlelanguage",
    ),
    _e(
        "OpenAlex",
        "id displayname authorshipsauthordisplayname",
        "pipe",
        source_id="id",
        title="displayname",
        authors="authorshipsauthordisplayname",
        year="publicationyear",
        venue="primarylocationsourcedisplayname",
        doi="doi",
        pmid="idspmid",
        abstract="abstract",
        type="type",
        language="language",
    ),
    _e(
        "Lens",
        "lensid title authors",
        "semicolon",
        source_id="lensid",
        title="title",
        authors="authors",
        year="publicationyear",
        venue="sourcetitle",
        volume="volume",
        issue="issuenumber",
        start_page="startpage",
        end_page="endpage",
        doi="doi",
        pmid="pmid",
        pmcid="pmcid",
        abstract="abstract",
        keywords="keywords",
        url="externalurl sourceurls",
        type="publicationtype",
        publisher="publisher",
    ),
    _e(
        "Dimensions",
        "publicationid title sourcetitle pubyear",
        "semicolon",
        source_id="publicationid",
        title="title",
        authors="authors",
        year="pubyear",
        venue="sourcetitle",
        volume="volume",
        issue="issue",
        pages="pagination",
        doi="doi",
        pmid="pmid",
        pmcid="pmcid",
        abstract="abstract",
        type="publicationtype",
        url="dimensionsurl",
    ),
    _e(
        "IEEE Xplore",
        "documenttitle publicationtitle authors",
        "semicolon",
        title="documenttitle",
        authors="authors",
        year="publicationyear",
        venue="publicationtitle",
        volume="volume",
        issue="issue",
        start_page="startpage",
        end_page="endpage",
        doi="doi",
        abstract="abstract",
        keywords="authorkeywords",
        url="pdflink",
        publisher="publisher",
    ),
    _e(
        "Springer",
        "itemtitle publicationtitle itemdoi",
        "glued",
        title="itemtitle",
        authors="authors",
        year="publicationyear",
        venue="publicationtitle",
        volume="journalvolume",
        issue="journalissue",
        doi="itemdoi",
        url="url",
        type="contenttype",
    ),
    _e(
        "Zotero",
        "key itemtype publicationyear abstractnote",
        "semicolon",
        source_id="key",
        title="title",
        authors="author",
        year="publicationyear",
        venue="publicationtitle",
        volume="volume",
        issue="issue",
        pages="pages",
        doi="doi",
        abstract="abstractnote",
        keywords="manualtags automatictags",
        url="url",
        type="itemtype",
        language="language",
        publisher="publisher",
    ),
    _e(
        "EndNote",
        "referencetype author title secondarytitle",
        "semicolon",
        source_id="recordnumber accessionnumber",
        title="title",
        authors="author",
        year="year",
        venue="secondarytitle journal",
        volume="volume",
        issue="number issue",
        pages="pages",
        doi="doi",
        abstract="abstract",
        keywords="keywords",
        url="url",
        type="referencetype",
        language="language",
        publisher="publisher",
    ),
    _e(
        "Rayyan",
        "key title authors notes year",
        "and",
        source_id="key",
        title="title",
        authors="authors",
        year="year",
        venue="journal",
        volume="volume",
        issue="issue",
        pages="pages",
        doi="doi",
        pmid="pubmedid",
        pmcid="pmcid",
        abstract="abstract",
        keywords="keywords",
        url="url",
        language="language",
        publisher="publisher",
    ),
    _e(
        "Covidence",
        "covidence title authors publishedyear",
        "semicolon",
        source_id="covidence",
        title="title",
        authors="authors",
        year="publishedyear",
        venue="journal",
        volume="volume",
        issue="issue",
        pages="pages",
        doi="doi",
        abstract="abstract",
        keywords="tags",
    ),
    _e("ASReview", "title abstract labelincluded", "auto", **_ASREVIEW),
    _e("ASReview", "recordid title abstract included", "auto", **_ASREVIEW),
)
# Columns (as `header_key`s) that carry screening decisions, read by
# `curator.core.screening.carried` and reported by the import as "decisions", not as dropped.
DECISION_KEYS = ("labelincluded", "included", "asreviewrelevant", "decision", "status",
                 "screeningdecision", "finaldecision")  # fmt: skip
REASON_KEYS = ("exclusionreason", "exclusionreasons", "reasonforexclusion")
NOTE_KEYS = ("notes", "note", "n1")
DECISION_COLUMNS = frozenset(DECISION_KEYS + REASON_KEYS + NOTE_KEYS)


# The exporters that are bibliographic databases (the rest are reference managers and
# screening tools): their name is the search's database, as PRISMA reports it.
DATABASES = frozenset({"Scopus", "Web of Science", "PubMed", "Embase", "OpenAlex", "Lens",
                       "Dimensions", "IEEE Xplore", "Springer"})  # fmt: skip


def recognise(headers: list[str]) -> Exporter | None:
    """The exporter whose signature columns are all in `headers` (the most specific first)."""
    keys = {header_key(h) for h in headers}
    found = [e for e in EXPORTERS if e.signature <= keys]
    if not found:
        return None
    return max(found, key=lambda e: len(e.signature))


def realign(
    exporter: Exporter | None, headers: list[str], row: list[str]
) -> tuple[list[str], str] | None:
    """A row longer than its header, lined up again where the layout is known: the extra
    values join the exporter's repeatable column, and the anchor column must then hold what
    it always holds. (row, warning), or None when the row cannot be lined up."""
    if exporter is None or exporter.overflow is None or exporter.anchor is None:
        return None
    extra = len(row) - len(headers)
    keys = [header_key(h) for h in headers]
    repeat = [i for i, k in enumerate(keys) if re.fullmatch(exporter.overflow, k)]
    anchor_key, pattern = exporter.anchor
    if extra <= 0 or not repeat or anchor_key not in keys:
        return None
    at = repeat[-1]
    merged = "\n".join(v for v in row[at : at + extra + 1] if v.strip())
    fixed = [*row[:at], merged, *row[at + extra + 1 :]]
    if not re.fullmatch(pattern, fixed[keys.index(anchor_key)].strip()):
        return None
    return fixed, (
        f"{extra} value(s) more than the header: the extra {headers[at]!r} value(s) of this "
        f"{exporter.name} row were joined into that column and the later columns realigned"
    )
