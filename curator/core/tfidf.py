"""Word 1-2-gram TF-IDF for the ranking model, the same matrix as scikit-learn's, 5-10x faster.

`TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, strip_accents="unicode", min_df,
max_df)` spends most of its time in Python: it builds every bigram as a string and counts
them in a dict, one token at a time. Here each distinct word gets an integer once (ASCII
words found and identified with numpy, other records through pandas.factorize), words are
then renumbered by alphabetical rank, a word or bigram becomes one int64 key that sorts as
its term sorts, and counting is `numpy.unique` over (document, key). So column j is the
same term as in scikit-learn, each row's columns come out sorted, and terms are spelled out
only when an explanation asks (`Terms`). The tf-idf weighting itself is scikit-learn's
TfidfTransformer. tests/core/test_tfidf.py checks the matrix against TfidfVectorizer's.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from collections.abc import Iterator, Sequence

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import TfidfTransformer

TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token_pattern
_WORD_BITS = 24  # up to 16.7 million distinct words
_FEATURE_BITS = 2 * _WORD_BITS  # feature keys are below (2**24 + 1)**2; the document above
_CHUNK = 4096  # documents per counting step (bounds the temporary arrays)


class _DropCombining(dict):
    """str.translate table deleting combining characters, filled in as characters are met.

    (Building it for all 1.1 million code points up front took 0.9 s of the first retrain.)
    """

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_COMBINING = _DropCombining()


def strip_accents(text: str) -> str:
    """scikit-learn's strip_accents_unicode (NFKD, drop combining marks), with one translate."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKD", text).translate(_COMBINING)


def tokens(text: str) -> list[str]:
    """Lower-cased, accent-stripped words of two or more characters (scikit-learn's analyzer)."""
    return TOKEN.findall(strip_accents(text.lower()))


# For ASCII text the regex is the same as: lower-case, every non-word byte to a space, split,
# then drop one-character words (done on the codes). bytes.translate and split run in C.
_ASCII_WORD = b"0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ASCII_TABLE = bytes(
    (c | 0x20 if 65 <= c <= 90 else c) if c in _ASCII_WORD else 32 for c in range(256)
)


