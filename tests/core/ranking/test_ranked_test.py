"""The stopping test on the ranked order, against hand computations and a brute force."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import hypergeom, nchypergeom_fisher

from curator.core.errors import ValidationError
from curator.core.ranking import ranked_test


def _nineteen_then_irrelevant(zeros: int) -> list[int]:
    return [1] * 19 + [0] * zeros


def test_hand_built_ranking_stops_where_the_hand_computation_says():
    # 100 records; the first 19 screened are relevant, then only irrelevant ones. Recall
    # below 95% needs >= floor(19 / 0.95) + 1 = 21 relevant: 2 among the 81 records left
    # after the 19. Taking the n irrelevant records screened since as the sample:
    # p = (81 - n)(80 - n) / (81 * 80), below 0.05 first at n = 63 (18 * 17 = 306 < 324).
    at_62 = ranked_test.ranked_test(_nineteen_then_irrelevant(62), 100)
    assert not at_62.can_stop
    assert at_62.p_value == pytest.approx(19 * 18 / (81 * 80))
    assert at_62.more_to_stop == 1
    at_63 = ranked_test.ranked_test(_nineteen_then_irrelevant(63), 100)
    assert at_63.can_stop and at_63.more_to_stop == 0
    assert at_63.p_value == pytest.approx(18 * 17 / (81 * 80))
    assert at_63.window == 63 and at_63.relevant_seen == 19 and at_63.screened == 82
    assert ranked_test.ranked_test(_nineteen_then_irrelevant(20), 100).more_to_stop == 43


def test_smallest_p_over_every_window_matches_a_brute_force():
    # The test only computes windows that start after a relevant record; it must equal
    # the minimum over all n = 1 .. screened.
    def brute(seq, total, target):
        seq, best = np.asarray(seq), 1.0
        seen, found = seq.size, seq.sum()
        for n in range(1, seen + 1):
            k = seq[seen - n :].sum()
            urn = total - seen + n
            needed = np.floor(found / target + 1e-9) + 1 - (found - k)
            p = 0.0 if needed > urn - n + k else hypergeom.cdf(k, urn, needed, n)
            best = min(best, p)
        return best

    rng = np.random.default_rng(3)
    for _ in range(200):
        total = int(rng.integers(5, 150))
        seq = (rng.random(int(rng.integers(1, total + 1))) < rng.random() * 0.6).astype(int)
        target = float(rng.choice([0.8, 0.9, 0.95]))
        assert ranked_test.p_value(seq, total, target)[0] == pytest.approx(
            brute(seq, total, target), abs=1e-12
        )


def test_a_ranking_bias_matches_fishers_noncentral_hypergeometric():
    # With bias b, a relevant record is b times as likely to be among the last n: the
    # same windows, scipy's Fisher distribution; and a bias only makes stopping earlier.
    rng = np.random.default_rng(4)
    for _ in range(60):
        total = int(rng.integers(5, 120))
        seq = (rng.random(int(rng.integers(1, total + 1))) < 0.2).astype(int)
        seen, found = seq.size, seq.sum()
        expected = 1.0
        for n in range(1, seen + 1):
            k = seq[seen - n :].sum()
            urn = total - seen + n
            needed = np.floor(found / 0.95 + 1e-9) + 1 - (found - k)
            if needed > urn - n + k:
                expected = 0.0
            else:
                expected = min(expected, nchypergeom_fisher.cdf(k, urn, needed, n, 2.0))
        assert ranked_test.p_value(seq, total, 0.95, bias=2.0)[0] == pytest.approx(
            expected, abs=1e-9
        )
        biased = ranked_test.p_value(seq, total, bias=2.0)[0]
        assert biased <= ranked_test.p_value(seq, total)[0] + 1e-12
    seq = _nineteen_then_irrelevant(80)
    assert ranked_test.first_stop(seq, 100, 0.95, 0.95) == 19 + 63
    assert ranked_test.first_stop(seq, 100, 0.95, 0.95, bias=3.0) < 19 + 63


def test_a_late_relevant_record_resets_the_count():
    # Same as above, but a relevant record turns up as the 62nd after the 19: stopping now
    # needs far more than one more irrelevant record.
    seq = _nineteen_then_irrelevant(61) + [1]
    test = ranked_test.ranked_test(seq, 100)
    assert not test.can_stop and test.more_to_stop > 1
    assert ranked_test.can_stop(seq + [0] * test.more_to_stop, 100, 0.95, 0.95)
    assert not ranked_test.can_stop(seq + [0] * (test.more_to_stop - 1), 100, 0.95, 0.95)


def test_everything_screened_can_stop_and_nothing_screened_cannot():
    assert ranked_test.ranked_test([1, 0, 0, 1], 4).can_stop
    assert ranked_test.p_value([], 10) == (1.0, 0)
    assert not ranked_test.ranked_test([], 10).can_stop


def test_first_stop_follows_a_sequence():
    watch = ranked_test.FirstStop(100, 0.95, 0.95)
    for label in _nineteen_then_irrelevant(70):
        watch.add(label)
    assert watch.at == 19 + 63


def test_bad_input_is_refused():
    with pytest.raises(ValidationError, match="more than there are"):
        ranked_test.p_value([0] * 5, 4)
    with pytest.raises(ValidationError):
        ranked_test.ranked_test([0, 1], 10, target=1.2)
