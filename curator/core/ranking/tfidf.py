"""Word 1-2-gram TF-IDF for the ranking model, the same matrix as scikit-learn's, 5-10x faster.

`TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, strip_accents="unicode", min_df,
max_df)` spends most of its time in Python: it builds every bigram as a string and counts
them in a dict, one token at a time. Here the records become one byte string per chunk in
which words are the runs of non-space bytes, found and identified with numpy (a word's bytes
packed into integers: only distinct words become Python objects); words are numbered by
alphabetical rank, a word or bigram becomes one int64 key that sorts as its term sorts,
and (key, document) pairs packed into one int64 are counted by one numpy sort. So column j
is the same term as in scikit-learn, each row's columns come out sorted, and terms are
spelled out only when an explanation asks (`Terms`). The tf-idf weighting itself is
scikit-learn's TfidfTransformer. tests/core/ranking/test_tfidf.py checks the counts against
CountVectorizer's and the matrix against TfidfVectorizer's.

Kept against scikit-learn's HashingVectorizer (1-2-grams, alternate_sign=False, the same
tokens, accents and case, the same pruning and TfidfTransformer), issue 14's rule being
"within 1.5x the time with the same WSS": the library took 2.0x the wall time and 2.2x the
CPU on 20,000 records (medians of 3 alternating runs: 4.42 against 2.20 s wall, 3.20 against
1.46 s CPU) and 1.6x the CPU on 100,000 (17.0 against 10.6 s), with about half the peak
memory; WSS@95 was the same (mean of 27 simulations 0.495 against 0.493). Hashed columns
also have no term names for the explanations. 2026-12-03, 2-core machine shared (load 1-3.6
at 20,000, 9 at 100,000): `PYTHONPATH=. python -m tests.benchmarks.tfidf_vs_hashing`.
"""

from __future__ import annotations

import bisect
import operator
import unicodedata
from collections.abc import Iterator, Sequence

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import TfidfTransformer

_WORD_BITS = 24  # up to 16.7 million distinct words
_CHUNK = 4096  # documents per word-finding step (bounds the temporary arrays)
_SORT_BITS = 63  # (feature key, document) pairs are sorted packed into one int64 when they fit


class _WordTable(dict):
    """str.translate table for lower-cased NFKD text: what scikit-learn's tokens keep.

    Combining characters are deleted (strip_accents), other non-ASCII characters that are
    not word characters (regex \\w: `str.isalnum`) become spaces, the rest stay (ASCII is
    left to the byte table). Filled in as characters are met: building it for all 1.1
    million code points up front took 0.9 s of the first retrain.
    """

    def __missing__(self, code: int) -> int | None:
        char = chr(code)
        kept = None if unicodedata.combining(char) else code
        if kept is not None and code >= 128 and not char.isalnum():
            kept = 32
        self[code] = kept
        return kept


_WORDS = _WordTable()


# Records become one UTF-8 byte string per chunk in which words are the runs of non-space
# bytes (bytes.translate runs in C). ASCII records: lower-case, every non-word byte to a
# space. Other records are lower-cased, accent-stripped and their non-ASCII non-word
# characters spaced by `_WORDS` first; their bytes >= 0x80 are all word bytes and their ASCII
# capitals stay (NFKD can make one from a lower-case character: "ℌ" -> "H").
_ASCII_WORD = b"0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ASCII_TABLE = bytes(
    (c | 0x20 if 65 <= c <= 90 else c) if c in _ASCII_WORD else 32 for c in range(256)
)
_UTF8_TABLE = bytes(c if c in _ASCII_WORD or c >= 0x80 else 32 for c in range(256))
# _SEQUENCE[b]: bytes of the UTF-8 character whose first byte is b (0: never a first byte).
_SEQUENCE = np.array([1] * 128 + [0] * 64 + [2] * 32 + [3] * 16 + [4] * 8 + [0] * 8, dtype=np.int64)


