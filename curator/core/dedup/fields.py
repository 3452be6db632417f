"""Reading single fields the way databases and exporters write them, for duplicate detection.

Folding text, author names (particles such as "van der", given and family names swapped),
page fields (ranges written short, mangled by exporters, article locators, roman numerals),
the first number of a volume or issue, and titles that are recurring headings ("Editor's
comments") rather than titles of one item.
"""

from __future__ import annotations

import re
from functools import lru_cache

from curator.core.names import fold

_DIGITS = re.compile(r"\d+")


# Name particles, dropped from the family-name key: "van der Graaf, Y", "Graaf, Y. van der"
# and "Van Graaf, Y D" all give "graaf".
PARTICLES = frozenset(
    "van von der den de del della di da dos das du la le ten ter zu vd vander vonder".split()
)


def name_keys(authors_text: str | None, limit: int = 12) -> list[tuple[str, str, str]]:
    """(family key, initials, swapped initials) of the first `limit` authors; the initials are
    the family name's and the given names' ("nguyen, t. m." -> "n|tm"), the swapped ones the
    same the other way round ("tm|n"), to recognise a record that swapped the two ("Thi Minh,
    N.")."""
    if not authors_text:
        return []
    # Split with the expression only where "and" or a line break could be a separator.
    if "and" in authors_text or "\n" in authors_text:
        parts = _AUTHOR_SPLIT.split(authors_text)
    else:
        parts = authors_text.split(";")
    found: list[tuple[str, str, str]] = []
    for part in parts:
        key = name_key(part.strip())
        if key is not None:
            found.append(key)
            if len(found) == limit:
                break
    return found


_AUTHOR_SPLIT = re.compile(r";|\band\b|\n")


@lru_cache(maxsize=131072)  # one author appears on many papers: parse each spelling once
def name_key(part: str) -> tuple[str, str, str] | None:
    """(family key, initials, swapped initials) of one author as written, or None for no
    name ("et al.")."""
    if not part or part.lower() in {"et al", "et al."}:
        return None
    if "," in part:
        family, given = part.split(",", 1)
        words = fold(family).split()
    else:  # "Mansson KN", "Kristoffer Mansson": the longest word is the best guess
        given = ""
        tokens = [t for t in fold(part).split() if len(t) > 1 and t not in PARTICLES]
        words = tokens[:1] if len(tokens) == 1 else ([max(tokens, key=len)] if tokens else [])
    key = "".join([w for w in words if w not in PARTICLES] or words)
    if not key:
        return None
    initials = "".join(w[0] for w in words) + "|"
    if given:
        initials += "".join(w[0] for w in fold(given).split())
    return key, initials, "|".join(initials.split("|")[::-1])


_FIRST_PAGE = re.compile(r"\D*?([a-z]?)(\d+)\s*(?:[-–—‐]+\s*[a-z]?(\d+))?")


def first_page(pages: str | None) -> tuple[str, str]:
    """("221", "228") from "221-8", "221-228", "pp. 221–228"; ("e123", "") for e-locators."""
    if not pages:
        return "", ""
    text = str(pages).strip().lower()
    match = _FIRST_PAGE.match(text)
    if not match:
        return "", ""
    prefix, start, end = match.group(1), match.group(2).lstrip("0") or "0", match.group(3) or ""
    if end and len(end) < len(start):
        end = start[: len(start) - len(end)] + end
    return (prefix if prefix == "e" else "") + start, end.lstrip("0")


# Page fields as exporters mangle them: "Suppl-29" for "S417-S429", "t-8" for "2665-2668"
# (a word, a hyphen and the last digits of the last page); "465:1-465:20" (article 465,
# its pages 1 to 20); front matter numbered in roman numerals ("iii-iv").
_PAGE_TAIL = re.compile(r"([a-z]{1,8})\.?\s*[-–]\s*(\d{1,4})")
_ARTICLE_PAGES = re.compile(r"[a-z]?(\d+)\s*:\s*(\d+)\s*(?:[-–]\s*[a-z]?\1\s*:\s*(\d+))?")
_ROMAN_PAGES = re.compile(r"([ivxlc]{1,8})\.?(?:\s*[-–]\s*([ivxlc]{1,8}))?\.?")


def page_fields(pages: str | None) -> tuple[str, str, str, str]:
    """(first page, last page, another first page, last digits only) of a page field.

    The other first page is the in-article page of an "article:page" locator; the last
    digits are all a mangled field ("Suppl-29", "t-8") still says, matched against the other
    record's last page (`compare.page_score`)."""
    text = str(pages or "").strip().lower()
    if not text:
        return "", "", "", ""
    # Each expression is tried only where its first character or its ":" is there.
    starts_with_letter = "a" <= text[0] <= "z"
    if starts_with_letter and (mangled := _PAGE_TAIL.fullmatch(text)):
        if mangled.group(1) not in ("e", "p", "pp"):  # "e-123", "pp-12" are ordinary pages
            return "", "", "", mangled.group(2).lstrip("0")
    if ":" in text and (article := _ARTICLE_PAGES.fullmatch(text)):
        return article.group(1).lstrip("0"), "", article.group(2).lstrip("0"), ""
    if starts_with_letter and (roman := _ROMAN_PAGES.fullmatch(text)):
        return roman.group(1), roman.group(2) or "", "", ""
    start, end = first_page(text)
    return start, end, "", ""


def first_number(value: object) -> str:
    if value is None:
        return ""
    text = str(value)
    if text.isascii() and text.isdigit():  # most volumes and issues: no search needed
        return text.lstrip("0") or "0"
    match = _DIGITS.search(text)
    return match.group(0).lstrip("0") or "0" if match else ""


# Titles a journal prints again and again (each editorial, erratum or issue preface of a
# volume under the same heading): on their own they say nothing about which item a record is.
RECURRING_WORDS = frozenset(
    "editor editors editorial editorials preface foreword introduction issue issues erratum "
    "errata correction corrections corrigendum reply replies response comment comments remarks "
    "announcement announcements news contents index acknowledgment acknowledgments "
    "acknowledgement acknowledgements reviewers obituary memoriam highlights abstracts letters "
    "correspondence note notes calendar proceedings masthead".split()
)


# Words that fill out a heading without naming anything ("In this issue", "A word from the
# president", "Guest editorial"); single letters (the "s" of "editor's") count as fillers.
HEADING_FILLERS = frozenset(
    "this new guest letter letters book books review reviews message president chair word "
    "words first last special year annual s".split()
)


def is_recurring(words: tuple[str, ...]) -> bool:
    """A heading rather than a title: one or two words, or up to six words all of them
    RECURRING_WORDS or fillers ("Editor's comments", "Remarks from the editor", "In this
    issue"). A heading naming something ("ESICON 2017 abstracts") is a title."""
    if not words:
        return False
    if len(words) <= 2:
        return True
    return len(words) <= 6 and all(
        w in RECURRING_WORDS or w in HEADING_FILLERS or len(w) == 1 for w in words
    )
