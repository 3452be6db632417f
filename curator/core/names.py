"""Normalising people's and venues' names so that the same one is counted once.

An author's identity is the surname plus initials ("Andersson, G." and "Andersson, Gerhard"
are one person; "Hayes, A." and "Hayes, S." are two). A venue is compared case-insensitively,
without accents or punctuation, and without a subtitle after " : " (PubMed writes
"Psychotherapy research : journal of the Society for Psychotherapy Research"); anything else
the curator joins through aliases.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

_PARTICLES = {
    "van",
    "von",
    "de",
    "der",
    "den",
    "da",
    "di",
    "del",
    "della",
    "la",
    "le",
    "du",
    "dos",
    "ten",
    "ter",
    "vander",
}
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_SUFFIX_STEMS = frozenset(s.rstrip(".") for s in _SUFFIXES)
# Initials written after the family name: Scopus "Skeel R.D.", "Kalé L.", "Ho J.-P.".
_TRAILING_INITIALS = re.compile(r"(?:[A-Z]\.-?){1,4}|[A-Z]{1,3}")
# An e-mail address in brackets after a name (Web of Science's BIOSIS: "Tingley, Morgan W.
# (morgan.tingley@uconn.edu)") is not part of it.
_EMAIL = re.compile(r"\s*\([^()\s]*@[^()\s]*\)")
# What databases write where no author is known: not a person.
_PLACEHOLDERS = re.compile(
    r"^\W*(?:no author name available|anonymous|anon\.?|et al\.?|and others|\[?anonymous\]?"
    r"|no authors? listed|author unknown|unknown)\W*$",
    re.I,
)


def is_placeholder(text: str) -> bool:
    """ "[No author name available]", "Anonymous", "et al." and the like are not authors."""
    return bool(_PLACEHOLDERS.match(text.strip()))


_NON_WORD = re.compile(r"[^\w\s]", re.UNICODE)
_SPACES = re.compile(r"\s+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_ASCII_PUNCT = re.compile(r"[^\w\s]|_")


def fold(text: str) -> str:
    """Lower case, accents removed, punctuation turned into spaces, spaces collapsed."""
    if text.isascii():  # most titles and names, and a fast path: no accents to remove
        return " ".join(_ASCII_PUNCT.sub(" ", text.lower().replace("&", " and ")).split())
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("ø", "o").replace("Ø", "O").replace("ß", "ss").replace("æ", "ae")
    stripped = stripped.replace("ł", "l").replace("Ł", "L").replace("đ", "d").replace("&", " and ")
    return _SPACES.sub(" ", _NON_WORD.sub(" ", stripped.casefold().replace("_", " "))).strip()


def fold_keeping_positions(text: str) -> tuple[str, Sequence[int]]:
    """Case- and accent-folded `text` (punctuation kept), with each folded character's index
    in `text`: for finding words in a text and marking them in the original."""
    if text.isascii():  # the common case, and a fast one: one character each
        return text.lower(), range(len(text))
    out: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        for part in unicodedata.normalize("NFKD", char):
            if unicodedata.combining(part):
                continue
            for folded in part.casefold():
                out.append(folded)
                where.append(index)
    return "".join(out), where


@dataclass(frozen=True)
class PersonName:
    family: str
    given: str = ""

    @cached_property  # `key` and `display` read it too: an import parses thousands of names
    def initials(self) -> str:
        return initials_of(self.given)

    @property
    def key(self) -> str:
        return author_key(self.family, self.initials)

    def display(self) -> str:
        """ "Family, I." as in an APA reference list."""
        if not self.initials:
            return self.family
        return f"{self.family}, " + " ".join(f"{i}." for i in self.initials)


_MEDLINE_INITIALS = re.compile(r"[A-Z]{1,4}")
_INITIAL_BREAKS = re.compile(r"[\s.\-‐]+")


def initials_of(given: str) -> str:
    """ "Kristoffer N. T." -> "KNT"; "J.-P." -> "JP"; "KN" (MEDLINE style) -> "KN"."""
    given = given.strip()
    if not given:
        return ""
    if _MEDLINE_INITIALS.fullmatch(given):
        return given
    parts = [p for p in _INITIAL_BREAKS.split(given) if p]
    return "".join(p[0].upper() for p in parts if p[0].isalpha())


def author_key(family: str, initials: str) -> str:
    return f"{fold(family).replace(' ', '')} {fold(initials).replace(' ', '')}".strip()


def parse_person(text: str) -> PersonName:
    """Read an author as databases write one: "Family, Given", "Family GI", Scopus's
    "Family G.I." or "Given Family". A placeholder ("Anonymous") reads as no name at all."""
    text = _SPACES.sub(" ", _EMAIL.sub("", text).strip().strip(";")).strip()
    if not text or is_placeholder(text):
        return PersonName("")
    if "," in text:
        family, _, given = text.partition(",")
        given, _, suffix = given.strip().partition(",")  # "Thompson, Frank R., III"
        if suffix and suffix.strip().lower() not in _SUFFIXES:
            given = f"{given},{suffix}"
        if given.lower().rstrip(".") in _SUFFIX_STEMS:
            given = ""
        return PersonName(family.strip(), given)
    tokens = text.split(" ")
    if len(tokens) == 1:
        return PersonName(tokens[0])
    if _CJK.search(text):  # "王 小明": Chinese, Japanese and Korean write the family first
        return PersonName(tokens[0], " ".join(tokens[1:]))
    if _TRAILING_INITIALS.fullmatch(tokens[-1]):  # MEDLINE "Mansson KN", Scopus "Skeel R.D."
        return PersonName(" ".join(tokens[:-1]), tokens[-1])
    if re.fullmatch(r"(?:[A-Z][a-z]?\.-?)+", tokens[-1]):  # Scopus: "Phillips J.C.", "Li Y.-H."
        return PersonName(" ".join(tokens[:-1]), tokens[-1])
    if tokens[-1].lower() in _SUFFIXES:
        tokens = tokens[:-1]
    cut = len(tokens) - 1
    while cut > 1 and tokens[cut - 1].lower() in _PARTICLES:
        cut -= 1
    return PersonName(" ".join(tokens[cut:]), " ".join(tokens[:cut]))


def venue_key(name: str) -> str:
    """The key under which two spellings of one venue meet."""
    main, sep, _subtitle = name.partition(" : ")
    key = fold(main if sep else name)
    if key.startswith("the "):
        key = key[4:]
    return key
