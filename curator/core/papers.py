"""Papers: adding and editing works, their ordered authors and venue, and reading them back."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from curator.core.changes import Changes
from curator.core.db import in_lists
from curator.core.errors import CuratorError, ValidationError
from curator.core.identifiers import normalise_doi, normalise_pmcid, normalise_pmid
from curator.core.names import PersonName, parse_person, venue_key
from curator.core.review import Review
from curator.core.timeutil import now

# What every pane shows where a paper has no abstract (one wording everywhere).
NO_ABSTRACT = "No abstract."

# Columns a caller may set directly (authors and venue go through their own tables).
EDITABLE = (
    "title",
    "abstract",
    "year",
    "volume",
    "issue",
    "pages",
    "doi",
    "pmid",
    "pmcid",
    "url",
    "keywords",
    "type",
    "language",
    "publisher",
    "extra",
    "is_key",
    "key_result",
    "notes",
    "rank_score",
    "manual_rank",
)

AuthorLike = str | PersonName | dict


def _person(author: AuthorLike) -> PersonName:
    if isinstance(author, PersonName):
        return author
    if isinstance(author, dict):
        return PersonName(
            str(author.get("family", "")).strip(), str(author.get("given", "")).strip()
        )
    return parse_person(str(author))


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise CuratorError(f"unknown paper field(s): {', '.join(sorted(unknown))}")
    row = dict(fields)
    if "title" in row:
        row["title"] = (row["title"] or "").strip()
    if "year" in row and row["year"] not in (None, ""):
        try:
            row["year"] = int(str(row["year"]).strip()[:4])
        except ValueError:
            raise ValidationError(f"year {row['year']!r} is not a year", "year") from None
    elif "year" in row:
        row["year"] = None
    if "doi" in row:
        row["doi"] = normalise_doi(row["doi"])
    if "pmid" in row:
        row["pmid"] = normalise_pmid(row["pmid"])
    if "pmcid" in row:
        row["pmcid"] = normalise_pmcid(row["pmcid"])
    if "keywords" in row and not isinstance(row["keywords"], (str, type(None))):
        row["keywords"] = json.dumps(list(row["keywords"]), ensure_ascii=False)
    if "extra" in row and isinstance(row["extra"], dict):
        row["extra"] = json.dumps(row["extra"], ensure_ascii=False)
    if "is_key" in row:
        row["is_key"] = 1 if row["is_key"] else 0
    return row


def venue_id_for(review: Review, name: str | None) -> int | None:
    """The venue that `name` (or an alias of it) names, created when new."""
    if not name or not name.strip():
        return None
    name = name.strip()
    key = venue_key(name)
    row = review.db.execute(
        "SELECT venue_id FROM venue_aliases WHERE alias_key = ?", (key,)
    ).fetchone()
    if row:
        return row[0]
    venue_id = review.db["venues"].insert({"name": name}).last_pk
    review.db.execute(
        "INSERT INTO venue_aliases (alias_key, venue_id, alias) VALUES (?, ?, ?)",
        (key, venue_id, name),
    )
    return venue_id


def author_id_for(review: Review, person: PersonName) -> int:
    """The author with this surname and initials (or an alias of them), created when new."""
    key = person.key
    row = review.db.execute(
        "SELECT author_id FROM author_aliases WHERE alias_key = ?", (key,)
    ).fetchone()
    if row:
        author_id = row[0]
        if person.given:
            # Keep the fullest spelling of the given name seen so far.
            review.db.execute(
                "UPDATE authors SET given = ? WHERE id = ? "
                "AND length(coalesce(given, '')) < length(?)",
                (person.given, author_id, person.given),
            )
        return author_id
    author_id = (
        review.db["authors"]
        .insert(
            {
                "family": person.family,
                "given": person.given or None,
                "initials": person.initials,
                "key": key,
            }
        )
        .last_pk
    )
    review.db.execute(
        "INSERT INTO author_aliases (alias_key, author_id) VALUES (?, ?)", (key, author_id)
    )
    return author_id


def _write_authors(review: Review, paper_id: int, authors: Sequence[AuthorLike]) -> None:
    people = [p for p in (_person(a) for a in authors) if p.family]
    review.db.execute("DELETE FROM paper_authors WHERE paper_id = ?", (paper_id,))
    review.db.conn.executemany(
        "INSERT INTO paper_authors (paper_id, position, author_id) VALUES (?, ?, ?)",
        [(paper_id, i, author_id_for(review, p)) for i, p in enumerate(people)],
    )
    review.db.execute(
        "UPDATE papers SET authors_text = ?, first_author = ? WHERE id = ?",
        (
            "; ".join(p.display() for p in people),
            people[0].family if people else "",
            paper_id,
        ),
    )


def add_paper(
    review: Review,
    *,
    authors: Sequence[AuthorLike] = (),
    venue: str | None = None,
    audit: bool = True,
    **fields: Any,
) -> Changes:
    """Add a paper; the returned Changes carries its id."""
    row = _clean(fields)
    if not row.get("title"):
        raise ValidationError("a paper needs a title", "title")
    stamp = now()
    with review.atomic():
        row["venue_id"] = venue_id_for(review, venue)
        row["created_at"] = row["updated_at"] = stamp
        paper_id = review.db["papers"].insert(row).last_pk
        _write_authors(review, paper_id, authors)
        if audit:
            review.audit("insert", "papers", paper_id, None, get_paper(review, paper_id))
    return Changes(papers=True, id=paper_id)


def update_paper(
    review: Review,
    paper_id: int,
    *,
    authors: Sequence[AuthorLike] | None = None,
    venue: str | None | type[Ellipsis] = ...,
    **fields: Any,
) -> Changes:
    """Change some of a paper's fields (only those given); one audit entry."""
    row = _clean(fields)
    if "title" in row and not row["title"]:
        raise ValidationError("a paper needs a title", "title")
    with review.atomic():
        before = get_paper(review, paper_id)
        if venue is not ...:
            row["venue_id"] = venue_id_for(review, venue)  # type: ignore[arg-type]
        row["updated_at"] = now()
        review.db["papers"].update(paper_id, row)
        if authors is not None:
            _write_authors(review, paper_id, authors)
        after = get_paper(review, paper_id)
        changed = {k: v for k, v in after.items() if before.get(k) != v and k != "updated_at"}
        if changed:
            review.audit("update", "papers", paper_id, {k: before.get(k) for k in changed}, changed)
    return Changes(papers=True, id=paper_id)


