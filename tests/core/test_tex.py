"""Brace balance, the one rule the BibTeX reader and writer share (curator.core.tex)."""

from __future__ import annotations

import pytest

from curator.core.tex import balanced


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", True), ("{a {b}} c", True), ("one { open", False), ("a } b { c", False)],
)
def test_balanced_braces(text, expected):
    assert balanced(text) is expected
