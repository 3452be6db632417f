"""The stopping test against hand computations, and the stopping state of a review."""

from __future__ import annotations

import pytest

from curator.core.errors import ValidationError
from curator.core.ranking import stopping
from curator.core.screening.decisions import record_decision
from tests.ranking_corpus import build_review, corpus, first_labelled


def test_hypergeometric_test_matches_a_hand_computation():
    # 19 relevant found in ranked order; 100 records remained; 10 of them screened at random,
    # none relevant. Recall < 95% would need >= floor(19 / 0.95) + 1 = 21 relevant overall,
    # i.e. 2 in the remainder. P(0 of 2 in a sample of 10 from 100) = 90*89 / (100*99).
    test = stopping.hypergeometric_test(19, 0, 10, 100, target=0.95, confidence=0.95)
    assert test.k_target == 2
    assert test.p_value == pytest.approx(90 * 89 / (100 * 99))
    assert not test.can_stop
    # After 80 such records: 20*19 / (100*99) = 0.0384 < 0.05: recall >= 95% at 95%.
    test = stopping.hypergeometric_test(19, 0, 80, 100)
    assert test.p_value == pytest.approx(20 * 19 / (100 * 99))
    assert test.can_stop
    assert test.missed_estimate == 0


def test_a_relevant_record_in_the_sample_raises_the_bar():
    # 19 before + 1 in the sample = 20 seen; recall < 95% needs 22 overall: 3 in the urn, one of
    # which was found. P(X <= 1 | N=100, K=3, n=80) = 1 - P(X >= 2), computed by hand:
    # P(X=2) = C(3,2)C(97,78)/C(100,80), P(X=3) = C(97,77)/C(100,80).
    from math import comb

    test = stopping.hypergeometric_test(19, 1, 80, 100)
    assert test.k_target == 3
    p2 = comb(3, 2) * comb(97, 78) / comb(100, 80)
    p3 = comb(97, 77) / comb(100, 80)
    assert test.p_value == pytest.approx(1 - p2 - p3)


def test_sample_size_needed_and_upper_bound_by_hand():
    # Smallest n with (100-n)(99-n) / 9900 < 0.05, i.e. (100-n)(99-n) < 495: n = 78.
    assert stopping.sample_size_needed(19, 100) == 78
    # After 78 clean records: K=1 unseen is still plausible (p = 22/100), K=2 is not (0.0467).
    assert stopping.missed_upper_bound(0, 78, 100, 0.95) == 1


def test_bad_test_input_is_refused():
    with pytest.raises(ValidationError):
        stopping.hypergeometric_test(3, 5, 4, 100)
    with pytest.raises(ValidationError):
        stopping.hypergeometric_test(3, 0, 4, 100, target=1.5)


def test_run_of_consecutive_excludes_follows_the_latest_decisions(review):
    rows = corpus(n_other=10)
    ids = build_review(review, rows, {})
    for paper_id, decision in zip(
        ids[:5], ["exclude", "include", "exclude", "exclude", "exclude"], strict=True
    ):
        record_decision(review, paper_id, "title_abstract", decision)
    assert stopping.consecutive_excludes(review, "title_abstract") == 3
    record_decision(review, ids[4], "title_abstract", "cleared")  # undo of the last one
    assert stopping.consecutive_excludes(review, "title_abstract") == 2
    record_decision(review, ids[5], "title_abstract", "maybe")
    assert stopping.consecutive_excludes(review, "title_abstract") == 0


def test_sample_drawn_screened_and_tested_on_a_review(review):
    rows = corpus(n_other=30)
    ids = build_review(review, rows, first_labelled(rows, 10, 10))  # 20 screened, 20 to go
    stopping.draw_sample(review, "title_abstract", 15, seed=7)
    state = stopping.status(review, "title_abstract")
    assert state.unscreened == 20 and state.relevant_seen == 10
    assert len(state.sample_ids) == 15 and state.test.sample_size == 0
    assert not state.test.can_stop
    for paper_id in state.sample_ids:
        record_decision(review, paper_id, "title_abstract", "exclude")
    state = stopping.status(review, "title_abstract")
    # 10 seen, recall < 95% needs 11: K_tar = 1 in 20; P(miss it in 15 of 20) = 5/20.
    assert state.test.k_target == 1
    assert state.test.p_value == pytest.approx(5 / 20)
    assert state.sample_ids == []
    assert set(ids) >= set(stopping.sample(review, "title_abstract")["paper_ids"])


def test_early_stop_is_recorded_and_can_be_undone(review):
    rows = corpus(n_other=10)
    build_review(review, rows, first_labelled(rows, 2, 2))
    with pytest.raises(ValidationError):
        stopping.record_stop(review, "title_abstract", "  ")
    stopping.record_stop(review, "title_abstract", "Stopping test passed")
    stop = stopping.stop_record(review, "title_abstract")
    assert stop["unscreened"] == len(rows) - 4 and stop["reason"] == "Stopping test passed"
    stopping.set_stop(review, "title_abstract", None)
    assert stopping.stop_record(review, "title_abstract") is None
    # Nothing was excluded by any of this.
    assert review.db.execute("SELECT COUNT(*) FROM decisions").fetchone()[0] == 4
