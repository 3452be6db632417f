"""Every curation edit the panes make, each one undoable command (see curator.gui.undo).

Panes call these with the AppContext; each returns the core `Changes` or raises the core
error (CuratorError / ValidationError) without leaving an undo entry.
"""

from __future__ import annotations

from collections.abc import Sequence

from curator.core.changes import Changes
from curator.core.curation import claims, facets, questions
from curator.core.papers import get_paper, update_paper
from curator.core.review import Review
from curator.gui.context import AppContext
from curator.gui.undo import run, run_snapshot, run_value


# -- vocabulary --------------------------------------------------------------------------
def _facet_edit(
    context: AppContext, text: str, op, facet_ids: Sequence[int] | None = None
) -> Changes:
    """A vocabulary edit, undone by restoring the facets it touches (default: all)."""

    def take(review: Review) -> dict:
        ids = list(facet_ids) if facet_ids is not None else [f["id"] for f in facets.facets(review)]
        return facets.snapshot_facets(review, ids)

    return run_snapshot(context, text, op, take, facets.restore_facets)


def add_facet(context: AppContext, name: str, description: str | None = None) -> Changes:
    return _facet_edit(
        context, f"Add facet {name.strip()!r}", lambda r: facets.add_facet(r, name, description)
    )


def update_facet(context: AppContext, facet: int, *, name=None, description=None) -> Changes:
    return _facet_edit(
        context,
        "Edit facet",
        lambda r: facets.update_facet(r, facet, name=name, description=description),
        [facet],
    )


def delete_facet(context: AppContext, facet: int) -> Changes:
    return _facet_edit(context, "Delete facet", lambda r: facets.delete_facet(r, facet), [facet])


def reorder_facets(context: AppContext, ids: list[int]) -> Changes:
    return _facet_edit(context, "Reorder facets", lambda r: facets.reorder_facets(r, ids))


def add_term(
    context: AppContext,
    facet: int,
    name: str,
    *,
    definition=None,
    parent_id=None,
    tag_papers: Sequence[int] = (),
) -> Changes:
    """Add a term (optionally tagging papers with it at once: one undo step)."""

    def op(review: Review) -> Changes:
        changes = facets.add_term(review, facet, name, definition=definition, parent_id=parent_id)
        if tag_papers:
            facets.tag(review, tag_papers, changes.id)  # type: ignore[arg-type]
            changes = changes | Changes(tags=True)
        return changes

    return _facet_edit(context, f"Add term {name.strip()!r}", op, [facet])


def update_term(context: AppContext, term: int, **fields) -> Changes:
    facet = facets.get_term(context.review, term)["facet_id"]  # type: ignore[arg-type]
    return _facet_edit(
        context, "Edit term", lambda r: facets.update_term(r, term, **fields), [facet]
    )


def delete_term(context: AppContext, term: int) -> Changes:
    row = facets.get_term(context.review, term)  # type: ignore[arg-type]
    return _facet_edit(
        context,
        f"Delete term {row['name']!r}",
        lambda r: facets.delete_term(r, term),
        [row["facet_id"]],
    )


def merge_terms(context: AppContext, keep: int, drop: int) -> Changes:
    row = facets.get_term(context.review, drop)  # type: ignore[arg-type]
    return _facet_edit(
        context,
        f"Merge term {row['name']!r}",
        lambda r: facets.merge_terms(r, keep, drop),
        [row["facet_id"]],
    )


def reorder_terms(context: AppContext, facet: int, ids: list[int]) -> Changes:
    return _facet_edit(
        context, "Reorder terms", lambda r: facets.reorder_terms(r, facet, ids), [facet]
    )


# -- tagging and paper fields -------------------------------------------------------------
def tag(
    context: AppContext, paper_ids: Sequence[int], term: int, *, remove: bool = False
) -> Changes:
    """Tag (or untag) the papers; undo touches only those whose tag actually changed."""
    review = context.review
    assert review is not None
    had = facets.tagged_with(review, paper_ids, term)
    changing = [p for p in paper_ids if (p in had) == remove]
    name = facets.get_term(review, term)["name"]
    label = f"{'Untag' if remove else 'Tag'} {len(changing)} paper(s) {name!r}"
    return run(
        context,
        label,
        lambda r: facets.tag(r, changing, term, remove=remove),
        lambda r: facets.tag(r, changing, term, remove=not remove),
    )


