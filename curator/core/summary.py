"""A review at a glance: counts of records, papers and decisions per stage (`curator info`)."""

from __future__ import annotations

from curator import __version__
from curator.core import db as dbmod
from curator.core.review import Review
from curator.core.screening.decisions import stage_counts


def info(review: Review) -> dict:
    one = lambda sql: review.db.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "file": str(review.path),
        "title": review.title,
        "schema_version": dbmod.user_version(review.db),
        "curator_version": __version__,
        "searches": one("SELECT COUNT(*) FROM searches"),
        "imports": one("SELECT COUNT(*) FROM imports"),
        "records": one("SELECT COUNT(*) FROM records"),
        "papers": one("SELECT COUNT(*) FROM papers WHERE merged_into IS NULL"),
        "included": one(
            "SELECT COUNT(*) FROM papers WHERE merged_into IS NULL AND ft_decision = 'include'"
        ),
        "decisions": stage_counts(review),
        "claims": one("SELECT COUNT(*) FROM claims"),
        "questions": one("SELECT COUNT(*) FROM questions"),
    }