def _raw_words(text: str) -> list[bytes]:
    """The words of one record as UTF-8 bytes; may include one-character words."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_TABLE).split()
    return [word.encode("utf-8") for word in tokens(text)]


_PACKED = 8  # bytes of a word in one uint64 (the first 8, then the next 8)
_KEEP = np.array(  # _KEEP[n]: the n leading bytes of a big-endian uint64
    [0] + [((1 << 64) - 1) ^ ((1 << (8 * (_PACKED - n))) - 1) for n in range(1, _PACKED + 1)],
    dtype=np.uint64,
)


def _ascii_words(texts: list[str], vocabulary: dict[bytes, int]) -> tuple[np.ndarray, np.ndarray]:
    """(record number, word code) of every word of ASCII `texts`, in reading order.

    The same words as `_raw_words`, found without a Python object per word: the records are
    translated as one byte string, words are the runs of non-space bytes, and a word of up
    to 16 bytes is identified by its bytes packed into two integers (exact, not a hash), so
    only distinct words become bytes objects. One-character words get code -1.
    """
    blob = " ".join(texts).encode("ascii").translate(_ASCII_TABLE)
    raw = np.frombuffer(blob + b" " * (2 * _PACKED), dtype=np.uint8)
    edges = np.diff((raw != 32).view(np.int8), prepend=np.int8(0))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    lengths = ends - starts
    record_ends = np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + 1)
    docs = np.searchsorted(record_ends, starts, side="right")
    # Eight bytes from every offset, big-endian: a gather, not a loop.
    window = np.ndarray((len(blob) + _PACKED,), dtype=">u8", buffer=raw, strides=(1,))
    head = window[starts].astype(np.uint64) & _KEEP[np.minimum(lengths, _PACKED)]
    tail = (
        window[starts + _PACKED].astype(np.uint64) & _KEEP[np.clip(lengths - _PACKED, 0, _PACKED)]
    )
    long = lengths > 2 * _PACKED
    head_codes, head_uniques = pd.factorize(head, sort=False)
    tail_codes, tail_uniques = pd.factorize(tail, sort=False)
    pair = head_codes.astype(np.int64) * max(len(tail_uniques), 1) + tail_codes
    pair[long] = -1
    local, _pairs = pd.factorize(pair, sort=False, use_na_sentinel=False)
    first = np.empty(len(_pairs), dtype=np.int64)
    first[local[::-1]] = np.arange(local.size - 1, -1, -1)
    get = vocabulary.setdefault
    to_global = np.fromiter(
        (
            get(blob[starts[i] : ends[i]], len(vocabulary)) if lengths[i] > 1 else -1
            for i in first.tolist()
        ),
        dtype=np.int64,
        count=len(first),
    )
    words = to_global[local]
    for i in np.flatnonzero(long).tolist():  # rare: words longer than 16 bytes
        words[i] = get(blob[starts[i] : ends[i]], len(vocabulary))
    return docs, words


def _object_words(texts: list[str], vocabulary: dict[bytes, int]) -> tuple[np.ndarray, np.ndarray]:
    """(record number, word code) of every word of `texts` (any text), one object per word."""
    flat: list[bytes] = []
    lengths = np.empty(len(texts), dtype=np.int64)
    for i, text in enumerate(texts):
        words = _raw_words(text)
        flat.extend(words)
        lengths[i] = len(words)
    local, uniques = pd.factorize(np.asarray(flat, dtype=object), sort=False)
    get = vocabulary.setdefault
    # One-character words (from the ASCII path) are not words to scikit-learn: code -1.
    to_global = np.fromiter(
        (get(word, len(vocabulary)) if len(word) > 1 else -1 for word in uniques),
        dtype=np.int64,
        count=len(uniques),
    )
    words = to_global[local] if local.size else np.empty(0, dtype=np.int64)
    return np.repeat(np.arange(len(texts), dtype=np.int64), lengths), words


def _chunk_words(
    texts: Sequence[str], vocabulary: dict[bytes, int]
) -> tuple[np.ndarray, np.ndarray]:
    """(document within chunk, word code) of every word of `texts`, each record's in order."""
    ascii_rows = [i for i, text in enumerate(texts) if text.isascii()]
    other_rows = [i for i, text in enumerate(texts) if not text.isascii()]
    parts = []
    for rows, words_of in ((ascii_rows, _ascii_words), (other_rows, _object_words)):
        if rows:
            docs, words = words_of([texts[i] for i in rows], vocabulary)
            parts.append((np.asarray(rows, dtype=np.int32)[docs], words.astype(np.int32)))
    if len(vocabulary) >= 1 << _WORD_BITS:
        raise ValueError("too many distinct words for the packed bigram codes")
    # Each part lists its records' words in reading order, so neighbours in one record stay
    # neighbours; records of different parts never meet.
    if not parts:
        return np.empty(0, dtype=np.int32), np.empty(0, dtype=np.int32)
    return np.concatenate([d for d, _ in parts]), np.concatenate([w for _, w in parts])


