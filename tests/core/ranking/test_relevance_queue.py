"""The 'Most relevant first' queue order: by stored rank scores, or by a live model's scores."""

from __future__ import annotations

import numpy as np

from curator.core.ranking import model as ranking
from curator.core.screening.queue import by_relevance, queue
from tests.ranking_corpus import build_review, corpus, first_labelled


def test_by_relevance_sorts_by_score_and_keeps_unscored_last():
    score_ids = np.array([1, 2, 3, 5])
    scores = np.array([0.1, 0.9, 0.5, 0.9])
    # 4 has no score (added after training): last; 2 and 5 tie: their queue order stands.
    assert by_relevance([4, 5, 1, 2, 3], score_ids, scores) == [5, 2, 3, 1, 4]
    assert by_relevance([], score_ids, scores) == []
    assert by_relevance([3, 1], np.array([], dtype=np.int64), np.array([])) == [3, 1]


def test_relevance_order_from_stored_scores_and_from_live_scores(review):
    rows = corpus(n_other=30)
    ids = build_review(review, rows, first_labelled(rows, 2, 4))
    label = dict(zip(ids, (r[2] for r in rows), strict=True))
    result = ranking.rank_review(review, "title_abstract")
    live = queue(
        review,
        "title_abstract",
        order="relevance",
        filter="undecided",
        scores=(result.ids, result.scores),
    )
    relevant_left = sum(label[p] for p in live)
    assert relevant_left == 8 and all(label[p] for p in live[:relevant_left])
    # Without live scores the stored papers.rank_score decides (none stored yet: by id).
    assert queue(review, "title_abstract", order="relevance", filter="undecided") == sorted(live)
    ranking.write_scores(review, result)
    assert queue(review, "title_abstract", order="relevance", filter="undecided") == live
