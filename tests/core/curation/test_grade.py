"""GRADE certainty: the arithmetic, the starting level from designs or the curator, the edits."""

from __future__ import annotations

import pytest

from curator.core.curation import claims, grade
from curator.core.errors import ValidationError
from tests.curation_data import build


def judged(**domains: str) -> dict:
    return {key: {"judgement": value, "reason": "because"} for key, value in domains.items()}


# -- the arithmetic on hand-built cases ---------------------------------------------------
def test_start_high_one_serious_downgrade_gives_moderate():
    level, down, up = grade.certainty_level("high", judged(risk_of_bias="Serious"))
    assert (grade.CERTAINTY[level], down, up) == ("Moderate", 1, 0)


def test_two_very_serious_downgrades_give_very_low():
    level, down, _up = grade.certainty_level(
        "high", judged(inconsistency="Very serious", imprecision="Very serious")
    )
    assert (grade.CERTAINTY[level], down) == ("Very low", 4)  # kept within the four levels


def test_an_upgrade_from_low_gives_moderate():
    level, down, up = grade.certainty_level("low", judged(large_effect="Large"))
    assert (grade.CERTAINTY[level], down, up) == ("Moderate", 0, 1)


@pytest.mark.parametrize(
    ("start", "domains", "expected"),
    [
        ("high", {}, "High"),
        ("low", {}, "Low"),
        ("high", {"risk_of_bias": "Not serious", "publication_bias": "Undetected"}, "High"),
        ("high", {"publication_bias": "Strongly suspected", "indirectness": "Serious"}, "Low"),
        ("low", {"large_effect": "Very large"}, "High"),
        ("low", {"dose_response": "Yes", "plausible_confounding": "Yes"}, "High"),
        ("low", {"large_effect": "Very large", "dose_response": "Yes"}, "High"),  # capped
        ("low", {"imprecision": "Serious", "large_effect": "Large"}, "Low"),
        ("low", {"risk_of_bias": "Very serious"}, "Very low"),
        ("high", {"large_effect": "No", "dose_response": "No"}, "High"),
    ],
)
def test_certainty_table(start, domains, expected):
    level, _down, _up = grade.certainty_level(start, judged(**domains))
    assert grade.CERTAINTY[level] == expected


def test_an_unknown_start_or_judgement_is_refused():
    with pytest.raises(ValidationError, match="starting level"):
        grade.certainty_level("medium", {})
    with pytest.raises(ValidationError, match="not a GRADE judgement"):
        grade.certainty_level("high", judged(risk_of_bias="Large"))


# -- the starting level -------------------------------------------------------------------
def test_start_comes_from_the_designs(review):
    rct, longitudinal, _synthesis, review_paper, untagged = build(review)[:5]
    high = grade.profile(review, [rct, longitudinal], None, {})
    assert (high.start, high.start_why, high.certainty) == ("high", "randomised: 1 RCT", "High")
    low = grade.profile(review, [longitudinal, review_paper], None, {})
    assert (low.start, low.certainty) == ("low", "Low")
    assert low.start_why.startswith("observational")
    # a link marked context does not count toward the body of evidence
    context = grade.profile(review, [rct, longitudinal], ["context", "supports"], {})
    assert context.start == "low"
    nothing = grade.profile(review, [rct], ["context"], {})
    assert (nothing.start, nothing.certainty) == (None, None)
    assert "no certainty" in nothing.summary()
    assert grade.profile(review, [untagged], None, {}).start == "low"


def test_synthesis_starts_high_and_the_curator_overrides_with_a_reason(review):
    ids = build(review)
    claim_id = claims.add_claim(review, "C", "Strong", [ids[2]]).id  # a systematic review
    assert grade.claim_profile(review, claims.get_claim(review, claim_id)).start == "high"
    with pytest.raises(ValidationError, match="say why"):
        grade.set_start(review, claim_id, "low", "  ")
    assert claims.get_claim(review, claim_id)["grade_start"] is None  # refused: unchanged
    grade.set_start(review, claim_id, "low", "it pools observational studies")
    shown = grade.claim_profile(review, claims.get_claim(review, claim_id))
    assert (shown.start, shown.overridden, shown.certainty) == ("low", True, "Low")
    assert shown.start_why == "set by the curator: it pools observational studies"
    grade.set_start(review, claim_id, "auto")
    claim = claims.get_claim(review, claim_id)
    assert (claim["grade_start"], claim["grade_start_reason"]) == (None, None)
    with pytest.raises(ValidationError, match="not one of auto, high, low"):
        grade.set_start(review, claim_id, "moderate", "x")


# -- editing one domain at a time, mapping to the review's scale ---------------------------
def test_grade_domain_keeps_the_others_and_maps_to_the_scale(review):
    ids = build(review)
    claim_id = claims.add_claim(review, "C", "Strong", [ids[0], ids[5]]).id
    grade.grade_domain(review, claim_id, "Risk of bias", "not serious", "Blinded assessors")
    grade.grade_domain(review, claim_id, "inconsistency", "SERIOUS", "Effects differ in sign")
    grade.grade_domain(review, claim_id, "inconsistency", "Serious")  # reason kept
    claim = claims.get_claim(review, claim_id)
    assert claim["grades"] == {
        "inconsistency": {"judgement": "Serious", "reason": "Effects differ in sign"},
        "risk_of_bias": {"judgement": "Not serious", "reason": "Blinded assessors"},
    }
    shown = grade.claim_profile(review, claim)
    assert (shown.certainty, shown.strength) == ("Moderate", "Moderate")
    assert shown.not_judged == [
        "indirectness",
        "imprecision",
        "publication_bias",
        "large_effect",
        "dose_response",
        "plausible_confounding",
    ]
    claims.set_strength_scale(
        review, ["Convincing", "Suggestive", "Weak"], {"Strong": "Convincing"}
    )
    claim_low = grade.grade_domain(review, claim_id, "imprecision", "very serious", "n=12").id
    shown = grade.claim_profile(review, claims.get_claim(review, claim_low))
    assert (shown.certainty, shown.strength) == ("Very low", "Weak")


def test_bad_domain_or_rating_changes_nothing(review):
    ids = build(review)
    claim_id = claims.add_claim(review, "C", "Strong", [ids[0]]).id
    with pytest.raises(ValidationError, match="unknown GRADE domain 'bias'"):
        grade.grade_domain(review, claim_id, "bias", "Serious", "x")
    with pytest.raises(ValidationError, match="Large effect: 'Serious' is not one of"):
        grade.grade_domain(review, claim_id, "large_effect", "Serious", "x")
    assert claims.get_claim(review, claim_id)["grades"] == {}


def test_notes_flag_undefended_and_unusual_judgements(review):
    ids = build(review)
    shown = grade.profile(
        review,
        [ids[0]],
        None,
        {
            "risk_of_bias": {"judgement": "Serious", "reason": None},
            "large_effect": {"judgement": "Large", "reason": "RR 5"},
        },
    )
    assert shown.certainty == "High"
    assert "Risk of bias is rated Serious without a reason" in shown.notes
    assert any("rates up mainly observational evidence" in n for n in shown.notes)


def test_snapshot_and_restore_carry_the_starting_level(review):
    ids = build(review)
    claim_id = claims.add_claim(review, "C", "Strong", [ids[0]]).id
    before = claims.snapshot_claims(review)
    grade.set_start(review, claim_id, "low", "surrogate outcomes")
    claims.restore_claims(review, before)
    assert claims.get_claim(review, claim_id)["grade_start"] is None
