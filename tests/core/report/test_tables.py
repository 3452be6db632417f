"""Each table on small hand-built reviews, against hand-computed expectations."""

from __future__ import annotations

import pytest

from curator.core.aliases import add_venue_alias
from curator.core.curation.claims import add_claim
from curator.core.curation.facets import add_facet, add_term, facet_id, tag
from curator.core.curation.questions import add_question
from curator.core.errors import CuratorError, ValidationError
from curator.core.papers import add_paper, update_paper, venue_id_for
from curator.core.report.tables import (
    GAP,
    claims_evidence,
    key_papers,
    open_questions,
    references,
    research_gaps_matrix,
    research_gaps_papers,
    set_key_order,
    top_contributors,
)
from curator.core.screening.decisions import Decision, record_decisions


def included(
    review, title: str, authors: list[str], year: int, venue: str | None = None, **kw
) -> int:
    paper = add_paper(review, title=title, authors=authors, year=year, venue=venue, **kw).id
    record_decisions(
        review,
        [Decision(paper, "title_abstract", "include"), Decision(paper, "full_text", "include")],
    )
    return paper


def excluded(review, title: str, authors: list[str], year: int, venue: str | None = None) -> int:
    paper = add_paper(review, title=title, authors=authors, year=year, venue=venue).id
    record_decisions(review, [Decision(paper, "title_abstract", "exclude")])
    return paper


def terms(review, facet: str, names: list[str]) -> dict[str, int]:
    fid = facet_id(review, facet)
    return {name: add_term(review, fid, name).id for name in names}


# -- key papers -----------------------------------------------------------------------------
def test_key_papers_join_terms_in_facet_order_and_follow_the_curators_order(review):
    a = included(review, "Alpha", ["Zed, A."], 2016)
    b = included(review, "Beta", ["Young, B.", "Xu, C."], 2012)
    c = included(review, "Gamma", ["Abel, C."], 2020)  # key, but not placed: comes last
    included(review, "Delta", ["Wolf, D."], 2019)  # not key
    method = terms(review, "Methodology", ["fMRI", "RCT", "Longitudinal"])
    context = terms(review, "Population/Context", ["Depression", "Anxiety"])
    tag(review, [a], method["RCT"])
    tag(review, [a], method["fMRI"])
    tag(review, [b], method["Longitudinal"])
    tag(review, [b], context["Anxiety"])
    tag(review, [b], context["Depression"])
    update_paper(review, a, is_key=True, key_result="Result A")
    update_paper(review, b, is_key=True, key_result="Result B")
    update_paper(review, c, is_key=True)
    set_key_order(review, [b, a])
    table = key_papers(review)
    assert list(table.columns) == ["Paper", "Methodology", "Population/Context", "Key Results"]
    assert table.values.tolist() == [
        ["(Young & Xu, 2012)", "Longitudinal", "Depression, Anxiety", "Result B"],
        ["(Zed, 2016)", "fMRI, RCT", "", "Result A"],
        ["(Abel, 2020)", "", "", ""],
    ]


def test_key_papers_empty(review):
    assert key_papers(review).empty
    assert list(key_papers(review).columns) == [
        "Paper",
        "Methodology",
        "Population/Context",
        "Key Results",
    ]


# -- top contributors -------------------------------------------------------------------------
def test_top_contributors_counts_a_repeated_author_once_and_breaks_ties(review):
    # Peters appears twice in one paper: one paper. Ties at 2 papers broken by first authorship.
    included(
        review,
        "P1",
        ["Mason, L.", "Peters, E.", "Peters, E.", "Kumari, V."],
        2017,
        "Translational Psychiatry",
    )
    included(review, "P2", ["Peters, E.", "Kumari, V."], 2015, "translational psychiatry")
    included(review, "P3", ["Kumari, V.", "Mason, L."], 2019, "World Psychiatry")
    included(review, "P4", ["Adams, Z."], 2010, "Alpha Journal")
    excluded(review, "X1", ["Adams, Z."], 2011, "Alpha Journal")  # excluded: not counted
    table = top_contributors(review, n=3)
    assert list(table.columns) == ["Type", "Name", "Papers"]
    rows = table.values.tolist()
    # Kumari 3 papers; Mason 2 (first author of one); Peters 2 (first author of one) --
    # Mason and Peters tie on first authorship, Mason's mean year (2018) beats Peters' (2016).
    assert rows[:3] == [
        [
            "Author",
            "V. Kumari",
            "(Kumari & Mason, 2019; Mason et al., 2017; Peters & Kumari, 2015)",
        ],
        ["Author", "L. Mason", "(Kumari & Mason, 2019; Mason et al., 2017)"],
        ["Author", "E. Peters", "(Mason et al., 2017; Peters & Kumari, 2015)"],
    ]
    # Journals compare case-insensitively: Translational Psychiatry has 2 papers.
    # Alpha Journal and World Psychiatry tie at 1: World Psychiatry's mean year is later.
    assert rows[3:] == [
        ["Journal", "Translational Psychiatry", "(Mason et al., 2017; Peters & Kumari, 2015)"],
        ["Journal", "World Psychiatry", "(Kumari & Mason, 2019)"],
        ["Journal", "Alpha Journal", "(Adams, 2010)"],
    ]


def test_top_contributors_alias_n_and_name_tie_break(review):
    venue = venue_id_for(review, "Psychotherapy Research")
    add_venue_alias(review, venue, "Psychother Res")
    included(
        review,
        "A",
        ["Brown, A."],
        2020,
        "Psychotherapy research : journal of the Society for Psychotherapy Research",
    )
    included(review, "B", ["Able, B."], 2020, "Psychother Res")
    included(review, "C", ["Cole, C."], 2020, "Other")
    table = top_contributors(review, n=1)
    # Three single-paper first authors of 2020: the name decides (Able).
    assert table.values.tolist() == [
        ["Author", "B. Able", "(Able, 2020)"],
        ["Journal", "Psychotherapy Research", "(Able, 2020; Brown, 2020)"],
    ]
    assert top_contributors(review, n=0).empty


