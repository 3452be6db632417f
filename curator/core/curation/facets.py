"""Facets and their terms (the review's vocabulary), and tagging papers with terms.

Terms are ordered within their facet and may nest (a term's parent is a term of the same
facet). Each mutation runs in one transaction, writes the audit log and returns `Changes`.
`snapshot_facets` / `restore_facets` capture and put back facets whole (their terms and the
papers tagged with them) so that the GUI can undo any vocabulary edit exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from curator.core.changes import Changes
from curator.core.errors import CuratorError, ValidationError
from curator.core.ordering import next_position, reorder
from curator.core.review import Review


# -- facets ------------------------------------------------------------------------------
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


def _get(review: Review, table: str, row_id: int, what: str) -> dict:
    rows = list(review.db.query(f"SELECT * FROM {table} WHERE id = ?", [row_id]))
    if not rows:
        raise CuratorError(f"no {what} with id {row_id}")
    return rows[0]


def _check_facet_name(review: Review, name: str, facet: int | None = None) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError("a facet needs a name", "name")
    row = review.db.execute(
        "SELECT id FROM facets WHERE name = ? COLLATE NOCASE AND id IS NOT ?", (name, facet)
    ).fetchone()
    if row:
        raise ValidationError(f"there is already a facet named {name!r}", "name")
    return name


def add_facet(review: Review, name: str, description: str | None = None) -> Changes:
    with review.atomic():
        name = _check_facet_name(review, name)
        new_id = (
            review.db["facets"]
            .insert(
                {
                    "name": name,
                    "description": description,
                    "position": next_position(review, "facets"),
                }
            )
            .last_pk
        )
        review.audit("insert", "facets", new_id, None, {"name": name, "description": description})
    return Changes(facets=True, id=new_id)


def update_facet(
    review: Review, facet: int, *, name: str | None = None, description: str | None = None
) -> Changes:
    """Rename a facet and/or change its description (None leaves a field as it is)."""
    with review.atomic():
        before = _get(review, "facets", facet, "facet")
        fields: dict[str, Any] = {}
        if name is not None:
            fields["name"] = _check_facet_name(review, name, facet)
        if description is not None:
            fields["description"] = description.strip() or None
        if fields:
            review.db["facets"].update(facet, fields)
            review.audit("update", "facets", facet, {k: before[k] for k in fields}, fields)
    return Changes(facets=True, tags=True)


def delete_facet(review: Review, facet: int) -> Changes:
    """Delete a facet with its terms and every tag made with them."""
    with review.atomic():
        before = snapshot_facets(review, [facet])[facet]
        if before is None:
            raise CuratorError(f"no facet with id {facet}")
        review.db.execute("DELETE FROM facets WHERE id = ?", (facet,))
        review.audit("delete", "facets", facet, before, None)
    return Changes(facets=True, tags=True)


def reorder_facets(review: Review, ids: list[int]) -> Changes:
    with review.atomic():
        reorder(review, "facets", ids)
        review.audit("reorder", "facets", None, None, ids)
    return Changes(facets=True)


# -- terms -------------------------------------------------------------------------------
def terms(review: Review, facet: int | None = None) -> list[dict]:
    """Terms in facet order then term order, each with `facet` (name) and `papers` (count)."""
    sql = (
        "SELECT t.*, f.name AS facet, (SELECT COUNT(*) FROM paper_terms pt WHERE pt.term_id = t.id) "
        "AS papers FROM terms t JOIN facets f ON f.id = t.facet_id"
    )
    params: list = []
    if facet is not None:
        sql += " WHERE t.facet_id = ?"
        params.append(facet)
    return list(review.db.query(sql + " ORDER BY f.position, t.position, t.id", params))


def term_tree(review: Review, facet: int) -> list[tuple[dict, int]]:
    """A facet's terms in display order, each with its depth: children follow their parent."""
    rows = terms(review, facet)
    children: dict[int | None, list[dict]] = {}
    ids = {row["id"] for row in rows}
    for row in rows:
        parent = row["parent_id"] if row["parent_id"] in ids else None
        children.setdefault(parent, []).append(row)
    out: list[tuple[dict, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for row in children.get(parent, []):
            out.append((row, depth))
            walk(row["id"], depth + 1)

    walk(None, 0)
    return out


def term_id(review: Review, facet: int, name: str) -> int | None:
    row = review.db.execute(
        "SELECT id FROM terms WHERE facet_id = ? AND name = ? COLLATE NOCASE", (facet, name.strip())
    ).fetchone()
    return row[0] if row else None


def get_term(review: Review, term: int) -> dict:
    return _get(review, "terms", term, "term")


def term_usage(review: Review, term: int) -> int:
    """How many papers are tagged with `term` (what deleting it would untag)."""
    return review.db.execute(
        "SELECT COUNT(*) FROM paper_terms WHERE term_id = ?", (term,)
    ).fetchone()[0]


def _check_parent(review: Review, facet: int, parent_id: int | None, term: int | None) -> None:
    if parent_id is None:
        return
    parent = review.db.execute("SELECT facet_id FROM terms WHERE id = ?", (parent_id,)).fetchone()
    if parent is None or parent[0] != facet:
        raise ValidationError("a term's parent must be a term of the same facet", "parent")
    seen = parent_id
    while seen is not None:  # walk up: the new parent must not be the term or its descendant
        if seen == term:
            raise ValidationError(
                "a term cannot be nested under itself or its own sub-term", "parent"
            )
        row = review.db.execute("SELECT parent_id FROM terms WHERE id = ?", (seen,)).fetchone()
        seen = row[0] if row else None


def add_term(
    review: Review,
    facet: int,
    name: str,
    *,
    definition: str | None = None,
    parent_id: int | None = None,
) -> Changes:
    name = (name or "").strip()
    if not name:
        raise ValidationError("a term needs a name", "name")
    with review.atomic():
        _get(review, "facets", facet, "facet")
        if term_id(review, facet, name) is not None:
            raise ValidationError(f"this facet already has a term {name!r}", "name")
        _check_parent(review, facet, parent_id, None)
        new_id = (
            review.db["terms"]
            .insert(
                {
                    "facet_id": facet,
                    "name": name,
                    "definition": (definition or "").strip() or None,
                    "parent_id": parent_id,
                    "position": next_position(review, "terms", "facet_id = ?", [facet]),
                }
            )
            .last_pk
        )
        review.audit("insert", "terms", new_id, None, {"facet_id": facet, "name": name})
    return Changes(facets=True, id=new_id)


def ensure_term(review: Review, facet: int, name: str) -> int:
    found = term_id(review, facet, name)
    return found if found is not None else add_term(review, facet, name).id  # type: ignore[return-value]


def update_term(review: Review, term: int, **fields: object) -> Changes:
    """Change a term's name, definition, parent or shortcut (rename keeps its tags)."""
    allowed = {"name", "definition", "parent_id", "shortcut"}
    if set(fields) - allowed:
        raise CuratorError(f"unknown term field(s): {', '.join(sorted(set(fields) - allowed))}")
    with review.atomic():
        before = get_term(review, term)
        if "name" in fields:
            name = str(fields["name"] or "").strip()
            if not name:
                raise ValidationError("a term needs a name", "name")
            other = term_id(review, before["facet_id"], name)
            if other is not None and other != term:
                raise ValidationError(f"this facet already has a term {name!r}", "name")
            fields["name"] = name
        if "parent_id" in fields:
            _check_parent(review, before["facet_id"], fields["parent_id"], term)  # type: ignore[arg-type]
        if "shortcut" in fields and fields["shortcut"]:
            shortcut = str(fields["shortcut"]).strip()
            clash = review.db.execute(
                "SELECT name FROM terms WHERE shortcut = ? AND id != ?", (shortcut, term)
            ).fetchone()
            if clash:
                raise ValidationError(
                    f"shortcut {shortcut} is already used by {clash[0]!r}", "shortcut"
                )
            fields["shortcut"] = shortcut
        review.db["terms"].update(term, fields)
        review.audit("update", "terms", term, {k: before[k] for k in fields}, fields)
    return Changes(facets=True, tags=True)


def delete_term(review: Review, term: int) -> Changes:
    """Delete a term; its papers lose the tag and its sub-terms move up to the top level."""
    with review.atomic():
        before = get_term(review, term)
        tagged = [
            r[0]
            for r in review.db.execute(
                "SELECT paper_id FROM paper_terms WHERE term_id = ?", (term,)
            )
        ]
        review.db.execute("DELETE FROM terms WHERE id = ?", (term,))
        review.audit("delete", "terms", term, {**before, "papers": tagged}, None)
    return Changes(facets=True, tags=True)


def merge_terms(review: Review, keep: int, drop: int) -> Changes:
    """Fold term `drop` into `keep`: its papers are tagged with `keep`, then it is deleted."""
    if keep == drop:
        raise CuratorError("cannot merge a term into itself")
    with review.atomic():
        kept, before = get_term(review, keep), get_term(review, drop)
        if kept["facet_id"] != before["facet_id"]:
            raise CuratorError("only terms of the same facet can be merged")
        review.db.execute(
            "INSERT OR IGNORE INTO paper_terms (paper_id, term_id) "
            "SELECT paper_id, ? FROM paper_terms WHERE term_id = ?",
            (keep, drop),
        )
        review.db.execute(
            "UPDATE terms SET parent_id = ? WHERE parent_id = ? AND id != ?", (keep, drop, keep)
        )
        review.db.execute("DELETE FROM terms WHERE id = ?", (drop,))
        review.audit("merge", "terms", drop, before, {"merged_into": keep})
    return Changes(facets=True, tags=True)


def reorder_terms(review: Review, facet: int, ids: list[int]) -> Changes:
    with review.atomic():
        reorder(review, "terms", ids, "facet_id = ?", [facet])
        review.audit("reorder", "terms", facet, None, ids)
    return Changes(facets=True)


# -- tagging -----------------------------------------------------------------------------
def tag(review: Review, paper_ids: Iterable[int], term: int, *, remove: bool = False) -> Changes:
    """Tag (or untag) papers with a term, in one transaction."""
    ids = list(paper_ids)
    with review.atomic():
        get_term(review, term)
        if remove:
            review.db.conn.executemany(
                "DELETE FROM paper_terms WHERE paper_id = ? AND term_id = ?",
                [(p, term) for p in ids],
            )
        else:
            review.db.conn.executemany(
                "INSERT OR IGNORE INTO paper_terms (paper_id, term_id) VALUES (?, ?)",
                [(p, term) for p in ids],
            )
        review.audit("untag" if remove else "tag", "paper_terms", term, None, {"papers": ids})
    return Changes(tags=True)


def tagged_with(review: Review, paper_ids: Iterable[int], term: int) -> set[int]:
    """Which of `paper_ids` are tagged with `term`."""
    ids = list(paper_ids)
    found: set[int] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        found.update(
            r[0]
            for r in review.db.execute(
                f"SELECT paper_id FROM paper_terms WHERE term_id = ? AND paper_id IN ({','.join('?' * len(chunk))})",
                [term, *chunk],
            )
        )
    return found


def paper_terms(review: Review, paper_id: int) -> list[dict]:
    return list(
        review.db.query(
            "SELECT t.id, t.name, t.facet_id, f.name AS facet FROM paper_terms pt "
            "JOIN terms t ON t.id = pt.term_id JOIN facets f ON f.id = t.facet_id "
            "WHERE pt.paper_id = ? ORDER BY f.position, t.position",
            [paper_id],
        )
    )


# -- snapshots for undo ------------------------------------------------------------------
def snapshot_facets(review: Review, ids: Sequence[int]) -> dict[int, dict | None]:
    """Each facet as it stands (its row, its terms, and the papers tagged with each), or None."""
    out: dict[int, dict | None] = {}
    for facet in ids:
        rows = list(review.db.query("SELECT * FROM facets WHERE id = ?", [facet]))
        if not rows:
            out[facet] = None
            continue
        term_rows = list(
            review.db.query("SELECT * FROM terms WHERE facet_id = ? ORDER BY id", [facet])
        )
        for row in term_rows:
            row["papers"] = [
                r[0]
                for r in review.db.execute(
                    "SELECT paper_id FROM paper_terms WHERE term_id = ? ORDER BY paper_id",
                    (row["id"],),
                )
            ]
        out[facet] = {"facet": rows[0], "terms": term_rows}
    return out


def restore_facets(review: Review, states: dict[int, dict | None]) -> Changes:
    """Put facets back exactly as `snapshot_facets` captured them (None: delete the facet)."""
    with review.atomic():
        current = snapshot_facets(review, list(states))
        for facet, state in states.items():
            if current[facet] == state:
                continue
            if state is None:
                review.db.execute("DELETE FROM facets WHERE id = ?", (facet,))
            else:
                _put_facet(review, state)
            review.audit("restore", "facets", facet, current[facet], state)
    return Changes(facets=True, tags=True)


def _put_facet(review: Review, state: dict) -> None:
    row = state["facet"]
    review.db["facets"].upsert(row, pk="id")
    wanted = {t["id"] for t in state["terms"]}
    for (old,) in review.db.execute(
        "SELECT id FROM terms WHERE facet_id = ?", (row["id"],)
    ).fetchall():
        if old not in wanted:
            review.db.execute("DELETE FROM terms WHERE id = ?", (old,))
    for term in state["terms"]:
        fields = {k: v for k, v in term.items() if k != "papers"}
        review.db["terms"].upsert({**fields, "parent_id": None}, pk="id")
    for term in state["terms"]:
        review.db.execute(
            "UPDATE terms SET parent_id = ? WHERE id = ?", (term["parent_id"], term["id"])
        )
        review.db.execute("DELETE FROM paper_terms WHERE term_id = ?", (term["id"],))
        review.db.conn.executemany(
            "INSERT OR IGNORE INTO paper_terms (paper_id, term_id) SELECT id, ? FROM papers WHERE id = ?",
            [(term["id"], p) for p in term["papers"]],
        )
