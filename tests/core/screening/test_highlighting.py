"""Keyword highlighting: words, phrases, wildcards, case and accents, spans over the original."""

from __future__ import annotations

import pytest

from curator.core.errors import ValidationError
from curator.core.screening.highlighting import Highlighter, Span, highlighter, set_terms, terms


def marked(text, spans):
    return [(text[s.start : s.end], s.list) for s in spans]


def test_wildcards_phrases_case_and_accents():
    h = Highlighter(
        {
            "include": ["neuroplastic*", "neural plasticity", "Mansson", "CBT"],
            "exclude": ["rat?", "mice"],
        }
    )
    text = (
        "NEUROPLASTICITY and Neural  Plasticity (Månsson); rats, mice and a rat; CBTs neuroplastic."
    )
    assert marked(text, h.spans(text)) == [
        ("NEUROPLASTICITY", "include"),
        ("Neural  Plasticity", "include"),
        ("Månsson", "include"),
        ("rats", "exclude"),
        ("mice", "exclude"),
        ("neuroplastic", "include"),
    ]


def test_word_boundaries_and_accented_patterns():
    h = Highlighter({"include": ["ménage", "therap*"], "exclude": ["art"]})
    text = "Menage in party; therapy and therapists; article, art."
    assert marked(text, h.spans(text)) == [
        ("Menage", "include"),
        ("therapy", "include"),
        ("therapists", "include"),
        ("art", "exclude"),
    ]


def test_spans_index_the_original_text_with_decomposed_and_wide_characters():
    # 'é' written as e + combining accent, and an emoji before the term.
    text = "\U0001f9e0 Me\u0301nage study"
    h = Highlighter({"include": ["menage"]})
    assert h.spans(text) == [Span(2, 9, "include")]
    assert text[2:9] == "Me\u0301nage"


def test_phrase_wins_over_contained_word():
    h = Highlighter({"include": ["plasticity"], "exclude": ["synaptic plasticity"]})
    text = "synaptic plasticity"
    assert marked(text, h.spans(text)) == [("synaptic plasticity", "exclude")]


def test_terms_are_stored_per_review(review):
    set_terms(review, "include", ["neuroplastic*", " neural   plasticity ", "NEUROPLASTIC*", ""])
    set_terms(review, "exclude", ["mice"])
    assert terms(review) == {"include": ["neuroplastic*", "neural plasticity"], "exclude": ["mice"]}
    assert [s.list for s in highlighter(review).spans("mice neuroplasticity")] == [
        "exclude",
        "include",
    ]
    with pytest.raises(ValidationError):
        set_terms(review, "other", ["x"])
    with pytest.raises(ValidationError):
        set_terms(review, "maybe", [])
    assert review.audit_log("highlight_terms")[-1]["after"] == '["mice"]'
