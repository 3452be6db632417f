"""The fast word 1-2-gram TF-IDF gives scikit-learn's TfidfVectorizer matrix, term for term."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from curator.core.ranking import simulation, tfidf


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


def _assert_same_counts(texts, min_df=1, max_df=1.0):
    """count_matrix is CountVectorizer's matrix exactly: terms, columns and counts."""
    vectorizer = CountVectorizer(
        ngram_range=(1, 2), strip_accents="unicode", min_df=min_df, max_df=max_df
    )
    try:
        expected = vectorizer.fit_transform(texts).tocsr()
    except ValueError:
        with pytest.raises(ValueError, match="no terms"):
            tfidf.count_matrix(texts, min_df=min_df, max_df=max_df)
        return
    expected.sort_indices()
    matrix, terms = tfidf.count_matrix(texts, min_df=min_df, max_df=max_df)
    assert terms.tolist() == vectorizer.get_feature_names_out().tolist()
    assert np.array_equal(matrix.indptr, expected.indptr)
    assert np.array_equal(matrix.indices, expected.indices)
    assert np.array_equal(matrix.data, expected.data)


NON_ASCII = [
    "β-cell function and β cells; 5 μg/kg, ±2 SD – “quoted” ’s",
    "Insulin secretion in β-cells",  # ASCII neighbours in the same chunk
    "中文摘要 研究 中 文",  # CJK words and one-character words
    "Cafe\u0301 de\u0301cor vs café décor",  # decomposed accents next to composed ones
    "Straße ﬁnal ﬂow Œuvre æther",  # NFKD: ß stays, ligatures split
    "İstanbul İ ı DİYARBAKIR",  # Turkish dotted capital I lower-cases to i + U+0307
    "ℌilbert ™ ㎒ ½ x²",  # NFKD makes ASCII capitals scikit-learn keeps: "H", "TM", "MHz"
    "é ü 中 𠀀 a b",  # lone one-character words of 1 to 4 bytes: not words
    "über𠀀 ab𠀀 𠀀𠀀",  # a 4-byte character inside and as a two-character word
    "αβγδεζηθικλμνξοπρστ αβγδεζηθικλμνξοπρσ",  # longer than 16 bytes, same first 16 bytes
    "ééééééé éééééééé aéééééé aééééééé",  # 14-17 bytes, two-byte characters across 8 and 16
    "aaaaaaaé aaaaaaaaé aaaaaaaaaaaaaaaé",  # a two-byte character across the 8- and 16-byte edges
    "emoji 😀 here, tab\tand\nnewline ΣΑΣ ΌΣΟΣ",  # non-word symbols; final sigma
    "",
    "word_with_underscore __init__ a_b",
]


def test_non_ascii_records_match_scikit_learn(monkeypatch):
    _assert_same_counts(NON_ASCII)
    _assert_same(NON_ASCII)
    # Chunks of three records: ASCII and non-ASCII records mixed in each, order kept.
    monkeypatch.setattr(tfidf, "_CHUNK", 3)
    _assert_same_counts(NON_ASCII)
    _assert_same_counts(NON_ASCII[::-1], min_df=2)
    matrix, terms = tfidf.count_matrix(NON_ASCII)
    columns = {term: j for j, term in enumerate(terms)}
    assert matrix[0, columns["cell"]] == 1 and matrix[1, columns["cells"]] == 1
    assert "TM" in columns and "MHz" in columns and "é" not in columns


def test_lone_surrogate_matches_scikit_learn():
    _assert_same_counts(["ab\ud800cd \udfff ef", "ab cd"])


def test_every_sort_falls_back_when_the_keys_do_not_fit(shared_fixtures, monkeypatch):
    path = shared_fixtures / "screening" / "cohen_2006" / "Cohen_2006_Antihistamines.csv"
    texts = simulation.read_labelled(path).texts[:120] + NON_ASCII
    expected, expected_terms = tfidf.count_matrix(texts, min_df=2)
    doc_bits = (len(texts) - 1).bit_length()
    first_sort = ((len(expected_terms.words) + 1) ** 2).bit_length() + doc_bits
    second_sort = (
        doc_bits + (expected.shape[1] - 1).bit_length() + int(expected.data.max()).bit_length()
    )
    assert 20 < second_sort <= 30 < first_sort  # so the bits below take each fallback
    for bits in (30, 20):  # the first sort unpacked, then both
        monkeypatch.setattr(tfidf, "_SORT_BITS", bits)
        matrix, terms = tfidf.count_matrix(texts, min_df=2)
        assert terms.tolist() == expected_terms.tolist()
        assert (matrix != expected).nnz == 0
        assert np.array_equal(matrix.indptr, expected.indptr)
        assert np.array_equal(matrix.indices, expected.indices)
    _assert_same_counts(texts, min_df=2)


_LETTERS = st.characters(
    codec="utf-8", categories=("L", "M", "N", "P", "S", "Z", "Pc"), max_codepoint=0x2FFFF
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.text(st.one_of(st.sampled_from("aZ _-.é\u0301ß"), _LETTERS), max_size=40),
        min_size=1,
        max_size=6,
    ),
    st.integers(1, 3),
)
def test_random_unicode_matches_scikit_learn(texts, chunk):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tfidf, "_CHUNK", chunk)
        _assert_same_counts(texts)
