"""What the PRISMA screening boxes must say, counted by hand, and that the flow (the one the
exports and the diagram use) reports these numbers and flags what does not add up.
"""

from __future__ import annotations

from curator.core.flow.prisma import flow, prisma_flow, reconcile
from curator.core.papers import add_paper
from curator.core.ranking.include_top import TOP_N_REASON, include_top_n
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
    f = flow(review)
    # PRISMA's "records screened" counts papers with a decision (the conflict included); the
    # one still awaiting a decision is counted apart.
    assert (f.records_screened, f.ta_undecided, f.ta_conflict) == (19, 1, 1)
    assert f.records_excluded == 8
    assert f.sought == 10
    assert f.not_retrieved == 1
    assert f.ft_awaiting == 2
    assert f.assessed == 7
    assert f.dbr_excluded == 3
    assert dict(f.excluded_reasons) == {"Wrong population": 1, "Wrong outcome": 2}
    assert (f.ft_maybe, f.ft_conflict) == (1, 0)
    assert f.included == 3
    # Each box is its parts, the loose ends included.
    assert f.records_screened == f.records_excluded + f.sought + f.ta_conflict
    assert f.sought == f.not_retrieved + f.assessed + f.ft_awaiting
    assert f.assessed == f.dbr_excluded + f.included + f.ft_maybe + f.ft_conflict


def test_conflict_resolution_and_top_n_move_the_boxes(review):
    ids = build(review)
    record_decision(review, ids[18], "title_abstract", "include", reviewer=CONSENSUS)
    f = flow(review)
    assert (f.ta_conflict, f.sought, f.ft_awaiting) == (0, 11, 3)
    # "the top 2 most relevant were included": of the 7 full-text candidates (3 included,
    # 1 maybe, 3 awaiting) the top 2 by id (no scores) are included, 5 excluded for rank.
    include_top_n(review, 2, reviewer=CONSENSUS)
    f = flow(review)
    assert f.included == 2
    assert dict(f.excluded_reasons)[TOP_N_REASON.format(n=2)] == 5
    assert f.dbr_excluded == 8 and f.assessed == 10
    # Only the paper never screened (and none imported from a search) is left to explain.
    assert reconcile(f).notes == [
        "20 paper(s) were not imported from any search record (added by hand), so "
        "identification does not account for them",
        "1 paper(s) have no title/abstract decision yet",
    ]


def test_stale_full_text_decision_is_reported_not_hidden(review):
    ids = build(review)
    record_decision(review, ids[12], "title_abstract", "exclude")  # included at FT already
    f = flow(review)
    assert f.ft_stale == 1
    assert any("no longer included or maybe" in m for m in reconcile(f).notes)


def test_prisma_flow_reports_the_screening_boxes_and_flags_the_gaps(review):
    build(review)
    table = dict(zip(prisma_flow(review)["data"], prisma_flow(review)["n"], strict=False))
    assert table["dbr_excluded"] == "Wrong population, 1; Wrong outcome, 2"
    problems = " | ".join(reconcile(flow(review)).notes)
    for expected in (
        "no title/abstract decision",
        "conflicting title/abstract",
        "have no full-text decision yet",
        "full-text 'maybe'",
    ):
        assert expected in problems


def test_a_finished_screening_reconciles(review):
    ids = build(review)
    resolve = find_reason(review, "full_text", "Wrong outcome")
    record_decision(review, ids[19], "title_abstract", "exclude")
    record_decision(review, ids[18], "title_abstract", "exclude", reviewer=CONSENSUS)
    for pid in ids[15:18]:
        record_decision(review, pid, "full_text", "exclude", reason_id=resolve)
    problems = reconcile(flow(review)).notes
    assert not [p for p in problems if "added by hand" not in p], problems
