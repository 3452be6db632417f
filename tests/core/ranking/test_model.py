"""The ranking model on a review: relevant records first, reproducible, explained, stored."""

from __future__ import annotations

import numpy as np
import pytest

from curator.core.errors import CuratorError
from curator.core.ranking import model as ranking
from curator.core.screening.decisions import record_decision
from tests.ranking_corpus import build_review, corpus, first_labelled


@pytest.fixture
def labelled_review(review):
    rows = corpus()
    ids = build_review(review, rows, first_labelled(rows, 2, 4))
    return review, rows, ids


def test_obviously_relevant_records_rank_first(labelled_review):
    review, rows, ids = labelled_review
    result = ranking.rank_review(review, "title_abstract")
    decided = set(ranking.stage_labels(review, "title_abstract"))
    undecided_order = [p for p in result.order().tolist() if p not in decided]
    relevant = {ids[i] for i, r in enumerate(rows) if r[2] == 1} - decided
    assert len(relevant) == 8
    assert set(undecided_order[: len(relevant)]) == relevant


@pytest.mark.parametrize("classifier", ranking.CLASSIFIERS)
def test_every_benchmarked_classifier_ranks_the_relevant_ones_first(labelled_review, classifier):
    review, rows, ids = labelled_review
    result = ranking.rank_review(review, "title_abstract", classifier=classifier)
    relevant = [ids[i] for i, r in enumerate(rows) if r[2] == 1]
    others = [ids[i] for i, r in enumerate(rows) if r[2] == 0]
    assert min(result.score_of(p) for p in relevant) > max(result.score_of(p) for p in others)


def test_the_model_is_reproducible_from_the_decisions(labelled_review):
    review, _rows, _ids = labelled_review
    first = ranking.rank_review(review, "title_abstract", seed=3)
    ranking._cache.clear()  # a fresh session: vectorise again
    second = ranking.rank_review(review, "title_abstract", seed=3)
    np.testing.assert_array_equal(first.ids, second.ids)
    np.testing.assert_allclose(first.scores, second.scores)


def test_a_maybe_is_never_learned_as_an_include(labelled_review):
    # Issue 17: the model counted a maybe as an include (14 includes became 15).
    review, _rows, ids = labelled_review
    before = ranking.stage_labels(review, "title_abstract")
    record_decision(review, ids[-1], "title_abstract", "maybe")
    labels = ranking.stage_labels(review, "title_abstract")
    assert ids[-1] not in labels
    assert sum(labels.values()) == sum(before.values()) - before.get(ids[-1], 0)


def test_explanation_names_the_terms_that_pushed_the_score(labelled_review):
    review, rows, ids = labelled_review
    result = ranking.rank_review(review, "title_abstract")
    relevant = next(ids[i] for i, r in enumerate(rows) if r[2] == 1)
    why = result.explain(relevant, 5)
    assert why.score == pytest.approx(result.score_of(relevant))
    assert any("depress" in term or "exercise" in term for term, _w in why.up)
    assert all(w > 0 for _t, w in why.up)
    other = next(ids[i] for i, r in enumerate(rows) if r[2] == 0)
    assert all(w < 0 for _t, w in result.explain(other).down)


def test_needs_one_include_and_one_exclude(review):
    rows = corpus(n_other=5)
    build_review(review, rows, {i: "exclude" for i, r in enumerate(rows) if r[2] == 0})
    assert not ranking.can_rank(review, "title_abstract")
    with pytest.raises(CuratorError, match="at least one include and one exclude"):
        ranking.rank_review(review, "title_abstract")


def test_scores_are_written_in_one_transaction_with_one_audit_entry(labelled_review):
    review, _rows, ids = labelled_review
    result = ranking.rank_review(review, "title_abstract")
    changes = ranking.write_scores(review, result)
    assert changes.papers
    stored = dict(review.db.execute("SELECT id, rank_score FROM papers").fetchall())
    assert all(stored[p] == pytest.approx(result.score_of(p)) for p in ids)
    entries = [e for e in review.audit_log("papers") if e["action"] == "rank"]
    assert len(entries) == 1 and '"includes": 2' in entries[0]["after"]


def test_features_are_cached_by_content(labelled_review):
    review, _rows, ids = labelled_review
    first = ranking.review_features(review)
    assert ranking.review_features(review) is first
    review.db.execute("UPDATE papers SET abstract = 'changed text' WHERE id = ?", (ids[0],))
    assert ranking.review_features(review).key != first.key


def test_keywords_join_the_text():
    assert ranking.paper_text("T", "A", '["exercise", "mood"]') == "T A exercise mood"
    assert ranking.paper_text("T", None, "exercise; mood") == "T exercise; mood"


@pytest.mark.parametrize(
    ("term", "shown"),
    [
        ("used and", False),
        ("of disease", False),
        ("include", False),
        ("of the", False),
        ("2016", False),
        ("disease", True),
        ("amygdala volume", True),
        ("cognitive behavioural therapy", True),
        ("quality of life", True),  # a stop word inside a phrase is part of it
    ],
)
def test_explanations_leave_out_stop_word_phrases(term, shown):
    assert ranking._only_stop_words(term) is not shown


def test_no_explanation_term_is_a_stop_word_fragment(labelled_review):
    review, _rows, _ids = labelled_review
    result = ranking.rank_review(review, "title_abstract")
    for paper_id in result.ids.tolist():
        why = result.explain(int(paper_id), 10)
        for term, _weight in why.up + why.down:
            words = term.split()
            assert words[0] not in ranking.EXPLANATION_STOP_WORDS, term
            assert words[-1] not in ranking.EXPLANATION_STOP_WORDS, term
