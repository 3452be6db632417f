"""Stopping rules replayed on a labelled set: where each rule stops, its recall, the work saved.

A simulated reviewer screens in relevance order from the prior records (counted as work),
as `simulate` does, and each rule says when it would have stopped:

- `ranked_test`, the rule Curator recommends: Callaghan & Müller-Hansen's test on the
  screening order itself (curator.core.ranking.ranked_test), asked after every record;
- `random_sample`: their original procedure: ranked screening until 50 excludes in a row,
  then the remaining records in random order (the sample, counted as work), the
  hypergeometric test (curator.core.ranking.stopping) asked after each, until it says stop;
- `run_50`, `run_100`, `run_5pct`: stop after that many consecutive excludes;
- `safe`: the SAFE procedure (Boetje & van de Schoot 2024) as far as Curator's model allows:
  screen a random 1% (the priors kept as key papers); ranked screening until at least twice
  the relevant records the random set implies are screened and the last 50 were irrelevant;
  switch to another model (multinomial naive Bayes on the same features, where SAFE
  switches to a heavier feature extractor and neural network) until 50 more irrelevant in a
  row. SAFE's fourth phase, a second screener re-checking excluded records, finds nothing
  when the labels are the truth and is left out (its reading is not counted).

`stop_wss` is the share of records left unscreened minus the 1 - target that screening in
random order to the target would leave (WSS at the stopping point).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from curator.core.ranking import model as ranking
from curator.core.ranking import ranked_test, simulation

RECOMMENDED = "ranked_test"
RULES = ("ranked_test", "random_sample", "run_50", "run_100", "run_5pct", "safe")
RULE_LABELS = {
    "ranked_test": "Stopping test on the ranked order (recommended)",
    "random_sample": "Stopping test on a random sample after 50 excludes in a row",
    "run_50": "50 excludes in a row",
    "run_100": "100 excludes in a row",
    "run_5pct": "Excludes in a row: 5% of records",
    "safe": "SAFE (Boetje & van de Schoot 2024)",
}
SWITCH_RUN = 50  # the random sample starts after this many excludes in a row
SAFE_RUN = 50
SAFE_RANDOM_SHARE = 0.01
SAFE_SECOND_MODEL = "nb"


@dataclass(frozen=True)
class StopPoint:
    screened: int
    recall: float
    wss: float


def stop_point(screened: int, found: int, total_relevant: int, n: int, target: float) -> StopPoint:
    return StopPoint(
        screened, round(found / total_relevant, 4), round(1 - screened / n - (1 - target), 4)
    )


def run_lengths(n_records: int) -> dict[str, int]:
    return {"run_50": 50, "run_100": 100, "run_5pct": max(math.ceil(0.05 * n_records), 1)}


class _Watch:
    """Follows the main ranked screening and notes when each rule there first says stop."""

    def __init__(self, n: int, total_relevant: int, target: float, confidence: float):
        self.test = ranked_test.FirstStop(n, target, confidence)
        self.runs = run_lengths(n)
        self.at: dict[str, int] = {}
        self.run = self.found = self.screened = 0
        self.total_relevant = total_relevant

    def add(self, label: int) -> bool:
        self.screened += 1
        self.found += label
        self.run = 0 if label else self.run + 1
        for rule, length in self.runs.items():
            if rule not in self.at and self.run >= length:
                self.at[rule] = self.screened
        if "switch" not in self.at and self.run >= SWITCH_RUN:
            self.at["switch"] = self.screened
        if self.test.add(label) and RECOMMENDED not in self.at:
            self.at[RECOMMENDED] = self.test.at
        done = all(r in self.at for r in (*self.runs, RECOMMENDED, "switch"))
        return done and self.found == self.total_relevant


def _random_sample(
    labels: np.ndarray, order: np.ndarray, switch: int, target: float, confidence: float, seed
) -> tuple[int, int]:
    """Screened and found when the random-sample test first says stop after `switch`."""
    n = labels.size
    seen = order[:switch]
    before = int(labels[seen].sum())
    rest = np.setdiff1d(np.arange(n), seen)
    if rest.size == 0:
        return switch, before
    drawn = np.random.default_rng(seed).permutation(rest)
    # The test of curator.core.ranking.stopping.hypergeometric_test after each sample record,
    # for all sample sizes at once.
    size = np.arange(1, drawn.size + 1)
    hits = np.cumsum(labels[drawn])
    needed = np.floor((before + hits) / target + 1e-9) + 1 - before
    hideable = rest.size - size + hits
    p = np.where(
        needed > hideable,
        0.0,
        ranked_test.hypergeom_cdf(hits, rest.size, np.minimum(needed, hideable), size),
    )
    stops = np.flatnonzero(p < 1 - confidence)
    if stops.size == 0:
        return n, int(labels.sum())
    first = int(stops[0])
    return switch + first + 1, before + int(hits[first])


def _safe(data: simulation.Labelled, prior: np.ndarray, features, seed: int) -> tuple[int, int]:
    """Screened and found when SAFE's third phase ends (see the module's docstring)."""
    labels, n = data.labels, data.labels.size
    rest = np.setdiff1d(np.arange(n), prior)
    size = min(max(math.ceil(SAFE_RANDOM_SHARE * n), 1), rest.size)
    random_set = np.random.default_rng(seed + 7919).choice(rest, size, replace=False)
    estimate = labels[random_set].sum() / size * n  # relevant records the random set implies
    start = np.concatenate([prior, random_set])
    state = {"run": 0, "screened": start.size}

    def phase_two(_row: int, label: int) -> bool:
        state["screened"] += 1
        state["run"] = 0 if label else state["run"] + 1
        return state["run"] >= SAFE_RUN and state["screened"] >= 2 * estimate

    first = simulation.simulate(
        data, start, seed=seed, stop_when_all_found=False, until=phase_two, features=features
    )
    state["run"] = 0

    def phase_three(_row: int, label: int) -> bool:
        state["run"] = 0 if label else state["run"] + 1
        return state["run"] >= SAFE_RUN

    second = simulation.simulate(
        data,
        first.order,
        seed=seed,
        stop_when_all_found=False,
        until=phase_three,
        features=features,
        classifier=SAFE_SECOND_MODEL,
    )
    return int(second.order.size), int(second.labels.sum())


@dataclass(frozen=True)
class StoppingRun:
    sim: simulation.Simulation  # the main ranked screening (until every rule and include)
    points: dict[str, StopPoint]
    target: float
    confidence: float


def simulate_stopping(
    data: simulation.Labelled,
    prior: np.ndarray,
    *,
    seed: int = 0,
    target: float = ranked_test.DEFAULT_TARGET,
    confidence: float = ranked_test.DEFAULT_CONFIDENCE,
    classifier: str = ranking.DEFAULT_CLASSIFIER,
    retrain_every: int = simulation.RETRAIN_EVERY,
    rules: tuple[str, ...] = RULES,
) -> StoppingRun:
    """Replay `data` from `prior` in relevance order and find each rule's stopping point."""
    labels, n = data.labels, data.labels.size
    total = int(labels.sum())
    features = simulation.featurize(data)
    watch = _Watch(n, total, target, confidence)
    for label in labels[prior]:
        watch.add(int(label))
    sim = simulation.simulate(
        data,
        prior,
        seed=seed,
        retrain_every=retrain_every,
        classifier=classifier,
        stop_when_all_found=False,
        until=lambda _row, label: watch.add(label),
        features=features,
    )
    found = np.cumsum(sim.labels)

    def at(screened: int) -> StopPoint:
        screened = min(screened, n)
        hit = int(found[screened - 1]) if screened <= found.size else total
        return stop_point(screened, hit, total, n, target)

    points: dict[str, StopPoint] = {}
    for rule in rules:
        if rule == "random_sample":
            switch = watch.at.get("switch", n)
            screened, hit = _random_sample(labels, sim.order, switch, target, confidence, seed)
            points[rule] = stop_point(screened, hit, total, n, target)
        elif rule == "safe":
            screened, hit = _safe(data, prior, features, seed)
            points[rule] = stop_point(screened, hit, total, n, target)
        else:
            points[rule] = at(watch.at.get(rule, n))
    return StoppingRun(sim, points, target, confidence)


def stopping_metrics(run: StoppingRun) -> dict:
    """metrics.json's stop_* figures: the recommended rule's at the top, every rule's below."""
    best = run.points[RECOMMENDED]
    return {
        "stop_rule": RECOMMENDED,
        "stop_target": run.target,
        "stop_confidence": run.confidence,
        "stop_screened": best.screened,
        "stop_recall": best.recall,
        "stop_wss": best.wss,
        "stopping": {
            rule: {"stop_screened": p.screened, "stop_recall": p.recall, "stop_wss": p.wss}
            for rule, p in run.points.items()
        },
    }
