"""Screening core: stages, reasons, notes, undo states, queues, top-N and agreement."""

from __future__ import annotations

import pytest

from curator.core.errors import ValidationError
from curator.core.papers import add_paper, update_paper
from curator.core.ranking.include_top import TOP_N_REASON, include_top_n, ranked_candidates
from curator.core.screening.agreement import agreement_report, pair_agreement
from curator.core.screening.counts import inclusion_curve, progress
from curator.core.screening.decisions import (
    CONSENSUS,
    Decision,
    current_decision,
    find_reason,
    history,
    previous_states,
    reason_by_number,
    record_decision,
    record_decisions,
    set_note,
)
from curator.core.screening.queue import queue, screening_record
from tests.screening_data import add_papers


def test_full_text_only_after_include_or_maybe(review):
    a, b, c, *_ = add_papers(review)
    record_decision(review, a, "title_abstract", "include")
    record_decision(review, b, "title_abstract", "maybe")
    record_decision(review, c, "title_abstract", "exclude")
    assert queue(review, "full_text") == [a, b]
    with pytest.raises(ValidationError, match="not at full text"):
        record_decision(review, c, "full_text", "include")
    reason = reason_by_number(review, "full_text", 2)["id"]
    with pytest.raises(ValidationError, match="needs a reason"):
        record_decision(review, a, "full_text", "exclude")
    record_decision(review, a, "full_text", "exclude", reason_id=reason)
    record_decision(review, b, "full_text", "not_retrieved")
    assert review.db["papers"].get(a)["ft_decision"] == "exclude"
    assert review.db["papers"].get(b)["ft_decision"] == "not_retrieved"
    with pytest.raises(ValidationError, match="full-text report"):
        record_decision(review, c, "title_abstract", "not_retrieved")


def test_decisions_keep_reviewer_time_note_and_history(review):
    a, *_ = add_papers(review)
    record_decision(review, a, "title_abstract", "exclude", reviewer="ana")
    set_note(review, a, "title_abstract", "animal study", reviewer="ana")
    current = current_decision(review, a, "title_abstract", "ana")
    assert current["decision"] == "exclude" and current["note"] == "animal study"
    assert current["reviewer"] == "ana" and current["created_at"].endswith("+00:00")
    assert [h["decision"] for h in history(review, a)] == ["exclude", "exclude"]
    with pytest.raises(ValidationError, match="decide on the record first"):
        set_note(review, a, "title_abstract", "x", reviewer="bob")


def test_previous_states_restore_by_appending(review):
    a, b, *_ = add_papers(review)
    record_decision(review, a, "title_abstract", "include", reviewer="ana")
    plan = [Decision(a, "title_abstract", "exclude"), Decision(b, "title_abstract", "include")]
    before = previous_states(review, plan, reviewer="ana")
    assert [(d.decision, d.reviewer) for d in before] == [("include", "ana"), ("cleared", "ana")]
    record_decisions(review, plan, reviewer="ana")
    record_decisions(review, before, reviewer="ana", source="undo")
    assert review.db["papers"].get(a)["ta_decision"] == "include"
    assert review.db["papers"].get(b)["ta_decision"] is None
    assert review.db.execute("SELECT COUNT(*) FROM decisions").fetchone()[0] == 5


def test_conflict_and_consensus_resolution(review):
    a, *_ = add_papers(review)
    record_decision(review, a, "title_abstract", "include", reviewer="ana")
    record_decision(review, a, "title_abstract", "exclude", reviewer="bob")
    assert review.db["papers"].get(a)["ta_decision"] == "conflict"
    assert queue(review, "title_abstract", filter="conflicts") == [a]
    record_decision(review, a, "title_abstract", "include", reviewer=CONSENSUS)
    assert review.db["papers"].get(a)["ta_decision"] == "include"
    assert queue(review, "title_abstract", filter="conflicts") == []
    # the individual decisions still count for agreement
    assert pair_agreement(review, "title_abstract", "ana", "bob").disagreements == 1


