"""Counting decisions: the one place every screen and command takes its counts from.

`review_counts` gives the review's papers, each stage's effective decisions and the papers
whose current decision is include (the Library's "Included"): the status bar, `curator info`
and the Library filters agree because they all use it (or the same rule,
`curator.core.screening.decisions.CURRENT_DECISION_SQL`). `progress` (screened, remaining,
included, maybe per stage and reviewer) and `inclusion_curve` feed the screening pane. A maybe
is never counted as an include (decisions.INCLUDED). The PRISMA boxes are counted in
`curator.core.flow.prisma.flow`.
"""

from __future__ import annotations

from dataclasses import dataclass

from curator.core.review import STAGE_COLUMN, Review
from curator.core.screening.decisions import (
    CONSENSUS,
    CURRENT_DECISION_SQL,
    EXCLUDED,
    INCLUDED,
    stage_counts,
)
from curator.core.screening.queue import eligible_sql


@dataclass(frozen=True)
class Progress:
    stage: str
    total: int
    screened: int
    included: int  # include only: a maybe goes on to full text but is not an include
    excluded: int
    conflicts: int
    maybe: int = 0

    @property
    def remaining(self) -> int:
        return self.total - self.screened


def progress(review: Review, stage: str, reviewer: str | None = None) -> Progress:
    """Screened / remaining / included at `stage`, for one reviewer or (None) the team."""
    column = STAGE_COLUMN[stage]
    total = review.db.execute(
        f"SELECT COUNT(*) FROM papers p WHERE {eligible_sql(stage)}"
    ).fetchone()[0]
    if reviewer:
        rows = review.db.execute(
            "SELECT s.decision, COUNT(*) FROM screening_status s WHERE s.stage = ? "
            "AND s.reviewer = ? AND s.decision != 'cleared' GROUP BY 1",
            (stage, reviewer),
        ).fetchall()
    else:
        rows = review.db.execute(
            f"SELECT p.{column}, COUNT(*) FROM papers p WHERE {eligible_sql(stage)} "
            f"AND p.{column} IS NOT NULL GROUP BY 1"
        ).fetchall()
    counts = dict(rows)
    included = sum(counts.get(k, 0) for k in INCLUDED)
    excluded = sum(counts.get(k, 0) for k in EXCLUDED)
    return Progress(
        stage,
        total,
        sum(counts.values()),
        included,
        excluded,
        counts.get("conflict", 0),
        counts.get("maybe", 0),
    )


def inclusion_curve(
    review: Review, stage: str, reviewer: str | None = None, points: int = 200
) -> list[tuple[int, int]]:
    """(records screened, included so far) in the order records were first decided.

    With `reviewer`, that reviewer's own decisions (an index-only read, fast on 100,000
    papers); without, the team's effective decisions. Thinned to about `points` points for
    drawing; the last point is always the total.
    """
    column = STAGE_COLUMN[stage]
    if reviewer:
        rows = review.db.execute(
            "SELECT decision FROM screening_status WHERE stage = ? AND reviewer = ? "
            "AND decision != 'cleared' ORDER BY decision_id",
            (stage, reviewer),
        ).fetchall()
    else:
        rows = review.db.execute(
            f"SELECT p.{column} FROM papers p JOIN (SELECT paper_id, MIN(decision_id) AS first "
            "FROM screening_status WHERE stage = ? AND decision != 'cleared' AND reviewer != ? "
            f"GROUP BY paper_id) s ON s.paper_id = p.id WHERE p.merged_into IS NULL "
            f"AND p.{column} IS NOT NULL ORDER BY s.first",
            (stage, CONSENSUS),
        ).fetchall()
    curve: list[tuple[int, int]] = [(0, 0)]
    step = max(1, len(rows) // points)
    included = 0
    for index, (decision,) in enumerate(rows, start=1):
        if decision in INCLUDED:
            included += 1
        if index % step == 0 or index == len(rows):
            curve.append((index, included))
    return curve


@dataclass(frozen=True)
class ReviewCounts:
    """The review's counts as every pane shows them."""

    papers: int
    # Papers whose current decision (at their latest stage) is include: Library ▸ Included.
    included: int
    # ... of which included at full text: the papers included in the review.
    included_full_text: int
    # Per stage, effective decisions counted (include, maybe, exclude, ..., undecided).
    stages: dict[str, dict[str, int]]


def review_counts(review: Review) -> ReviewCounts:
    """Papers, current includes and each stage's decisions, from the papers' effective
    decisions (one grouped query per figure over the screening index)."""
    one = lambda sql: review.db.execute(sql).fetchone()[0]  # noqa: E731
    return ReviewCounts(
        papers=one("SELECT COUNT(*) FROM papers p WHERE p.merged_into IS NULL"),
        included=one(
            "SELECT COUNT(*) FROM papers p WHERE p.merged_into IS NULL "
            f"AND {CURRENT_DECISION_SQL} = 'include'"
        ),
        included_full_text=one(
            "SELECT COUNT(*) FROM papers p WHERE p.merged_into IS NULL "
            "AND p.ft_decision = 'include'"
        ),
        stages=stage_counts(review),
    )
