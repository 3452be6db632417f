"""Facets, their terms, and tagging papers with terms."""

from __future__ import annotations

from collections.abc import Iterable

from curator.core.changes import Changes
from curator.core.errors import CuratorError, ValidationError
from curator.core.ordering import next_position, reorder
from curator.core.review import Review


def facets(review: Review) -> list[dict]:
    return list(review.db.query("SELECT * FROM facets ORDER BY position, id"))


def facet_id(review: Review, name: str) -> int:
    row = review.db.execute(
        "SELECT id FROM facets WHERE name = ? COLLATE NOCASE", (name.strip(),)
    ).fetchone()
    if row is None:
        known = ", ".join(f["name"] for f in facets(review))
        raise CuratorError(f"no facet named {name!r} (facets: {known})")
    return row[0]


def add_facet(review: Review, name: str, description: str | None = None) -> Changes:
    name = name.strip()
    if not name:
        raise ValidationError("a facet needs a name", "name")
    with review.atomic():
        if review.db.execute("SELECT 1 FROM facets WHERE name = ? COLLATE NOCASE", (name,)).fetchone():
            raise ValidationError(f"there is already a facet named {name!r}", "name")
        new_id = review.db["facets"].insert(
            {"name": name, "description": description, "position": next_position(review, "facets")}
        ).last_pk
        review.audit("insert", "facets", new_id, None, {"name": name, "description": description})
    return Changes(facets=True, id=new_id)


def rename_facet(review: Review, facet: int, name: str) -> Changes:
    name = name.strip()
    if not name:
        raise ValidationError("a facet needs a name", "name")
    with review.atomic():
        before = review.db["facets"].get(facet)
        review.db["facets"].update(facet, {"name": name})
        review.audit("update", "facets", facet, {"name": before["name"]}, {"name": name})
    return Changes(facets=True, tags=True)


def terms(review: Review, facet: int | None = None) -> list[dict]:
    sql = (
        "SELECT t.*, f.name AS facet, (SELECT COUNT(*) FROM paper_terms pt WHERE pt.term_id = t.id) "
        "AS papers FROM terms t JOIN facets f ON f.id = t.facet_id"
    )
    params: list = []
    if facet is not None:
        sql += " WHERE t.facet_id = ?"
        params.append(facet)
    return list(review.db.query(sql + " ORDER BY f.position, t.position, t.id", params))


def term_id(review: Review, facet: int, name: str) -> int | None:
    row = review.db.execute(
        "SELECT id FROM terms WHERE facet_id = ? AND name = ? COLLATE NOCASE", (facet, name.strip())
    ).fetchone()
    return row[0] if row else None


def add_term(
    review: Review,
    facet: int,
    name: str,
    *,
    definition: str | None = None,
    parent_id: int | None = None,
) -> Changes:
    name = name.strip()
    if not name:
        raise ValidationError("a term needs a name", "name")
    with review.atomic():
        if term_id(review, facet, name) is not None:
            raise ValidationError(f"this facet already has a term {name!r}", "name")
        new_id = review.db["terms"].insert(
            {
                "facet_id": facet,
                "name": name,
                "definition": definition,
                "parent_id": parent_id,
                "position": next_position(review, "terms", "facet_id = ?", [facet]),
            }
        ).last_pk
        review.audit("insert", "terms", new_id, None, {"facet_id": facet, "name": name})
    return Changes(facets=True, id=new_id)


def ensure_term(review: Review, facet: int, name: str) -> int:
    found = term_id(review, facet, name)
    return found if found is not None else add_term(review, facet, name).id  # type: ignore[return-value]


def update_term(review: Review, term: int, **fields: object) -> Changes:
    allowed = {"name", "definition", "parent_id", "shortcut"}
    if set(fields) - allowed:
        raise CuratorError(f"unknown term field(s): {', '.join(sorted(set(fields) - allowed))}")
    if "name" in fields and not str(fields["name"] or "").strip():
        raise ValidationError("a term needs a name", "name")
    with review.atomic():
        before = review.db["terms"].get(term)
        review.db["terms"].update(term, fields)
        review.audit("update", "terms", term, {k: before[k] for k in fields}, fields)
    return Changes(facets=True, tags=True)


def delete_term(review: Review, term: int) -> Changes:
    with review.atomic():
        before = review.db["terms"].get(term)
        tagged = [r[0] for r in review.db.execute("SELECT paper_id FROM paper_terms WHERE term_id = ?", (term,))]
        review.db.execute("DELETE FROM terms WHERE id = ?", (term,))
        review.audit("delete", "terms", term, {**before, "papers": tagged}, None)
    return Changes(facets=True, tags=True)


def merge_terms(review: Review, keep: int, drop: int) -> Changes:
    """Fold term `drop` into `keep`: its papers are tagged with `keep`, then it is deleted."""
    if keep == drop:
        raise CuratorError("cannot merge a term into itself")
    with review.atomic():
        review.db.execute(
            "INSERT OR IGNORE INTO paper_terms (paper_id, term_id) "
            "SELECT paper_id, ? FROM paper_terms WHERE term_id = ?",
            (keep, drop),
        )
        before = review.db["terms"].get(drop)
        review.db.execute("DELETE FROM terms WHERE id = ?", (drop,))
        review.audit("merge", "terms", drop, before, {"merged_into": keep})
    return Changes(facets=True, tags=True)


def reorder_terms(review: Review, facet: int, ids: list[int]) -> Changes:
    with review.atomic():
        reorder(review, "terms", ids, "facet_id = ?", [facet])
        review.audit("reorder", "terms", facet, None, ids)
    return Changes(facets=True)


def tag(review: Review, paper_ids: Iterable[int], term: int, *, remove: bool = False) -> Changes:
    """Tag (or untag) papers with a term, in one transaction."""
    ids = list(paper_ids)
    with review.atomic():
        if remove:
            review.db.conn.executemany(
                "DELETE FROM paper_terms WHERE paper_id = ? AND term_id = ?", [(p, term) for p in ids]
            )
        else:
            review.db.conn.executemany(
                "INSERT OR IGNORE INTO paper_terms (paper_id, term_id) VALUES (?, ?)",
                [(p, term) for p in ids],
            )
        review.audit("untag" if remove else "tag", "paper_terms", term, None, {"papers": ids})
    return Changes(tags=True)


def paper_terms(review: Review, paper_id: int) -> list[dict]:
    return list(
        review.db.query(
            "SELECT t.id, t.name, t.facet_id, f.name AS facet FROM paper_terms pt "
            "JOIN terms t ON t.id = pt.term_id JOIN facets f ON f.id = t.facet_id "
            "WHERE pt.paper_id = ? ORDER BY f.position, t.position",
            [paper_id],
        )
    )