def _count_features(
    docs: np.ndarray, ranks: np.ndarray, base: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(document, feature key, count) of every 1- and 2-gram, sorted by document then key.

    `ranks` are the words' alphabetical ranks (-1: a one-character word, not a word). A word
    of rank x has the key x * base and the bigram "x y" x * base + 1 + y: every character of
    a word is above the space, so "x y" sorts right after x and before any longer word that
    starts with x, and keys sort exactly as scikit-learn sorts its terms.
    """
    real = ranks >= 0
    words, docs = ranks[real].astype(np.int64), docs[real].astype(np.int64)
    same = docs[:-1] == docs[1:]
    bigrams = words[:-1][same] * base + 1 + words[1:][same]
    keys = np.concatenate(
        (
            (docs << _FEATURE_BITS) | (words * base),
            (docs[:-1][same] << _FEATURE_BITS) | bigrams,
        )
    )
    keys, counts = np.unique(keys, return_counts=True)
    return keys >> _FEATURE_BITS, keys & ((1 << _FEATURE_BITS) - 1), counts


class Terms(Sequence[str]):
    """The term of each column, spelled out only when asked for.

    A 20,000-record corpus has about 370,000 terms; building them all as strings cost about
    1 s, and only an explanation (a few dozen columns) ever reads them. `keys[j]` is column
    j's feature key over the alphabetically sorted `words` (see `_count_features`).
    """

    def __init__(self, keys: np.ndarray, words: list[str]):
        self.keys = keys
        self.words = words

    def __len__(self) -> int:
        return len(self.keys)

    def __getitem__(self, column):  # a column number (numpy integers too); no slices
        first, second = divmod(int(self.keys[operator.index(column)]), len(self.words) + 1)
        if second == 0:
            return self.words[first]
        return f"{self.words[first]} {self.words[second - 1]}"

    def __iter__(self) -> Iterator[str]:
        return (self[j] for j in range(len(self.keys)))

    def tolist(self) -> list[str]:
        return list(self)


def count_matrix(
    texts: Sequence[str], *, min_df: int = 1, max_df: float = 1.0
) -> tuple[sparse.csr_matrix, Terms]:
    """Document x term counts of word 1-2-grams and the terms (sorted), as CountVectorizer.

    Terms in fewer than `min_df` documents or in more than `max_df` (a fraction) of them are
    left out. Raises ValueError when no term is left, as scikit-learn does.
    """
    n = len(texts)
    vocabulary: dict[bytes, int] = {}
    chunks = [_chunk_words(texts[i : i + _CHUNK], vocabulary) for i in range(0, n, _CHUNK)]
    # Words are numbered as met; renumbered by alphabetical rank, feature keys sort as terms.
    words = [word.decode("utf-8") for word in vocabulary]
    by_rank = sorted(range(len(words)), key=words.__getitem__)
    rank = np.empty(len(words) + 1, dtype=np.int32)
    rank[by_rank] = np.arange(len(words), dtype=np.int32)
    rank[-1] = -1  # code -1 (one-character word) stays -1
    base = len(words) + 1
    docs, keys, counts = [], [], []
    for start, (chunk_docs, chunk_words) in zip(range(0, n, _CHUNK), chunks, strict=True):
        d, k, c = _count_features(chunk_docs, rank[chunk_words], base)
        docs.append(d + start)
        keys.append(k)
        counts.append(c)
    del chunks
    doc = np.concatenate(docs) if docs else np.empty(0, dtype=np.int64)
    key = np.concatenate(keys) if keys else np.empty(0, dtype=np.int64)
    inverse, features = pd.factorize(key, sort=False)  # hashing: no sort of every entry
    df = np.bincount(inverse, minlength=features.size)
    kept = (df >= min_df) & (df <= max_df * n)
    if not kept.any():
        raise ValueError("no terms remain (empty texts, or min_df/max_df pruned them all)")
    order = np.argsort(features[kept])
    column = np.full(features.size, -1, dtype=np.int64)
    column[np.flatnonzero(kept)[order]] = np.arange(order.size)
    cols = column[inverse]
    keep = cols >= 0
    doc, cols = doc[keep], cols[keep]
    data = np.concatenate(counts)[keep].astype(np.float64)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(doc, minlength=n), out=indptr[1:])
    matrix = sparse.csr_matrix((data, cols, indptr), shape=(n, order.size))
    # Within a record the keys ascend and columns follow key order: already sorted (this
    # only checks it; it was a 0.3 s sort when columns came in another order).
    matrix.sort_indices()
    return matrix, Terms(features[kept][order], [words[i] for i in by_rank])


def tfidf_matrix(
    texts: Sequence[str], *, min_df: int = 1, max_df: float = 1.0
) -> tuple[sparse.csr_matrix, Terms]:
    """Sublinear-tf, smoothed-idf, L2-normalised tf-idf of word 1-2-grams, and the terms."""
    counts, terms = count_matrix(texts, min_df=min_df, max_df=max_df)
    return weigh(counts), terms


def weigh(counts: sparse.csr_matrix) -> sparse.csr_matrix:
    """Sublinear-tf, smoothed-idf, L2-normalised tf-idf of a count matrix (scikit-learn's)."""
    return sparse.csr_matrix(TfidfTransformer(sublinear_tf=True).fit_transform(counts))
