"""Merging, unmerging and remembering answers: nothing is lost and everything comes back."""

from __future__ import annotations

import pytest

from curator.core import dedup
from curator.core.curation.claims import add_claim, get_claim
from curator.core.curation.facets import add_term, facet_id, paper_terms, tag
from curator.core.errors import CuratorError
from curator.core.papers import add_paper, get_paper
from curator.core.screening.decisions import current_decision, history, reasons, record_decision
from curator.core.searches import add_search
from curator.core.tasks import TaskState
from curator.core.timeutil import now

TITLE = "Guided internet-based treatment of depression in primary care: a randomised trial"


def two_papers(review, **second):
    a = add_paper(review, title=TITLE, authors=["Berger, Thomas"], year=2011, venue="BMJ",
                  volume="342", pages="d1234").id  # fmt: skip
    fields = dict(title=TITLE.upper(), authors=["Berger T"], year=2011, venue="Br Med J",
                  doi="10.1136/bmj.d1234", abstract="Background: ...")  # fmt: skip
    fields.update(second)
    b = add_paper(review, **fields).id
    return a, b


def add_record(review, paper_id: int, position: int) -> int:
    search = review.db.execute("SELECT id FROM searches").fetchone()
    if search is None:
        search_id = add_search(review, "PubMed").id
        review.db["imports"].insert({"search_id": search_id, "file_name": "x.nbib", "sha256": "0",
                                     "format": "medline", "imported_at": now()})  # fmt: skip
    import_id = review.db.execute("SELECT id FROM imports").fetchone()[0]
    return (
        review.db["records"]
        .insert({"import_id": import_id, "position": position, "paper_id": paper_id, "title": "t"})
        .last_pk
    )


def records_of(review, paper_id):
    return [
        r[0]
        for r in review.db.execute(
            "SELECT id FROM records WHERE paper_id = ? ORDER BY id", (paper_id,)
        )
    ]


def test_merge_repoints_records_fills_fields_and_unmerge_restores(review):
    a, b = two_papers(review)
    ra, rb = add_record(review, a, 0), add_record(review, b, 1)
    changes = dedup.merge(review, a, b)
    assert changes.papers and changes.id
    kept = get_paper(review, a)
    assert kept["doi"] == "10.1136/bmj.d1234"  # filled from the dropped paper
    assert kept["title"] == TITLE  # kept paper's own value stays
    assert get_paper(review, b)["merged_into"] == a  # the row is kept, not deleted
    assert records_of(review, a) == [ra, rb]
    assert dedup.duplicates_removed(review) == 1

    dedup.unmerge(review, b)
    assert get_paper(review, a)["doi"] is None
    assert get_paper(review, b)["merged_into"] is None
    assert records_of(review, a) == [ra] and records_of(review, b) == [rb]
    assert dedup.duplicates_removed(review) == 0
    actions = [row["action"] for row in review.audit_log("papers", b)]
    assert "merge" in actions and "unmerge" in actions


def test_fields_from_choose_the_dropped_papers_metadata(review):
    a, b = two_papers(review)
    dedup.merge(review, a, b, fields_from={"title": b, "venue": b, "authors": b})
    kept = get_paper(review, a)
    assert kept["title"] == TITLE.upper() and kept["venue"] == "Br Med J"
    assert [x["family"] for x in kept["authors"]] == ["Berger"] and kept[
        "authors_text"
    ] == "Berger, T."
    dedup.unmerge(review, b)
    kept = get_paper(review, a)
    assert (
        kept["title"] == TITLE and kept["venue"] == "BMJ" and kept["authors_text"] == "Berger, T."
    )
    with pytest.raises(CuratorError, match="must come from"):
        dedup.merge(review, a, b, fields_from={"title": 999})


def test_decisions_tags_and_claims_carry_over_and_come_back(review):
    a, b = two_papers(review)
    reason = reasons(review, "title_abstract")[0]["id"]
    record_decision(review, b, "title_abstract", "exclude", reason_id=reason)
    term = add_term(review, facet_id(review, "Topic"), "Depression").id
    tag(review, [b], term)
    claim = add_claim(review, "Guided treatment works", "Strong", [b]).id

    dedup.merge(review, a, b)
    assert current_decision(review, a, "title_abstract")["decision"] == "exclude"
    assert get_paper(review, a)["ta_decision"] == "exclude"
    assert [t["id"] for t in paper_terms(review, a)] == [term]
    assert get_claim(review, claim)["papers"] == [a]

    dedup.unmerge(review, b)
    assert current_decision(review, a, "title_abstract") is None
    assert get_paper(review, a)["ta_decision"] is None
    assert current_decision(review, b, "title_abstract")["decision"] == "exclude"
    assert paper_terms(review, a) == [] and [t["id"] for t in paper_terms(review, b)] == [term]
    assert get_claim(review, claim)["papers"] == [b]
    # append-only: the copy and its undoing are both in the history
    assert [d["decision"] for d in history(review, a)] == ["exclude", "cleared"]


