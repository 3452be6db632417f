"""The search log: searches (name, kind, database, query, date run, hits reported) and their imports.

A search's kind says where its records came from as PRISMA 2020 counts them (`KINDS`): a
database or a register (identification via databases and registers) or one of the other
methods (websites, organisations, citation searching), which the flow counts in its own column.
"""

from __future__ import annotations

from curator.core.changes import Changes
from curator.core.errors import CuratorError, ValidationError
from curator.core.ordering import next_position
from curator.core.review import Review
from curator.core.timeutil import now

FIELDS = ("name", "kind", "database", "query", "run_on", "hits_reported", "notes")
KINDS = {
    "database": "Database",
    "register": "Register",
    "website": "Website",
    "organisation": "Organisation",
    "citation": "Citation searching",
}
OTHER_KINDS = ("website", "organisation", "citation")  # PRISMA's "other methods"


def _check_kind(fields: dict) -> None:
    if "kind" not in fields:
        return
    kind = fields["kind"] = str(fields["kind"] or "database").strip().lower()
    if kind not in KINDS:
        raise ValidationError(
            f"unknown search kind {kind!r}; choose one of {', '.join(KINDS)}", "kind"
        )


def searches(review: Review) -> list[dict]:
    return list(
        review.db.query(
            "SELECT s.*, (SELECT COUNT(*) FROM imports i WHERE i.search_id = s.id) AS files, "
            "(SELECT COUNT(*) FROM records r JOIN imports i ON i.id = r.import_id "
            "WHERE i.search_id = s.id) AS records FROM searches s ORDER BY s.position, s.id"
        )
    )


def search_id(review: Review, name: str) -> int | None:
    row = review.db.execute("SELECT id FROM searches WHERE name = ?", (name.strip(),)).fetchone()
    return row[0] if row else None


def add_search(review: Review, name: str, **fields: object) -> Changes:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise CuratorError(f"unknown search field(s): {', '.join(sorted(unknown))}")
    _check_kind(fields)
    name = (name or "").strip()
    if not name:
        raise ValidationError("a search needs a name", "name")
    hits = fields.get("hits_reported")
    if hits not in (None, ""):
        try:
            fields["hits_reported"] = int(hits)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise ValidationError(
                f"hits reported {hits!r} is not a whole number", "hits_reported"
            ) from None
    with review.atomic():
        if search_id(review, name) is not None:
            raise ValidationError(f"there is already a search named {name!r}", "name")
        row = {
            "name": name,
            **fields,
            "position": next_position(review, "searches"),
            "created_at": now(),
        }
        new_id = review.db["searches"].insert(row).last_pk
        review.audit("insert", "searches", new_id, None, row)
    return Changes(searches=True, id=new_id)


def update_search(review: Review, search: int, **fields: object) -> Changes:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise CuratorError(f"unknown search field(s): {', '.join(sorted(unknown))}")
    _check_kind(fields)
    with review.atomic():
        before = review.db["searches"].get(search)
        review.db["searches"].update(search, fields)
        review.audit("update", "searches", search, {k: before[k] for k in fields}, fields)
    return Changes(searches=True)
