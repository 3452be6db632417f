"""Inter-rater agreement per stage: percentage agreement, Cohen's kappa and PABAK.

Two reviewers are compared on the papers both have decided at a stage. Decisions are
reduced to two classes: forward (include, maybe) and out (exclude, not retrieved), since
that is what a screening decision does to a paper. Screening prevalence is extreme (most
records are excluded), which drags kappa down even when reviewers almost always agree; PABAK
(prevalence- and bias-adjusted kappa, 2·po − 1) is reported beside it for that reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from curator.core.review import STAGES, Review
from curator.core.screening.decisions import CONSENSUS

FORWARD = ("include", "maybe")
OUT = ("exclude", "not_retrieved")


@dataclass(frozen=True)
class Agreement:
    stage: str
    reviewer_a: str
    reviewer_b: str
    both_forward: int  # a: both include/maybe
    a_forward_b_out: int  # b
    a_out_b_forward: int  # c
    both_out: int  # d

    @property
    def n(self) -> int:
        return self.both_forward + self.a_forward_b_out + self.a_out_b_forward + self.both_out

    @property
    def observed(self) -> float | None:
        """Percentage agreement as a proportion (po)."""
        return (self.both_forward + self.both_out) / self.n if self.n else None

    @property
    def expected(self) -> float | None:
        n = self.n
        if not n:
            return None
        a, b, c, d = self.both_forward, self.a_forward_b_out, self.a_out_b_forward, self.both_out
        return ((a + b) * (a + c) + (c + d) * (b + d)) / (n * n)

    @property
    def kappa(self) -> float | None:
        """Cohen's kappa; None when it is undefined (chance agreement is 1)."""
        po, pe = self.observed, self.expected
        if po is None or pe is None or pe >= 1.0:
            return None
        return (po - pe) / (1 - pe)

    @property
    def pabak(self) -> float | None:
        po = self.observed
        return None if po is None else 2 * po - 1

    @property
    def disagreements(self) -> int:
        return self.a_forward_b_out + self.a_out_b_forward


def pair_agreement(review: Review, stage: str, reviewer_a: str, reviewer_b: str) -> Agreement:
    """The 2×2 table of two reviewers' current decisions at `stage`."""
    rows = review.db.execute(
        "SELECT a.decision, b.decision FROM screening_status a JOIN screening_status b "
        "ON b.paper_id = a.paper_id AND b.stage = a.stage AND b.reviewer = ? "
        "JOIN papers p ON p.id = a.paper_id AND p.merged_into IS NULL "
        "WHERE a.stage = ? AND a.reviewer = ? AND a.decision != 'cleared' "
        "AND b.decision != 'cleared'",
        (reviewer_b, stage, reviewer_a),
    ).fetchall()
    cells = [0, 0, 0, 0]
    for first, second in rows:
        fa, fb = first in FORWARD, second in FORWARD
        cells[(0 if fa else 2) + (0 if fb else 1)] += 1
    return Agreement(stage, reviewer_a, reviewer_b, *cells)


def agreement_report(review: Review) -> list[Agreement]:
    """Every pair of reviewers with a decision at each stage (consensus left out)."""
    report: list[Agreement] = []
    for stage in STAGES:
        names = [
            row[0]
            for row in review.db.execute(
                "SELECT DISTINCT reviewer FROM screening_status WHERE stage = ? "
                "AND reviewer != ? AND decision != 'cleared' ORDER BY reviewer",
                (stage, CONSENSUS),
            )
        ]
        for first, second in combinations(names, 2):
            found = pair_agreement(review, stage, first, second)
            if found.n:
                report.append(found)
    return report


def format_report(report: list[Agreement]) -> str:
    """The report as plain text lines (GUI and CLI show the same)."""
    from curator.core.review import STAGE_LABELS

    if not report:
        return "No two reviewers have decided the same records yet."
    lines = []
    for item in report:
        kappa = "undefined" if item.kappa is None else f"{item.kappa:.3f}"
        lines.append(
            f"{STAGE_LABELS[item.stage]}: {item.reviewer_a} vs {item.reviewer_b}, "
            f"{item.n} records both decided, agreement {item.observed:.1%}, "
            f"Cohen's kappa {kappa}, PABAK {item.pabak:.3f}, {item.disagreements} disagreements"
        )
    return "\n".join(lines)
