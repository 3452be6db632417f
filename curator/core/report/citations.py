"""APA 7 citations: in-text citations ("Månsson et al., 2016") and reference-list entries.

Curator formats APA 7 itself rather than through citeproc-py and the APA CSL style: the
current `apa.csl` is a CSL 1.0.2 style and citeproc-py implements CSL 1.0.1 (its issues
#146 "Can't create citation in APA style for journal articles" and #173 "Upgrade to CSL
1.0.2" are open), so the one style we need is the one it cannot run. The rules used here:

- In text: one author "Beauregard, 2014"; two "Calder & Hasler, 2022"; three or more
  "Månsson et al., 2016"; no author: the title's first words; no year: "n.d.".
- When two different works would get the same author part and year, both get a letter after
  the year ("Hayes, 2020a", "Hayes, 2020b"), lettered in the order of their titles (APA 8.19);
  the same letter appears in the reference list. (APA would first try adding more author
  names when "et al." forms collide; Curator uses the letters, which are always unambiguous.)
- Reference forms by type: journal article "*Venue*, *volume*(issue), pages."; chapter
  (or conference paper, encyclopedia entry) "In *Book* (pp. pages). Publisher."; book,
  report or thesis "*Title*. Publisher.".
- Reference list: up to 20 authors "Family, I. I."; 21 or more: the first 19, an ellipsis and
  the last. Year in parentheses, title (ending punctuation kept), venue and volume in italics
  (Markdown `*` when asked for), issue in parentheses, page ranges in full with an en dash
  ("916-25" becomes "916–925"), DOI as an https://doi.org/ link.
- Order: by the authors' surnames and initials letter by letter ("nothing precedes
  something"), then year, then the letter.
- Authors are printed as the data lists them: a name repeated in a paper's author list is
  printed twice, because the reference list follows the data.
- First authors who share a surname but not their initials are told apart by their initials
  in every in-text citation ("A. M. Hayes & Andrews, 2020"; "S. C. Hayes & Hofmann, 2021";
  APA 8.20); works told apart that way get no a/b letter.
- Journal names in title case (APA 9.25): lower-case major words are capitalised, minor
  words (articles, short conjunctions and prepositions) stay lower case except first and
  after a colon; a word with any capital after its first letter (ACS, JSLHR, eLife) and any
  word the data already capitalises are kept as written, so a curator's casing wins.
- A name written in CJK script is printed whole, family name first, without initials
  ("王小明"); particles stay with the surname as the data writes them ("van de Schoot, R.").

Checked against the APA CSL style in tests/core/report/test_apa_golden.py: the demo's
reference list against citeproc-py, its in-text citations against pandoc's citeproc (which,
unlike citeproc-py, adds the initials of 8.20). Where Curator deliberately differs: page
ranges are written in full ("916–925", "S225–S239"; the style prints the database's
"916–25"), as APA 9.27 asks.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from curator.core.names import fold, initials_of

EN_DASH = "\u2013"


@dataclass(frozen=True)
class Work:
    """What a citation needs of a paper (built from the review or by hand in tests)."""

    id: int
    authors: tuple[tuple[str, str], ...] = ()  # (family, given) in order
    year: int | None = None
    title: str = ""
    venue: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    url: str | None = None
    type: str | None = None
    publisher: str | None = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def is_cjk(text: str) -> bool:
    """Whether a name is written in Chinese, Japanese or Korean script."""
    return bool(_CJK.search(text))


def author_part(work: Work, with_initials: bool = False) -> str:
    """The author part of an in-text citation, without the year; `with_initials` puts the
    first author's initials before the surname (APA 8.20)."""
    families = [family for family, _given in work.authors]
    if not families:
        words = work.title.split()
        return " ".join(words[:4]) if words else "Anonymous"
    if with_initials:
        first, given = work.authors[0]
        if initials := _initials_text(given) if not is_cjk(first + given) else "":
            families[0] = f"{initials} {first}"
    if len(families) == 1:
        return families[0]
    if len(families) == 2:
        return f"{families[0]} & {families[1]}"
    return f"{families[0]} et al."


def _year_text(work: Work) -> str:
    return str(work.year) if work.year else "n.d."


