"""Preparing papers for duplicate detection: one normalised, comparable form per paper.

Everything that can be computed once per paper is computed here (not once per pair): the
folded title and its words and numbers, author surnames, venue words, first page, volume,
issue, identifiers, the kind of publication (article, erratum, comment, retraction notice,
conference abstract, preprint) and the blocking keys.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import unquote

from curator.core.dedup.fields import (
    first_number,
    is_recurring,
    name_keys,
    page_fields,
)
from curator.core.identifiers import normalise_doi, normalise_pmcid, normalise_pmid
from curator.core.names import fold

# Words that carry no identity in titles and venues ("and" vs "&" is already folded).
STOPWORDS = frozenset(
    "a an the of in on for from and or to with by as at its their is are do does".split()
)
_GREEK = {
    "α": " alpha ", "β": " beta ", "γ": " gamma ", "δ": " delta ", "κ": " kappa ",
    "λ": " lambda ", "μ": " mu ", "ω": " omega ", "τ": " tau ", "θ": " theta ",
}  # fmt: skip
_ROMAN = {"ii": "2", "iii": "3", "iv": "4", "vi": "6", "vii": "7", "viii": "8"}
_TAGS = re.compile(r"<[^>]{1,40}>")
# Trailing notes databases add: "[Chinese]", "[Review] [45 refs]", "(author's transl)",
# "[Article in German]", "Erratum in: ...", "[erratum appears in ...]".
_TRAILING_NOTE = re.compile(
    r"(\s*(\[[^\[\]]{0,80}\]|\((author'?s transl|authors' transl|review|abstract)\))\s*\.?\s*)$",
    re.I,
)
# A database's note in front of the title ("[Review] Title", "[Editorial] Title"); a title
# wrapped whole in brackets (MEDLINE's translated title) is not a note.
_LEADING_NOTE = re.compile(r"^\s*\[[^\[\]]{1,40}\]\s*(?=\w)(?![^\[]*\]\W*$)")
_ERRATUM_SUFFIX = re.compile(
    r"[.;]?\s*(erratum (in|appears in)|comment in|retraction in)\b.*$", re.I
)
# How two indexes title a correction notice: Web of Science appends the corrected article's
# citation, "Title (vol 142, pg 310, 2003)"; Embase appends it as "Title (Journal (2009) 360
# (542-544))". Either marks the record as an erratum; the citation is dropped from the title.
CORRECTION_CITATION = re.compile(
    r"\s*\((?:vol\.? \d+,? (?:pg|p\.?) \w+,? (?:19|20)\d\d"
    r"|[^()]{3,200}\((?:19|20)\d\d\)\s*\d+\s*(?:\(\s*\d+\s*\)\s*)?\(\s*[a-z]?\d+(?:\s*[-–]\s*[a-z]?\d+)?\s*\))"
    r"\)\s*\.?\s*$",
    re.I,
)
# Embase's record for a set of letters printed together (a letter and the replies to it):
# "Title [multiple letters]" or "Title (multiple letters) [1]".
MULTIPLE_LETTERS = re.compile(r"\s*[\[(]\s*multiple letters\s*[\])]", re.I)
# A reply titled by the letter it answers: "Title - Reply", "Title: reply", "Title AUTHORS REPLY".
REPLY_SUFFIX = re.compile(
    r"(?:\s*[-:–—.]\s*|\s+(?:the\s+)?authors?'?s?'?\s+)(?:reply|response)\s*\.?\s*$", re.I
)
_REPLY_WORDS = re.compile(r"(?:\s+(?:the\s+)?authors?)?\s+(?:reply|response)$")


# The three tests below look at the end of the title with plain string methods first: the
# regular expressions alone, searched over 100,000 titles, cost seconds.
def is_correction(title: str) -> bool:
    return title.rstrip(" .").endswith(")") and bool(CORRECTION_CITATION.search(title))


def is_letters(title: str) -> bool:
    return "multiple letters" in title.lower() and bool(MULTIPLE_LETTERS.search(title))


def is_reply(title: str) -> bool:
    end = title.rstrip(" .")[-9:].lower()
    return end.endswith(("reply", "response")) and bool(REPLY_SUFFIX.search(title))


# British spellings folded to American ones in one pass (haemorrhage, oedema, behaviour,
# randomised, centre).
_BRITISH = re.compile(r"ae|oe|our\b|tre\b|is(?=(?:e|ed|es|ing|ation|ations)\b)")
_AMERICAN = {"ae": "e", "oe": "e", "our": "or", "tre": "ter", "is": "iz"}

ERRATUM = re.compile(
    r"^\W*(?:(?:erratum|errata|corrigendum|notice of correction|publisher'?s note)\b"
    r"|correction(?: to\b| notice\b|\s*:))|\berratum (?:to|for|regarding)\b",
    re.I,
)
# A notice that retracts an article (not the article itself, which may be titled "RETRACTED: ...").
RETRACTION = re.compile(
    r"^\W*(?:notice of retraction|retraction (?:note|notice)\b|retraction(?: (?:of|to|for))?\s*:"
    r"|expression of concern)",
    re.I,
)
COMMENT = re.compile(
    r"^\W*(?:comments? on\b|commentary (?:on|to)\b|re\s*:|reply\b|in reply\b|"
    r"letter to the editor\b|authors?'?s?'? (?:reply|response)\b|response\s*:|"
    r"response to (?:the )?(?:letter|comment|editor|author)s?\b)|"
    r"\b(?:comment on|reply to|in reply to|response to (?:the )?(?:letter|comment)|"
    r"author'?s'? reply)\b",
    re.I,
)
ABSTRACT_TYPES = frozenset(
    {"conference abstract", "meeting abstract", "abstract", "abst", "conference abstract (ca)"}
)
PREPRINT_DOI_PREFIXES = ("10.1101/", "10.48550/", "10.2139/", "10.21203/", "10.20944/", "10.31219/", "10.31234/", "10.31235/")  # fmt: skip
PREPRINT_VENUES = re.compile(r"\b(arxiv|biorxiv|medrxiv|ssrn|preprints?|research square|psyarxiv|osf preprints)\b")  # fmt: skip
_LANGUAGES = {"eng": "english", "en": "english", "ger": "german", "deu": "german", "de": "german",
              "fre": "french", "fra": "french", "fr": "french", "spa": "spanish", "es": "spanish",
              "chi": "chinese", "zho": "chinese", "zh": "chinese", "jpn": "japanese", "ja": "japanese",
              "ita": "italian", "it": "italian", "por": "portuguese", "pt": "portuguese",
              "rus": "russian", "ru": "russian", "dut": "dutch", "nld": "dutch", "nl": "dutch"}  # fmt: skip


def normalise_title(raw: str | None) -> str:
    """A title folded for comparison: no markup, trailing notes, case, accents or stopwords."""
    return " ".join(title_words(raw))


def title_words(raw: str | None) -> list[str]:
    """The words of `normalise_title` (preparing needs both and need not split them again)."""
    if not raw:
        return []
    text = raw
    for _ in range(2):  # "&amp;amp;" and "&lt;i&gt;" escaped twice by an exporter
        if "&" not in text:
            break
        text = html.unescape(text)
    # Each expression runs only where the plain text shows it could match (a substring or
    # the last character): run on every title, they were a third of preparing a paper.
    if "<" in text:
        text = _TAGS.sub(" ", text)
    text = text.strip()
    lower = text.lower()
    if "erratum" in lower or "comment in" in lower or "retraction in" in lower:
        text = _ERRATUM_SUFFIX.sub("", text)
    if text.lstrip().startswith("["):
        text = _LEADING_NOTE.sub("", text, count=1) or text  # "[Review] Title"
    if is_letters(text):
        text = MULTIPLE_LETTERS.sub(" ", text).strip()
    if is_correction(text):
        text = CORRECTION_CITATION.sub("", text).strip() or text
    for _ in range(3):
        if not text.rstrip().rstrip(".").rstrip().endswith(("]", ")")):
            break
        stripped = _TRAILING_NOTE.sub("", text).strip()
        if stripped == text or not stripped:
            break
        text = stripped
    if text.startswith("[") and text.rstrip(".").endswith("]"):  # MEDLINE translated title
        text = text.rstrip(".")[1:-1]
    if not text.isascii():
        for letter, name in _GREEK.items():
            text = text.replace(letter, name)
    folded = fold(text)
    folded = _BRITISH.sub(lambda m: _AMERICAN[m.group(0)], folded)
    return [_ROMAN.get(w, w) for w in folded.split() if w not in STOPWORDS]


@lru_cache(maxsize=65536)  # a review has far fewer venues than papers
def venue_fields(raw: str | None) -> tuple[str, tuple[str, ...], bool]:
    """(normalised venue, its words, whether it is a preprint server) of one venue name; the
    papers of one venue share the result, computed once."""
    venue = normalise_venue(raw)
    return venue, tuple(venue.split()), bool(PREPRINT_VENUES.search(venue))


def normalise_venue(raw: str | None) -> str:
    if not raw:
        return ""
    main, sep, _sub = raw.partition(" : ")
    main = re.sub(r"\([^)]*\)", " ", main)  # "(London, England)", "(Clinical research ed.)"
    folded = _BRITISH.sub(lambda m: _AMERICAN[m.group(0)], fold(main))  # "haematol"
    return " ".join(w for w in folded.split() if w not in STOPWORDS)


def _kind(title: str, type_: str | None, preprint_venue: bool, doi: str | None) -> str:
    # Each regular expression runs only when the title holds a word it needs: searching all
    # of them over every title cost a tenth of preparing. The words are tested with plain
    # `in` (a chain of them is twice as fast as any() over a tuple).
    type_l = type_.strip().lower() if type_ else ""
    lower = title.lower()
    if (
        "erratum" in type_l
        or "correction" in type_l
        or (
            ("errat" in lower or "corrigendum" in lower or "correction" in lower
             or "publisher" in lower)
            and ERRATUM.search(title)
        )
        or is_correction(title)
    ):  # fmt: skip
        return "erratum"
    if "retraction" in type_l or (
        ("retraction" in lower or "expression of concern" in lower) and RETRACTION.search(title)
    ):
        return "retraction"
    if type_l in {"comment", "letter", "editorial"} or (
        ("comment" in lower or "reply" in lower or "letter to the editor" in lower
         or "respons" in lower or ":" in lower)  # ":" for "Re: ..."
        and COMMENT.search(title)
    ):  # fmt: skip
        return "comment"
    if type_l in ABSTRACT_TYPES or ("abstract" in lower and _ABSTRACT_NOTE.search(title)):
        return "abstract"
    if (
        type_l in {"preprint", "posted-content", "posted content"}
        or (doi or "").startswith(PREPRINT_DOI_PREFIXES)
        or preprint_venue
    ):
        return "preprint"
    return "article"


_ABSTRACT_NOTE = re.compile(r"\[abstract\]\s*$|abstract no", re.I)


@dataclass(slots=True)
class Prepared:
    """One paper in the form the comparisons use."""

    id: int
    title: str = ""
    words: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    author_str: str = ""
    initials: str = ""  # family and given initials per author: "n|tm v|a"
    swapped: str = ""  # the same with family and given names swapped: "tm|n a|v"
    year: int | None = None
    venue: str = ""
    venue_words: tuple[str, ...] = ()
    volume: str = ""
    issue: str = ""
    page: str = ""
    last_page: str = ""
    page_alt: str = ""  # the in-article first page of "465:1-465:20"
    page_tail: str = ""  # the last digits a mangled page field keeps ("Suppl-29")
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    kind: str = "article"
    language: str = ""
    letters: bool = False  # an Embase "[multiple letters]" record: a letter and its replies
    reply: bool = False  # titled "<letter's title> - Reply"
    recurring: bool = False  # a heading printed in many issues ("Editor's comments")
    abstract_key: str = ""  # digest of a substantial abstract (see `abstract_key`)
    keys: list[tuple] = field(default_factory=list)

    def title_without_reply(self) -> str:
        """The title without a trailing "reply" / "authors reply" (for replies only)."""
        return _REPLY_WORDS.sub("", self.title) if self.reply else self.title


# An abstract shorter than this many words is not evidence that two records hold the same text.
MIN_ABSTRACT_WORDS = 50


def abstract_key(abstract: str | None) -> str:
    """A digest of the folded abstract when it has at least MIN_ABSTRACT_WORDS words, else ""."""
    if not abstract:
        return ""
    words = fold(html.unescape(_TAGS.sub(" ", abstract))).split()
    if len(words) < MIN_ABSTRACT_WORDS:
        return ""
    return hashlib.blake2b(" ".join(words).encode(), digest_size=16).hexdigest()


# The columns `prepare_values` takes, in its order (the order of engine's paper query).
COLUMNS = ("id", "title", "authors_text", "year", "venue", "volume", "issue", "pages", "doi",
           "pmid", "pmcid", "type", "language")  # fmt: skip


def prepare(row: dict) -> Prepared:
    """A paper row (COLUMNS, any but id may be missing, and an optional abstract) in
    comparable form."""
    return prepare_values(row["id"], *[row.get(c) for c in COLUMNS[1:]], row.get("abstract"))


def prepare_values(
    paper_id: int,
    raw_title: str | None,
    authors_text: str | None,
    year: object,
    venue_name: str | None,
    volume: object,
    issue: object,
    pages: str | None,
    doi: str | None,
    pmid: object,
    pmcid: str | None,
    type_: str | None,
    language: str | None,
    abstract: str | None = None,
) -> Prepared:
    """`prepare` for the values of COLUMNS in order, as a query returns them: building a dict
    per row cost about a tenth of preparing 50,000 papers."""
    raw_title = raw_title or ""
    words = title_words(raw_title)
    title = " ".join(words)
    words = tuple(words)
    doi = normalise_doi(unquote(doi)) if doi else None  # "%28" in DOIs copied from URLs
    venue, venue_words, preprint_venue = venue_fields(venue_name)
    keys = name_keys(authors_text)
    authors, initials, swapped = zip(*keys, strict=True) if keys else ((), (), ())
    page, last, page_alt, page_tail = page_fields(pages)
    try:
        year = int(year) if year not in (None, "") else None
    except (TypeError, ValueError):
        year = None
    language = fold(language) if language else ""
    p = Prepared(
        id=paper_id,
        title=title,
        words=words,
        numbers=tuple(filter(str.isdigit, words)),
        authors=authors,
        author_str=" ".join(authors),
        initials=" ".join(initials),
        swapped=" ".join(swapped),
        year=year,
        venue=venue,
        venue_words=venue_words,
        volume=first_number(volume),
        issue=first_number(issue),
        page=page,
        last_page=last,
        page_alt=page_alt,
        page_tail=page_tail,
        doi=doi,
        pmid=normalise_pmid(pmid),
        pmcid=normalise_pmcid(pmcid),
        kind=_kind(raw_title, type_, preprint_venue, doi),
        language=_LANGUAGES.get(language, language),
        letters=is_letters(raw_title),
        reply=is_reply(raw_title),
        recurring=is_recurring(words),
        abstract_key=abstract_key(abstract),
    )
    p.keys = blocking_keys(p)
    return p


def blocking_keys(p: Prepared) -> list[tuple]:
    """The buckets a paper falls in; only papers sharing a bucket are compared.

    Each paper has at most nine keys, so the work grows with the number of papers times the
    (capped) bucket size, not with the square of the number of papers.
    """
    keys: list[tuple] = []
    if p.doi:
        keys.append(("doi", p.doi))
    if p.pmid:
        keys.append(("pmid", p.pmid))
    if p.pmcid:
        keys.append(("pmcid", p.pmcid))
    w = p.words
    if len(w) >= 3:
        keys.append(("head", " ".join(w[:5])))
        keys.append(("tail", " ".join(w[-5:])))
        # longest first, ties alphabetical: two C sorts (the second is stable), no key calls
        longest = sorted(sorted(set(w)), key=len, reverse=True)[:3]
        keys.append(("long", " ".join(sorted(longest))))
    elif w:
        keys.append(("head", " ".join(w)))
    if p.authors and p.year:
        keys.append(("ay", p.authors[0], p.year))
        keys.append(("ay", p.authors[0], p.year + 1))
    if p.volume and p.page:
        keys.append(("vp", p.volume, p.page))
    return keys