def test_top_contributors_empty_review(review):
    assert top_contributors(review).empty


# -- claims and evidence ------------------------------------------------------------------------
def test_claims_keep_their_order_and_their_papers_order(review):
    a = included(review, "A", ["Calder, A.", "Hasler, G."], 2022)
    b = included(review, "B", ["Olson, D."], 2022)
    c = included(review, "C", ["Kupferberg, A.", "Hasler, G.", "Other, O."], 2024)
    add_claim(review, "First claim", "Moderate", [c, a, b], reasoning="Because")
    add_claim(review, "Second claim", "Strong", [b])
    assert claims_evidence(review).values.tolist() == [
        [
            "First claim",
            "Moderate",
            "Because",
            "(Kupferberg et al., 2024; Calder & Hasler, 2022; Olson, 2022)",
        ],
        ["Second claim", "Strong", "", "(Olson, 2022)"],
    ]
    assert list(claims_evidence(review).columns) == [
        "Claim",
        "Evidence Strength",
        "Reasoning",
        "Papers",
    ]


def test_claims_cite_same_author_year_with_letters(review):
    a = included(review, "Zeta study", ["Hayes, A."], 2020)
    b = included(review, "Alpha study", ["Hayes, A."], 2020)
    add_claim(review, "Claim", "Weak", [a, b])
    assert claims_evidence(review)["Papers"].tolist() == ["(Hayes, 2020b; Hayes, 2020a)"]


# -- research gaps matrix -------------------------------------------------------------------
def test_matrix_counts_included_papers_and_shows_gap(review):
    topic = terms(review, "Topic", ["Depression", "Psychosis", "Empty topic"])
    attr = terms(review, "Study attribute", ["Imaging", "Longitudinal"])
    p1 = included(review, "1", ["A, A."], 2001)
    p2 = included(review, "2", ["B, B."], 2002)
    p3 = excluded(review, "3", ["C, C."], 2003)  # tagged but excluded: not counted
    tag(review, [p1, p2, p3], topic["Depression"])
    tag(review, [p1, p3], attr["Imaging"])
    tag(review, [p2], attr["Longitudinal"])
    tag(review, [p1], topic["Psychosis"])
    tag(review, [p1], attr["Longitudinal"])
    table = research_gaps_matrix(review)
    assert list(table.columns) == ["Topic", "Imaging", "Longitudinal"]
    assert table.values.tolist() == [
        ["Depression", 1, 2],
        ["Psychosis", 1, 1],
        ["Empty topic", GAP, GAP],
    ]
    assert research_gaps_papers(review, topic["Depression"], attr["Longitudinal"]) == [p1, p2]


def test_matrix_any_facets_and_empty_facets(review):
    add_facet(review, "Country")
    terms(review, "Country", ["Sweden"])
    method = terms(review, "Methodology", ["RCT"])
    paper = included(review, "1", ["A, A."], 2001)
    tag(review, [paper], method["RCT"])
    tag(
        review,
        [paper],
        facet_id(review, "Country") and terms(review, "Country", ["Norway"])["Norway"],
    )
    table = research_gaps_matrix(review, rows="Methodology", columns="Country")
    assert table.values.tolist() == [["RCT", GAP, 1]]
    assert list(table.columns) == ["Methodology", "Sweden", "Norway"]
    empty = research_gaps_matrix(review)  # Topic and Study attribute have no terms
    assert list(empty.columns) == ["Topic"] and empty.empty
    with pytest.raises(CuratorError, match="no facet named 'Nope'"):
        research_gaps_matrix(review, rows="Nope")


# -- open questions and references -----------------------------------------------------------
def test_open_questions_in_order(review):
    add_question(review, "Q1?", "Because 1")
    add_question(review, "Q2?")
    assert open_questions(review).values.tolist() == [["Q1?", "Because 1"], ["Q2?", ""]]


def test_references_cover_the_cited_set_in_apa_order(review):
    excluded(review, "Not cited", ["Aaron, A."], 2000)
    b = included(
        review, "Beta.", ["Hayes, S.", "Hofmann, S."], 2021, "World Psychiatry", volume="20"
    )
    included(
        review,
        "Alpha",
        ["Hayes, A.", "Andrews, L."],
        2020,
        "BMC Medicine",
        volume="18",
        issue="1",
        pages="1-9",
        doi="10.1000/X",
    )
    claimed = add_paper(review, title="Claimed only", authors=["Zulu, Z."], year=1999).id
    add_claim(review, "C", "Strong", [claimed, b])
    table = references(review)
    assert list(table.columns) == ["Citation", "Reference"]
    assert table.values.tolist() == [
        [  # two first authors named Hayes: initials in text (APA 8.20)
            "A. Hayes & Andrews, 2020",
            "Hayes, A., & Andrews, L. (2020). Alpha. BMC Medicine, 18(1), 1–9. https://doi.org/10.1000/x",
        ],
        [
            "S. Hayes & Hofmann, 2021",
            "Hayes, S., & Hofmann, S. (2021). Beta. World Psychiatry, 20.",
        ],
        ["Zulu, 1999", "Zulu, Z. (1999). Claimed only."],
    ]


def test_key_order_is_validated(review):
    paper = included(review, "A", ["A, A."], 2000)
    with pytest.raises(ValidationError, match="listed twice"):
        set_key_order(review, [paper, paper])
    with pytest.raises(ValidationError, match="no paper with id 999"):
        set_key_order(review, [999])
    assert review.setting("key_paper_order") is None
