"""Facets and terms, claims and their papers, questions and report sections."""

from __future__ import annotations

import pytest

from curator.core import papers, searches
from curator.core.curation import claims, facets, questions
from curator.core.errors import CuratorError, ValidationError


@pytest.fixture
def two_papers(review):
    return [papers.add_paper(review, title=t).id for t in ("First", "Second")]


def test_tag_untag_and_merge_terms(review, two_papers):
    topic = facets.facet_id(review, "topic")
    dep = facets.add_term(review, topic, "Depression").id
    low = facets.add_term(review, topic, "Low mood").id
    facets.tag(review, two_papers, dep)
    facets.tag(review, [two_papers[0]], low)
    assert [t["name"] for t in facets.paper_terms(review, two_papers[0])] == [
        "Depression",
        "Low mood",
    ]
    facets.merge_terms(review, dep, low)
    assert [t["name"] for t in facets.paper_terms(review, two_papers[0])] == ["Depression"]
    facets.tag(review, [two_papers[1]], dep, remove=True)
    assert facets.paper_terms(review, two_papers[1]) == []
    assert {t["name"]: t["papers"] for t in facets.terms(review, topic)} == {"Depression": 1}


def test_duplicate_term_and_unknown_facet_are_refused(review):
    topic = facets.facet_id(review, "Topic")
    facets.add_term(review, topic, "Anxiety")
    with pytest.raises(ValidationError, match="already has"):
        facets.add_term(review, topic, "anxiety")
    with pytest.raises(CuratorError, match="no facet named"):
        facets.facet_id(review, "Colour")


def test_claim_with_ordered_papers(review, two_papers):
    claim_id = claims.add_claim(
        review, "Therapy changes brains", "Strong", list(reversed(two_papers)), reasoning="Imaging"
    ).id
    claim = claims.get_claim(review, claim_id)
    assert claim["papers"] == list(reversed(two_papers))
    claims.update_claim(
        review, claim_id, strength="Moderate", papers=two_papers, relations=["supports", "context"]
    )
    claim = claims.get_claim(review, claim_id)
    assert (claim["strength"], claim["papers"], claim["relations"]) == (
        "Moderate",
        two_papers,
        ["supports", "context"],
    )


@pytest.mark.parametrize(
    "text, strength, paper_ids, field",
    [
        ("", "Strong", "both", "text"),
        ("Claim", "Huge", "both", "strength"),
        ("Claim", "Strong", "none", "papers"),
    ],
)
def test_invalid_claims_cannot_be_saved(review, two_papers, text, strength, paper_ids, field):
    linked = two_papers if paper_ids == "both" else []
    with pytest.raises(ValidationError) as err:
        claims.add_claim(review, text, strength, linked)
    assert err.value.field == field
    assert claims.claims(review) == []


def test_reorder_claims_and_questions(review, two_papers):
    a = claims.add_claim(review, "A", "Strong", two_papers).id
    b = claims.add_claim(review, "B", "Weak", two_papers).id
    claims.reorder_claims(review, [b, a])
    assert [c["text"] for c in claims.claims(review)] == ["B", "A"]
    q1 = questions.add_question(review, "Why?", "Because").id
    q2 = questions.add_question(review, "How?").id
    questions.reorder_questions(review, [q2, q1])
    assert [q["question"] for q in questions.questions(review)] == ["How?", "Why?"]
    with pytest.raises(CuratorError, match="each of the 2"):
        questions.reorder_questions(review, [q1])


def test_sections_and_searches(review):
    questions.set_section(review, "discussion", "It works.")
    assert questions.section(review, "discussion")["body"] == "It works."
    search = searches.add_search(review, "PubMed 1", database="PubMed", hits_reported="120").id
    assert searches.searches(review)[0]["hits_reported"] == 120
    with pytest.raises(ValidationError):
        searches.add_search(review, "PubMed 1")
    with pytest.raises(ValidationError):
        searches.add_search(review, "Other", hits_reported="lots")
    searches.update_search(review, search, query="neuroplastic*")
    assert searches.searches(review)[0]["query"] == "neuroplastic*"


def test_every_change_is_audited(review, two_papers):
    topic = facets.facet_id(review, "Topic")
    term = facets.add_term(review, topic, "Depression").id
    facets.tag(review, two_papers, term)
    claims.add_claim(review, "C", "Weak", two_papers)
    questions.add_question(review, "Q?")
    tables = [e["table_name"] for e in review.audit_log()]
    for table in ("papers", "terms", "paper_terms", "claims", "questions"):
        assert table in tables
