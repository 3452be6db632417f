"""What the PRISMA screening boxes must say, counted by hand, and that `prisma_flow` (the
table the exports and the diagram use) reports the same numbers and flags what does not add up.
"""

from __future__ import annotations

from curator.core.papers import add_paper
from curator.core.ranking.include_top import TOP_N_REASON, include_top_n
from curator.core.screening.counts import NO_REASON, screening_counts
from curator.core.screening.decisions import CONSENSUS, find_reason, record_decision


def build(review):
    """20 papers screened by hand; the comments give the expected boxes."""
    ids = [add_paper(review, title=f"Paper {i}", audit=False).id for i in range(20)]
    off_topic = find_reason(review, "title_abstract", "Off topic")
    # title/abstract: 8 excluded (5 with 'Off topic', 3 without a reason), 10 sent on
    # (7 include + 3 maybe), 1 undecided, 1 conflict.
    for pid in ids[:5]:
        record_decision(review, pid, "title_abstract", "exclude", reason_id=off_topic)
    for pid in ids[5:8]:
        record_decision(review, pid, "title_abstract", "exclude")
    for pid in ids[8:15]:
        record_decision(review, pid, "title_abstract", "include")
    for pid in ids[15:18]:
        record_decision(review, pid, "title_abstract", "maybe")
    record_decision(review, ids[18], "title_abstract", "include", reviewer="ana")
    record_decision(review, ids[18], "title_abstract", "exclude", reviewer="bob")
    # ids[19] undecided.
    # full text of the 10 sent on: 1 not retrieved, 2 awaiting, 2 excluded 'Wrong outcome',
    # 1 excluded 'Wrong population', 3 included, 1 maybe (pending).
    outcome = find_reason(review, "full_text", "Wrong outcome")
    population = find_reason(review, "full_text", "Wrong population")
    record_decision(review, ids[8], "full_text", "not_retrieved")
    record_decision(review, ids[9], "full_text", "exclude", reason_id=outcome)
    record_decision(review, ids[10], "full_text", "exclude", reason_id=outcome)
    record_decision(review, ids[11], "full_text", "exclude", reason_id=population)
    for pid in ids[12:15]:
        record_decision(review, pid, "full_text", "include")
    record_decision(review, ids[15], "full_text", "maybe")
    # ids[16], ids[17] awaiting.
    return ids


def test_prisma_screening_boxes_counted_by_hand(review):
    build(review)
    counts = screening_counts(review)
    # PRISMA-RECONCILE: prisma_flow's screening boxes must equal these.
    assert counts.records_screened == 20
    assert counts.records_excluded == 8
    assert counts.records_excluded_by_reason == {"Off topic": 5, NO_REASON: 3}
    assert (counts.records_awaiting, counts.records_conflicts) == (1, 1)
    assert counts.reports_sought == 10
    assert counts.reports_not_retrieved == 1
    assert counts.reports_awaiting == 2
    assert counts.reports_assessed == 7
    assert counts.reports_excluded == 3
    assert counts.reports_excluded_by_reason == {"Wrong population": 1, "Wrong outcome": 2}
    assert counts.reports_pending == 1
    assert counts.studies_included == 3
    assert counts.mismatches() == []


def test_conflict_resolution_and_top_n_move_the_boxes(review):
    ids = build(review)
    record_decision(review, ids[18], "title_abstract", "include", reviewer=CONSENSUS)
    counts = screening_counts(review)
    assert (counts.records_conflicts, counts.reports_sought, counts.reports_awaiting) == (0, 11, 3)
    # "the top 2 most relevant were included": of the 7 full-text candidates (3 included,
    # 1 maybe, 3 awaiting) the top 2 by id (no scores) are included, 5 excluded for rank.
    include_top_n(review, 2, reviewer=CONSENSUS)
    counts = screening_counts(review)
    assert counts.studies_included == 2
    assert counts.reports_excluded_by_reason[TOP_N_REASON.format(n=2)] == 5
    assert counts.reports_excluded == 8 and counts.reports_assessed == 10
    assert counts.mismatches() == []


def test_stale_full_text_decision_is_reported_not_hidden(review):
    ids = build(review)
    record_decision(review, ids[12], "title_abstract", "exclude")  # included at FT already
    counts = screening_counts(review)
    assert counts.full_text_without_forward == 1
    assert any("no longer included or maybe" in m for m in counts.mismatches())


def test_prisma_flow_reports_the_screening_boxes_and_flags_the_gaps(review):
    from curator.core.flow.prisma import flow, prisma_flow, reconcile

    build(review)
    counts = screening_counts(review)
    f = flow(review)
    # PRISMA's "records screened" counts records with a decision (conflicts included);
    # screening_counts also lists the one still awaiting a decision.
    assert f.records_screened == counts.records_screened - counts.records_awaiting == 19
    assert f.records_excluded == counts.records_excluded == 8
    assert f.sought == counts.reports_sought == 10
    assert f.not_retrieved == counts.reports_not_retrieved == 1
    assert f.assessed == counts.reports_assessed == 7
    assert dict(f.excluded_reasons) == counts.reports_excluded_by_reason
    assert f.included == counts.studies_included == 3
    table = dict(zip(prisma_flow(review)["data"], prisma_flow(review)["n"], strict=False))
    assert table["dbr_excluded"] == "Wrong population, 1; Wrong outcome, 2"
    problems = " | ".join(reconcile(review))
    for expected in (
        "no title/abstract decision",
        "conflicting title/abstract",
        "have no full-text decision yet",
        "full-text 'maybe'",
    ):
        assert expected in problems


def test_a_finished_screening_reconciles(review):
    from curator.core.flow.prisma import reconcile

    ids = build(review)
    resolve = find_reason(review, "full_text", "Wrong outcome")
    record_decision(review, ids[19], "title_abstract", "exclude")
    record_decision(review, ids[18], "title_abstract", "exclude", reviewer=CONSENSUS)
    for pid in ids[15:18]:
        record_decision(review, pid, "full_text", "exclude", reason_id=resolve)
    problems = reconcile(review)
    assert not [p for p in problems if "added by hand" not in p], problems
