"""Listing papers: sort orders, full-text search, filters."""

from __future__ import annotations

from curator.core import library, papers
from curator.core.report.record_export import entries
from curator.core.screening import decisions as screening


def _add(review, title, first, year, venue, abstract=""):
    return papers.add_paper(
        review, title=title, authors=[first], year=year, venue=venue, abstract=abstract
    ).id


def test_sort_by_each_column(review):
    a = _add(review, "Zebra finches", "Beauregard, M.", 2014, "Dialogues")
    b = _add(review, "Amygdala volume", "Alves, N.", 2017, "Translational Psychiatry")
    c = _add(review, "Meta-analysis", "Cuijpers, P.", 2021, "World Psychiatry")
    screening.record_decision(review, c, "title_abstract", "include")
    assert library.paper_ids(review, sort="citation") == [b, a, c]
    assert library.paper_ids(review, sort="title") == [b, c, a]
    assert library.paper_ids(review, sort="year", descending=True) == [c, b, a]
    assert library.paper_ids(review, sort="venue") == [a, b, c]
    assert library.paper_ids(review, sort="stage", descending=True)[-1] in (a, b)
    assert library.paper_ids(review, sort="stage", descending=True)[0] == c


def test_full_text_search_over_title_abstract_and_authors(review):
    a = _add(
        review, "Neuroplasticity and therapy", "Månsson, K.", 2016, "TP", "Amygdala responsivity"
    )
    b = _add(review, "Something else", "Smith, J.", 2020, "X", "Unrelated")
    assert library.paper_ids(review, search="neuroplastic") == [a]
    assert library.paper_ids(review, search="amygdala therapy") == [a]
    assert library.paper_ids(review, search="mansson") == [a]
    assert library.paper_ids(review, search="smith") == [b]
    assert library.paper_ids(review, search="nothing-like-this") == []
    assert library.paper_ids(review, search='"; DROP TABLE papers; --') == []


def test_filters(review):
    a = _add(review, "A", "A, A.", 2000, "V")
    b = _add(review, "B", "B, B.", 2001, "V")
    screening.record_decision(review, a, "title_abstract", "include")
    screening.record_decision(review, a, "full_text", "include")
    screening.record_decision(review, b, "title_abstract", "exclude")
    assert library.paper_ids(review, filter="included") == [a]
    assert library.paper_ids(review, filter="excluded") == [b]
    assert library.stage_and_decision("include", "include") == ("full_text", "include")
    assert library.stage_and_decision("exclude", None) == ("title_abstract", "exclude")


def test_included_lists_current_includes_and_in_review_the_full_text_ones(review):
    # Issue 17: Library ▸ Included was empty while papers were included at title/abstract;
    # curation and `export --what included` keep working on the papers included at full text.
    a = _add(review, "A", "A, A.", 2000, "V")
    b = _add(review, "B", "B, B.", 2001, "V")
    c = _add(review, "C", "C, C.", 2002, "V")
    screening.record_decision(review, a, "title_abstract", "include")
    screening.record_decision(review, a, "full_text", "include")
    screening.record_decision(review, b, "title_abstract", "include")
    screening.record_decision(review, c, "title_abstract", "maybe")
    assert library.paper_ids(review, filter="included") == [a, b]
    assert library.paper_ids(review, filter="maybe") == [c]
    assert library.paper_ids(review, filter="in_review") == [a]
    assert [row["id"] for row in entries(review, "included")] == [a]
    assert library.stage_and_decision("include", None) == ("title_abstract", "include")
