"""Counting screening progress from the decisions, for the screening pane.

`progress` (screened, remaining, included per stage and reviewer) and `inclusion_curve` feed
the screening pane; the PRISMA screening boxes are counted in one place,
`curator.core.flow.prisma.flow`.
"""

from __future__ import annotations

from dataclasses import dataclass

from curator.core.review import Review
from curator.core.screening.decisions import CONSENSUS
from curator.core.screening.queue import STAGE_COLUMN, eligible_sql


@dataclass(frozen=True)
class Progress:
    stage: str
    total: int
    screened: int
    included: int  # include (and maybe at title/abstract, since it goes on)
    excluded: int
    conflicts: int

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
    included = counts.get("include", 0) + (
        counts.get("maybe", 0) if stage == "title_abstract" else 0
    )
    excluded = counts.get("exclude", 0) + counts.get("not_retrieved", 0)
    return Progress(
        stage, total, sum(counts.values()), included, excluded, counts.get("conflict", 0)
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
        if decision == "include" or (stage == "title_abstract" and decision == "maybe"):
            included += 1
        if index % step == 0 or index == len(rows):
            curve.append((index, included))
    return curve