def test_orders_and_filters(review):
    ids = add_papers(review)
    assert queue(review, "title_abstract") == ids
    years = [
        screening_record(review, i)["year"] for i in queue(review, "title_abstract", order="year")
    ]
    assert years == sorted(years)
    titles = [
        screening_record(review, i)["title"].lower()
        for i in queue(review, "title_abstract", order="title")
    ]
    assert titles == sorted(titles)
    shuffled = queue(review, "title_abstract", order="random", seed=7)
    assert sorted(shuffled) == ids and shuffled == queue(
        review, "title_abstract", order="random", seed=7
    )
    assert shuffled != queue(review, "title_abstract", order="random", seed=8)
    reason = find_reason(review, "title_abstract", "off topic")
    assert reason == find_reason(review, "title_abstract", "5")
    record_decision(review, ids[0], "title_abstract", "exclude", reason_id=reason, reviewer="ana")
    record_decision(review, ids[1], "title_abstract", "include", reviewer="ana")
    record_decision(review, ids[2], "title_abstract", "include", reviewer="bob")
    assert queue(review, "title_abstract", reviewer="ana", filter="undecided") == ids[2:]
    assert queue(review, "title_abstract", reviewer="ana", filter="decided") == ids[:2]
    assert queue(
        review, "title_abstract", reviewer="ana", filter="decision", decision="include"
    ) == [ids[1]]
    assert queue(review, "title_abstract", reviewer="ana", filter="reason", reason_id=reason) == [
        ids[0]
    ]
    assert queue(review, "title_abstract", filter="reason", reason_id=reason) == [ids[0]]
    assert queue(review, "title_abstract", filter="undecided") == ids[3:]


def test_top_n_includes_ranked_and_excludes_rest(review):
    ids = add_papers(review)
    for score, pid in zip((0.2, 0.9, 0.5, None, 0.7), ids, strict=True):
        record_decision(review, pid, "title_abstract", "include")
        update_paper(review, pid, rank_score=score)
    assert ranked_candidates(review) == [ids[1], ids[4], ids[2], ids[0], ids[3]]
    include_top_n(review, 2)
    got = {pid: review.db["papers"].get(pid)["ft_decision"] for pid in ids}
    assert [p for p, d in got.items() if d == "include"] == [ids[1], ids[4]]
    label = TOP_N_REASON.format(n=2)
    reason = find_reason(review, "full_text", label)
    assert queue(review, "full_text", filter="reason", reason_id=reason) == [ids[0], ids[2], ids[3]]


def test_agreement_against_hand_computed_values(review):
    # 10 records: both forward 2, ana forward/bob out 1, ana out/bob forward 1, both out 6.
    ids = [add_paper(review, title=f"Paper {i}", audit=False).id for i in range(10)]
    ana = ["include", "maybe", "include", "exclude"] + ["exclude"] * 6
    bob = ["include", "include", "exclude", "include"] + ["exclude"] * 6
    for pid, a, b in zip(ids, ana, bob, strict=True):
        record_decision(review, pid, "title_abstract", a, reviewer="ana")
        record_decision(review, pid, "title_abstract", b, reviewer="bob")
    found = pair_agreement(review, "title_abstract", "ana", "bob")
    assert (found.both_forward, found.a_forward_b_out, found.a_out_b_forward, found.both_out) == (
        2,
        1,
        1,
        6,
    )
    assert found.observed == pytest.approx(0.8)
    # pe = (3*3 + 7*7) / 100 = 0.58; kappa = (0.8 - 0.58) / 0.42
    assert found.kappa == pytest.approx(0.22 / 0.42)
    assert found.pabak == pytest.approx(0.6)
    report = agreement_report(review)
    assert [(r.stage, r.reviewer_a, r.reviewer_b) for r in report] == [
        ("title_abstract", "ana", "bob")
    ]


def test_agreement_extreme_prevalence_kappa_undefined(review):
    ids = [add_paper(review, title=f"Paper {i}", audit=False).id for i in range(4)]
    for pid in ids:
        record_decision(review, pid, "title_abstract", "exclude", reviewer="ana")
        record_decision(review, pid, "title_abstract", "exclude", reviewer="bob")
    found = pair_agreement(review, "title_abstract", "ana", "bob")
    assert found.kappa is None and found.pabak == 1.0 and found.observed == 1.0


def test_progress_and_inclusion_curve(review):
    ids = add_papers(review)
    record_decision(review, ids[0], "title_abstract", "include", reviewer="ana")
    record_decision(review, ids[1], "title_abstract", "exclude", reviewer="ana")
    record_decision(review, ids[2], "title_abstract", "maybe", reviewer="ana")
    mine = progress(review, "title_abstract", "ana")
    # A maybe goes on to full text but is counted as a maybe, never as an include (issue 17).
    assert (mine.total, mine.screened, mine.remaining, mine.included, mine.maybe) == (
        5,
        3,
        2,
        1,
        1,
    )
    assert progress(review, "full_text").total == 2
    assert inclusion_curve(review, "title_abstract") == [(0, 0), (1, 1), (2, 1), (3, 1)]
