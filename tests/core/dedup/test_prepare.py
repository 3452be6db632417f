"""Preparing papers: the query's rows reach each field, and the plain-text guards in front of
the field expressions let every shape those expressions read through."""

from __future__ import annotations

import pytest

from curator.core.dedup.engine import load_prepared
from curator.core.dedup.fields import first_number, name_keys, page_fields
from curator.core.dedup.prepare import prepare
from curator.core.papers import add_paper, get_paper


def test_load_prepared_reads_each_column_into_its_field(review):
    # Every column holds a value that would change a field if it went to another one.
    pid = add_paper(
        review,
        title="Letter: sleep and memory in older adults",
        authors=["Gattermann, Norbert", "Finelli, Carlo"],
        year=2010,
        venue="Leukemia Research",
        volume="34",
        issue="9",
        pages="1143-1150",
        doi="10.1016/j.leukres.2010.03.009",
        pmid="20381234",
        pmcid="PMC2934567",
        type="Editorial",
        language="ger",
    ).id
    (loaded,) = load_prepared(review)
    assert loaded == prepare(get_paper(review, pid))
    assert (loaded.volume, loaded.issue, loaded.page) == ("34", "9", "1143")
    assert (loaded.pmid, loaded.pmcid, loaded.kind, loaded.language) == (
        "20381234", "PMC2934567", "comment", "german",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("pages", "fields"),
    [
        ("0436", ("436", "", "", "")),
        ("0", ("0", "", "", "")),
        ("436-52", ("436", "452", "", "")),
        ("e123", ("e123", "", "", "")),
        ("Suppl-29", ("", "", "", "29")),  # a leading letter: the mangled-field expression
        ("465:1-465:20", ("465", "", "1", "")),  # a ":": the article-locator expression
        ("12:7", ("12", "", "7", "")),
        ("iii-iv", ("iii", "iv", "", "")),  # a leading letter: the roman-numeral expression
        (" xii. ", ("xii", "", "", "")),
    ],
)
def test_page_fields_of_every_shape(pages, fields):
    assert page_fields(pages) == fields


@pytest.mark.parametrize(
    ("value", "number"),
    [("0034", "34"), ("000", "0"), ("22 Suppl", "22"), ("Suppl 1", "1"), ("١٢", "١٢"), ("²", "")],
)
def test_first_number_of_digits_and_of_text(value, number):
    assert first_number(value) == number


@pytest.mark.parametrize(
    "text",
    [
        "Smith, J.; Doe, K.",
        "Smith, J. and Doe, K.",
        "Smith, J.\nDoe, K.",
        "Smith, J.;Doe, K.;",
    ],
)
def test_author_lists_split_on_each_separator(text):
    assert [family for family, _i, _s in name_keys(text)] == ["smith", "doe"]


def test_a_name_holding_and_is_one_author():
    assert name_keys("Fernandez, A.; Alexander, B. and Sandberg, C.") == [
        ("fernandez", "f|a", "a|f"), ("alexander", "a|b", "b|a"), ("sandberg", "s|c", "c|s"),
    ]  # fmt: skip


def test_papers_of_one_venue_share_its_words():
    a = prepare({"id": 1, "title": "One", "venue": "Journal of Affective Disorders"})
    b = prepare({"id": 2, "title": "Two", "venue": "Journal of Affective Disorders"})
    assert a.venue_words == ("journal", "affective", "disorders")
    assert a.venue_words is b.venue_words  # one tuple held, not one per paper
