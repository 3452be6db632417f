"""One wording for the people who read Curator (issue 17, item 11): errors shown as sentences
in the window, records (not papers) identified, one "No abstract."."""

from __future__ import annotations

from pathlib import Path

from curator.core.errors import ValidationError, sentence
from curator.core.papers import NO_ABSTRACT
from curator.core.report.numbers import NUMBERS_SENTENCE

ROOT = Path(__file__).resolve().parents[2]


def test_errors_become_sentences_in_the_window():
    assert sentence(ValidationError("a reviewer needs a name")) == "A reviewer needs a name."
    assert sentence("no such folder: /x.") == "No such folder: /x."
    assert sentence("") == ""


def test_the_methods_sentence_counts_records_reports_and_studies():
    assert "{identified} records were identified" in NUMBERS_SENTENCE
    assert "papers were identified" not in NUMBERS_SENTENCE
    assert "{eligible} reports were assessed for eligibility" in NUMBERS_SENTENCE


def test_one_wording_for_a_missing_abstract():
    assert NO_ABSTRACT == "No abstract."
    for path in (ROOT / "curator").rglob("*.py"):
        assert "(no abstract)" not in path.read_text(encoding="utf-8"), path