def _utf8_records(texts: list[str]) -> tuple[bytes, list[int]]:
    """Non-ASCII records as scikit-learn's preprocessor leaves them, in UTF-8, joined by spaces.

    Returns the bytes and each record's length in them. Their non-ASCII non-word characters
    are spaces and combining characters are gone (`_WORDS`); that translation runs only on
    the runs of non-ASCII characters (str.translate looks up every character in Python, 0.1 s
    on 1,300 abstracts), which NFKD and the table treat alike wherever they stand.
    """
    records = [
        unicodedata.normalize("NFKD", text.lower()).encode("utf-8", "surrogatepass")
        for text in texts
    ]
    joined = b" ".join(records)
    high = np.frombuffer(b"\0" + joined + b"\0", dtype=np.uint8) >= 0x80
    edges = np.flatnonzero(high[1:] != high[:-1])  # runs of bytes >= 0x80: whole characters
    run_starts, run_ends = edges[0::2].tolist(), edges[1::2].tolist()
    pieces, kept = [], 0
    shrink = np.zeros(len(run_starts), dtype=np.int64)
    for i, (start, end) in enumerate(zip(run_starts, run_ends, strict=True)):
        run = joined[start:end].decode("utf-8", "surrogatepass").translate(_WORDS)
        piece = run.encode("utf-8", "surrogatepass")
        pieces += (joined[kept:start], piece)
        shrink[i] = end - start - len(piece)
        kept = end
    pieces.append(joined[kept:])
    sizes = np.fromiter(map(len, records), dtype=np.int64, count=len(records))
    if len(run_starts):
        record_of_run = np.searchsorted(np.cumsum(sizes + 1), run_starts, side="right")
        sizes -= np.bincount(record_of_run, weights=shrink, minlength=len(records)).astype(np.int64)
    return b"".join(pieces), sizes.tolist()


_PACKED = 8  # bytes of a word in one uint64 (the first 8, then the next 8)
_KEEP = np.array(  # _KEEP[n]: the n first bytes of a little-endian uint64 read from memory
    [(1 << (8 * n)) - 1 for n in range(_PACKED + 1)], dtype=np.uint64
)


class _ChunkWords:
    """The words of a chunk of records: (document, word number) in reading order.

    Records are joined into one byte string and words are the runs of non-space bytes,
    found with numpy. A word of up to 16 bytes is identified by its bytes packed into two
    integers (exact, not a hash), so only distinct words longer than that become bytes
    objects. `packed` holds the other distinct words' bytes (NUL-padded "S16"), numbered
    first; `long` the longer ones, numbered after them. Words of one character (not words
    to the token pattern) get the number -1.
    """

    def __init__(self, texts: Sequence[str]):
        ascii_rows = [i for i, text in enumerate(texts) if text.isascii()]
        other_rows = [i for i, text in enumerate(texts) if not text.isascii()]
        other, other_sizes = _utf8_records([texts[i] for i in other_rows])
        parts = [b""]  # a space first: every word starts after a space
        if ascii_rows:
            ascii_text = " ".join([texts[i] for i in ascii_rows])
            parts.append(ascii_text.encode("ascii").translate(_ASCII_TABLE))
        if other_rows:
            parts.append(other.translate(_UTF8_TABLE))
        parts.append(b" " * 2 * _PACKED)  # the 8-byte reads past a word stay inside
        raw = np.frombuffer(b" ".join(parts), dtype=np.uint8)
        # Word starts and ends alternate among the places where space and non-space meet.
        spaced = raw == 32
        edges = np.flatnonzero(spaced[1:] != spaced[:-1]) + 1
        starts, lengths = edges[0::2], edges[1::2] - edges[0::2]
        # Record k's bytes end before record_ends[k] (one space between records).
        sizes = [len(texts[i]) for i in ascii_rows] + other_sizes
        record_ends = np.cumsum(np.asarray(sizes, dtype=np.int64) + 1)
        per_record = np.diff(np.searchsorted(starts, record_ends), prepend=0)
        self.docs = np.repeat(np.asarray(ascii_rows + other_rows, dtype=np.int64), per_record)
        window = np.ndarray((raw.size - _PACKED,), dtype="<u8", buffer=raw, strides=(1,))
        local = np.empty(starts.size, dtype=np.int64)
        short = np.flatnonzero(lengths <= _PACKED)
        local[short], short_words = pd.factorize(
            window[starts[short]] & _KEEP[lengths[short]], sort=False
        )
        middle = np.flatnonzero((lengths > _PACKED) & (lengths <= 2 * _PACKED))
        mid_head = window[starts[middle]]
        mid_tail = window[starts[middle] + _PACKED] & _KEEP[lengths[middle] - _PACKED]
        head_codes, _ = pd.factorize(mid_head, sort=False)
        tail_codes, tail_uniques = pd.factorize(mid_tail, sort=False)
        pair_codes, pairs = pd.factorize(
            head_codes * max(len(tail_uniques), 1) + tail_codes, sort=False
        )
        local[middle] = pair_codes + len(short_words)
        first = np.empty(len(pairs), dtype=np.int64)
        first[pair_codes[::-1]] = np.arange(pair_codes.size - 1, -1, -1)
        packed = np.zeros((len(short_words) + len(pairs), 2), dtype="<u8")
        packed[: len(short_words), 0] = short_words
        packed[len(short_words) :, 0] = mid_head[first]
        packed[len(short_words) :, 1] = mid_tail[first]
        # One character: 1 byte, or all the bytes of one UTF-8 sequence (its first byte
        # tells how many). A short word's length is its count of non-NUL bytes.
        single = np.zeros(len(packed), dtype=bool)
        single[: len(short_words)] = (
            np.searchsorted(_KEEP, short_words) == _SEQUENCE[short_words & np.uint64(0xFF)]
        )
        self.packed = packed.view("S16").ravel()[~single]
        long = np.flatnonzero(lengths > 2 * _PACKED)  # rare
        self.long: dict[bytes, int] = {}
        for i, start, length in zip(
            long.tolist(), starts[long].tolist(), lengths[long].tolist(), strict=True
        ):
            word = raw[start : start + length].tobytes()
            local[i] = len(packed) + self.long.setdefault(word, len(self.long))
        number = np.concatenate(
            (np.cumsum(~single) - 1, len(self.packed) + np.arange(len(self.long)))
        )
        number[: len(packed)][single] = -1
        self.words = number[local]


