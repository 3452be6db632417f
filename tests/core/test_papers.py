"""Papers, authors and venues through the core API, with the audit log."""

from __future__ import annotations

import pytest

from curator.core import papers
from curator.core.errors import CuratorError, ValidationError


def test_add_paper_keeps_authors_in_order_and_normalises_identifiers(review):
    paper_id = papers.add_paper(
        review,
        title="Neuroplasticity in response to cognitive behavior therapy",
        authors=["Månsson, Kristoffer N. T.", "Salami A", "Andersson, G."],
        year="2016",
        venue="Translational Psychiatry",
        doi="https://doi.org/10.1038/TP.2015.218",
        pmid="26836414 [pmid]",
    ).id
    paper = papers.get_paper(review, paper_id)
    assert [a["family"] for a in paper["authors"]] == ["Månsson", "Salami", "Andersson"]
    assert [a["initials"] for a in paper["authors"]] == ["KNT", "A", "G"]
    assert paper["year"] == 2016
    assert paper["doi"] == "10.1038/tp.2015.218"
    assert paper["pmid"] == "26836414"
    assert paper["venue"] == "Translational Psychiatry"
    assert paper["first_author"] == "Månsson"
    assert paper["authors_text"] == "Månsson, K. N. T.; Salami, A.; Andersson, G."


def test_same_author_across_papers_is_one_person(review):
    a = papers.add_paper(review, title="One", authors=["Andersson, G."]).id
    b = papers.add_paper(review, title="Two", authors=["Andersson, Gerhard"]).id
    c = papers.add_paper(review, title="Three", authors=["Hayes, S.", "Hayes, A."]).id
    ids = {papers.paper_authors(review, p)[0]["id"] for p in (a, b)}
    assert len(ids) == 1
    hayes = [x["id"] for x in papers.paper_authors(review, c)]
    assert len(set(hayes)) == 2
    assert (
        review.db.execute("SELECT given FROM authors WHERE key = 'andersson g'").fetchone()[0]
        == "Gerhard"
    )


def test_venue_spellings_meet_under_one_key(review):
    a = papers.add_paper(review, title="A", venue="Psychotherapy Research").id
    b = papers.add_paper(
        review,
        title="B",
        venue="Psychotherapy research : journal of the Society for Psychotherapy Research",
    ).id
    c = papers.add_paper(review, title="C", venue="PSYCHOTHERAPY RESEARCH.").id
    venues = {papers.get_paper(review, p)["venue_id"] for p in (a, b, c)}
    assert len(venues) == 1


def test_update_paper_writes_one_audit_entry_with_before_and_after(review):
    paper_id = papers.add_paper(review, title="Old title", year=2001).id
    papers.update_paper(review, paper_id, title="New title", year=2002)
    entries = review.audit_log("papers", paper_id)
    assert [e["action"] for e in entries] == ["insert", "update"]
    assert '"Old title"' in entries[1]["before"] and '"New title"' in entries[1]["after"]
    assert entries[1]["who"] == "tester"


def test_invalid_values_change_nothing(review):
    paper_id = papers.add_paper(review, title="Kept", year=1999).id
    with pytest.raises(ValidationError):
        papers.update_paper(review, paper_id, year="not a year")
    with pytest.raises(ValidationError):
        papers.update_paper(review, paper_id, title="  ")
    with pytest.raises(CuratorError):
        papers.update_paper(review, paper_id, colour="blue")
    paper = papers.get_paper(review, paper_id)
    assert (paper["title"], paper["year"]) == ("Kept", 1999)
    assert len(review.audit_log("papers", paper_id)) == 1


def test_paper_needs_a_title(review):
    with pytest.raises(ValidationError) as err:
        papers.add_paper(review, title="")
    assert err.value.field == "title"
    assert papers.count_papers(review) == 0


def test_failed_add_leaves_no_partial_rows(review):
    with pytest.raises(ValidationError):
        papers.add_paper(review, title="T", authors=["Smith, J."], year="??")
    assert review.db.execute("SELECT COUNT(*) FROM authors").fetchone()[0] == 0
    assert review.db.execute("SELECT COUNT(*) FROM papers").fetchone()[0] == 0


def test_delete_paper_removes_its_links(review):
    paper_id = papers.add_paper(review, title="Gone", authors=["Smith, J."]).id
    papers.delete_paper(review, paper_id)
    assert papers.count_papers(review) == 0
    assert review.db.execute("SELECT COUNT(*) FROM paper_authors").fetchone()[0] == 0
    with pytest.raises(CuratorError, match="no paper"):
        papers.get_paper(review, paper_id)
