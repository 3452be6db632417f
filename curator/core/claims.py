"""Claims: text, evidence strength on the review's scale, reasoning, ordered linked papers."""

from __future__ import annotations

from collections.abc import Sequence

from curator.core.changes import Changes
from curator.core.errors import CuratorError, ValidationError
from curator.core.ordering import next_position, reorder
from curator.core.review import DEFAULT_STRENGTH_SCALE, Review
from curator.core.timeutil import now

RELATIONS = ("supports", "contradicts", "context")


def strength_scale(review: Review) -> list[str]:
    return list(review.setting("strength_scale", DEFAULT_STRENGTH_SCALE))


def _validate(review: Review, text: str | None, strength: str | None, papers: Sequence[int] | None) -> None:
    if text is not None and not text.strip():
        raise ValidationError("a claim needs its text", "text")
    if strength is not None and strength not in strength_scale(review):
        raise ValidationError(
            f"strength {strength!r} is not on this review's scale ({', '.join(strength_scale(review))})",
            "strength",
        )
    if papers is not None:
        if not papers:
            raise ValidationError("a claim needs at least one linked paper", "papers")
        if len(set(papers)) != len(papers):
            raise ValidationError("a paper is linked twice", "papers")
        for paper_id in papers:
            if not review.db.execute("SELECT 1 FROM papers WHERE id = ?", (paper_id,)).fetchone():
                raise ValidationError(f"no paper with id {paper_id}", "papers")


def _write_papers(review: Review, claim_id: int, papers: Sequence[int], relations: Sequence[str | None] | None) -> None:
    relations = list(relations) if relations is not None else [None] * len(papers)
    for relation in relations:
        if relation is not None and relation not in RELATIONS:
            raise ValidationError(f"relation {relation!r} is not one of {', '.join(RELATIONS)}", "papers")
    review.db.execute("DELETE FROM claim_papers WHERE claim_id = ?", (claim_id,))
    review.db.conn.executemany(
        "INSERT INTO claim_papers (claim_id, paper_id, position, relation) VALUES (?, ?, ?, ?)",
        [(claim_id, p, i, relations[i]) for i, p in enumerate(papers)],
    )


def add_claim(
    review: Review,
    text: str,
    strength: str,
    papers: Sequence[int],
    *,
    reasoning: str | None = None,
    relations: Sequence[str | None] | None = None,
) -> Changes:
    if strength is None or not str(strength).strip():
        raise ValidationError("a claim needs an evidence strength", "strength")
    _validate(review, text, strength, papers)
    stamp = now()
    with review.atomic():
        claim_id = review.db["claims"].insert(
            {
                "text": text.strip(),
                "strength": strength,
                "reasoning": reasoning,
                "position": next_position(review, "claims"),
                "created_at": stamp,
                "updated_at": stamp,
            }
        ).last_pk
        _write_papers(review, claim_id, papers, relations)
        review.audit("insert", "claims", claim_id, None, get_claim(review, claim_id))
    return Changes(claims=True, id=claim_id)


def update_claim(
    review: Review,
    claim_id: int,
    *,
    text: str | None = None,
    strength: str | None = None,
    reasoning: str | None = None,
    papers: Sequence[int] | None = None,
    relations: Sequence[str | None] | None = None,
) -> Changes:
    _validate(review, text, strength, papers)
    with review.atomic():
        before = get_claim(review, claim_id)
        fields: dict = {"updated_at": now()}
        if text is not None:
            fields["text"] = text.strip()
        if strength is not None:
            fields["strength"] = strength
        if reasoning is not None:
            fields["reasoning"] = reasoning
        review.db["claims"].update(claim_id, fields)
        if papers is not None:
            _write_papers(review, claim_id, papers, relations)
        review.audit("update", "claims", claim_id, before, get_claim(review, claim_id))
    return Changes(claims=True, id=claim_id)


def delete_claim(review: Review, claim_id: int) -> Changes:
    with review.atomic():
        before = get_claim(review, claim_id)
        review.db.execute("DELETE FROM claims WHERE id = ?", (claim_id,))
        review.audit("delete", "claims", claim_id, before, None)
    return Changes(claims=True)


def reorder_claims(review: Review, ids: list[int]) -> Changes:
    with review.atomic():
        reorder(review, "claims", ids)
        review.audit("reorder", "claims", None, None, ids)
    return Changes(claims=True)


def get_claim(review: Review, claim_id: int) -> dict:
    rows = list(review.db.query("SELECT * FROM claims WHERE id = ?", [claim_id]))
    if not rows:
        raise CuratorError(f"no claim with id {claim_id}")
    claim = rows[0]
    links = list(
        review.db.query(
            "SELECT paper_id, relation FROM claim_papers WHERE claim_id = ? ORDER BY position",
            [claim_id],
        )
    )
    claim["papers"] = [link["paper_id"] for link in links]
    claim["relations"] = [link["relation"] for link in links]
    return claim


def claims(review: Review) -> list[dict]:
    ids = [row[0] for row in review.db.execute("SELECT id FROM claims ORDER BY position, id")]
    return [get_claim(review, claim_id) for claim_id in ids]