def _rank_words(chunks: list[_ChunkWords]) -> tuple[list[str], list[np.ndarray]]:
    """All distinct words, sorted, and each chunk's words as their alphabetical ranks.

    Sorting UTF-8 bytes sorts by code point, as Python sorts scikit-learn's terms.
    """
    packed = np.concatenate([c.packed for c in chunks]) if chunks else np.empty(0, "S16")
    # As big-endian integer pairs they sort as the bytes do.
    pairs = packed.view(">u8").reshape(-1, 2).astype(np.uint64)
    order = np.lexsort((pairs[:, 1], pairs[:, 0]))
    pairs = pairs[order]
    new = np.ones(len(order), dtype=bool)
    new[1:] = (pairs[1:] != pairs[:-1]).any(axis=1)
    which = np.empty(len(order), dtype=np.int64)
    which[order] = np.cumsum(new) - 1
    short = packed[order[new]].tolist()  # the NUL padding goes: words have no NUL
    long = sorted(set().union(*(c.long for c in chunks)))
    if len(short) + len(long) >= 1 << _WORD_BITS:
        raise ValueError("too many distinct words for the packed bigram codes")
    below = np.array([bisect.bisect_left(short, word) for word in long], dtype=np.int64)
    short_rank = np.arange(len(short)) + np.searchsorted(below, np.arange(len(short)), "right")
    long_rank = below + np.arange(len(long))
    long_number = {word: i for i, word in enumerate(long)}
    ranks, offset = [], 0
    for chunk in chunks:
        table = np.concatenate(
            (
                short_rank[which[offset : offset + len(chunk.packed)]],
                long_rank[[long_number[word] for word in chunk.long]],
                [-1],  # number -1, a one-character word, stays -1
            )
        )
        ranks.append(table[chunk.words])
        offset += len(chunk.packed)
    ordered, done = [], 0
    for position, word in zip(below.tolist(), long, strict=True):
        ordered += short[done:position]
        ordered.append(word)
        done = position
    ordered += short[done:]
    text = b"\n".join(ordered).decode("utf-8", "surrogatepass")
    return (text.split("\n") if ordered else []), ranks


