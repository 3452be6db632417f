"""Open research questions (question, why) and the report's free-text sections.

The research-gap notes are the report section 'research_gaps'. `snapshot_questions` /
`restore_questions` capture and put back the questions whole (with positions), for undo.
"""

from __future__ import annotations

from collections.abc import Sequence

from curator.core.changes import Changes
from curator.core.errors import CuratorError, ValidationError
from curator.core.ordering import next_position, reorder
from curator.core.review import Review


def questions(review: Review) -> list[dict]:
    return list(review.db.query("SELECT * FROM questions ORDER BY position, id"))


def _get(review: Review, question_id: int) -> dict:
    rows = list(review.db.query("SELECT * FROM questions WHERE id = ?", [question_id]))
    if not rows:
        raise CuratorError(f"no open question with id {question_id}")
    return rows[0]


def add_question(review: Review, question: str, why: str | None = None) -> Changes:
    if not question or not question.strip():
        raise ValidationError("an open question needs its text", "question")
    with review.atomic():
        new_id = (
            review.db["questions"]
            .insert(
                {
                    "question": question.strip(),
                    "why": (why or "").strip() or None,
                    "position": next_position(review, "questions"),
                }
            )
            .last_pk
        )
        review.audit("insert", "questions", new_id, None, {"question": question, "why": why})
    return Changes(questions=True, id=new_id)


def update_question(
    review: Review, question_id: int, *, question: str | None = None, why: str | None = None
) -> Changes:
    if question is not None and not question.strip():
        raise ValidationError("an open question needs its text", "question")
    fields = {k: v for k, v in (("question", question), ("why", why)) if v is not None}
    if "question" in fields:
        fields["question"] = fields["question"].strip()
    if "why" in fields:
        fields["why"] = fields["why"].strip() or None
    with review.atomic():
        before = _get(review, question_id)
        review.db["questions"].update(question_id, fields)
        review.audit("update", "questions", question_id, {k: before[k] for k in fields}, fields)
    return Changes(questions=True)


def delete_question(review: Review, question_id: int) -> Changes:
    with review.atomic():
        before = _get(review, question_id)
        review.db.execute("DELETE FROM questions WHERE id = ?", (question_id,))
        review.audit("delete", "questions", question_id, before, None)
    return Changes(questions=True)


def reorder_questions(review: Review, ids: list[int]) -> Changes:
    with review.atomic():
        reorder(review, "questions", ids)
        review.audit("reorder", "questions", None, None, ids)
    return Changes(questions=True)


def snapshot_questions(review: Review, ids: Sequence[int] | None = None) -> dict[int, dict | None]:
    """Each question's row (with its position), or None where it does not exist; default all."""
    if ids is None:
        ids = [r[0] for r in review.db.execute("SELECT id FROM questions")]
    out: dict[int, dict | None] = {}
    for question_id in ids:
        rows = list(review.db.query("SELECT * FROM questions WHERE id = ?", [question_id]))
        out[question_id] = rows[0] if rows else None
    return out


def restore_questions(review: Review, states: dict[int, dict | None]) -> Changes:
    """Put questions back exactly as `snapshot_questions` captured them (None: delete)."""
    with review.atomic():
        current = snapshot_questions(review, list(states))
        for question_id, state in states.items():
            if current[question_id] == state:
                continue
            if state is None:
                review.db.execute("DELETE FROM questions WHERE id = ?", (question_id,))
            else:
                review.db["questions"].upsert(state, pk="id")
            review.audit("restore", "questions", question_id, current[question_id], state)
    return Changes(questions=True)


def sections(review: Review) -> list[dict]:
    return list(review.db.query("SELECT * FROM report_sections ORDER BY position, key"))


def section(review: Review, key: str) -> dict:
    rows = list(review.db.query("SELECT * FROM report_sections WHERE key = ?", [key]))
    if not rows:
        raise CuratorError(f"no report section {key!r}")
    return rows[0]


def set_section(review: Review, key: str, body: str, title: str | None = None) -> Changes:
    with review.atomic():
        existing = list(review.db.query("SELECT * FROM report_sections WHERE key = ?", [key]))
        if existing:
            fields = {"body": body} if title is None else {"body": body, "title": title}
            review.db.execute(
                "UPDATE report_sections SET body = ?, title = COALESCE(?, title) WHERE key = ?",
                (body, title, key),
            )
            review.audit(
                "update", "report_sections", key, {k: existing[0][k] for k in fields}, fields
            )
        else:
            review.db["report_sections"].insert(
                {
                    "key": key,
                    "title": title or key.replace("_", " ").title(),
                    "body": body,
                    "position": next_position(review, "report_sections"),
                }
            )
            review.audit("insert", "report_sections", key, None, {"body": body, "title": title})
    return Changes(sections=True)
