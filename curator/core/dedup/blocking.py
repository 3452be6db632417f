"""Blocking: which pairs of papers to compare, without comparing every paper with every other.

Papers are put in buckets by their keys (DOI, PMID, PMCID, the first and last five title
words, the three longest title words, first author with year or year + 1, volume with first
page). Only papers sharing a bucket are compared. A bucket larger than `MAX_BUCKET` (a very
common surname in one year, say) is not compared all against all: its papers are sorted by
title and each is compared with its `WINDOW` neighbours (sorted neighbourhood). So the number
of comparisons is at most papers x keys x max(bucket, window): linear in the number of papers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterator

from curator.core.dedup.prepare import Prepared

MAX_BUCKET = 40
WINDOW = 12


def candidate_pairs(
    papers: list[Prepared], new_ids: Collection[int] | None = None
) -> Iterator[tuple[Prepared, Prepared]]:
    """Each pair sharing a bucket once (a.id < b.id); with `new_ids`, only pairs touching them."""
    buckets: dict[tuple, list[Prepared]] = defaultdict(list)
    for paper in papers:
        for key in paper.keys:
            buckets[key].append(paper)
    seen: set[int] = set()  # a pair as one int (smaller id << 64 | larger id): cheap to hash
    new = set(new_ids) if new_ids is not None else None
    for members in buckets.values():
        if len(members) < 2:
            continue
        if new is not None and not any(m.id in new for m in members):
            continue
        for a, b in _pairs_in(members):
            ia, ib = a.id, b.id
            if ia == ib:
                continue
            if ia > ib:
                a, b, ia, ib = b, a, ib, ia
            if new is not None and ia not in new and ib not in new:
                continue
            key = ia << 64 | ib
            if key in seen:
                continue
            seen.add(key)
            yield a, b


def _pairs_in(members: list[Prepared]) -> Iterator[tuple[Prepared, Prepared]]:
    if len(members) <= MAX_BUCKET:
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                yield a, b
        return
    ordered = sorted(members, key=_sort_key)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 : i + 1 + WINDOW]:
            yield a, b


_sort_key: Callable[[Prepared], tuple] = lambda p: (p.title, p.author_str, p.id)  # noqa: E731
