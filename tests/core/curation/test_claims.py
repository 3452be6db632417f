"""Claims: validation, links with relations, GRADE domains, the scale, snapshots, lookup."""

from __future__ import annotations

import pytest

from curator.core.curation import claims, questions
from curator.core.errors import CuratorError, ValidationError
from curator.core.resolve import citations_for, paper_citation, resolve_paper
from tests.curation_data import build


def test_add_validates_each_field(review):
    ids = build(review)
    for kwargs, field in (
        ({"text": "  ", "strength": "Strong", "papers": ids[:1]}, "text"),
        ({"text": "T", "strength": "High", "papers": ids[:1]}, "strength"),
        ({"text": "T", "strength": "Strong", "papers": []}, "papers"),
        ({"text": "T", "strength": "Strong", "papers": [ids[0], ids[0]]}, "papers"),
        ({"text": "T", "strength": "Strong", "papers": [9999]}, "papers"),
    ):
        with pytest.raises(ValidationError) as err:
            claims.add_claim(review, **kwargs)
        assert err.value.field == field
    assert claims.claims(review) == []


def test_links_relations_and_grades_round_trip(review):
    ids = build(review)
    new = claims.add_claim(
        review,
        "Psychotherapy changes the brain",
        "Strong",
        [ids[2], ids[0]],
        reasoning="Imaging and molecular evidence",
        relations=["supports", "context"],
        grades={"risk_of_bias": ("Serious", "Small samples"), "large_effect": ("", "")},
    ).id
    claim = claims.get_claim(review, new)
    assert claim["papers"] == [ids[2], ids[0]]
    assert claim["relations"] == ["supports", "context"]
    assert claim["grades"] == {"risk_of_bias": {"judgement": "Serious", "reason": "Small samples"}}
    claims.update_claim(review, new, papers=[ids[0], ids[2]], relations=["contradicts", None])
    claim = claims.get_claim(review, new)
    assert claim["papers"] == [ids[0], ids[2]] and claim["relations"] == ["contradicts", None]
    with pytest.raises(ValidationError, match="Risk of bias"):
        claims.update_claim(review, new, grades={"risk_of_bias": ("Awful", None)})
    with pytest.raises(ValidationError, match="relation"):
        claims.update_claim(review, new, papers=[ids[0]], relations=["refutes"])


def test_reorder_and_number(review):
    ids = build(review)
    a = claims.add_claim(review, "A", "Strong", ids[:1]).id
    b = claims.add_claim(review, "B", "Weak", ids[1:2]).id
    claims.reorder_claims(review, [b, a])
    assert claims.claim_by_number(review, 1)["text"] == "B"
    with pytest.raises(CuratorError, match="no claim number 3"):
        claims.claim_by_number(review, 3)


def test_grade_preset_maps_existing_claims(review):
    ids = build(review)
    a = claims.add_claim(review, "A", "Strong", ids[:1]).id
    b = claims.add_claim(review, "B", "Weak", ids[1:2]).id
    claims.set_strength_scale(review, claims.SCALE_PRESETS["GRADE"])
    assert claims.strength_scale(review) == ["High", "Moderate", "Low", "Very low"]
    assert claims.get_claim(review, a)["strength"] == "High"
    assert claims.get_claim(review, b)["strength"] == "Low"


def test_scale_that_drops_a_used_value_is_refused(review):
    ids = build(review)
    claims.add_claim(review, "A", "Very weak", ids[:1])
    with pytest.raises(ValidationError, match="1 claim"):
        claims.set_strength_scale(review, ["Strong", "Moderate", "Weak"])
    assert claims.strength_scale(review) == ["Strong", "Moderate", "Weak", "Very weak"]
    claims.set_strength_scale(review, ["Strong", "Moderate", "Weak"], rename={"Very weak": "Weak"})
    assert claims.claims(review)[0]["strength"] == "Weak"
    with pytest.raises(ValidationError):
        claims.set_strength_scale(review, ["Strong", "strong"])


def test_snapshot_restore_claims(review):
    ids = build(review)
    a = claims.add_claim(review, "A", "Strong", ids[:2], relations=["supports", "context"]).id
    before = claims.snapshot_claims(review)
    claims.delete_claim(review, a)
    claims.restore_claims(review, before)
    assert claims.snapshot_claims(review) == before
    b = claims.add_claim(review, "B", "Weak", ids[2:3]).id
    claims.restore_claims(review, {**before, b: None})
    assert claims.claim_ids(review) == [a]


def test_questions_and_gap_notes(review):
    q1 = questions.add_question(review, "What mediates change?", "Targets").id
    q2 = questions.add_question(review, "Who responds?").id
    before = questions.snapshot_questions(review)
    questions.reorder_questions(review, [q2, q1])
    questions.update_question(review, q2, why="Personalise")
    assert [q["question"] for q in questions.questions(review)] == [
        "Who responds?",
        "What mediates change?",
    ]
    questions.restore_questions(review, before)
    assert questions.snapshot_questions(review) == before
    with pytest.raises(ValidationError):
        questions.update_question(review, q1, question=" ")
    questions.set_section(review, "research_gaps", "Standardised measures are missing.")
    assert questions.section(review, "research_gaps")["body"].startswith("Standardised")


def test_citations_match_the_tables(review):
    from curator.core.report.tables import citation_index

    ids = build(review)
    index = citation_index(review)
    assert citations_for(review, ids) == {p: index.cite(p) for p in ids}
    assert citations_for(review, ids[3:5]) == {
        ids[3]: "Beauregard, 2014",
        ids[4]: "Price & Duman, 2019",
    }


def test_resolve_by_id_doi_and_citation(review):
    ids = build(review)
    assert resolve_paper(review, str(ids[1])) == ids[1]
    assert resolve_paper(review, f"#{ids[1]}") == ids[1]
    assert resolve_paper(review, "https://doi.org/10.1038/TP.2015.218") == ids[0]
    assert resolve_paper(review, "Månsson et al., 2016") == ids[0]
    assert resolve_paper(review, "(Mansson et al. 2016)") == ids[0]
    assert resolve_paper(review, "Price & Duman, 2019") == ids[4]
    assert resolve_paper(review, "Beauregard, 2014") == ids[3]
    assert paper_citation(review, ids[4]) == "Price & Duman, 2019"
    for bad, message in (
        ("Månsson et al., 2017", "no paper"),
        ("99999", "no paper with id"),
        ("10.9999/none", "no paper with DOI"),
        ("hello", "cannot read"),
        ("", "empty"),
    ):
        with pytest.raises(CuratorError, match=message):
            resolve_paper(review, bad)


def test_resolve_ambiguous_citation_lists_candidates(review):
    build(review)
    from curator.core.papers import add_paper

    other = add_paper(review, authors=["Beauregard, M."], year=2014, title="Another one").id
    with pytest.raises(CuratorError, match="matches 2 papers"):
        resolve_paper(review, "Beauregard, 2014")
    # Not cited (not included): no letters yet, so a letter cannot pick one.
    with pytest.raises(CuratorError, match="matches 2 papers"):
        resolve_paper(review, "Beauregard, 2014a")
    from curator.core.screening.decisions import record_decision

    record_decision(review, other, "title_abstract", "include")
    record_decision(review, other, "full_text", "include")
    # Both cited: the tables letter them in title order, and the letter picks one.
    assert citations_for(review, [other]) == {other: "Beauregard, 2014a"}
    assert resolve_paper(review, "Beauregard, 2014a") == other
    assert resolve_paper(review, "(Beauregard, 2014b)") != other
