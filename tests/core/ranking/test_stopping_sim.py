"""Stopping rules replayed on a tiny labelled set, and the random-sample procedure by hand."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from curator.core.ranking import ranked_test, simulation, stopping_sim
from tests.ranking_corpus import corpus


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    path = tmp_path_factory.mktemp("tiny") / "set.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "abstract", "label_included"])
        writer.writerows(corpus(n_other=190))  # 200 records, 10 relevant
    data = simulation.read_labelled(path)
    prior = simulation.draw_priors(data.labels, 1, 1, seed=2)
    return data, prior, stopping_sim.simulate_stopping(data, prior, seed=2)


def test_each_rule_stops_where_its_definition_says(tiny):
    data, prior, run = tiny
    labels, n = run.sim.labels, 200
    assert run.sim.order[:2].tolist() == prior.tolist()
    assert labels.sum() == 10  # the main screening went on until every include was found
    found = np.cumsum(labels)
    for rule, length in stopping_sim.run_lengths(n).items():
        at = run.points[rule].screened
        # `length` excludes in a row end at `at`, and at no earlier point.
        runs = [
            i + 1
            for i in range(length - 1, labels.size)
            if not labels[i - length + 1 : i + 1].any()
        ]
        assert at == (runs[0] if runs else n), rule
    at = run.points["ranked_test"].screened
    assert ranked_test.can_stop(labels[:at], n, 0.95, 0.95)
    assert not any(ranked_test.can_stop(labels[:i], n, 0.95, 0.95) for i in range(1, at))
    for rule, point in run.points.items():
        hit = found[point.screened - 1] if point.screened <= labels.size else 10
        if rule not in ("random_sample", "safe"):
            assert point.recall == pytest.approx(hit / 10), rule
        assert point.wss == pytest.approx(1 - point.screened / n - 0.05, abs=1e-4), rule
    # The random sample starts after the first 50 excludes in a row.
    assert run.points["random_sample"].screened > run.points["run_50"].screened
    # SAFE screens a random 1% (2 records) and at least 50 + 50 ranked records.
    assert run.points["safe"].screened >= 2 + 2 + 100


def test_metrics_carry_every_rule(tiny):
    _data, _prior, run = tiny
    found = stopping_sim.stopping_metrics(run)
    best = run.points["ranked_test"]
    assert (found["stop_screened"], found["stop_recall"], found["stop_wss"]) == (
        best.screened,
        best.recall,
        best.wss,
    )
    assert set(found["stopping"]) == set(stopping_sim.RULES)
    # With 10 relevant, recall < 95% means 1 missed: the test must rule out a single hidden
    # record, so after the last one found (L records in) it needs the unscreened to be
    # under 5% of the 200 - L that remained: stop at the first s with 200 - s < 0.05 (200 - L).
    last = int(np.flatnonzero(run.sim.labels)[-1]) + 1
    expected = next(s for s in range(last, 201) if 200 - s < 0.05 * (200 - last))
    assert found["stop_recall"] == 1.0 and found["stop_screened"] == expected


def test_random_sample_procedure_by_hand():
    # 100 records, the 19 relevant screened first, then 11 irrelevant: the switch at 30.
    # The 70 left hold no relevant record, so any random order gives the same answer:
    # recall < 95% needs 2 of them relevant; p = (70-n)(69-n) / (70 * 69) < 0.05 first at
    # n = 54 (16 * 15 = 240 < 241.5).
    labels = np.array([1] * 19 + [0] * 81)
    screened, found = stopping_sim._random_sample(labels, np.arange(100), 30, 0.95, 0.95, 5)
    assert (screened, found) == (30 + 54, 19)
