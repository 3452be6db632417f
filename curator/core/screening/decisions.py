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
# The pseudo-reviewer whose decision resolves a conflict (see migration 0002).
CONSENSUS = "(consensus)"
# Decisions at title/abstract that send a paper on to full text.
FORWARD = ("include", "maybe")
# What counts as included, at any stage, everywhere (counts, filters, the model's labels):
# only an include. A 'maybe' goes on to full text but is never counted as an include.
INCLUDED = ("include",)
EXCLUDED = ("exclude", "not_retrieved")

# A paper's current decision is the one at the latest stage decided: its full-text decision
# when it has one, else its title/abstract decision; its stage is that stage (0 title/abstract,
# 1 full text). The Library lists, sorts and filters by these (migration 0007 indexes both
# expressions exactly; keep them in step). Use with an outer `p` alias for papers.
CURRENT_STAGE_SQL = "CASE WHEN p.ft_decision IS NOT NULL THEN 1 ELSE 0 END"
CURRENT_DECISION_SQL = "COALESCE(p.ft_decision, p.ta_decision)"


def current_stage_and_decision(
    ta_decision: str | None, ft_decision: str | None
) -> tuple[str, str | None]:
    """The same rule as CURRENT_STAGE_SQL / CURRENT_DECISION_SQL, for one row in memory."""
    if ft_decision is not None:
        return "full_text", ft_decision
    return "title_abstract", ta_decision


@dataclass(frozen=True)
class Decision:
    paper_id: int
    stage: str
    decision: str
    reason_id: int | None = None
    note: str | None = None
    reviewer: str | None = None  # None: the reviewer given to record_decisions
    at: str | None = None  # when it was decided (None: now); kept from screening packets


def check_reviewer_name(name: str) -> str:
    """A reviewer name as stored: trimmed, not empty, not the reserved consensus name."""
    name = (name or "").strip()
    if not name:
        raise ValidationError("a reviewer needs a name", "reviewer")
    if name.startswith("("):
        raise ValidationError(f"{name!r}: reviewer names cannot start with '('", "reviewer")
    return name


