"""Append-only decisions, the effective decision per stage, and exclusion reasons."""

from __future__ import annotations

import sqlite3

import pytest

from curator.core import papers
from curator.core.errors import ValidationError
from curator.core.screening import decisions as screening
from curator.core.screening.decisions import Decision


@pytest.fixture
def paper_id(review):
    return papers.add_paper(review, title="A paper").id


def effective(review, paper_id):
    return review.db.execute(
        "SELECT ta_decision, ft_decision FROM papers WHERE id = ?", (paper_id,)
    ).fetchone()


def test_decision_is_stored_with_reviewer_and_time(review, paper_id):
    screening.record_decision(review, paper_id, "title_abstract", "include", note="looks right")
    row = screening.current_decision(review, paper_id, "title_abstract")
    assert (
        row["decision"] == "include"
        and row["reviewer"] == "tester"
        and row["note"] == "looks right"
    )
    assert row["created_at"].startswith("20")
    assert effective(review, paper_id) == ("include", None)


def test_decisions_are_append_only(review, paper_id):
    screening.record_decision(review, paper_id, "title_abstract", "include")
    screening.record_decision(review, paper_id, "title_abstract", "exclude")
    screening.record_decision(review, paper_id, "title_abstract", "cleared")
    assert [h["decision"] for h in screening.history(review, paper_id)] == [
        "include",
        "exclude",
        "cleared",
    ]
    assert screening.current_decision(review, paper_id, "title_abstract") is None
    assert effective(review, paper_id) == (None, None)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        review.db.execute("UPDATE decisions SET decision = 'maybe'")


def test_reviewers_who_differ_make_a_conflict(review, paper_id):
    screening.record_decision(review, paper_id, "title_abstract", "include", reviewer="ann")
    screening.record_decision(review, paper_id, "title_abstract", "include", reviewer="bob")
    assert effective(review, paper_id)[0] == "include"
    screening.record_decision(review, paper_id, "title_abstract", "exclude", reviewer="bob")
    assert effective(review, paper_id)[0] == "conflict"
    screening.record_decision(review, paper_id, "title_abstract", "exclude", reviewer="ann")
    assert effective(review, paper_id)[0] == "exclude"


def test_full_text_exclusion_needs_a_reason(review, paper_id):
    screening.record_decision(review, paper_id, "title_abstract", "include")
    with pytest.raises(ValidationError) as err:
        screening.record_decision(review, paper_id, "full_text", "exclude")
    assert err.value.field == "reason"
    reason = screening.reasons(review, "full_text")[0]
    screening.record_decision(review, paper_id, "full_text", "exclude", reason_id=reason["id"])
    assert effective(review, paper_id)[1] == "exclude"


def test_reason_must_belong_to_the_stage(review, paper_id):
    screening.record_decision(review, paper_id, "title_abstract", "include")
    ta_reason = screening.reasons(review, "title_abstract")[0]
    with pytest.raises(ValidationError, match="not an exclusion reason"):
        screening.record_decision(
            review, paper_id, "full_text", "exclude", reason_id=ta_reason["id"]
        )


def test_bulk_decisions_commit_whole_or_not_at_all(review):
    ids = [papers.add_paper(review, title=f"P{i}").id for i in range(3)]
    items = [
        Decision(ids[0], "title_abstract", "include"),
        Decision(ids[1], "title_abstract", "include"),
        Decision(ids[2], "title_abstract", "bogus"),
    ]
    with pytest.raises(ValidationError):
        screening.record_decisions(review, items)
    assert review.db.execute("SELECT COUNT(*) FROM decisions").fetchone()[0] == 0
    screening.record_decisions(review, items[:2])
    assert review.db.execute("SELECT COUNT(*) FROM decisions").fetchone()[0] == 2


def test_stage_counts(review):
    ids = [papers.add_paper(review, title=f"P{i}").id for i in range(4)]
    screening.record_decision(review, ids[0], "title_abstract", "include")
    screening.record_decision(review, ids[1], "title_abstract", "exclude")
    screening.record_decision(review, ids[2], "title_abstract", "maybe")
    screening.record_decision(review, ids[0], "full_text", "include")
    counts = screening.stage_counts(review)
    assert counts["title_abstract"] == {"include": 1, "exclude": 1, "maybe": 1, "undecided": 1}
    assert counts["full_text"] == {"include": 1, "undecided": 1}


def test_not_retrieved_only_at_full_text(review, paper_id):
    with pytest.raises(ValidationError):
        screening.record_decision(review, paper_id, "title_abstract", "not_retrieved")
    screening.record_decision(review, paper_id, "title_abstract", "maybe")
    screening.record_decision(review, paper_id, "full_text", "not_retrieved")
    assert effective(review, paper_id)[1] == "not_retrieved"


def test_add_reason_is_numbered_last(review):
    before = len(screening.reasons(review, "title_abstract"))
    screening.add_reason(review, "title_abstract", "Animal study")
    labels = [r["label"] for r in screening.reasons(review, "title_abstract")]
    assert len(labels) == before + 1 and labels[-1] == "Animal study"


def test_a_reason_is_found_by_its_label_in_any_case_or_added_once(review):
    """One home for "find the reason another tool names, or add it" (file decisions and
    Include top N each had their own, one of which read a label "2" as reason number 2)."""
    before = screening.reasons(review, "title_abstract")
    if not before:
        screening.add_reason(review, "title_abstract", "Wrong population")
        before = screening.reasons(review, "title_abstract")
    first = before[0]
    shouted = f" {first['label'].upper()} "
    assert screening.reason_for_label(review, "title_abstract", shouted) == (first["id"], False)
    added, new = screening.reason_for_label(review, "title_abstract", "2")
    assert new and added not in [r["id"] for r in before]
    assert screening.reason_for_label(review, "title_abstract", "2") == (added, False)
    labels = [r["label"] for r in screening.reasons(review, "title_abstract")]
    assert labels == [r["label"] for r in before] + ["2"]
