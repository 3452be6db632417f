"""Blocking: which pairs of papers to compare, without comparing every paper with every other.

Papers are put in buckets by their keys (DOI, PMID, PMCID, the first and last five title
words, the three longest title words, first author with year or year + 1, volume with first
page). Only papers sharing a bucket are compared. A bucket larger than `MAX_BUCKET` (a very
common surname in one year, say) is not compared all against all: its papers are sorted by
title and each is compared with its `WINDOW` neighbours (sorted neighbourhood). So the number
of comparisons is at most papers x keys x max(bucket, window): linear in the number of papers.

The pairs are made with numpy, all buckets of one size at a time, as arrays of indices into
the papers: made one Python tuple at a time they cost more than comparing them.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np

from curator.core.dedup.prepare import Prepared

MAX_BUCKET = 40
WINDOW = 12


def candidate_pairs(
    papers: list[Prepared], new_ids: Collection[int] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Each pair sharing a bucket once, as indices into `papers` (first[k], second[k]), the
    paper with the smaller id first; with `new_ids`, only pairs touching them.

    The order is the one of a walk through the buckets (in the order their keys first occur),
    each bucket's pairs in order, a pair met again skipped: `engine.run` merges ties between
    equal scores in the order found, so the order is kept."""
    member, start, size = _buckets(papers)
    ids = np.array([p.id for p in papers])
    new = np.isin(ids, list(new_ids)) if new_ids is not None else None
    wanted = size >= 2
    if new is not None:  # a bucket without a new paper has no pair touching one
        wanted &= np.logical_or.reduceat(new[member], start)
    first, second = _pairs(papers, member, start, size, wanted)
    # A pair is a pair of ids: the ids' ranks order them and tell them apart as the ids do.
    rank = np.unique(ids, return_inverse=True)[1]
    swap = rank[first] > rank[second]
    first, second = np.where(swap, second, first), np.where(swap, first, second)
    keep = rank[first] != rank[second]
    if new is not None:
        keep &= new[first] | new[second]
    first, second = first[keep], second[keep]
    _, seen_first = np.unique(rank[first] * len(papers) + rank[second], return_index=True)
    seen_first.sort()
    return first[seen_first], second[seen_first]


def _buckets(papers: list[Prepared]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The papers (indices) of every bucket one bucket after another, the buckets in the order
    their keys first occur and each bucket's papers in paper order; where each bucket starts
    in that array and its size."""
    index: dict[tuple, int] = {}
    bucket = np.array([index.setdefault(k, len(index)) for p in papers for k in p.keys], np.intp)
    member = np.repeat(np.arange(len(papers)), [len(p.keys) for p in papers])
    member = member[np.argsort(bucket, kind="stable")]
    size = np.bincount(bucket, minlength=len(index))
    return member, np.cumsum(size) - size, size


def _pairs(papers, member, start, size, wanted) -> tuple[np.ndarray, np.ndarray]:
    """The pairs of the `wanted` buckets, bucket after bucket, repeats and all: every pair of a
    small bucket, all buckets of one size at once; each paper of a large one with the next
    `WINDOW` in title order."""
    count = np.where(size <= MAX_BUCKET, size * (size - 1) // 2,
                     size * WINDOW - WINDOW * (WINDOW + 1) // 2)  # fmt: skip
    count[~wanted] = 0
    offset = np.cumsum(count) - count  # where each bucket's pairs go
    first = np.empty(count.sum(), np.intp)
    second = np.empty_like(first)
    for n in np.unique(size[wanted & (size <= MAX_BUCKET)]):
        buckets = np.flatnonzero(wanted & (size == n))
        a, b = np.triu_indices(n, 1)  # (0, 1), (0, 2) ... (1, 2) ...: row by row
        at = (offset[buckets, None] + np.arange(len(a))).ravel()
        first[at] = member[(start[buckets, None] + a).ravel()]
        second[at] = member[(start[buckets, None] + b).ravel()]
    by_title = lambda i: (papers[i].title, papers[i].author_str, papers[i].id)  # noqa: E731
    for k in np.flatnonzero(wanted & (size > MAX_BUCKET)):
        ordered = np.array(sorted(member[start[k] : start[k] + size[k]].tolist(), key=by_title))
        a, b = _window(len(ordered))
        first[offset[k] : offset[k] + count[k]] = ordered[a]
        second[offset[k] : offset[k] + count[k]] = ordered[b]
    return first, second


def _window(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Each position of a sorted bucket of `n` with the next `WINDOW`, position by position."""
    a = np.repeat(np.arange(n), WINDOW)
    b = a + np.tile(np.arange(1, WINDOW + 1), n)
    inside = b < n
    return a[inside], b[inside]