def _grams(
    chunks: list[tuple[np.ndarray, np.ndarray]], base: int, doc_bits: int | None
) -> tuple[np.ndarray, np.ndarray | None]:
    """(feature key, document) of every 1- and 2-gram of the (documents, ranks) chunks.

    `ranks` are the words' alphabetical ranks (-1: a one-character word, not a word). A word
    of rank x has the key x * base and the bigram "x y" x * base + 1 + y: every character of
    a word is above the space, so "x y" sorts right after x and before any longer word that
    starts with x, and keys sort exactly as scikit-learn sorts its terms. With `doc_bits`
    the document is packed into the key (key << doc_bits | document) and None returned for
    the documents. Written straight into one array: no concatenation.
    """
    parts = []
    for docs, ranks in chunks:
        real = ranks >= 0
        words, docs = ranks[real], docs[real]
        parts.append((words, docs, np.flatnonzero(docs[:-1] == docs[1:])))
    size = sum(words.size + same.size for words, _, same in parts)
    keys = np.empty(size, dtype=np.int64)
    all_docs = None if doc_bits is not None else np.empty(size, dtype=np.int64)
    at = 0
    for words, docs, same in parts:
        middle, end = at + words.size, at + words.size + same.size
        unigrams, bigrams = keys[at:middle], keys[middle:end]
        np.multiply(words, base, out=unigrams)
        np.take(unigrams, same, out=bigrams)
        bigrams += 1
        bigrams += words[same + 1]
        if all_docs is None:
            unigrams <<= doc_bits
            unigrams |= docs
            bigrams <<= doc_bits
            bigrams |= docs[same]
        else:
            all_docs[at:middle] = docs
            all_docs[middle:end] = docs[same]
        at = end
    return keys, all_docs


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
    chunks = [_ChunkWords(texts[i : i + _CHUNK]) for i in range(0, n, _CHUNK)]
    words, ranks = _rank_words(chunks)
    base = len(words) + 1
    doc_bits = max(n - 1, 1).bit_length()
    packs = (base * base).bit_length() + doc_bits <= _SORT_BITS
    key, doc = _grams(
        [(c.docs + i * _CHUNK, r) for i, (c, r) in enumerate(zip(chunks, ranks, strict=True))],
        base,
        doc_bits if packs else None,
    )
    del chunks, ranks
    # Every (feature, document) occurrence, sorted by feature, then document: one numpy sort
    # of both packed into an int64 (SIMD sorts: about 4x faster than hashing them). A run of
    # equal pairs is one matrix entry.
    changes = np.ones(key.size, dtype=bool)
    if packs:
        key.sort()
        np.not_equal(key[1:], key[:-1], out=changes[1:])
        entries = np.flatnonzero(changes)
        entry_key = key[entries]
        entry_doc = entry_key & ((1 << doc_bits) - 1)
        entry_key >>= doc_bits
    else:  # a huge vocabulary: sort the pairs
        order = np.lexsort((doc, key))
        key, doc = key[order], doc[order]
        changes[1:] = (key[1:] != key[:-1]) | (doc[1:] != doc[:-1])
        entries = np.flatnonzero(changes)
        entry_key, entry_doc = key[entries], doc[entries]
        del doc, order
    del changes
    counts = np.diff(entries, append=key.size)
    del key, entries
    # A run of one feature's entries is its column.
    new_feature = np.ones(entry_key.size, dtype=bool)
    np.not_equal(entry_key[1:], entry_key[:-1], out=new_feature[1:])
    first_entries = np.flatnonzero(new_feature)
    df = np.diff(first_entries, append=entry_key.size)
    kept = (df >= min_df) & (df <= max_df * n)
    if not kept.any():
        raise ValueError("no terms remain (empty texts, or min_df/max_df pruned them all)")
    features = entry_key[first_entries[kept]]
    kept_entries = np.repeat(kept, df)
    rows, counts = entry_doc[kept_entries], counts[kept_entries]
    del entry_key, entry_doc, kept_entries
    columns = np.repeat(np.arange(features.size, dtype=np.int64), df[kept])
    column_bits = max(features.size - 1, 1).bit_length()
    count_bits = int(counts.max()).bit_length()
    if doc_bits + column_bits + count_bits <= _SORT_BITS:
        # Into row order by one more packed sort (scipy's column-to-row transpose scatters
        # into every row at once: 0.2 s for 20,000 records against 0.1 s).
        entry = (rows << (column_bits + count_bits)) | (columns << count_bits) | counts
        del rows, columns, counts
        entry.sort()
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(entry >> (column_bits + count_bits), minlength=n), out=indptr[1:])
        data = (entry & ((1 << count_bits) - 1)).astype(np.float64)
        entry >>= count_bits
        entry &= (1 << column_bits) - 1
        matrix = sparse.csr_matrix((data, entry, indptr), shape=(n, features.size))
    else:
        indptr = np.zeros(features.size + 1, dtype=np.int64)
        np.cumsum(df[kept], out=indptr[1:])
        by_column = (counts.astype(np.float64), rows, indptr)
        matrix = sparse.csc_matrix(by_column, shape=(n, features.size)).tocsr()
    # Each row's columns come out in order either way (this only checks it).
    matrix.sort_indices()
    return matrix, Terms(features, words)


def tfidf_matrix(
    texts: Sequence[str], *, min_df: int = 1, max_df: float = 1.0
) -> tuple[sparse.csr_matrix, Terms]:
    """Sublinear-tf, smoothed-idf, L2-normalised tf-idf of word 1-2-grams, and the terms."""
    counts, terms = count_matrix(texts, min_df=min_df, max_df=max_df)
    return weigh(counts), terms


def weigh(counts: sparse.csr_matrix) -> sparse.csr_matrix:
    """Sublinear-tf, smoothed-idf, L2-normalised tf-idf of a count matrix (scikit-learn's)."""
    return sparse.csr_matrix(TfidfTransformer(sublinear_tf=True).fit_transform(counts))
