"""`candidate_pairs` (made with numpy, a bucket size at a time) gives the pairs a plain walk
through the buckets gives, in the same order, on a real labelled set: with the default bucket
limit, with small buckets cut to windows, and with only some papers new."""

from __future__ import annotations

from collections import defaultdict

import pytest

from curator.core.dedup import blocking
from tests.core.dedup.real_sets import rathbone_papers


def walk(papers, new_ids=None) -> list[tuple[int, int]]:
    """The blocking rule written plainly: each bucket's pairs in turn, a pair met again skipped."""
    buckets = defaultdict(list)
    for p in papers:
        for key in p.keys:
            buckets[key].append(p)
    pairs: dict[tuple[int, int], None] = {}
    for members in buckets.values():
        limit = len(members)
        if len(members) > blocking.MAX_BUCKET:
            members = sorted(members, key=lambda p: (p.title, p.author_str, p.id))
            limit = blocking.WINDOW
        for i, a in enumerate(members):
            for b in members[i + 1 : i + 1 + limit]:
                pair = (min(a.id, b.id), max(a.id, b.id))
                if new_ids is None or new_ids & set(pair):
                    pairs.setdefault(pair)
    return list(pairs)


@pytest.mark.parametrize("limits", [(40, 12), (6, 3)])
@pytest.mark.parametrize("new", [False, True])
def test_the_same_pairs_as_a_plain_walk_through_the_buckets(
    shared_fixtures, monkeypatch, limits, new
):
    monkeypatch.setattr(blocking, "MAX_BUCKET", limits[0])
    monkeypatch.setattr(blocking, "WINDOW", limits[1])
    papers = rathbone_papers(shared_fixtures, "haematology")[::-1]  # ids not in paper order
    new_ids = {p.id for p in papers if p.id % 3 == 0} if new else None
    first, second = blocking.candidate_pairs(papers, new_ids)
    found = [
        (papers[i].id, papers[j].id) for i, j in zip(first.tolist(), second.tolist(), strict=True)
    ]
    expected = walk(papers, new_ids)
    assert found == expected
    assert len(expected) > 1000