def test_kept_papers_own_decision_wins_and_claim_link_is_not_doubled(review):
    a, b = two_papers(review)
    record_decision(review, a, "title_abstract", "include")
    record_decision(review, b, "title_abstract", "maybe")
    claim = add_claim(review, "Claim", "Weak", [a, b]).id
    dedup.merge(review, a, b)
    assert current_decision(review, a, "title_abstract")["decision"] == "include"
    assert get_claim(review, claim)["papers"] == [a]
    dedup.unmerge(review, b)
    assert get_claim(review, claim)["papers"] == [a, b]


def test_not_duplicate_is_remembered_across_runs(review):
    a, b = two_papers(review, year=2012, doi=None)  # similar, but not certain
    dedup.run(review)
    queue = dedup.candidate_queue(review)
    assert len(queue) == 1
    dedup.mark_not_duplicate(review, a, b)
    assert dedup.candidate_queue(review) == []
    dedup.run(review)
    dedup.run(review)
    assert dedup.candidate_queue(review) == []
    assert review.db.execute("SELECT status FROM duplicate_pairs").fetchall() == [
        ("not_duplicate",)
    ]


def test_not_duplicate_blocks_an_automatic_merge(review):
    a, b = two_papers(review)
    dedup.mark_not_duplicate(review, a, b)
    assert dedup.run(review).merged == 0
    assert get_paper(review, b)["merged_into"] is None


def test_auto_threshold_is_a_review_setting(review):
    a, b = two_papers(review)
    dedup.set_auto_threshold(review, 1.01)  # nothing is certain enough: all to the queue
    assert dedup.get_auto_threshold(review) == 1.01
    result = dedup.run(review)
    assert result.merged == 0 and result.candidates == 1
    assert dedup.run(review, auto_threshold=0.5).merged == 1


def test_run_only_new_papers_against_everything(review):
    a, b = two_papers(review)
    dedup.mark_not_duplicate(review, a, b)
    c = add_paper(review, title=TITLE, authors=["Berger, T."], year=2011, venue="BMJ").id
    result = dedup.dedup_new(review, [c])
    assert result.merged == 1
    assert get_paper(review, c)["merged_into"] == a


def test_merge_errors_change_nothing(review):
    a, b = two_papers(review)
    with pytest.raises(CuratorError, match="itself"):
        dedup.merge(review, a, a)
    dedup.merge(review, a, b)
    with pytest.raises(CuratorError, match="already merged"):
        dedup.merge(review, a, b)
    with pytest.raises(CuratorError, match="undo the merge first"):
        dedup.mark_not_duplicate(review, a, b)
    with pytest.raises(CuratorError, match="not merged"):
        dedup.unmerge(review, a)


def test_cancelled_run_writes_nothing(review):
    for i in range(30):
        add_paper(review, title=f"{TITLE} {i}", year=2011)
    state = TaskState()
    state.cancel()
    result = dedup.run(review, state=state)
    assert result.cancelled
    assert review.db.execute("SELECT COUNT(*) FROM duplicate_pairs").fetchone()[0] == 0


def test_progress_is_reported(review):
    two_papers(review)
    state = TaskState()
    dedup.run(review, state=state)
    assert state.progress == 100


def test_pairs_table_lists_scores_and_outcome(review):
    a, b = two_papers(review)
    dedup.run(review)
    rows = dedup.pairs_table(review)
    assert rows[0]["paper_a"] == a and rows[0]["status"] == "duplicate"
    assert rows[0]["title_score"] == 1.0 and rows[0]["rule"]


def test_automatic_merges_in_bulk_are_undone_like_any_merge(review):
    a, b = two_papers(review)
    c = add_paper(
        review, title=TITLE, authors=["Berger, T."], year=2011, venue="BMJ", pmid="21999"
    ).id
    ra, rb, rc = add_record(review, a, 0), add_record(review, b, 1), add_record(review, c, 2)
    record_decision(review, c, "title_abstract", "include")  # c has a decision: carried over
    result = dedup.run(review)
    assert result.merged == 2 and result.merged_groups == [[a, b, c]]
    kept = get_paper(review, a)
    assert kept["doi"] == "10.1136/bmj.d1234" and kept["pmid"] == "21999"
    assert records_of(review, a) == [ra, rb, rc]
    assert current_decision(review, a, "title_abstract")["decision"] == "include"
    assert dedup.duplicates_removed(review) == 2
    assert review.db.execute("SELECT COUNT(*) FROM merges").fetchone()[0] == 2
    dedup.unmerge(review, b)
    dedup.unmerge(review, c)
    kept = get_paper(review, a)
    assert kept["doi"] is None and kept["pmid"] is None
    assert (
        records_of(review, a) == [ra]
        and records_of(review, b) == [rb]
        and records_of(review, c) == [rc]
    )
    assert current_decision(review, a, "title_abstract") is None
    assert dedup.duplicates_removed(review) == 0
    # undone automatic pairs come back to the queue for a person to answer
    assert len(dedup.candidate_queue(review)) >= 1
