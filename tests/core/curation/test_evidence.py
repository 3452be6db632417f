"""The suggested evidence strength on hand-built cases, with its reasons."""

from __future__ import annotations

from collections import Counter

from curator.core.curation import claims
from curator.core.curation.evidence import classify, level_for, scale_index, suggest_strength
from tests.curation_data import build

# build(): 0 RCT, 1 longitudinal, 2 systematic review, 3 narrative review, 4 untagged, 5 meta-analysis


def test_classify_terms():
    assert classify(["Multimodal neuroimaging", "RCT"]) == "rct"
    assert classify(["Systematic review"]) == "synthesis"
    assert classify(["Meta-analysis"]) == "synthesis"
    assert classify(["fMRI", "longitudinal"]) == "controlled"
    assert classify(["Review"]) == "other"
    assert classify([]) == "untagged"


def test_several_rcts_and_meta_analyses_consistent_is_strong(review):
    ids = build(review)
    s = suggest_strength(review, [ids[0], ids[2], ids[5]])
    assert s.strength == "Strong"
    assert "2 meta-analyses or systematic reviews, 1 RCT" in s.explain()
    assert "consistent direction" in s.explain()


def test_a_contradicting_paper_lowers_one_level(review):
    ids = build(review)
    s = suggest_strength(review, [ids[0], ids[5], ids[3]], ["supports", "supports", "contradicts"])
    assert s.strength == "Moderate"
    assert "1 contradicting" in s.explain() and "inconsistent" in s.explain()


def test_one_rct_is_moderate_and_context_is_not_counted(review):
    ids = build(review)
    s = suggest_strength(review, [ids[0], ids[5]], ["supports", "context"])
    assert s.strength == "Moderate"
    assert "1 context only" in s.explain()


def test_two_weak_designs_are_weak_one_is_very_weak(review):
    ids = build(review)
    assert suggest_strength(review, [ids[3], ids[4]]).strength == "Weak"
    single = suggest_strength(review, [ids[3]])
    assert single.strength == "Very weak"
    assert "single supporting paper" in single.explain()
    assert "untagged" in suggest_strength(review, [ids[4]]).explain()


def test_as_many_contradicting_as_supporting_is_weakest(review):
    ids = build(review)
    s = suggest_strength(review, [ids[0], ids[5]], ["supports", "contradicts"])
    assert s.strength == "Very weak"


def test_suggestion_uses_the_review_scale(review):
    ids = build(review)
    claims.set_strength_scale(review, claims.SCALE_PRESETS["GRADE"])
    assert suggest_strength(review, [ids[0], ids[5]]).strength == "High"
    claims.set_strength_scale(review, ["Convincing", "Limited"], rename={})
    assert suggest_strength(review, [ids[0], ids[5]]).strength == "Convincing"
    assert suggest_strength(review, [ids[3]]).strength == "Limited"


def test_levels_and_scale_mapping():
    assert level_for(Counter(controlled=2), 0)[0] == 1
    assert level_for(Counter(other=4), 0)[0] == 1
    assert level_for(Counter(), 0)[0] == 3
    assert [scale_index(level, 4) for level in range(4)] == [0, 1, 2, 3]
    assert [scale_index(level, 5) for level in range(4)] == [0, 1, 3, 4]


def test_no_papers_gives_no_suggestion(review):
    s = suggest_strength(review, [])
    assert s.strength is None and "link papers" in s.explain()


def test_suggestions_agree_with_the_reference_review_on_the_demo(tmp_path):
    """The demo's six claims carry the reference review's grades; the rule suggests each one."""
    from curator.core.demo import build_demo

    review = build_demo(tmp_path / "demo.curator")
    try:
        rows = claims.claims(review)
        assert len(rows) == 6
        for claim in rows:
            suggestion = suggest_strength(review, claim["papers"], claim["relations"])
            assert suggestion.strength == claim["strength"], (claim["text"], suggestion.explain())
    finally:
        review.close()
