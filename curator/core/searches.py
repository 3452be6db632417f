"""The search log: searches (name, database, query, date run, hits reported) and their imports."""

from __future__ import annotations

from curator.core.changes import Changes
from curator.core.errors import CuratorError, ValidationError
from curator.core.ordering import next_position
from curator.core.review import Review
from curator.core.timeutil import now

FIELDS = ("name", "database", "query", "run_on", "hits_reported", "notes")


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
    with review.atomic():
        before = review.db["searches"].get(search)
        review.db["searches"].update(search, fields)
        review.audit("update", "searches", search, {k: before[k] for k in fields}, fields)
    return Changes(searches=True)
