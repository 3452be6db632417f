"""TeX text rules shared by the BibTeX reader (curator.core.importers.bibtex) and writer
(curator.core.report.record_writers), kept apart so that neither loads the other."""

from __future__ import annotations


def balanced(text: str) -> bool:
    """Whether every `}` closes an earlier `{` and every `{` is closed: braces TeX accepts."""
    depth = 0
    for char in text:
        depth += (char == "{") - (char == "}")
        if depth < 0:
            return False
    return depth == 0
