"""What the relevance model learns from: the decision column of each stage and which
decisions count as relevant. Kept apart from curator.core.ranking.model so that code which only
needs these (the stopping test, the GUI at start-up) does not load scikit-learn."""

from curator.core.review import STAGE_COLUMN
from curator.core.screening.decisions import INCLUDED

# Relevant means included (the one rule, decisions.INCLUDED): a 'maybe' is undecided for the
# model, neither relevant nor not, so it is left out of training and of the stopping counts.
POSITIVE = INCLUDED
NEGATIVE = ("exclude",)
LABELLED = POSITIVE + NEGATIVE
DEFAULT_SEED = 0


def trainable(review, stage: str) -> bool:
    """True once the stage has a relevant and an irrelevant decision to learn from: the
    cheap check (SQL only, no scikit-learn) the screening pane makes before it shows a record,
    so that it can wait for the model instead of reordering under the reader."""
    column = STAGE_COLUMN[stage]
    found = {
        row[0]
        for row in review.db.execute(
            f"SELECT DISTINCT {column} FROM papers WHERE merged_into IS NULL "
            f"AND {column} IN ({', '.join('?' * len(POSITIVE + NEGATIVE))})",
            [*POSITIVE, *NEGATIVE],
        ).fetchall()
    }
    return bool(found & set(POSITIVE)) and bool(found & set(NEGATIVE))
