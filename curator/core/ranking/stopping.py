"""When to stop screening: the run of consecutive excludes and a statistical stopping test.

The test is Callaghan & Müller-Hansen (2020, Systematic Reviews 9:273): after screening in
ranked order, screen a random sample of the remaining records and test the null hypothesis
"recall is below the target". If recall were below the target, the remainder would have
held at least K_tar relevant records, K_tar = floor(r_seen / target) + 1 - r_before; the
p-value is the hypergeometric probability of finding no more than k relevant records in a
sample of n drawn from the N records that remained. Below 1 - confidence, stopping is
justified. The same test on the screening order itself (curator.core.ranking.ranked_test)
needs no sample and is the reviewer's main guide. Curator never excludes anything by
itself: the tests only inform the curator, and a stop is recorded (with the unscreened
count, the reason and the sentence for the methods section) for the PRISMA report.
"""

from __future__ import annotations

import math
import random
from dataclasses import asdict, dataclass

from curator.core.changes import Changes
from curator.core.errors import ValidationError
from curator.core.ranking import ranked_test
from curator.core.ranking.labels import POSITIVE
from curator.core.review import Review, stage_column
from curator.core.timeutil import now


def _hypergeom():
    """scipy.stats' hypergeometric distribution, loaded when a test is computed."""
    from scipy.stats import hypergeom

    return hypergeom


DEFAULT_TARGET = 0.95
DEFAULT_CONFIDENCE = 0.95
_SAMPLE_KEY = "stopping_sample.{stage}"
_STOP_KEY = "screening_stopped.{stage}"


@dataclass(frozen=True)
class StoppingTest:
    """The hypergeometric test after screening `sample_size` random records of `remaining`."""

    target: float
    confidence: float
    remaining: int  # N: records left unscreened when the random sample was drawn
    relevant_before: int  # relevant records found before the sample
    sample_size: int  # n: sample records screened so far
    sample_relevant: int  # k: relevant among them
    k_target: int  # relevant records the remainder must have held for recall < target
    p_value: float
    can_stop: bool
    missed_estimate: float  # expected relevant records still unseen
    missed_upper: int  # ... and an upper bound at `confidence`


def k_target(relevant_seen: int, relevant_before: int, target: float) -> int:
    """Fewest relevant records the remainder must have held for recall to be below target."""
    return math.floor(relevant_seen / target + 1e-9) + 1 - relevant_before


def hypergeometric_test(
    relevant_before: int,
    sample_relevant: int,
    sample_size: int,
    remaining: int,
    *,
    target: float = DEFAULT_TARGET,
    confidence: float = DEFAULT_CONFIDENCE,
) -> StoppingTest:
    """Test H0 "recall < target" from a random sample of the `remaining` records."""
    if not 0 < target < 1 or not 0 < confidence < 1:
        raise ValidationError("target recall and confidence must be between 0 and 1")
    if not 0 <= sample_relevant <= sample_size <= remaining:
        raise ValidationError(
            f"a sample of {sample_size} with {sample_relevant} relevant cannot come from "
            f"{remaining} remaining records"
        )
    seen = relevant_before + sample_relevant
    needed = k_target(seen, relevant_before, target)
    if needed > remaining - sample_size + sample_relevant:
        p_value = 0.0  # the remainder is too small to hide that many relevant records
    else:
        p_value = float(_hypergeom().cdf(sample_relevant, remaining, needed, sample_size))
    unseen = remaining - sample_size
    estimate = unseen * sample_relevant / sample_size if sample_size else float("nan")
    return StoppingTest(
        target=target,
        confidence=confidence,
        remaining=remaining,
        relevant_before=relevant_before,
        sample_size=sample_size,
        sample_relevant=sample_relevant,
        k_target=needed,
        p_value=p_value,
        can_stop=sample_size > 0 and p_value < 1 - confidence,
        missed_estimate=estimate,
        missed_upper=missed_upper_bound(sample_relevant, sample_size, remaining, confidence),
    )


def _first_true(lo: int, hi: int, test) -> int | None:
    """Smallest x in [lo, hi] with test(x) true, for a test that stays true once true."""
    if lo > hi or not test(hi):
        return None
    while lo < hi:
        mid = (lo + hi) // 2
        if test(mid):
            hi = mid
        else:
            lo = mid + 1
    return lo


def missed_upper_bound(
    sample_relevant: int, sample_size: int, remaining: int, confidence: float
) -> int:
    """Largest number of relevant records still unseen that the sample does not rule out."""
    if sample_size == 0:
        return remaining
    alpha = 1 - confidence
    top = remaining - sample_size + sample_relevant
    # P(X <= k | K relevant in the remainder) falls as K grows: find the first K it rules out.
    ruled_out = _first_true(
        sample_relevant,
        top,
        lambda k: _hypergeom().cdf(sample_relevant, remaining, k, sample_size) <= alpha,
    )
    largest = top if ruled_out is None else ruled_out - 1
    return max(largest - sample_relevant, 0)


