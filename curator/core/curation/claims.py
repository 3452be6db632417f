"""Claims: text, evidence strength on the review's scale, reasoning, ordered linked papers.

A claim links to papers in order, each link optionally marked supports / contradicts /
context, and may carry GRADE domain judgements (`claim_grade`) and a GRADE starting level
set by the curator (`grade_start`, with its reason; the certainty computed from them is in
`curator.core.curation.grade`). The strength scale is the
review setting 'strength_scale' (default Strong..Very weak; GRADE's High..Very low is a
preset). `snapshot_claims` / `restore_claims` capture and put back claims whole, for undo.
"""

from __future__ import annotations

from collections.abc import Sequence

from curator.core.changes import Changes
from curator.core.errors import CuratorError, ValidationError
from curator.core.ordering import next_position, reorder
from curator.core.review import DEFAULT_STRENGTH_SCALE, GRADE_STRENGTH_SCALE, Review
from curator.core.timeutil import now

RELATIONS = ("supports", "contradicts", "context")
SCALE_PRESETS = {"Default": DEFAULT_STRENGTH_SCALE, "GRADE": GRADE_STRENGTH_SCALE}

# GRADE domains: five that rate certainty down, three that rate it up; each with its judgements.
_DOWN = ("Not serious", "Serious", "Very serious")
GRADE_DOMAINS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("risk_of_bias", "Risk of bias", _DOWN),
    ("inconsistency", "Inconsistency", _DOWN),
    ("indirectness", "Indirectness", _DOWN),
    ("imprecision", "Imprecision", _DOWN),
    ("publication_bias", "Publication bias", ("Undetected", "Strongly suspected")),
    ("large_effect", "Large effect", ("No", "Large", "Very large")),
    ("dose_response", "Dose-response gradient", ("No", "Yes")),
    ("plausible_confounding", "Plausible confounding would reduce the effect", ("No", "Yes")),
)
GRADE_LABELS = {key: label for key, label, _ in GRADE_DOMAINS}
GRADE_JUDGEMENTS = {key: judgements for key, _, judgements in GRADE_DOMAINS}
# The curator's starting level; "auto" (stored as NULL) takes it from the papers' designs.
GRADE_STARTS = ("auto", "high", "low")


def strength_scale(review: Review) -> list[str]:
    return list(review.setting("strength_scale", DEFAULT_STRENGTH_SCALE))


def set_strength_scale(
    review: Review, scale: Sequence[str], rename: dict[str, str] | None = None
) -> Changes:
    """Replace the review's strength scale (strongest first).

    Claims graded with a value that leaves the scale are moved with `rename` (old -> new);
    without it, a scale of the same length maps old values to new ones by position (so
    switching Strong..Very weak to the GRADE preset turns Strong into High). A value still in
    use and not mapped is refused, and nothing changes.
    """
    values = [str(v).strip() for v in scale]
    if len(values) < 2 or any(not v for v in values):
        raise ValidationError("a strength scale needs at least two non-empty levels", "scale")
    if len({v.casefold() for v in values}) != len(values):
        raise ValidationError("each level of the strength scale must be different", "scale")
    old = strength_scale(review)
    mapping = dict(rename or {})
    if rename is None and len(old) == len(values):
        mapping = {o: n for o, n in zip(old, values, strict=True) if o != n and o not in values}
    with review.atomic():
        used = [
            r[0]
            for r in review.db.execute(
                "SELECT DISTINCT strength FROM claims WHERE strength IS NOT NULL"
            )
        ]
        for value in used:
            if value in values:
                continue
            target = mapping.get(value)
            if target not in values:
                count = review.db.execute(
                    "SELECT COUNT(*) FROM claims WHERE strength = ?", (value,)
                ).fetchone()[0]
                raise ValidationError(
                    f"{count} claim(s) are graded {value!r}, which the new scale lacks; "
                    "regrade them first or say what it becomes",
                    "scale",
                )
            review.db.execute("UPDATE claims SET strength = ? WHERE strength = ?", (target, value))
            review.audit("regrade", "claims", None, {"strength": value}, {"strength": target})
        review.set_setting("strength_scale", values)
    return Changes(settings=True, claims=True)


