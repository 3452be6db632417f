"""Author lists as one table cell holds them, split into one string per author.

Each exporter has its convention (see `exporters.Exporter.authors`): semicolons (most
databases), "|" (OpenAlex), " and " (Rayyan, BibTeX style), Python list literals (ASReview),
names glued together with no separator (Springer),
Scopus's "Family I.J., Family I." and IEEE's "Given Family, Given Family". Turning one
author string into family and given names is `curator.core.names.parse_person`'s job.
"""

from __future__ import annotations

import ast
import re

from curator.core.importers.base import text
from curator.core.names import is_placeholder

_INITIALS_END = re.compile(r"^\s*[^\d,;]+\s(?:[A-Z]\.?[\s\-]?){1,4}$")


def python_list(value: str) -> list[str] | None:
    """ASReview writes lists as Python literals: "['Marx, Karl', 'Lindgren, Astrid']"."""
    value = value.strip()
    if len(value) > 1 and value[0] == "[" and value[-1] == "]":
        try:
            parsed = ast.literal_eval(value)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            return None
        if isinstance(parsed, list):
            return [text(v) for v in parsed if text(v)]
    return None


# Springer writes names one after another with no separator: a cut where a lower-case run of
# three or more letters meets a capitalised word ("McDonald", "DeRoure", "MacLeod" stay whole).
_GLUED = re.compile(r"(?<=[a-z]{3})(?=[A-Z][a-z])")
_AND = re.compile(r"\s+and\s+|\s*&\s*", re.I)


def _family_first(name: str) -> str:
    """Scopus writes "Family I.J."; a name it has no initials for stays family name first
    ("Janko Wolfgang"), which a comma makes explicit."""
    family, _, given = name.partition(" ")
    if "," in name or not given or "." in given or given.isupper() or is_placeholder(name):
        return name
    return f"{family}, {given}"


def split_authors(value: str, convention: str = "auto") -> list[str]:
    """An author list as one cell holds it, split by the exporter's convention ("semicolon",
    "pipe", "and", "family-first") or, for "auto", by the first separator found: Python list
    literal, ";", "|", " and ", Scopus's "Family I.J., Family I." or "Given Family, Given
    Family"."""
    value = re.sub(r"\s*\(\d+\)", "", value or "").strip()  # Scopus "(57193781925)"
    if not value:
        return []
    if convention == "family-first":
        return [_family_first(name) for name in split_authors(value)]
    listed = python_list(value)
    if listed is not None:
        return listed
    if convention == "glued" and ";" not in value:  # Springer: "Araz R. AlievNigar T. Ismayilova"
        return [a.strip() for a in _GLUED.split(value) if a.strip()]
    if convention == "and" and _AND.search(value):
        parts = _AND.split(value)
        if ";" in value:
            parts = [p for part in parts for p in part.split(";")]
        return [a.strip() for a in parts if a.strip()]
    for separator in (";", "|"):  # most databases; OpenAlex
        if separator in value:
            return [a.strip() for a in value.split(separator) if a.strip()]
    if " and " in value:
        parts = [a.strip() for a in value.split(" and ") if a.strip()]
        if "," not in value or all(p.count(",") == 1 for p in parts):
            # "Smith J and Doe A"; BibTeX-style "Jones, Matt L. and Barnish, Maxwell S."
            return parts
    parts = [p.strip() for p in value.split(",")]
    if len(parts) > 1 and all(_INITIALS_END.match(p) for p in parts if p):
        return [p for p in parts if p]  # "Liu R., Adler D.G."
    if len(parts) > 1 and all(" " in p for p in parts if p):
        return [p for p in parts if p]  # IEEE: "Joseph Rottman, Erran Carmel, Mary Lacity"
    return [value]
