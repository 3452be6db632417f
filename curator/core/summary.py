"""A review at a glance: counts of records, papers and decisions per stage (`curator info`)."""

from __future__ import annotations

from curator import __version__
from curator.core import db as dbmod
from curator.core.review import Review
from curator.core.screening.counts import review_counts


def info(review: Review) -> dict:
    """The review's counts; papers, included and decisions come from `review_counts`, as
    the status bar's do ("included": current decision include, at either stage)."""
    one = lambda sql: review.db.execute(sql).fetchone()[0]  # noqa: E731
    counts = review_counts(review)
    return {
        "file": str(review.path),
        "title": review.title,
        "schema_version": dbmod.user_version(review.db),
        "curator_version": __version__,
        "searches": one("SELECT COUNT(*) FROM searches"),
        "imports": one("SELECT COUNT(*) FROM imports"),
        "records": one("SELECT COUNT(*) FROM records"),
        "papers": counts.papers,
        "included": counts.included,
        "included_full_text": counts.included_full_text,
        "decisions": counts.stages,
        "claims": one("SELECT COUNT(*) FROM claims"),
        "questions": one("SELECT COUNT(*) FROM questions"),
    }
