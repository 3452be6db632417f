"""Simulation on labelled data, and WSS / recall computed on hand-built rankings."""

from __future__ import annotations

import numpy as np
import pytest

from curator.core.errors import CuratorError
from curator.core.ranking import simulation
from tests.ranking_corpus import corpus


def test_wss_on_a_hand_built_ranking():
    # 20 records, includes screened 1st, 2nd, 3rd and 10th. ASReview Insights: 95% recall of
    # 4 includes is the 3rd (floor(3.8)); found after 3 records (index 2). Random screening
    # finds include k where round(linspace(0, 4, 20)) first reaches k: 3 at index 12
    # (12 * 4/19 = 2.53 rounds to 3). WSS@95 = (12 - 2) / 20 = 0.5.
    labels = np.zeros(20, dtype=int)
    labels[[0, 1, 2, 9]] = 1
    assert simulation.wss(labels) == pytest.approx(0.5)
    # Recall@10%: 2 records screened, 2 of the 4 includes found.
    assert simulation.recall_at(labels) == pytest.approx(0.5)
    assert simulation.screened_to_all(labels) == pytest.approx(10 / 20)
    # All includes at the very end: no work saved (the random order is as good).
    worst = np.zeros(20, dtype=int)
    worst[-4:] = 1
    assert simulation.wss(worst) <= 0
    assert simulation.recall_at(worst) == 0


def test_wss_is_close_to_unscreened_fraction_minus_five_percent():
    # 200 records, 20 includes: 19 first, the last at 150. 95% recall = 19 includes after 19
    # records: (200 - 19) / 200 - 0.05 = 0.855; ASReview's random baseline gives 0.835.
    labels = np.zeros(200, dtype=int)
    labels[list(range(19)) + [149]] = 1
    assert simulation.wss(labels) == pytest.approx((185 - 18) / 200)
    assert abs(simulation.wss(labels) - 0.855) < 0.025


def _write_csv(path, rows, label_column="label_included", sep=","):
    import csv

    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=sep)
        writer.writerow(["title", "abstract", label_column])
        writer.writerows(rows)


def test_read_labelled_csv_and_tsv(tmp_path):
    rows = corpus()
    _write_csv(tmp_path / "a.csv", rows)
    _write_csv(tmp_path / "b.tsv", rows, "included", "\t")
    a, b = (
        simulation.read_labelled(tmp_path / "a.csv"),
        simulation.read_labelled(tmp_path / "b.tsv"),
    )
    assert a.labels.sum() == b.labels.sum() == 10 and len(a.texts) == len(rows)
    assert a.texts == b.texts


def test_read_labelled_ris_with_asreview_notes(tmp_path):
    path = tmp_path / "x.ris"
    path.write_text(
        "TY  - JOUR\nTI  - Exercise for depression\nAB  - A trial.\nN1  - ASReview_relevant\nER  - \n\n"
        "TY  - JOUR\nTI  - Soil erosion\nAB  - Runoff.\nN1  - ASReview_irrelevant\nER  - \n",
        encoding="utf-8",
    )
    data = simulation.read_labelled(path)
    assert data.labels.tolist() == [1, 0]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("title,abstract,label_included\nA,B,1\nC,D,yes\n", r"record 2: label 'yes'"),
        ("title,abstract\nA,B\n", "no label column"),
        ("title,abstract,included\nA,B,1\nC,D,1\n", "at least one included and one excluded"),
    ],
)
def test_bad_labelled_files_say_what_is_wrong(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CuratorError, match=message):
        simulation.read_labelled(path)


def test_priors_are_seeded():
    labels = np.array([0, 1, 0, 1, 0, 0, 1, 0])
    a = simulation.draw_priors(labels, 1, 2, seed=5)
    assert a.tolist() == simulation.draw_priors(labels, 1, 2, seed=5).tolist()
    assert labels[a].tolist() == [1, 0, 0]
    with pytest.raises(CuratorError, match="the data has 3 and 5"):
        simulation.draw_priors(labels, 4, 1, seed=0)


def test_simulation_finds_the_relevant_records_early(tmp_path):
    rows = corpus(n_other=90)
    _write_csv(tmp_path / "set.csv", rows)
    data = simulation.read_labelled(tmp_path / "set.csv")
    prior = simulation.draw_priors(data.labels, 1, 1, seed=0)
    sim = simulation.simulate(data, prior, seed=0)
    assert sim.order[:2].tolist() == prior.tolist()
    assert len(set(sim.order.tolist())) == sim.order.size
    found = simulation.metrics(sim)
    # 10 relevant among 100: all found within the first 12 screened records.
    assert found["screened_to_all"] <= 0.12
    assert found["wss_95"] > 0.7  # the most possible here is about 0.77
    assert set(found) >= {"wss_95", "recall_10", "screened_to_all", "retrain_seconds_median"}
    again = simulation.simulate(data, prior, seed=0)
    assert again.order.tolist() == sim.order.tolist()


def test_reads_the_real_labelled_sets(shared_fixtures):
    adhd = simulation.read_labelled(shared_fixtures / "screening/cohen_2006/Cohen_2006_ADHD.csv.gz")
    assert (adhd.labels.size, int(adhd.labels.sum())) == (851, 20)
    kitchenham = simulation.read_labelled(
        shared_fixtures / "screening/other/Kitchenham_2010.csv.gz"
    )
    assert (kitchenham.labels.size, int(kitchenham.labels.sum())) == (1704, 45)