def sample_size_needed(
    relevant_seen: int,
    remaining: int,
    *,
    target: float = DEFAULT_TARGET,
    confidence: float = DEFAULT_CONFIDENCE,
) -> int:
    """How many random records to screen so that, if none is relevant, the test says stop."""
    needed = k_target(relevant_seen, relevant_seen, target)
    if needed > remaining:
        return 0
    alpha = 1 - confidence
    size = _first_true(1, remaining, lambda n: _hypergeom().cdf(0, remaining, needed, n) < alpha)
    return remaining if size is None else size


# -- on a review -------------------------------------------------------------------------
def _eligible(stage: str) -> str:
    return "1" if stage == "title_abstract" else "ta_decision IN ('include', 'maybe')"


def consecutive_excludes(review: Review, stage: str, reviewer: str | None = None) -> int:
    """How many of the latest decisions at `stage` in a row were excludes.

    With `reviewer`, that reviewer's own current decisions; without, the team's effective
    decisions in the order they were last decided (for one reviewer, the same run), so the
    window and `curator stopping` agree without knowing who screens."""
    column = stage_column(stage)
    if reviewer:
        rows = review.db.execute(
            "SELECT decision FROM screening_status WHERE stage = ? AND reviewer = ? "
            "AND decision != 'cleared' ORDER BY decision_id DESC",
            (stage, reviewer),
        )
    else:
        rows = review.db.execute(
            f"SELECT p.{column} FROM papers p JOIN (SELECT paper_id, MAX(decision_id) AS last "
            "FROM screening_status WHERE stage = ? AND decision != 'cleared' GROUP BY paper_id) s "
            f"ON s.paper_id = p.id WHERE p.merged_into IS NULL AND p.{column} IS NOT NULL "
            "ORDER BY s.last DESC",
            (stage,),
        )
    run = 0
    for (decision,) in rows:
        if decision != "exclude":
            break
        run += 1
    return run


def unscreened_ids(review: Review, stage: str) -> list[int]:
    column = stage_column(stage)
    return [
        r[0]
        for r in review.db.execute(
            f"SELECT id FROM papers WHERE merged_into IS NULL AND {column} IS NULL "
            f"AND {_eligible(stage)} ORDER BY id"
        )
    ]


def relevant_count(review: Review, stage: str, exclude_ids: set[int] = frozenset()) -> int:
    column = stage_column(stage)
    marks = ", ".join(f"'{d}'" for d in POSITIVE)
    ids = review.db.execute(
        f"SELECT id FROM papers WHERE merged_into IS NULL AND {column} IN ({marks})"
    )
    return sum(1 for (paper_id,) in ids if paper_id not in exclude_ids)


def draw_sample(review: Review, stage: str, size: int, *, seed: int | None = None) -> Changes:
    """Draw a random sample of the unscreened records for the stopping test (replaces any)."""
    remaining = unscreened_ids(review, stage)
    if size < 1 or size > len(remaining):
        raise ValidationError(f"sample size must be between 1 and {len(remaining)}", "size")
    seed = random.SystemRandom().randrange(2**31) if seed is None else seed
    chosen = random.Random(seed).sample(remaining, size)
    value = {
        "paper_ids": chosen,
        "remaining": len(remaining),
        "relevant_before": relevant_count(review, stage),
        "seed": seed,
        "drawn_at": now(),
    }
    return set_sample(review, stage, value)


def set_sample(review: Review, stage: str, value: dict | None) -> Changes:
    """Store (or with None, remove) the stage's stopping sample; used by draw and by undo."""
    review.store_setting(_SAMPLE_KEY.format(stage=stage), value)
    return Changes(settings=True)


def sample(review: Review, stage: str) -> dict | None:
    return review.setting(_SAMPLE_KEY.format(stage=stage))


def screening_sequence(review: Review, stage: str) -> list[int]:
    """The stage's decided records in the order first decided: 1 relevant (include, maybe,
    or reviewers in conflict, to err towards screening more), 0 not."""
    column = stage_column(stage)
    relevant = set(POSITIVE) | {"conflict"}
    rows = review.db.execute(
        f"SELECT p.{column} FROM papers p JOIN decisions d ON d.paper_id = p.id "
        f"AND d.stage = ? AND d.decision != 'cleared' "
        f"WHERE p.merged_into IS NULL AND p.{column} IS NOT NULL "
        f"GROUP BY p.id ORDER BY MIN(d.id)",
        (stage,),
    )
    return [1 if decision in relevant else 0 for (decision,) in rows]


