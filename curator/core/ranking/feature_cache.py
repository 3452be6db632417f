"""A disposable on-disk cache of vectorised corpora, so a review's first retrain skips TF-IDF.

Vectorising 20,000 records takes seconds; reading back its counts takes a fraction of one.
Each entry is one `.npz` file named by the format version and the key of the texts (a hash
of every paper id and text, curator.core.ranking.model.featurize), holding the word 1-2-gram count
matrix and its terms. Counts, not tf-idf weights, are stored: they are smaller (one byte
each, almost always) and the weights are recomputed from them by the same code as a fresh
vectorise (curator.core.ranking.tfidf.weigh), so a hit gives exactly the matrix a miss would.

The review file stays the only source of truth: anything in this folder may be deleted at
any time. A missing, stale (other format), truncated or corrupt entry (zip CRC, shapes and
indices are checked) is ignored, removed and rebuilt; failing to write one is not an error.
The folder is kept under `MAX_BYTES` by deleting the least recently used entries.

Where: $CURATOR_CACHE_DIR/features if that is set (set it empty to turn the cache off),
else the platform's cache folder: ~/.cache/curator/features ($XDG_CACHE_HOME if set) on
Linux, ~/Library/Caches/curator/features on macOS, %LOCALAPPDATA%\\curator\\cache\\features
on Windows.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

import numpy as np
from scipy import sparse

from curator.core.ranking.tfidf import Terms

FORMAT = 1  # bump when the stored arrays or the vectorising change: old entries then miss
MAX_BYTES = 2 << 30  # least recently used entries go beyond this (a 100,000-record review: ~0.2 GB)
_STALE_TEMP_SECONDS = 3600  # a half-written file older than this was left by a crash


def directory() -> Path | None:
    """The cache folder (not created here), or None when the cache is turned off."""
    configured = os.environ.get("CURATOR_CACHE_DIR")
    if configured is not None:
        return Path(configured) / "features" if configured.strip() else None
    home = Path.home()
    if sys.platform == "win32":
        base = (
            Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local") / "curator" / "cache"
        )
    elif sys.platform == "darwin":
        base = home / "Library" / "Caches" / "curator"
    else:
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        base = (Path(xdg) if os.path.isabs(xdg) else home / ".cache") / "curator"
    return base / "features"


def _path(folder: Path, key: str) -> Path:
    return folder / f"v{FORMAT}-{key}.npz"


def load(key: str, n_rows: int) -> tuple[sparse.csr_matrix, Terms] | None:
    """The cached (counts, terms) for `key`, or None (absent, off, stale or damaged)."""
    folder = directory()
    if folder is None:
        return None
    path = _path(folder, key)
    try:
        with np.load(path, allow_pickle=False) as stored:
            arrays = {name: stored[name] for name in stored.files}  # reads and CRC-checks all
        found = _unpack(arrays, n_rows)
    except FileNotFoundError:
        return None
    except Exception:  # damaged in any way: never an error, just vectorise again
        _remove(path)
        return None
    try:
        os.utime(path)  # recently used: evicted last
    except OSError:
        pass
    return found


def _unpack(arrays: dict[str, np.ndarray], n_rows: int) -> tuple[sparse.csr_matrix, Terms]:
    if int(arrays["format"]) != FORMAT:
        raise ValueError("another format")
    counts, indices, indptr = arrays["counts"], arrays["indices"], arrays["indptr"]
    keys, words = arrays["keys"], arrays["words"].tobytes().decode("utf-8")
    n_cols = keys.size
    if (
        indptr.size != n_rows + 1
        or indptr[0] != 0
        or indptr[-1] != indices.size
        or counts.size != indices.size
        or np.any(np.diff(indptr) < 0)
        or (indices.size and (indices.min() < 0 or indices.max() >= n_cols))
        or (counts.size and counts.min() < 1)
    ):
        raise ValueError("inconsistent arrays")
    word_list = words.split("\n") if words else []
    if (
        len(word_list) != int(arrays["n_words"])
        or np.any(keys < 0)
        or np.any(keys // (len(word_list) + 1) >= len(word_list))
    ):
        raise ValueError("inconsistent terms")
    matrix = sparse.csr_matrix((counts.astype(np.float64), indices, indptr), shape=(n_rows, n_cols))
    return matrix, Terms(keys, word_list)


def store(key: str, counts: sparse.csr_matrix, terms: Terms) -> None:
    """Save (counts, terms) under `key`, then evict old entries; any failure is ignored."""
    folder = directory()
    if folder is None:
        return
    data = counts.data
    small = np.uint8 if data.max(initial=0) < 256 else np.uint32
    temp = folder / f".tmp-{os.getpid()}-{threading.get_ident()}-{key}.npz"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with open(temp, "wb") as out:
            np.savez(
                out,
                format=np.int64(FORMAT),
                counts=data.astype(small),
                indices=counts.indices.astype(np.int32),
                indptr=counts.indptr.astype(np.int64),
                keys=np.asarray(terms.keys, dtype=np.int64),
                words=np.frombuffer("\n".join(terms.words).encode("utf-8"), dtype=np.uint8),
                n_words=np.int64(len(terms.words)),
            )
        os.replace(temp, _path(folder, key))
    except OSError:
        _remove(temp)
        return
    evict(folder, keep=_path(folder, key))


def evict(folder: Path, limit: int | None = None, keep: Path | None = None) -> None:
    """Delete least recently used entries until the folder holds at most `limit` bytes."""
    limit = MAX_BYTES if limit is None else limit
    entries = []
    try:
        for path in folder.iterdir():
            stat = path.stat()
            if path.name.startswith(".tmp-"):
                if time.time() - stat.st_mtime > _STALE_TEMP_SECONDS:
                    _remove(path)
            elif path.suffix == ".npz":
                entries.append((stat.st_mtime, stat.st_size, path))
    except OSError:
        return
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries):
        if total <= limit:
            break
        if path != keep:
            _remove(path)
            total -= size


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
