"""Ranking inclusion: "the top N most relevant papers were included", as one bulk decision.

The candidates are the papers at full text that are not already excluded or not retrieved.
They are ranked by `papers.rank_score` (highest first) or `papers.manual_rank` (1 first),
papers without a rank last, and the top N are included at full text; the rest are excluded
with the reason "Not among the top N most relevant". The plan is a list of decisions, so the
GUI can push it as one undoable command and the CLI can record it at once.
"""

from __future__ import annotations

from curator.core.changes import Changes
from curator.core.errors import ValidationError
from curator.core.review import Review
from curator.core.screening.decisions import (
    FORWARD,
    Decision,
    reason_for_label,
    record_decisions,
)

RANK_ORDER = {
    "score": "p.rank_score IS NULL, p.rank_score DESC, p.id",
    "manual": "p.manual_rank IS NULL, p.manual_rank, p.id",
}
TOP_N_REASON = "Not among the top {n} most relevant"


def ranked_candidates(review: Review, by: str = "score") -> list[int]:
    """Full-text candidates for ranking inclusion, best first."""
    if by not in RANK_ORDER:
        raise ValidationError(f"rank by 'score' or 'manual', not {by!r}", "by")
    forward = ", ".join(f"'{d}'" for d in FORWARD)
    return [
        row[0]
        for row in review.db.execute(
            f"SELECT p.id FROM papers p WHERE p.merged_into IS NULL AND p.ta_decision IN ({forward}) "
            "AND (p.ft_decision IS NULL OR p.ft_decision NOT IN ('exclude', 'not_retrieved')) "
            f"ORDER BY {RANK_ORDER[by]}"
        )
    ]


def top_n_plan(
    review: Review,
    n: int,
    *,
    by: str = "score",
    exclude_rest: bool = True,
    reviewer: str | None = None,
) -> list[Decision]:
    """The decisions that include the top `n` candidates (adds the exclusion reason if needed)."""
    if n < 1:
        raise ValidationError("N must be at least 1", "n")
    ranked = ranked_candidates(review, by)
    if not ranked:
        raise ValidationError(
            "no papers at full text to rank (include some at title/abstract first)", "n"
        )
    plan = [Decision(pid, "full_text", "include", reviewer=reviewer) for pid in ranked[:n]]
    if exclude_rest and len(ranked) > n:
        reason, _added = reason_for_label(review, "full_text", TOP_N_REASON.format(n=n))
        plan += [
            Decision(pid, "full_text", "exclude", reason, reviewer=reviewer) for pid in ranked[n:]
        ]
    return plan


def include_top_n(
    review: Review,
    n: int,
    *,
    by: str = "score",
    exclude_rest: bool = True,
    reviewer: str | None = None,
) -> Changes:
    """Include the top `n` ranked papers at full text in one transaction."""
    with review.atomic():
        plan = top_n_plan(review, n, by=by, exclude_rest=exclude_rest, reviewer=reviewer)
        return record_decisions(review, plan, reviewer=reviewer, source="top-n")