def _clean_grades(grades: dict | None) -> dict[str, dict] | None:
    if grades is None:
        return None
    out: dict[str, dict] = {}
    for domain, value in grades.items():
        if domain not in GRADE_JUDGEMENTS:
            raise ValidationError(f"unknown GRADE domain {domain!r}", "grades")
        if isinstance(value, dict):
            judgement, reason = value.get("judgement"), value.get("reason")
        else:
            judgement, reason = value
        judgement = (judgement or "").strip() or None
        reason = (reason or "").strip() or None
        if judgement is None and reason is None:
            continue
        if judgement is not None and judgement not in GRADE_JUDGEMENTS[domain]:
            raise ValidationError(
                f"{GRADE_LABELS[domain]}: {judgement!r} is not one of "
                f"{', '.join(GRADE_JUDGEMENTS[domain])}",
                "grades",
            )
        out[domain] = {"judgement": judgement, "reason": reason}
    return out


def _clean_start(start: str | None, reason: str | None) -> tuple[str | None, str | None]:
    """(grade_start, grade_start_reason) to store; an override needs its reason."""
    value = (start or "").strip().casefold()
    if value not in GRADE_STARTS:
        raise ValidationError(
            f"starting level {start!r} is not one of {', '.join(GRADE_STARTS)}", "start"
        )
    reason = (reason or "").strip() or None
    if value == "auto":
        return None, None
    if reason is None:
        raise ValidationError(
            f"say why the evidence starts {value} rather than from the papers' designs", "start"
        )
    return value, reason


def validate_claim(
    review: Review,
    text: str | None,
    strength: str | None,
    papers: Sequence[int] | None,
    relations: Sequence[str | None] | None = None,
) -> None:
    """Raise ValidationError (naming the field) for a value that cannot be saved; None = unchanged."""
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
    if relations is not None:
        if papers is None or len(relations) != len(papers):
            raise ValidationError("give one relation per linked paper", "papers")
        for relation in relations:
            if relation is not None and relation not in RELATIONS:
                raise ValidationError(
                    f"relation {relation!r} is not one of {', '.join(RELATIONS)}", "papers"
                )


def _write_papers(
    review: Review, claim_id: int, papers: Sequence[int], relations: Sequence[str | None] | None
) -> None:
    relations = list(relations) if relations is not None else [None] * len(papers)
    review.db.execute("DELETE FROM claim_papers WHERE claim_id = ?", (claim_id,))
    review.db.conn.executemany(
        "INSERT INTO claim_papers (claim_id, paper_id, position, relation) VALUES (?, ?, ?, ?)",
        [(claim_id, p, i, relations[i]) for i, p in enumerate(papers)],
    )


def _write_grades(review: Review, claim_id: int, grades: dict[str, dict]) -> None:
    review.db.execute("DELETE FROM claim_grade WHERE claim_id = ?", (claim_id,))
    review.db.conn.executemany(
        "INSERT INTO claim_grade (claim_id, domain, judgement, reason) VALUES (?, ?, ?, ?)",
        [(claim_id, d, g["judgement"], g["reason"]) for d, g in grades.items()],
    )


