"""Counting screening from the decisions: progress per stage and the PRISMA screening boxes.

`screening_counts` gives every number the PRISMA 2020 screening part needs (records screened
and excluded, reports sought, not retrieved, assessed, excluded with reasons, studies
included) from the effective decisions, and `ScreeningCounts.mismatches()` checks that the
boxes reconcile; `prisma_flow` (curator.core.flow.prisma) builds on it. `progress` and
`inclusion_curve` feed the screening pane.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from curator.core.review import Review
from curator.core.screening.decisions import CONSENSUS, EFFECTIVE_REASON_SQL, FORWARD
from curator.core.screening.queue import STAGE_COLUMN, eligible_sql

NO_REASON = "No reason recorded"


@dataclass(frozen=True)
class ScreeningCounts:
    records_screened: int  # unmerged papers entering title/abstract screening
    records_excluded: int  # excluded at title/abstract
    records_awaiting: int  # no title/abstract decision yet
    records_conflicts: int  # reviewers disagree at title/abstract, unresolved
    records_excluded_by_reason: dict[str, int]
    reports_sought: int  # included or maybe at title/abstract
    reports_not_retrieved: int
    reports_awaiting: int  # sought, no full-text decision yet
    reports_assessed: int  # sought, full-text decision other than not retrieved
    reports_excluded: int
    reports_excluded_by_reason: dict[str, int]  # label -> count, in the reasons' order
    reports_pending: int  # assessed but maybe or in conflict at full text
    studies_included: int
    full_text_without_forward: int = 0  # full-text decisions on papers not sent on (stale)
    notes: list[str] = field(default_factory=list)

    def mismatches(self) -> list[str]:
        """Each way the boxes fail to add up, in words (empty when they reconcile)."""
        problems = []
        ta = (
            self.records_excluded
            + self.reports_sought
            + self.records_awaiting
            + self.records_conflicts
        )
        if ta != self.records_screened:
            problems.append(
                f"records screened ({self.records_screened}) != excluded "
                f"({self.records_excluded}) + sought ({self.reports_sought}) + awaiting "
                f"({self.records_awaiting}) + conflicts ({self.records_conflicts})"
            )
        ft = self.reports_not_retrieved + self.reports_assessed + self.reports_awaiting
        if ft != self.reports_sought:
            problems.append(
                f"reports sought ({self.reports_sought}) != not retrieved "
                f"({self.reports_not_retrieved}) + assessed ({self.reports_assessed}) + "
                f"awaiting ({self.reports_awaiting})"
            )
        out = self.reports_excluded + self.studies_included + self.reports_pending
        if out != self.reports_assessed:
            problems.append(
                f"reports assessed ({self.reports_assessed}) != excluded "
                f"({self.reports_excluded}) + included ({self.studies_included}) + pending "
                f"({self.reports_pending})"
            )
        if sum(self.reports_excluded_by_reason.values()) != self.reports_excluded:
            problems.append("full-text exclusions by reason do not add up to reports excluded")
        if sum(self.records_excluded_by_reason.values()) != self.records_excluded:
            problems.append("title/abstract exclusions by reason do not add up to records excluded")
        if self.full_text_without_forward:
            problems.append(
                f"{self.full_text_without_forward} paper(s) have a full-text decision but are "
                "no longer included or maybe at title/abstract"
            )
        return problems


def _by_reason(review: Review, stage: str, where: str) -> dict[str, int]:
    column = STAGE_COLUMN[stage]
    rows = review.db.execute(
        f"SELECT {EFFECTIVE_REASON_SQL} AS reason, COUNT(*) FROM papers p "
        f"WHERE {where} AND p.{column} = 'exclude' GROUP BY reason",
        (stage,),
    ).fetchall()
    counts = dict(rows)
    labelled: dict[str, int] = {}
    for reason_id, label in review.db.execute(
        "SELECT id, label FROM exclusion_reasons WHERE stage = ? ORDER BY position, id", (stage,)
    ):
        if counts.get(reason_id):
            labelled[label] = counts[reason_id]
    if counts.get(None):
        labelled[NO_REASON] = counts[None]
    return labelled


def screening_counts(review: Review) -> ScreeningCounts:
    """The PRISMA screening numbers, counted from the effective decisions."""
    live = "p.merged_into IS NULL"
    ta = dict(
        review.db.execute(
            f"SELECT COALESCE(ta_decision, 'undecided'), COUNT(*) FROM papers p WHERE {live} GROUP BY 1"
        ).fetchall()
    )
    forward = ", ".join(f"'{d}'" for d in FORWARD)
    sent = f"{live} AND p.ta_decision IN ({forward})"
    ft = dict(
        review.db.execute(
            f"SELECT COALESCE(ft_decision, 'undecided'), COUNT(*) FROM papers p WHERE {sent} GROUP BY 1"
        ).fetchall()
    )
    stale = review.db.execute(
        f"SELECT COUNT(*) FROM papers p WHERE {live} AND p.ft_decision IS NOT NULL "
        f"AND p.ft_decision != 'cleared' AND (p.ta_decision IS NULL OR p.ta_decision NOT IN ({forward}))"
    ).fetchone()[0]
    sought = sum(ft.values())
    not_retrieved = ft.get("not_retrieved", 0)
    awaiting = ft.get("undecided", 0)
    return ScreeningCounts(
        records_screened=sum(ta.values()),
        records_excluded=ta.get("exclude", 0),
        records_awaiting=ta.get("undecided", 0),
        records_conflicts=ta.get("conflict", 0),
        records_excluded_by_reason=_by_reason(review, "title_abstract", live),
        reports_sought=sought,
        reports_not_retrieved=not_retrieved,
        reports_awaiting=awaiting,
        reports_assessed=sought - not_retrieved - awaiting,
        reports_excluded=ft.get("exclude", 0),
        reports_excluded_by_reason=_by_reason(review, "full_text", sent),
        reports_pending=ft.get("maybe", 0) + ft.get("conflict", 0),
        studies_included=ft.get("include", 0),
        full_text_without_forward=stale,
    )


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