@dataclass(frozen=True)
class StoppingStatus:
    stage: str
    screened: int
    unscreened: int
    relevant_seen: int
    consecutive_excludes: int
    sample_needed: int  # random records to screen for the test (if none turns out relevant)
    sample_ids: list[int]  # the drawn sample's records still to screen, in drawn order
    test: StoppingTest | None  # None until a sample is drawn and partly screened
    ranked: ranked_test.RankedTest | None = None  # the test on the screening order (the guide)


def status(
    review: Review,
    stage: str,
    *,
    target: float = DEFAULT_TARGET,
    confidence: float = DEFAULT_CONFIDENCE,
    reviewer: str | None = None,
) -> StoppingStatus:
    """Everything the stopping panel shows, computed from the decisions and the drawn sample;
    the run of excludes is `reviewer`'s (default: the team's, see consecutive_excludes)."""
    column = stage_column(stage)
    remaining = unscreened_ids(review, stage)
    screened = review.db.execute(
        f"SELECT COUNT(*) FROM papers WHERE merged_into IS NULL AND {column} IS NOT NULL"
    ).fetchone()[0]
    seen = relevant_count(review, stage)
    drawn = sample(review, stage)
    test, todo = None, []
    if drawn:
        ids = drawn["paper_ids"]
        decided = dict(
            review.db.execute(
                f"SELECT id, {column} FROM papers WHERE id IN ({','.join('?' * len(ids))})", ids
            ).fetchall()
        )
        done = [p for p in ids if decided.get(p) is not None]
        todo = [p for p in ids if decided.get(p) is None]
        hits = sum(1 for p in done if decided[p] in POSITIVE)
        test = hypergeometric_test(
            drawn["relevant_before"],
            hits,
            len(done),
            drawn["remaining"],
            target=target,
            confidence=confidence,
        )
    sequence = screening_sequence(review, stage)
    total = len(sequence) + len(remaining)
    guide = (
        ranked_test.ranked_test(sequence, total, target=target, confidence=confidence)
        if total
        else None
    )
    return StoppingStatus(
        stage=stage,
        screened=int(screened),
        unscreened=len(remaining),
        relevant_seen=seen,
        consecutive_excludes=consecutive_excludes(review, stage, reviewer),
        sample_needed=sample_size_needed(seen, len(remaining), target=target, confidence=confidence)
        if remaining
        else 0,
        sample_ids=todo,
        test=test,
        ranked=guide,
    )


_STAGE_WORDS = {"title_abstract": "titles and abstracts", "full_text": "full texts"}


def methods_sentence(state: StoppingStatus) -> str:
    """What to write in the methods section about stopping at `state` (plain text)."""
    total = state.screened + state.unscreened
    share = state.screened / total if total else 1.0
    text = (
        "Records were screened in order of predicted relevance (a model retrained on the "
        f"decisions as they were made). Screening of {_STAGE_WORDS[state.stage]} "
        f"stopped after {state.screened:,} of {total:,} records ({share:.0%}), with "
        f"{state.relevant_seen:,} relevant records found and {state.unscreened:,} left "
        "unscreened"
    )
    test = state.ranked
    if test is None:
        return text + "."
    verdict = "rejected" if test.can_stop else "did not reject"
    return (
        f"{text}; the stopping test of Callaghan and Müller-Hansen (2020), applied to the "
        f"records last screened in ranked order, {verdict} the hypothesis that recall was "
        f"below {test.target:.0%} (p = {test.p_value:.3f}, {test.confidence:.0%} confidence)."
    )


def passed_reason(state: StoppingStatus) -> str | None:
    """The reason to record when the ranked test supports stopping, else None."""
    test = state.ranked
    if test is None or not test.can_stop:
        return None
    return (
        f"Stopping test passed: recall below {test.target:.0%} rejected at "
        f"{test.confidence:.0%} confidence (p = {test.p_value:.3f})"
    )


def record_stop(
    review: Review,
    stage: str,
    reason: str,
    *,
    target: float = DEFAULT_TARGET,
    confidence: float = DEFAULT_CONFIDENCE,
) -> Changes:
    """Record that screening of `stage` stopped early (for the PRISMA report and the methods
    section); excludes nothing."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("say why screening stopped (the PRISMA report quotes it)", "reason")
    current = status(review, stage, target=target, confidence=confidence)
    value = {
        "unscreened": current.unscreened,
        "screened": current.screened,
        "reason": reason,
        "at": now(),
        "test": asdict(current.test) if current.test else None,
        "ranked": asdict(current.ranked) if current.ranked else None,
        "methods": methods_sentence(current),
    }
    return set_stop(review, stage, value)


def set_stop(review: Review, stage: str, value: dict | None) -> Changes:
    """Store (or with None, remove) the record of an early stop; used by record and by undo."""
    review.store_setting(_STOP_KEY.format(stage=stage), value)
    return Changes(settings=True)


def stop_record(review: Review, stage: str) -> dict | None:
    """The recorded early stop of a stage (unscreened count, reason, test), or None."""
    return review.setting(_STOP_KEY.format(stage=stage))
