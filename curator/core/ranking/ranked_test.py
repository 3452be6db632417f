"""The stopping test on the screening order itself (ranked quasi-sampling).

Callaghan & Müller-Hansen (2020) test H0 "recall is below the target" on a random sample of
the records left unscreened. Their ranked variant (the `calculate_h0` of their buscar
package) needs no extra sample: it treats the last n records screened as if they had been
drawn at random from the records that remained when they started, for every n, and takes
the smallest p-value. Records screened in relevance order are less likely to be relevant
than a random draw from what remained, so the test errs on the side of screening more; the
stopping benchmark (docs/benchmarks-stopping.md) measures how often it stopped too early.

Everything here works on labels in the order screened (1 relevant, 0 not), so the same
functions serve the simulation and a review's decisions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from curator.core.errors import ValidationError

DEFAULT_TARGET = 0.95
DEFAULT_CONFIDENCE = 0.95


def hypergeom_cdf(k, urn, relevant, drawn, odds: float = 1.0) -> np.ndarray:
    """P(X <= k) drawing `drawn` of `urn` records of which `relevant` are relevant, for all
    windows at once, summed from log-binomials: scipy's hypergeom.cdf takes about a quarter
    of a second for a few dozen large windows, too slow to ask after every record. With
    `odds` != 1, Fisher's noncentral hypergeometric: a relevant record `odds` times as
    likely to be among those drawn."""
    from scipy.special import gammaln  # loaded when a test is computed

    def log_comb(a, b):
        return gammaln(a + 1) - gammaln(b + 1) - gammaln(a - b + 1)

    k, urn, relevant, drawn = (
        np.asarray(x, dtype=np.float64).reshape(-1, 1)
        for x in np.broadcast_arrays(k, urn, relevant, drawn)
    )
    if not k.size:
        return np.zeros(0)
    top = k if odds == 1.0 else np.minimum(relevant, drawn)  # the terms to sum
    j = np.arange(int(top.max()) + 1, dtype=np.float64)[None, :]
    others = urn - relevant
    support = (j <= relevant) & (drawn - j <= others) & (drawn - j >= 0)
    jj, rest = np.where(support, j, 0), np.where(support, drawn - j, 0)
    logs = log_comb(relevant, jj) + log_comb(others, rest)
    if odds == 1.0:
        terms = np.where(support & (j <= k), np.exp(logs - log_comb(urn, drawn)), 0.0)
        return np.clip(terms.sum(axis=1), 0.0, 1.0)
    logs = np.where(support, logs + j * np.log(odds), -np.inf)
    weights = np.exp(logs - logs.max(axis=1, keepdims=True))
    below = np.where(j <= k, weights, 0.0).sum(axis=1)
    return np.clip(below / weights.sum(axis=1), 0.0, 1.0)


def _check(target: float, confidence: float) -> None:
    if not 0 < target < 1 or not 0 < confidence < 1:
        raise ValidationError("target recall and confidence must be between 0 and 1")


def p_value(
    labels: Sequence[int] | np.ndarray,
    total: int,
    target: float = DEFAULT_TARGET,
    bias: float = 1.0,
):
    """(p, n): the smallest p-value of H0 "recall < target" over the last n records screened,
    n = 1 .. all, and the n that gave it. `total` counts screened and unscreened records.
    `bias` > 1 assumes the ranking put relevant records among the last n `bias` times as
    readily as a random draw (the idea of buscar's bias option, with Fisher's noncentral
    hypergeometric); 1, Curator's test, assumes nothing of the ranking."""
    seq = np.asarray(labels, dtype=np.int64)
    seen = seq.size
    if seen > total:
        raise ValidationError(f"{seen} records screened out of {total}: more than there are")
    if seen == 0:
        return 1.0, 0
    relevant_seen = int(seq.sum())
    backwards = seq[::-1]
    # Stretching a window back over an irrelevant record adds it to the sample and the urn
    # alike, which only lowers p: the smallest p is at a window that starts right after a
    # relevant record, or at the first record. Only those r_seen + 1 windows are computed.
    n = np.append(np.flatnonzero(backwards[1:] == 1) + 1, seen)
    k = np.cumsum(backwards)[n - 1]  # relevant among the last n
    urn = total - seen + n  # records that remained when the last n began
    needed = np.floor(relevant_seen / target + 1e-9) + 1 - (relevant_seen - k)
    hideable = urn - n + k  # the most relevant records the urn can have held
    impossible = needed > hideable  # even all unseen relevant would leave recall >= target
    p = np.where(impossible, 0.0, hypergeom_cdf(k, urn, np.minimum(needed, hideable), n, bias))
    best = int(np.argmin(p))
    return float(p[best]), int(n[best])


def can_stop(labels, total: int, target: float, confidence: float, bias: float = 1.0) -> bool:
    return p_value(labels, total, target, bias)[0] < 1 - confidence


def first_stop(
    labels, total: int, target: float, confidence: float, bias: float = 1.0
) -> int | None:
    """Records screened when the test first said stop along `labels`, or None."""
    seq = np.asarray(labels, dtype=np.int64)
    return next(
        (i for i in range(1, seq.size + 1) if can_stop(seq[:i], total, target, confidence, bias)),
        None,
    )


def more_to_stop(
    labels, total: int, target: float = DEFAULT_TARGET, confidence: float = DEFAULT_CONFIDENCE
) -> int:
    """How many more records, if none of them is relevant, before the test says stop (0: it
    says so now). Adding irrelevant records only lowers every window's p-value, so the
    answer is found by bisection; screening everything always satisfies the test."""
    _check(target, confidence)
    seq = np.asarray(labels, dtype=np.int64)
    unseen = total - seq.size

    def stops(m: int) -> bool:
        return can_stop(np.concatenate([seq, np.zeros(m, np.int64)]), total, target, confidence)

    lo, hi = 0, max(unseen, 0)
    if stops(lo):
        return 0
    while lo + 1 < hi:
        mid = (lo + hi) // 2
        if stops(mid):
            hi = mid
        else:
            lo = mid
    return hi


@dataclass(frozen=True)
class RankedTest:
    """The test now: where screening stands, the p-value and what would let it say stop."""

    target: float
    confidence: float
    screened: int
    total: int
    relevant_seen: int
    p_value: float
    window: int  # the last `window` records screened gave the smallest p-value
    can_stop: bool
    more_to_stop: int  # records more, all irrelevant, before the test says stop


def ranked_test(
    labels,
    total: int,
    *,
    target: float = DEFAULT_TARGET,
    confidence: float = DEFAULT_CONFIDENCE,
) -> RankedTest:
    _check(target, confidence)
    seq = np.asarray(labels, dtype=np.int64)
    p, window = p_value(seq, total, target)
    stop = p < 1 - confidence
    return RankedTest(
        target=target,
        confidence=confidence,
        screened=int(seq.size),
        total=total,
        relevant_seen=int(seq.sum()),
        p_value=p,
        window=window,
        can_stop=stop,
        more_to_stop=0 if stop else more_to_stop(seq, total, target, confidence),
    )


class FirstStop:
    """Follows a screening sequence one label at a time and remembers when the test first
    said stop (records screened then)."""

    def __init__(self, total: int, target: float, confidence: float):
        self.total, self.target, self.confidence = total, target, confidence
        self.labels: list[int] = []
        self.at: int | None = None

    def add(self, label: int) -> bool:
        """Add the next label; True once the test has said stop."""
        self.labels.append(int(label))
        if self.at is None and can_stop(self.labels, self.total, self.target, self.confidence):
            self.at = len(self.labels)
        return self.at is not None