def sort_key(work: Work) -> tuple:
    """APA reference-list order: surnames and initials letter by letter, year, title."""
    names = tuple((fold(family), fold(initials_of(given))) for family, given in work.authors)
    if not names:
        names = ((fold(work.title), ""),)
    return (names, work.year if work.year else 10_000, fold(work.title), work.id)


def needs_initials(works: Iterable[Work]) -> set[int]:
    """The works whose first author shares a surname, not initials, with another first
    author: their citations carry the initials (APA 8.20)."""
    by_surname: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for work in works:
        if work.authors:
            family, given = work.authors[0]
            by_surname[fold(family)][fold(initials_of(given))].append(work.id)
    found: set[int] = set()
    for by_initials in by_surname.values():
        if len(by_initials) > 1:
            found.update(i for ids in by_initials.values() for i in ids)
    return found


def suffixes(works: Iterable[Work], initialled: set[int] | None = None) -> dict[int, str]:
    """The a/b letter of each work whose author part and year collide with another's."""
    works = list(works)
    initialled = needs_initials(works) if initialled is None else initialled
    groups: dict[tuple[str, str], list[Work]] = defaultdict(list)
    for work in works:
        part = author_part(work, work.id in initialled)
        groups[(fold(part), _year_text(work))].append(work)
    letters: dict[int, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda w: (fold(w.title), w.id))
        for index, work in enumerate(members):
            letters[work.id] = _letter(index)
    return letters


def _letter(index: int) -> str:
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(ord("a") + rest) + text
    return text


def in_text(work: Work, suffix: str = "", with_initials: bool = False) -> str:
    """ "Månsson et al., 2016" (no parentheses)."""
    return f"{author_part(work, with_initials)}, {_year_text(work)}{suffix}"


def parenthetical(citations: Iterable[str]) -> str:
    """Several in-text citations in one pair of parentheses, in the order given."""
    items = [c for c in citations if c]
    return f"({'; '.join(items)})" if items else ""


def _initials_text(given: str) -> str:
    initials = initials_of(given)
    return " ".join(f"{letter}." for letter in initials)


def _name(family: str, given: str) -> str:
    if is_cjk(family + given):
        return f"{family}{given}"
    initials = _initials_text(given)
    return f"{family}, {initials}" if initials else family


def authors_text(work: Work) -> str:
    """ "Calder, A., & Hasler, G." as an APA 7 reference list writes authors."""
    names = [_name(family, given) for family, given in work.authors]
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    if len(names) >= 21:
        return ", ".join(names[:19]) + ", . . . " + names[-1]
    return ", ".join(names[:-1]) + ", & " + names[-1]


_RANGE = re.compile(r"^\s*([A-Za-z]*)(\d+)\s*[-\u2010-\u2015]+\s*([A-Za-z]*)(\d+)\s*$")


def page_range(pages: str | None) -> str:
    """ "916-25" -> "916–925"; "S225-39" -> "S225–S239"; "104 - 112" -> "104–112"."""
    if not pages:
        return ""
    match = _RANGE.match(pages)
    if not match:
        return pages.strip()
    prefix, start, end_prefix, end = match.groups()
    if len(end) < len(start):
        end = start[: len(start) - len(end)] + end
    return f"{prefix}{start}{EN_DASH}{end_prefix or prefix}{end}"


_MINOR = {
    "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in",
    "of", "off", "on", "per", "to", "up", "via", "de", "la", "le", "du", "des", "und", "für",
}  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def title_case(name: str) -> str:
    """A journal name in APA title case, keeping acronyms and capitals the data has."""
    if not name or name.isupper():
        return name
    out: list[str] = []
    last = 0
    first = True
    for match in _WORD.finditer(name):
        between = name[last : match.start()]
        word = match.group()
        after_colon = ":" in between or first
        lower = word == word.lower() and len(word) > 1  # "x" may be a symbol
        if lower and (after_colon or word not in _MINOR or (out and between.endswith("-"))):
            word = word[0].upper() + word[1:]
        out.append(between + word)
        last = match.end()
        first = False
    return "".join(out) + name[last:]


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def _italic(text: str, markdown: bool) -> str:
    return f"*{text}*" if markdown and text else text


