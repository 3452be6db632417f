"""Merging authors and venues the curator knows to be one, and naming venues.

Authors already meet by surname + initials and venues by a folded name (see `names`); these
functions join what those keys cannot (a misspelt surname, a journal's old title). Each is
one transaction with one audit entry, and keeps the dropped spelling as an alias so that
later imports land on the kept author or venue.
"""

from __future__ import annotations

from curator.core.changes import Changes
from curator.core.errors import CuratorError, ValidationError
from curator.core.names import venue_key
from curator.core.review import Review


def _row(review: Review, table: str, row_id: int, what: str) -> dict:
    rows = list(review.db.query(f"SELECT * FROM {table} WHERE id = ?", [row_id]))
    if not rows:
        raise CuratorError(f"no {what} with id {row_id}")
    return rows[0]


def merge_authors(review: Review, keep: int, drop: int) -> Changes:
    """Fold author `drop` into `keep`: their papers, aliases and ORCID move to `keep`."""
    if keep == drop:
        raise CuratorError("cannot merge an author into itself")
    with review.atomic():
        kept = _row(review, "authors", keep, "author")
        dropped = _row(review, "authors", drop, "author")
        papers = [
            r[0]
            for r in review.db.execute(
                "SELECT DISTINCT paper_id FROM paper_authors WHERE author_id = ?", (drop,)
            )
        ]
        review.db.execute(
            "UPDATE paper_authors SET author_id = ? WHERE author_id = ?", (keep, drop)
        )
        review.db.execute(
            "UPDATE author_aliases SET author_id = ? WHERE author_id = ?", (keep, drop)
        )
        review.db.execute(
            "INSERT OR IGNORE INTO author_aliases (alias_key, author_id) VALUES (?, ?)",
            (dropped["key"], keep),
        )
        if not kept["orcid"] and dropped["orcid"]:
            review.db.execute("UPDATE authors SET orcid = ? WHERE id = ?", (dropped["orcid"], keep))
        review.db.execute("DELETE FROM authors WHERE id = ?", (drop,))
        review.audit("merge", "authors", drop, dropped, {"merged_into": keep, "papers": papers})
    return Changes(papers=True)


def merge_venues(review: Review, keep: int, drop: int) -> Changes:
    """Fold venue `drop` into `keep`: its papers and spellings (aliases) move to `keep`."""
    if keep == drop:
        raise CuratorError("cannot merge a venue into itself")
    with review.atomic():
        _row(review, "venues", keep, "venue")
        dropped = _row(review, "venues", drop, "venue")
        papers = [
            r[0] for r in review.db.execute("SELECT id FROM papers WHERE venue_id = ?", (drop,))
        ]
        review.db.execute("UPDATE papers SET venue_id = ? WHERE venue_id = ?", (keep, drop))
        review.db.execute("UPDATE venue_aliases SET venue_id = ? WHERE venue_id = ?", (keep, drop))
        review.db.execute("DELETE FROM venues WHERE id = ?", (drop,))
        review.audit("merge", "venues", drop, dropped, {"merged_into": keep, "papers": papers})
    return Changes(papers=True)


def rename_venue(review: Review, venue: int, name: str) -> Changes:
    """Give a venue the name printed in tables and references; the new name becomes an alias."""
    name = (name or "").strip()
    if not name:
        raise ValidationError("a venue needs a name", "name")
    with review.atomic():
        before = _row(review, "venues", venue, "venue")
        review.db.execute("UPDATE venues SET name = ? WHERE id = ?", (name, venue))
        _add_alias(review, venue, name)
        review.audit("update", "venues", venue, {"name": before["name"]}, {"name": name})
    return Changes(papers=True)


def add_venue_alias(review: Review, venue: int, alias: str) -> Changes:
    """Make `alias` another spelling of `venue` (refused if it names a different venue)."""
    alias = (alias or "").strip()
    if not alias:
        raise ValidationError("an alias needs text", "alias")
    with review.atomic():
        _row(review, "venues", venue, "venue")
        _add_alias(review, venue, alias)
        review.audit(
            "insert", "venue_aliases", venue_key(alias), None, {"venue_id": venue, "alias": alias}
        )
    return Changes(papers=True)


def _add_alias(review: Review, venue: int, alias: str) -> None:
    key = venue_key(alias)
    row = review.db.execute(
        "SELECT venue_id FROM venue_aliases WHERE alias_key = ?", (key,)
    ).fetchone()
    if row is not None and row[0] != venue:
        other = review.db.execute("SELECT name FROM venues WHERE id = ?", (row[0],)).fetchone()[0]
        raise ValidationError(
            f"{alias!r} already names the venue {other!r}; merge the two venues instead", "alias"
        )
    if row is None:
        review.db.execute(
            "INSERT INTO venue_aliases (alias_key, venue_id, alias) VALUES (?, ?, ?)",
            (key, venue, alias),
        )


def venues(review: Review) -> list[dict]:
    """Every venue with its aliases and number of (unmerged) papers, by name."""
    found = list(
        review.db.query(
            "SELECT v.*, (SELECT COUNT(*) FROM papers p WHERE p.venue_id = v.id "
            "AND p.merged_into IS NULL) AS papers FROM venues v ORDER BY v.name COLLATE NOCASE, v.id"
        )
    )
    for venue in found:
        venue["aliases"] = [
            r[0]
            for r in review.db.execute(
                "SELECT alias FROM venue_aliases WHERE venue_id = ? ORDER BY alias", (venue["id"],)
            )
        ]
    return found
