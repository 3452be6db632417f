"""The fast word 1-2-gram TF-IDF gives scikit-learn's TfidfVectorizer matrix, term for term."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from curator.core import simulation, tfidf


def _reference(texts, min_df, max_df):
    vectorizer = TfidfVectorizer(
        ngram_range=(1, 2),
        sublinear_tf=True,
        min_df=min_df,
        max_df=max_df,
        strip_accents="unicode",
        dtype=np.float64,
    )
    matrix = vectorizer.fit_transform(texts).tocsr()
    matrix.sort_indices()
    return matrix, vectorizer.get_feature_names_out()


def _assert_same(texts, min_df=1, max_df=1.0):
    matrix, terms = tfidf.tfidf_matrix(texts, min_df=min_df, max_df=max_df)
    expected, expected_terms = _reference(texts, min_df, max_df)
    assert terms.tolist() == expected_terms.tolist()
    assert np.array_equal(matrix.indptr, expected.indptr)
    assert np.array_equal(matrix.indices, expected.indices)
    assert np.allclose(matrix.data, expected.data, rtol=0, atol=1e-12)


def test_real_abstracts_match_scikit_learn(shared_fixtures, monkeypatch):
    path = shared_fixtures / "screening" / "cohen_2006" / "Cohen_2006_Antihistamines.csv"
    texts = simulation.read_labelled(path).texts
    _assert_same(texts, min_df=1, max_df=0.95)
    # Several counting chunks, and min_df pruning, as on a big review.
    monkeypatch.setattr(tfidf, "_CHUNK", 64)
    _assert_same(texts, min_df=2, max_df=0.95)


def test_accents_case_short_words_and_empty_records():
    texts = [
        "Café AU lait: naïve Bayes, a b c",
        "",
        "cafe au lait! NAIVE bayes x2 3",
        "Ångström-level Résumé; résumé",
        "é",
        "über Über UBER the end",
        "co op coop co_op co-op co2 co op",  # a phrase sorts between its word and longer words
    ]
    _assert_same(texts)
    matrix, terms = tfidf.tfidf_matrix(texts)
    assert "cafe au" in terms.tolist() and "naive bayes" in terms.tolist()
    assert matrix[1].nnz == 0 and matrix[4].nnz == 0


def test_max_df_drops_words_in_nearly_every_record():
    texts = ["common alpha", "common beta", "common gamma", "common delta"]
    _assert_same(texts, max_df=0.95)
    assert "common" not in tfidf.tfidf_matrix(texts, max_df=0.95)[1].tolist()


def test_no_words_at_all_is_a_value_error():
    with pytest.raises(ValueError, match="no terms"):
        tfidf.tfidf_matrix(["", "a", "!"])