def add_claim(
    review: Review,
    text: str,
    strength: str,
    papers: Sequence[int],
    *,
    reasoning: str | None = None,
    relations: Sequence[str | None] | None = None,
    grades: dict | None = None,
    start: str | None = None,
    start_reason: str | None = None,
) -> Changes:
    """Add a claim; `start` ("high"/"low", with `start_reason`) overrides the designs' level."""
    if strength is None or not str(strength).strip():
        raise ValidationError("a claim needs an evidence strength", "strength")
    if text is None:
        raise ValidationError("a claim needs its text", "text")
    validate_claim(review, text, strength, papers, relations)
    clean_grades = _clean_grades(grades)
    grade_start, grade_start_reason = _clean_start(start or "auto", start_reason)
    stamp = now()
    with review.atomic():
        claim_id = (
            review.db["claims"]
            .insert(
                {
                    "text": text.strip(),
                    "strength": strength,
                    "reasoning": reasoning if reasoning and reasoning.strip() else None,
                    "position": next_position(review, "claims"),
                    "grade_start": grade_start,
                    "grade_start_reason": grade_start_reason,
                    "created_at": stamp,
                    "updated_at": stamp,
                }
            )
            .last_pk
        )
        _write_papers(review, claim_id, papers, relations)
        if clean_grades:
            _write_grades(review, claim_id, clean_grades)
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
    grades: dict | None = None,
    start: str | None = None,
    start_reason: str | None = None,
) -> Changes:
    """Change the fields given (None leaves one as it is); `grades` replaces all domains.

    `start` is "high" or "low" (with `start_reason`, required) or "auto" to take the starting
    level from the linked papers' designs again.
    """
    validate_claim(review, text, strength, papers, relations)
    clean_grades = _clean_grades(grades)
    clean_start = _clean_start(start, start_reason) if start is not None else None
    with review.atomic():
        before = get_claim(review, claim_id)
        fields: dict = {"updated_at": now()}
        if text is not None:
            fields["text"] = text.strip()
        if strength is not None:
            fields["strength"] = strength
        if reasoning is not None:
            fields["reasoning"] = reasoning if reasoning.strip() else None
        if clean_start is not None:
            fields["grade_start"], fields["grade_start_reason"] = clean_start
        review.db["claims"].update(claim_id, fields)
        if papers is not None:
            _write_papers(review, claim_id, papers, relations)
        if clean_grades is not None:
            _write_grades(review, claim_id, clean_grades)
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
    """A claim with `papers` and `relations` (in link order) and `grades` (domain -> dict)."""
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
    claim["grades"] = {
        row["domain"]: {"judgement": row["judgement"], "reason": row["reason"]}
        for row in review.db.query(
            "SELECT domain, judgement, reason FROM claim_grade WHERE claim_id = ? ORDER BY domain",
            [claim_id],
        )
    }
    return claim


def claim_ids(review: Review) -> list[int]:
    return [row[0] for row in review.db.execute("SELECT id FROM claims ORDER BY position, id")]


def claims(review: Review) -> list[dict]:
    return [get_claim(review, claim_id) for claim_id in claim_ids(review)]


def claim_by_number(review: Review, number: int) -> dict:
    """The claim at 1-based position `number` in the list (as `curator claims list` shows)."""
    ids = claim_ids(review)
    if not 1 <= number <= len(ids):
        raise CuratorError(f"no claim number {number} (this review has {len(ids)} claim(s))")
    return get_claim(review, ids[number - 1])


# -- snapshots for undo ------------------------------------------------------------------
def snapshot_claims(review: Review, ids: Sequence[int] | None = None) -> dict[int, dict | None]:
    """Each claim whole (row, links, grades), or None where it does not exist; default all."""
    wanted = claim_ids(review) if ids is None else list(ids)
    out: dict[int, dict | None] = {}
    for claim_id in wanted:
        try:
            out[claim_id] = get_claim(review, claim_id)
        except CuratorError:
            out[claim_id] = None
    return out


def restore_claims(review: Review, states: dict[int, dict | None]) -> Changes:
    """Put claims back exactly as `snapshot_claims` captured them (None: delete the claim)."""
    columns = (
        "id",
        "text",
        "strength",
        "reasoning",
        "position",
        "grade_start",
        "grade_start_reason",
        "created_at",
        "updated_at",
    )
    with review.atomic():
        current = snapshot_claims(review, list(states))
        for claim_id, state in states.items():
            if current[claim_id] == state:
                continue
            if state is None:
                review.db.execute("DELETE FROM claims WHERE id = ?", (claim_id,))
            else:
                review.db["claims"].upsert({k: state[k] for k in columns}, pk="id")
                _write_papers(review, claim_id, state["papers"], state["relations"])
                _write_grades(review, claim_id, state["grades"])
            review.audit("restore", "claims", claim_id, current[claim_id], state)
    return Changes(claims=True)
