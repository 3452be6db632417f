"""A real labelled screening set (Cohen 2006, Antihistamines; ASReview layout) as a review."""

from __future__ import annotations

import pandas as pd

from curator.core.papers import add_paper
from curator.core.review import Review

COHEN = "screening/cohen_2006/Cohen_2006_Antihistamines.csv"


def load_cohen(review: Review, fixtures) -> pd.DataFrame:
    """Add the 310 records as papers, each with an import record whose source id is its PMID."""
    frame = pd.read_csv(fixtures / COHEN, dtype={"pubmedID": str}, keep_default_na=False)
    with review.atomic():
        search = (
            review.db["searches"]
            .insert({"name": "Cohen 2006 Antihistamines", "created_at": "2026-01-01"})
            .last_pk
        )
        imp = (
            review.db["imports"]
            .insert(
                {
                    "search_id": search,
                    "file_name": COHEN,
                    "sha256": "-",
                    "format": "csv",
                    "imported_at": "2026-01-01",
                }
            )
            .last_pk
        )
        paper_ids = []
        for position, row in enumerate(frame.itertuples()):
            authors = [a.strip() for a in str(row.authors).split(";") if a.strip()]
            title = row.title or f"[no title: PMID {row.pubmedID}]"  # the set has untitled records
            paper_id = add_paper(
                review,
                title=title,
                abstract=row.abstract or None,
                year=row.year or None,
                authors=authors,
                pmid=row.pubmedID,
                audit=False,
            ).id
            review.db["records"].insert(
                {
                    "import_id": imp,
                    "position": position,
                    "source_id": row.pubmedID,
                    "paper_id": paper_id,
                    "title": row.title,
                }
            )
            paper_ids.append(paper_id)
    frame["paper_id"] = paper_ids
    return frame