def set_paper_fields(context: AppContext, paper_ids: Sequence[int], text: str, **fields) -> Changes:
    """Set key flag / key result / notes on papers (one transaction, one undo step)."""
    review = context.review
    assert review is not None
    before = {p: {k: get_paper(review, p)[k] for k in fields} for p in paper_ids}

    def apply(review: Review, values: dict[int, dict]) -> Changes:
        with review.atomic():
            for paper_id, row in values.items():
                update_paper(review, paper_id, **row)
        return Changes(papers=True, id=paper_ids[0] if len(paper_ids) == 1 else None)

    return run(
        context,
        text,
        lambda r: apply(r, {p: fields for p in paper_ids}),
        lambda r: apply(r, before),
    )


# -- claims ------------------------------------------------------------------------------
def _claim_edit(context: AppContext, text: str, op) -> Changes:
    return run_snapshot(
        context, text, op, lambda r: claims.snapshot_claims(r), claims.restore_claims
    )


def add_claim(context: AppContext, **fields) -> Changes:
    return _claim_edit(context, "Add claim", lambda r: claims.add_claim(r, **fields))


def update_claim(context: AppContext, claim_id: int, **fields) -> Changes:
    return _claim_edit(context, "Edit claim", lambda r: claims.update_claim(r, claim_id, **fields))


def delete_claim(context: AppContext, claim_id: int) -> Changes:
    return _claim_edit(context, "Delete claim", lambda r: claims.delete_claim(r, claim_id))


def reorder_claims(context: AppContext, ids: list[int]) -> Changes:
    return _claim_edit(context, "Reorder claims", lambda r: claims.reorder_claims(r, ids))


def set_strength_scale(
    context: AppContext, scale: list[str], rename: dict | None = None
) -> Changes:
    """Change the scale (claims graded off it are moved); undo restores scale and claims."""

    def take(review: Review) -> dict:
        return {"scale": claims.strength_scale(review), "claims": claims.snapshot_claims(review)}

    def put(review: Review, state: dict) -> Changes:
        with review.atomic():
            review.set_setting("strength_scale", state["scale"])
            claims.restore_claims(review, state["claims"])
        return Changes(settings=True, claims=True)

    return run_value(
        context,
        "Change strength scale",
        lambda r: claims.set_strength_scale(r, scale, rename),
        take,
        put,
    )


# -- questions and research-gap notes ----------------------------------------------------
def _question_edit(context: AppContext, text: str, op) -> Changes:
    return run_snapshot(
        context, text, op, lambda r: questions.snapshot_questions(r), questions.restore_questions
    )


def add_question(context: AppContext, question: str, why: str | None = None) -> Changes:
    return _question_edit(
        context, "Add open question", lambda r: questions.add_question(r, question, why)
    )


def update_question(context: AppContext, question_id: int, *, question=None, why=None) -> Changes:
    return _question_edit(
        context,
        "Edit open question",
        lambda r: questions.update_question(r, question_id, question=question, why=why),
    )


def delete_question(context: AppContext, question_id: int) -> Changes:
    return _question_edit(
        context, "Delete open question", lambda r: questions.delete_question(r, question_id)
    )


def reorder_questions(context: AppContext, ids: list[int]) -> Changes:
    return _question_edit(
        context, "Reorder open questions", lambda r: questions.reorder_questions(r, ids)
    )


def set_section(context: AppContext, key: str, body: str) -> Changes:
    before = questions.section(context.review, key)["body"]  # type: ignore[arg-type]
    return run(
        context,
        "Edit research-gap notes",
        lambda r: questions.set_section(r, key, body),
        lambda r: questions.set_section(r, key, before),
    )
