"""The screening queue: which papers a reviewer screens at a stage, in which order, filtered.

A queue is a list of paper ids computed once (the GUI keeps it and walks it), so moving to
the next record never re-runs the query. Title/abstract screens every unmerged paper; full
text only those included or marked maybe at title/abstract.
"""

from __future__ import annotations

import random
from typing import Any

import numpy as np

from curator.core.errors import ValidationError
from curator.core.review import STAGE_COLUMN, STAGES, Review
from curator.core.screening.decisions import EFFECTIVE_REASON_SQL, FORWARD

ORDERS = {
    "imported": "As imported",
    "random": "Random (seeded)",
    "year": "By year",
    "title": "By title",
    "relevance": "Most relevant first",
}
FILTERS = {
    "all": "All records",
    "undecided": "Undecided",
    "decided": "Decided",
    "conflicts": "Conflicts",
    "decision": "By decision",
    "reason": "By exclusion reason",
}

_ORDER_SQL = {
    "imported": "(SELECT MIN(r.id) FROM records r WHERE r.paper_id = p.id) IS NULL, "
    "(SELECT MIN(r.id) FROM records r WHERE r.paper_id = p.id), p.id",
    "random": "p.id",
    "year": "p.year IS NULL, p.year, p.title COLLATE NOCASE, p.id",
    "title": "p.title COLLATE NOCASE, p.id",
    # The stored scores (curator rank); the GUI passes its live model's scores instead.
    "relevance": "p.rank_score IS NULL, p.rank_score DESC, p.id",
}


def eligible_sql(stage: str) -> str:
    """SQL (over alias `p`) for the papers screened at `stage`."""
    if stage == "title_abstract":
        return "p.merged_into IS NULL"
    forward = ", ".join(f"'{d}'" for d in FORWARD)
    return f"p.merged_into IS NULL AND (p.ta_decision IN ({forward}) OR p.ft_decision IS NOT NULL)"


def queue(
    review: Review,
    stage: str,
    *,
    reviewer: str | None = None,
    order: str = "imported",
    seed: int = 0,
    filter: str = "all",
    decision: str | None = None,
    reason_id: int | None = None,
    scores: tuple[np.ndarray, np.ndarray] | None = None,
) -> list[int]:
    """Paper ids to screen. Filters look at `reviewer`'s own decisions when one is given
    (blind screening), else at the effective decision; 'conflicts' is always effective.
    With order 'relevance', `scores` (paper ids ascending, their scores) replaces the stored
    papers.rank_score."""
    if stage not in STAGES:
        raise ValidationError(f"unknown stage {stage!r}", "stage")
    if order not in ORDERS:
        raise ValidationError(f"unknown order {order!r}; use one of {', '.join(ORDERS)}", "order")
    if filter not in FILTERS:
        raise ValidationError(
            f"unknown filter {filter!r}; use one of {', '.join(FILTERS)}", "filter"
        )
    where = [eligible_sql(stage)]
    params: list[Any] = []
    column = STAGE_COLUMN[stage]
    if reviewer:
        mine = (
            "(SELECT s.decision FROM screening_status s WHERE s.paper_id = p.id "
            "AND s.stage = ? AND s.reviewer = ? AND s.decision != 'cleared')"
        )
        mine_params: list[Any] = [stage, reviewer]
        reason = (
            "(SELECT s.reason_id FROM screening_status s WHERE s.paper_id = p.id "
            "AND s.stage = ? AND s.reviewer = ? AND s.decision = 'exclude')"
        )
    else:
        mine, mine_params, reason = f"p.{column}", [], EFFECTIVE_REASON_SQL
    if filter == "undecided":
        where.append(f"{mine} IS NULL")
        params += mine_params
    elif filter == "decided":
        where.append(f"{mine} IS NOT NULL")
        params += mine_params
    elif filter == "conflicts":
        where.append(f"p.{column} = 'conflict'")
    elif filter == "decision":
        if not decision:
            raise ValidationError("choose the decision to filter by", "decision")
        where.append(f"{mine} = ?")
        params += mine_params + [decision]
    elif filter == "reason":
        if reason_id is None:
            raise ValidationError("choose the exclusion reason to filter by", "reason")
        where.append(f"{reason} = ?")
        params += ([stage, reviewer] if reviewer else [stage]) + [reason_id]
    sql = f"SELECT p.id FROM papers p WHERE {' AND '.join(where)} ORDER BY {_ORDER_SQL[order]}"
    ids = [row[0] for row in review.db.execute(sql, params)]
    if order == "random":
        random.Random(seed).shuffle(ids)
    elif order == "relevance" and scores is not None:
        ids = by_relevance(ids, *scores)
    return ids


def by_relevance(ids: list[int], score_ids: np.ndarray, scores: np.ndarray) -> list[int]:
    """`ids` most relevant first by `scores` (of `score_ids`, sorted ascending); ties and
    papers without a score (added since the model was trained) keep their place, last."""
    if not ids:
        return []
    wanted = np.asarray(ids, dtype=np.int64)
    found = np.searchsorted(score_ids, wanted)
    found = np.minimum(found, max(score_ids.size - 1, 0))
    known = score_ids.size > 0
    has = (score_ids[found] == wanted) if known else np.zeros(wanted.size, dtype=bool)
    values = np.where(has, scores[found] if known else 0.0, -np.inf)
    order = np.lexsort((np.arange(wanted.size), -values))
    return wanted[order].tolist()


def screening_record(review: Review, paper_id: int) -> dict[str, Any]:
    """What the screening pane shows of one paper, read in one query."""
    cursor = review.db.execute(
        "SELECT p.id, p.title, p.abstract, p.year, p.doi, p.pmid, p.pmcid, p.url, p.keywords, "
        "p.authors_text, p.ta_decision, p.ft_decision, p.rank_score, p.manual_rank, "
        "v.name AS venue, (SELECT r.source_id FROM records r WHERE r.paper_id = p.id "
        "ORDER BY r.id LIMIT 1) AS source_id "
        "FROM papers p LEFT JOIN venues v ON v.id = p.venue_id WHERE p.id = ?",
        (paper_id,),
    )
    names = [d[0] for d in cursor.description]
    row = cursor.fetchone()
    if row is None:
        raise ValidationError(f"no paper with id {paper_id}", "paper")
    record = dict(zip(names, row, strict=True))
    record["keywords"] = _keywords(record["keywords"])
    return record


def _keywords(value: str | None) -> list[str]:
    import json

    if not value:
        return []
    try:
        found = json.loads(value)
    except ValueError:
        return [part.strip() for part in value.split(";") if part.strip()]
    if isinstance(found, list):
        return [str(k) for k in found]
    return [str(found)]
