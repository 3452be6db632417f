"""The merges standing, as the Duplicates workspace lists them (ids, then rows in chunks), their
counts, and acting on one: undo it so its pair waits, make it again as it was."""

from __future__ import annotations

import pytest

from curator.core import dedup
from curator.core.errors import CuratorError
from curator.core.papers import add_paper, get_paper

PAPER = dict(title="Eculizumab in atypical haemolytic uraemic syndrome: a two-year follow-up",
             authors=["Licht, Christoph", "Greenbaum, Larry A."], year=2015,
             venue="Kidney International", volume="87", issue="5", pages="1061-1073")  # fmt: skip


def automatic_pair(review):
    a = add_paper(review, **PAPER).id
    b = add_paper(review, **dict(PAPER, venue="Kidney Int", issue="6")).id
    assert dedup.run(review).merged == 1
    return a, b


def test_merge_ids_are_the_standing_merges_newest_first_and_rows_come_in_chunks(review):
    a, b = automatic_pair(review)
    pairs = [
        (add_paper(review, title=f"Study number {i}", year=2000 + i).id,
         add_paper(review, title=f"Another study {i}", year=1990 + i).id)
        for i in range(300)
    ]  # fmt: skip
    for keep, drop in pairs:
        dedup.merge(review, keep, drop, rule="reviewer")
    dedup.unmerge(review, pairs[10][1])
    ids = dedup.merge_ids(review)
    history = {m["id"]: m for m in dedup.merge_history(review)}
    standing = sorted((i for i, m in history.items() if m["undone_at"] is None), reverse=True)
    assert ids == standing and len(ids) == 300
    (auto,) = dedup.merge_ids(review, automatic_only=True)
    assert history[auto]["dropped_id"] == b
    rows = dedup.merge_rows(review, ids)  # more than one chunk of the IN lists
    assert set(rows) == set(ids)
    assert rows[auto]["automatic"] and rows[auto]["kept_title"] == PAPER["title"]
    assert not rows[ids[0]]["automatic"] and rows[ids[0]]["merged_by"] == "tester"
    assert dedup.merge_rows(review, [10**6]) == {}
    counts = dedup.counts(review)
    assert (counts.merged, counts.automatic, counts.to_review) == (300, 1, 0)
    assert counts.removed == dedup.duplicates_removed(review) == 300


def test_an_automatic_merges_details_say_which_fields_agreed_and_differed(review):
    a, b = automatic_pair(review)
    (merge_id,) = dedup.merge_ids(review)
    details = dedup.merge_details(review, merge_id)
    assert (details["a"]["id"], details["b"]["id"]) == (a, b)
    assert details["reason"].startswith("merged automatically: ")
    assert "agreed: " in details["reason"] and "differed: issue" in details["reason"]
    with pytest.raises(CuratorError):
        dedup.merge_details(review, merge_id + 1)


def test_a_manual_merge_says_who(review):
    a = add_paper(review, **PAPER).id
    b = add_paper(review, title="Something else entirely", year=1999).id
    dedup.merge(review, a, b, rule="reviewer")
    (merge_id,) = dedup.merge_ids(review)
    assert dedup.merge_details(review, merge_id)["reason"] == "merged by tester"


def test_undo_merge_queues_the_pair_and_redo_merges_it_as_before(review):
    a, b = automatic_pair(review)
    (first,) = dedup.merge_ids(review)
    assert dedup.candidate_ids(review) == []
    dedup.undo_merge(review, first)
    assert get_paper(review, b)["merged_into"] is None
    (waiting,) = dedup.candidate_queue(review)
    assert (waiting["paper_a"], waiting["paper_b"]) == (a, b)
    assert dedup.counts(review).to_review == 1 and dedup.merge_ids(review) == []
    with pytest.raises(CuratorError):
        dedup.undo_merge(review, first)
    dedup.redo_merge(review, first)
    assert get_paper(review, b)["merged_into"] == a
    history = dedup.merge_history(review)
    assert [m["undone_at"] is None for m in history] == [False, True]
    assert history[1]["rule"] == history[0]["rule"] and history[1]["merged_by"] == "auto"
    assert dedup.candidate_ids(review) == []


def test_undo_merge_queues_a_pair_the_merge_created_and_redo_takes_the_same_fields(review):
    a = add_paper(review, **PAPER).id
    b = add_paper(review, **dict(PAPER, venue="Kidney Int", year=2016)).id
    dedup.merge(review, a, b, fields_from={"venue": b}, rule="reviewer")  # no pair stored before
    (first,) = dedup.merge_ids(review)
    dedup.undo_merge(review, first)
    assert get_paper(review, a)["venue"] == "Kidney International"
    (waiting,) = dedup.candidate_queue(review)  # compared afresh, waiting for an answer
    assert (waiting["paper_a"], waiting["paper_b"]) == (a, b) and waiting["scores"]
    dedup.redo_merge(review, first)
    assert get_paper(review, a)["venue"] == "Kidney Int"
    assert dedup.merge_history(review)[1]["merged_by"] == "tester"
