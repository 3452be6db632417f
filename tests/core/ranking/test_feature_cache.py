"""The on-disk feature cache: a hit is the matrix a fresh vectorise gives; anything stale,
damaged or for other texts is ignored and rebuilt, never an error; the folder stays bounded."""

from __future__ import annotations

import os
import time

import numpy as np
import pytest

from curator.core.ranking import feature_cache, simulation, tfidf
from curator.core.ranking import model as ranking

_count_matrix = tfidf.count_matrix  # the real one, before a test wraps it to count calls


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty cache folder of this test's own, and nothing cached in memory."""
    monkeypatch.setenv("CURATOR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(ranking, "_cache", type(ranking._cache)())
    return tmp_path / "cache" / "features"


@pytest.fixture
def vectorised(monkeypatch):
    """Counts how often the texts are really vectorised (not read from a cache)."""
    calls = []

    def counting(texts, **kwargs):
        calls.append(len(texts))
        return _count_matrix(texts, **kwargs)

    monkeypatch.setattr(tfidf, "count_matrix", counting)
    return calls


@pytest.fixture(scope="module")
def texts(shared_fixtures):
    path = shared_fixtures / "screening" / "cohen_2006" / "Cohen_2006_Antihistamines.csv"
    return simulation.read_labelled(path).texts


def _fresh_session():
    """As if the app were started again: the in-memory cache is gone, the disk one is not."""
    ranking._cache.clear()


def _assert_same_features(found, texts):
    counts, expected_terms = _count_matrix(
        texts, min_df=ranking._min_df(len(texts)), max_df=ranking.MAX_DF
    )
    expected = tfidf.weigh(counts)
    assert found.matrix.shape == expected.shape
    assert np.array_equal(found.matrix.indptr, expected.indptr)
    assert np.array_equal(found.matrix.indices, expected.indices)
    assert np.array_equal(found.matrix.data, expected.data)  # bit for bit, not just close
    assert list(found.terms) == list(expected_terms)


def test_a_hit_gives_the_matrix_of_a_fresh_vectorise(cache, vectorised, texts):
    ids = list(range(len(texts)))
    first = ranking.featurize(ids, texts, disk=True)
    assert vectorised == [len(texts)]
    assert len(list(cache.glob("*.npz"))) == 1
    _fresh_session()
    again = ranking.featurize(ids, texts, disk=True)
    assert vectorised == [len(texts)]  # read from disk, not vectorised again
    assert again is not first
    _assert_same_features(again, texts)
    row = int(np.argmax(np.diff(again.matrix.indptr)))
    assert [again.terms[c] for c in again.matrix[row].indices] == [
        first.terms[c] for c in first.matrix[row].indices
    ]


def test_changed_texts_or_ids_miss(cache, vectorised, texts):
    ids = list(range(len(texts)))
    ranking.featurize(ids, texts, disk=True)
    _fresh_session()
    changed = [*texts[:-1], texts[-1] + " amended"]
    _assert_same_features(ranking.featurize(ids, changed, disk=True), changed)
    _fresh_session()
    ranking.featurize([i + 1 for i in ids], texts, disk=True)
    assert len(vectorised) == 3
    assert len(list(cache.glob("*.npz"))) == 3


@pytest.mark.parametrize("damage", ["flip", "truncate", "garbage", "empty"])
def test_a_damaged_entry_is_rebuilt_without_an_error(cache, vectorised, texts, damage):
    ids = list(range(len(texts)))
    ranking.featurize(ids, texts, disk=True)
    (path,) = cache.glob("*.npz")
    raw = path.read_bytes()
    if damage == "flip":  # one byte in the middle of the stored arrays (the zip CRC catches it)
        middle = len(raw) // 2
        raw = raw[:middle] + bytes([raw[middle] ^ 0xFF]) + raw[middle + 1 :]
    elif damage == "truncate":
        raw = raw[: len(raw) // 3]
    elif damage == "garbage":
        raw = b"not a cache entry" * 100
    else:
        raw = b""
    path.write_bytes(raw)
    _fresh_session()
    _assert_same_features(ranking.featurize(ids, texts, disk=True), texts)
    assert len(vectorised) == 2
    # The entry was written again and is good: the next session reads it.
    _fresh_session()
    ranking.featurize(ids, texts, disk=True)
    assert len(vectorised) == 2


@pytest.mark.parametrize("field", ["keys", "indices", "indptr", "counts", "n_words"])
def test_a_well_formed_file_with_impossible_contents_is_rebuilt(cache, vectorised, texts, field):
    ids = list(range(len(texts)))
    ranking.featurize(ids, texts, disk=True)
    (path,) = cache.glob("*.npz")
    with np.load(path) as stored:
        arrays = {name: stored[name] for name in stored.files}
    if field == "keys":  # a term that names a word the word list does not have
        arrays["keys"] = arrays["keys"].copy()
        arrays["keys"][-1] = (int(arrays["n_words"]) + 1) ** 2 + 5
    elif field == "indices":
        arrays["indices"] = arrays["indices"] + arrays["keys"].size
    elif field == "indptr":
        arrays["indptr"] = arrays["indptr"][::-1].copy()
    elif field == "counts":
        arrays["counts"] = np.zeros_like(arrays["counts"])
    else:
        arrays["n_words"] = arrays["n_words"] + 1
    with open(path, "wb") as out:
        np.savez(out, **arrays)
    _fresh_session()
    _assert_same_features(ranking.featurize(ids, texts, disk=True), texts)
    assert len(vectorised) == 2


def test_an_entry_of_another_format_or_shape_is_not_used(cache, vectorised, texts, monkeypatch):
    ids = list(range(len(texts)))
    first = ranking.featurize(ids, texts, disk=True)
    # The same key asked for with another number of rows: inconsistent, so not used.
    assert feature_cache.load(first.key, len(texts) + 1) is None
    assert not list(cache.glob("*.npz"))  # and removed
    ranking._cache.clear()
    ranking.featurize(ids, texts, disk=True)
    # A newer format (vectorising changed): old entries miss.
    monkeypatch.setattr(feature_cache, "FORMAT", feature_cache.FORMAT + 1)
    _fresh_session()
    _assert_same_features(ranking.featurize(ids, texts, disk=True), texts)
    assert len(vectorised) == 3
    # An old entry renamed to look current is still recognised as another format.
    (current,) = cache.glob(f"v{feature_cache.FORMAT}-*.npz")
    (old,) = cache.glob(f"v{feature_cache.FORMAT - 1}-*.npz")
    os.replace(old, current)
    _fresh_session()
    ranking.featurize(ids, texts, disk=True)
    assert len(vectorised) == 4


def test_least_recently_used_entries_are_evicted(cache, texts, monkeypatch):
    def entry(i):
        _fresh_session()
        return ranking.featurize(list(range(i, i + len(texts))), texts, disk=True)

    first = entry(0)
    size = next(cache.glob("*.npz")).stat().st_size
    monkeypatch.setattr(feature_cache, "MAX_BYTES", int(size * 2.5))
    second = entry(1)
    old = time.time() - 100
    for path in cache.glob("*.npz"):
        os.utime(path, (old, old))
    assert feature_cache.load(first.key, len(texts)) is not None  # used: now the newest
    third = entry(2)
    left = {p.name.split("-", 1)[1][:-4] for p in cache.glob("*.npz")}
    assert left == {first.key, third.key}
    assert second.key not in left
    # An entry bigger than the whole allowance is still kept until the next one is written.
    monkeypatch.setattr(feature_cache, "MAX_BYTES", 1)
    fourth = entry(3)
    assert [p.name for p in cache.glob("*.npz")] == [f"v{feature_cache.FORMAT}-{fourth.key}.npz"]
    # A half-written file a crash left behind long ago goes too; a fresh one stays.
    stale, fresh = cache / ".tmp-1-stale.npz", cache / ".tmp-2-fresh.npz"
    stale.write_bytes(b"x")
    fresh.write_bytes(b"x")
    os.utime(stale, (old - 7200, old - 7200))
    feature_cache.evict(cache)
    assert not stale.exists() and fresh.exists()


def test_cache_off_or_unwritable_is_not_an_error(tmp_path, monkeypatch, vectorised, texts):
    monkeypatch.setattr(ranking, "_cache", type(ranking._cache)())
    ids = list(range(len(texts)))
    monkeypatch.setenv("CURATOR_CACHE_DIR", "")
    assert feature_cache.directory() is None
    ranking.featurize(ids, texts, disk=True)
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CURATOR_CACHE_DIR", str(blocker))
    _fresh_session()
    _assert_same_features(ranking.featurize(ids, texts, disk=True), texts)
    assert len(vectorised) == 2
    assert blocker.read_text() == "not a folder"


def test_the_folder_follows_the_platform_convention(monkeypatch, tmp_path):
    monkeypatch.delenv("CURATOR_CACHE_DIR")
    monkeypatch.setattr(feature_cache.sys, "platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert feature_cache.directory() == tmp_path / "curator" / "features"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert feature_cache.directory() == tmp_path / "home" / ".cache" / "curator" / "features"


def test_a_review_uses_the_disk_cache_and_a_simulation_does_not(cache, vectorised, review):
    from curator.core.papers import add_paper

    for i in range(30):
        add_paper(
            review, title=f"Exercise and mood study {i}", abstract=f"Trial {i % 7}", audit=False
        )
    first = ranking.review_features(review)
    assert [p.name for p in cache.glob("*.npz")] == [f"v{feature_cache.FORMAT}-{first.key}.npz"]
    _fresh_session()
    assert ranking.review_features(review).key == first.key
    assert len(vectorised) == 1
    ranking.featurize([1, 2], ["a labelled text", "another labelled text"])
    assert len(list(cache.glob("*.npz"))) == 1
