"""Screening decisions: append-only, per paper, stage and reviewer, with exclusion reasons.

The current decision of a reviewer is their latest row; a paper's effective decision at a
stage (papers.ta_decision / ft_decision, kept by a trigger) is the reviewers' common
decision, or 'conflict' when their current decisions differ. Undoing a decision appends the
earlier state again (or 'cleared'); nothing is ever erased.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from curator.core.changes import Changes
from curator.core.errors import ValidationError
from curator.core.review import STAGE_LABELS, STAGES, Review
from curator.core.timeutil import now

DECISIONS = ("include", "exclude", "maybe", "not_retrieved", "cleared")


@dataclass(frozen=True)
class Decision:
    paper_id: int
    stage: str
    decision: str
    reason_id: int | None = None
    note: str | None = None


def _check(review: Review, item: Decision) -> None:
    if item.stage not in STAGES:
        raise ValidationError(f"unknown stage {item.stage!r}; use one of {', '.join(STAGES)}", "stage")
    if item.decision not in DECISIONS:
        raise ValidationError(
            f"unknown decision {item.decision!r}; use one of {', '.join(DECISIONS)}", "decision"
        )
    if item.decision == "not_retrieved" and item.stage != "full_text":
        raise ValidationError("only a full-text report can be marked not retrieved", "decision")
    if item.stage == "full_text" and item.decision == "exclude" and item.reason_id is None:
        raise ValidationError("an exclusion at full text needs a reason", "reason")
    if item.reason_id is not None:
        row = review.db.execute(
            "SELECT stage FROM exclusion_reasons WHERE id = ?", (item.reason_id,)
        ).fetchone()
        if row is None or row[0] != item.stage:
            raise ValidationError(
                f"reason {item.reason_id} is not an exclusion reason for "
                f"{STAGE_LABELS[item.stage]}",
                "reason",
            )


def record_decisions(
    review: Review,
    items: Iterable[Decision],
    *,
    reviewer: str | None = None,
    source: str = "gui",
) -> Changes:
    """Record several decisions in one transaction (all of them or none)."""
    who = reviewer or review.who
    stamp = now()
    with review.atomic():
        count = 0
        for item in items:
            _check(review, item)
            cursor = review.db.execute(
                "INSERT INTO decisions (paper_id, stage, reviewer, decision, reason_id, note, "
                "source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    item.paper_id,
                    item.stage,
                    who,
                    item.decision,
                    item.reason_id,
                    item.note,
                    source,
                    stamp,
                ),
            )
            review.audit(
                "decide",
                "decisions",
                cursor.lastrowid,
                None,
                {
                    "paper_id": item.paper_id,
                    "stage": item.stage,
                    "reviewer": who,
                    "decision": item.decision,
                    "reason_id": item.reason_id,
                    "note": item.note,
                },
            )
            count += 1
    return Changes(decisions=True, papers=True)


def record_decision(
    review: Review,
    paper_id: int,
    stage: str,
    decision: str,
    *,
    reason_id: int | None = None,
    note: str | None = None,
    reviewer: str | None = None,
    source: str = "gui",
) -> Changes:
    return record_decisions(
        review, [Decision(paper_id, stage, decision, reason_id, note)], reviewer=reviewer, source=source
    )


def current_decision(
    review: Review, paper_id: int, stage: str, reviewer: str | None = None
) -> dict | None:
    """A reviewer's latest decision on a paper at a stage (None if none or cleared)."""
    row = review.db.execute(
        "SELECT d.* FROM screening_status s JOIN decisions d ON d.id = s.decision_id "
        "WHERE s.paper_id = ? AND s.stage = ? AND s.reviewer = ?",
        (paper_id, stage, reviewer or review.who),
    )
    names = [c[0] for c in row.description]
    values = row.fetchone()
    if values is None:
        return None
    found = dict(zip(names, values))
    return None if found["decision"] == "cleared" else found


def history(review: Review, paper_id: int) -> list[dict]:
    """Every decision ever recorded on a paper, oldest first."""
    return list(
        review.db.query(
            "SELECT d.*, r.label AS reason FROM decisions d "
            "LEFT JOIN exclusion_reasons r ON r.id = d.reason_id "
            "WHERE d.paper_id = ? ORDER BY d.id",
            [paper_id],
        )
    )


def reasons(review: Review, stage: str, *, active_only: bool = True) -> list[dict]:
    sql = "SELECT * FROM exclusion_reasons WHERE stage = ?"
    if active_only:
        sql += " AND active = 1"
    return list(review.db.query(sql + " ORDER BY position, id", [stage]))


def add_reason(review: Review, stage: str, label: str) -> Changes:
    label = label.strip()
    if not label:
        raise ValidationError("an exclusion reason needs a label", "label")
    if stage not in STAGES:
        raise ValidationError(f"unknown stage {stage!r}", "stage")
    with review.atomic():
        position = review.db.execute(
            "SELECT COALESCE(MAX(position) + 1, 0) FROM exclusion_reasons WHERE stage = ?",
            (stage,),
        ).fetchone()[0]
        reason_id = review.db["exclusion_reasons"].insert(
            {"stage": stage, "label": label, "position": position}
        ).last_pk
        review.audit("insert", "exclusion_reasons", reason_id, None, {"stage": stage, "label": label})
    return Changes(settings=True, id=reason_id)


def stage_counts(review: Review) -> dict[str, dict[str, int]]:
    """Per stage: effective decisions counted (include, exclude, maybe, ..., undecided).

    Every paper counts at title/abstract; at full text, those included or marked maybe at
    title/abstract and any with a full-text decision. One grouped query over a covering index.
    """
    rows = review.db.execute(
        "SELECT ta_decision, ft_decision, COUNT(*) FROM papers WHERE merged_into IS NULL "
        "GROUP BY ta_decision, ft_decision"
    ).fetchall()
    title_abstract: dict[str, int] = {}
    full_text: dict[str, int] = {}
    for ta, ft, n in rows:
        key = ta or "undecided"
        title_abstract[key] = title_abstract.get(key, 0) + n
        if ta in ("include", "maybe") or ft is not None:
            key = ft or "undecided"
            full_text[key] = full_text.get(key, 0) + n
    return {
        "title_abstract": dict(sorted(title_abstract.items())),
        "full_text": dict(sorted(full_text.items())),
    }