def check_decision(review: Review, item: Decision) -> None:
    if item.stage not in STAGES:
        raise ValidationError(
            f"unknown stage {item.stage!r}; use one of {', '.join(STAGES)}", "stage"
        )
    if item.decision not in DECISIONS:
        raise ValidationError(
            f"unknown decision {item.decision!r}; use one of {', '.join(DECISIONS)}", "decision"
        )
    if item.decision == "not_retrieved" and item.stage != "full_text":
        raise ValidationError("only a full-text report can be marked not retrieved", "decision")
    if item.stage == "full_text" and item.decision == "exclude" and item.reason_id is None:
        raise ValidationError("an exclusion at full text needs a reason", "reason")
    if item.stage == "full_text" and item.decision != "cleared":
        row = review.db.execute(
            "SELECT ta_decision FROM papers WHERE id = ?", (item.paper_id,)
        ).fetchone()
        if row is None:
            raise ValidationError(f"no paper with id {item.paper_id}", "paper")
        if row[0] not in FORWARD:
            raise ValidationError(
                f"paper {item.paper_id} is not at full text: only papers included or marked "
                "maybe at title/abstract are screened at full text",
                "stage",
            )
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
            try:
                check_decision(review, item)
            except ValidationError as exc:
                if "paper" in str(exc):
                    raise
                raise ValidationError(f"paper {item.paper_id}: {exc}", exc.field) from None
            who_ = item.reviewer or who
            cursor = review.db.execute(
                "INSERT INTO decisions (paper_id, stage, reviewer, decision, reason_id, note, "
                "source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    item.paper_id,
                    item.stage,
                    who_,
                    item.decision,
                    item.reason_id,
                    item.note,
                    source,
                    item.at or stamp,
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
                    "reviewer": who_,
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
        review,
        [Decision(paper_id, stage, decision, reason_id, note)],
        reviewer=reviewer,
        source=source,
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
    found = dict(zip(names, values, strict=True))
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
        reason_id = (
            review.db["exclusion_reasons"]
            .insert({"stage": stage, "label": label, "position": position})
            .last_pk
        )
        review.audit(
            "insert", "exclusion_reasons", reason_id, None, {"stage": stage, "label": label}
        )
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


def previous_states(
    review: Review, items: Iterable[Decision], reviewer: str | None = None
) -> list[Decision]:
    """What each (paper, stage, reviewer) of `items` holds now, as decisions that restore it.

    Undo records these again (append-only): a reviewer with no current decision gets
    'cleared'. The result is in the order of `items`, one per distinct key.
    """
    who = reviewer or review.who
    seen: set[tuple[int, str, str]] = set()
    restore: list[Decision] = []
    for item in items:
        key = (item.paper_id, item.stage, item.reviewer or who)
        if key in seen:
            continue
        seen.add(key)
        row = review.db.execute(
            "SELECT d.decision, d.reason_id, d.note FROM screening_status s "
            "JOIN decisions d ON d.id = s.decision_id "
            "WHERE s.paper_id = ? AND s.stage = ? AND s.reviewer = ?",
            key,
        ).fetchone()
        if row is None:
            restore.append(Decision(key[0], key[1], "cleared", None, None, key[2]))
        else:
            restore.append(Decision(key[0], key[1], row[0], row[1], row[2], key[2]))
    return restore


def reason_for_label(review: Review, stage: str, label: str) -> tuple[int, bool]:
    """The id of the reason labelled `label` (any case) at `stage`, added (and audited) when
    the review has none; and whether it was added. A label is never read as a reason's
    number: a reason another tool calls "2" is that label."""
    row = review.db.execute(
        "SELECT id FROM exclusion_reasons WHERE stage = ? AND lower(label) = lower(?) "
        "ORDER BY id LIMIT 1",
        (stage, label.strip()),
    ).fetchone()
    if row:
        return row[0], False
    return add_reason(review, stage, label).id, True  # type: ignore[return-value]


def reason_by_number(review: Review, stage: str, number: int) -> dict | None:
    """The active reason shown as `number` (1-based, in the configured order) at a stage."""
    found = reasons(review, stage)
    return found[number - 1] if 1 <= number <= len(found) else None


def find_reason(review: Review, stage: str, text: str) -> int | None:
    """A reason id from its number ('2') or label (any case), or None when nothing matches."""
    text = (text or "").strip()
    if not text:
        return None
    if text.isdigit():
        found = reason_by_number(review, stage, int(text))
        return found["id"] if found else None
    row = review.db.execute(
        "SELECT id FROM exclusion_reasons WHERE stage = ? AND lower(label) = lower(?)",
        (stage, text),
    ).fetchone()
    return row[0] if row else None


def update_reason(
    review: Review, reason_id: int, *, label: str | None = None, active: bool | None = None
) -> Changes:
    """Rename or (de)activate an exclusion reason; decisions keep pointing at it."""
    with review.atomic():
        before = review.db["exclusion_reasons"].get(reason_id)
        change: dict = {}
        if label is not None:
            if not label.strip():
                raise ValidationError("an exclusion reason needs a label", "label")
            change["label"] = label.strip()
        if active is not None:
            change["active"] = 1 if active else 0
        if change:
            review.db["exclusion_reasons"].update(reason_id, change)
            review.audit(
                "update", "exclusion_reasons", reason_id, {k: before[k] for k in change}, change
            )
    return Changes(settings=True, id=reason_id)


def reorder_reasons(review: Review, stage: str, ids: list[int]) -> Changes:
    """Number a stage's reasons in the order given (every reason of the stage, once)."""
    from curator.core.ordering import reorder

    with review.atomic():
        reorder(review, "exclusion_reasons", ids, "stage = ?", (stage,))
        review.audit("reorder", "exclusion_reasons", stage, None, ids)
    return Changes(settings=True)


def set_note(
    review: Review, paper_id: int, stage: str, note: str, *, reviewer: str | None = None
) -> Changes:
    """Attach a note to a reviewer's current decision (appends the same decision with it)."""
    current = current_decision(review, paper_id, stage, reviewer)
    if current is None:
        raise ValidationError("decide on the record first, then add a note", "note")
    return record_decision(
        review,
        paper_id,
        stage,
        current["decision"],
        reason_id=current["reason_id"],
        note=note.strip() or None,
        reviewer=reviewer,
    )


def reviewers(review: Review, stage: str | None = None) -> list[str]:
    """Reviewers with a current decision (the consensus pseudo-reviewer left out)."""
    sql = "SELECT DISTINCT reviewer FROM screening_status WHERE reviewer != ? AND decision != 'cleared'"
    params: list = [CONSENSUS]
    if stage:
        sql += " AND stage = ?"
        params.append(stage)
    return [row[0] for row in review.db.execute(sql + " ORDER BY reviewer", params)]


# The reason of a paper's effective exclusion at a stage: the consensus's, else the latest
# exclusion among the reviewers. Use with parameters (stage) and an outer `p` alias.
EFFECTIVE_REASON_SQL = (
    "(SELECT s.reason_id FROM screening_status s WHERE s.paper_id = p.id AND s.stage = ? "
    f"AND s.decision = 'exclude' ORDER BY (s.reviewer = '{CONSENSUS}') DESC, "
    "s.decision_id DESC LIMIT 1)"
)
