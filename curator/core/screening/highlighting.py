"""Keyword highlighting for screening: the review's include/exclude term lists and their spans.

Terms are words, phrases ("neural plasticity") or wildcards (`neuroplastic*`: `*` any letters,
`?` one letter). Matching ignores case and accents (Månsson matches mansson) and respects word
boundaries. `spans(text)` gives (start, end, list) over the original text, in Python string
indices, non-overlapping and sorted, so a viewer can colour plain text without parsing it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from curator.core.changes import Changes
from curator.core.errors import ValidationError
from curator.core.names import fold_keeping_positions
from curator.core.review import Review

LISTS = ("include", "exclude")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    list: str


def pattern_regex(pattern: str) -> str:
    """The regular expression (over folded text) for one term."""
    folded, _ = fold_keeping_positions(pattern.strip())
    words = folded.split()
    if not words:
        raise ValidationError("a highlight term cannot be empty", "pattern")
    parts = []
    for word in words:
        piece = "".join(r"\w*" if c == "*" else r"\w" if c == "?" else re.escape(c) for c in word)
        parts.append(piece)
    return r"(?<!\w)" + r"[\s\-]+".join(parts) + r"(?!\w)"


class Highlighter:
    """Compiled include and exclude lists; `spans(text)` finds them in a text."""

    def __init__(self, terms: dict[str, list[str]]):
        self._regex: dict[str, re.Pattern[str] | None] = {}
        for name in LISTS:
            patterns = [pattern_regex(t) for t in terms.get(name, []) if t.strip()]
            # Longer patterns first so a phrase wins over a word inside it.
            patterns.sort(key=len, reverse=True)
            self._regex[name] = re.compile("|".join(patterns)) if patterns else None

    def spans(self, text: str | None) -> list[Span]:
        if not text:
            return []
        folded, where = fold_keeping_positions(text)
        found: list[tuple[int, int, str]] = []
        for name in LISTS:
            regex = self._regex[name]
            if regex is None:
                continue
            for match in regex.finditer(folded):
                if match.end() > match.start():
                    start = where[match.start()]
                    end = where[match.end() - 1] + 1
                    found.append((start, end, name))
        # Earliest first, longest first; exclude beats include on an exact tie.
        found.sort(key=lambda s: (s[0], -(s[1] - s[0]), s[2] != "exclude"))
        result: list[Span] = []
        for start, end, name in found:
            if result and start < result[-1].end:
                continue
            result.append(Span(start, end, name))
        return result


def terms(review: Review) -> dict[str, list[str]]:
    """The review's highlight terms per list, in the order they were added."""
    found: dict[str, list[str]] = {name: [] for name in LISTS}
    for name, pattern in review.db.execute("SELECT list, pattern FROM highlight_terms ORDER BY id"):
        found[name].append(pattern)
    return found


def highlighter(review: Review) -> Highlighter:
    return Highlighter(terms(review))


def set_terms(review: Review, list_name: str, patterns: list[str]) -> Changes:
    """Replace one list's terms (duplicates and blanks dropped); checked before anything changes."""
    if list_name not in LISTS:
        raise ValidationError(
            f"unknown highlight list {list_name!r}; use include or exclude", "list"
        )
    clean: list[str] = []
    for pattern in patterns:
        pattern = " ".join(pattern.split())
        if pattern and pattern.casefold() not in {p.casefold() for p in clean}:
            pattern_regex(pattern)
            clean.append(pattern)
    with review.atomic():
        before = terms(review)[list_name]
        review.db.execute("DELETE FROM highlight_terms WHERE list = ?", (list_name,))
        review.db.conn.executemany(
            "INSERT INTO highlight_terms (list, pattern) VALUES (?, ?)",
            [(list_name, p) for p in clean],
        )
        review.audit("update", "highlight_terms", list_name, before, clean)
    return Changes(settings=True)