def delete_paper(review: Review, paper_id: int) -> Changes:
    with review.atomic():
        before = get_paper(review, paper_id)
        review.db.execute("DELETE FROM papers WHERE id = ?", (paper_id,))
        review.audit("delete", "papers", paper_id, before, None)
    return Changes(papers=True, decisions=True, tags=True, claims=True)


def get_paper(review: Review, paper_id: int) -> dict[str, Any]:
    """One paper with its authors (list of dicts, in order) and venue name."""
    row = review.db.execute(
        "SELECT p.*, v.name AS venue FROM papers p LEFT JOIN venues v ON v.id = p.venue_id "
        "WHERE p.id = ?",
        (paper_id,),
    )
    names = [d[0] for d in row.description]
    values = row.fetchone()
    if values is None:
        raise CuratorError(f"no paper with id {paper_id}")
    paper = dict(zip(names, values, strict=False))
    paper["authors"] = paper_authors(review, paper_id)
    paper["keywords"] = json.loads(paper["keywords"]) if paper.get("keywords") else []
    return paper


def paper_authors(review: Review, paper_id: int) -> list[dict[str, Any]]:
    return list(
        review.db.query(
            "SELECT a.id, a.family, a.given, a.initials, a.key FROM paper_authors pa "
            "JOIN authors a ON a.id = pa.author_id WHERE pa.paper_id = ? ORDER BY pa.position",
            [paper_id],
        )
    )


def count_papers(review: Review) -> int:
    return review.db.execute("SELECT COUNT(*) FROM papers WHERE merged_into IS NULL").fetchone()[0]


def find_papers(review: Review, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Rows for display (no authors list), keyed by id, for the ids given."""
    wanted = list(ids)
    found: dict[int, dict[str, Any]] = {}
    for chunk, marks in in_lists(wanted):
        for row in review.db.query(
            "SELECT p.id, p.title, p.year, p.first_author, p.authors_text, p.abstract, "
            "p.ta_decision, p.ft_decision, p.doi, p.pmid, v.name AS venue FROM papers p "
            f"LEFT JOIN venues v ON v.id = p.venue_id WHERE p.id IN ({marks})",
            chunk,
        ):
            found[row["id"]] = row
    return found
