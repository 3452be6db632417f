"""What the relevance model learns from: the decision column of each stage and which
decisions count as relevant. Kept apart from curator.core.ranking.model so that code which only
needs these (the stopping test, the GUI at start-up) does not load scikit-learn."""

STAGE_COLUMNS = {"title_abstract": "ta_decision", "full_text": "ft_decision"}
# A 'maybe' goes on to the next stage like an include, so the model learns it as relevant.
POSITIVE = ("include", "maybe")
NEGATIVE = ("exclude",)
DEFAULT_SEED = 0


def trainable(review, stage: str) -> bool:
    """True once the stage has a relevant and an irrelevant decision to learn from: the
    cheap check (SQL only, no scikit-learn) the screening pane makes before it shows a record,
    so that it can wait for the model instead of reordering under the reader."""
    column = STAGE_COLUMNS[stage]
    found = {
        row[0]
        for row in review.db.execute(
            f"SELECT DISTINCT {column} FROM papers WHERE merged_into IS NULL "
            f"AND {column} IN ({', '.join('?' * len(POSITIVE + NEGATIVE))})",
            [*POSITIVE, *NEGATIVE],
        ).fetchall()
    }
    return bool(found & set(POSITIVE)) and bool(found & set(NEGATIVE))