def _plain(text: str) -> str:
    return text


def reference(
    work: Work,
    suffix: str = "",
    *,
    markdown: bool = False,
    escape: Callable[[str], str] = _plain,
) -> str:
    """One APA 7 reference-list entry; with `markdown`, venue and volume in `*italics*`.

    `escape` is applied to every piece of text that comes from the data (a Markdown writer
    passes its escaping function so that titles show as text).
    """
    kind = work_kind(work)
    parts: list[str] = []
    authors = escape(authors_text(work))
    date = f"({_year_text(work)}{suffix})."
    title = escape(_sentence(work.title)) if work.title else ""
    if kind == "book" and title:
        title = _italic(title[:-1], markdown) + title[-1]
    if authors:
        parts += [authors if authors.endswith(".") else authors + ".", date]
        if title:
            parts.append(title)
    else:  # APA 9.12: the title moves to the author position
        parts += [title, date]
    pages = escape(page_range(work.pages))
    publisher = escape(work.publisher.strip()) if work.publisher else ""
    if kind == "chapter" and work.venue:
        source = "In " + _italic(escape(work.venue), markdown)
        parts.append(source + (f" (pp. {pages})." if pages else "."))
    elif kind == "article" and work.venue:
        source = _italic(escape(title_case(work.venue)), markdown)
        if work.volume:
            source += ", " + _italic(escape(work.volume), markdown)
            if work.issue:
                source += f"({escape(work.issue)})"
        elif work.issue:
            source += f", ({escape(work.issue)})"
        if pages:
            source += f", {pages}"
        parts.append(source + ".")
    elif pages and kind != "book":
        parts[-1] = parts[-1].rstrip(".") + f" (pp. {pages})."
    if publisher and kind != "article":
        parts.append(_sentence(publisher))
    link = f"https://doi.org/{work.doi}" if work.doi else (work.url or "")
    if link:
        parts.append(escape(link))
    return " ".join(p for p in parts if p)


_BOOKS = {"book", "report", "thesis", "manuscript", "rprt", "thes", "phdthesis", "techreport"}
_CHAPTERS = {
    "chapter",
    "chap",
    "entry",
    "entry-encyclopedia",
    "paper-conference",
    "conf",
    "cpaper",
    "incollection",
    "inbook",
    "inproceedings",
}


def work_kind(work: Work) -> str:
    """ "article", "chapter" or "book": which APA reference form a work takes (by its type)."""
    kind = (work.type or "").strip().lower()
    if kind in _BOOKS:
        return "book"
    if kind in _CHAPTERS:
        return "chapter"
    return "article"


@dataclass
class CitationIndex:
    """Every paper's in-text citation and reference, with the a/b letters worked out once."""

    works: dict[int, Work]
    letters: dict[int, str]
    _keys: dict[int, tuple] | None = None
    initialled: set[int] = field(default_factory=set)

    @classmethod
    def build(cls, works: Iterable[Work]) -> CitationIndex:
        works = list(works)
        initialled = needs_initials(works)
        return cls({w.id: w for w in works}, suffixes(works, initialled), initialled=initialled)

    def cite(self, paper_id: int) -> str:
        return in_text(
            self.works[paper_id], self.letters.get(paper_id, ""), paper_id in self.initialled
        )

    def cite_many(self, paper_ids: Iterable[int]) -> str:
        return parenthetical(self.cite(p) for p in paper_ids)

    def reference(
        self, paper_id: int, *, markdown: bool = False, escape: Callable[[str], str] = _plain
    ) -> str:
        return reference(
            self.works[paper_id], self.letters.get(paper_id, ""), markdown=markdown, escape=escape
        )

    def ordered(self, paper_ids: Iterable[int] | None = None) -> list[int]:
        """Paper ids in APA reference-list order (letters break remaining ties)."""
        ids = list(self.works) if paper_ids is None else list(paper_ids)
        if self._keys is None:
            self._keys = {}
        keys = self._keys
        for p in ids:
            if p not in keys:
                names, year, title, work_id = sort_key(self.works[p])
                keys[p] = (names, year, self.letters.get(p, ""), title, work_id)
        return sorted(ids, key=keys.__getitem__)
