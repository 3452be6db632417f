"""PRISMA 2020 counts from a hand-built review with imports, merges and decisions."""

from __future__ import annotations

from curator.core.flow.prisma import KEYS, PrismaFlow, flow, prisma_flow, reconcile
from curator.core.papers import add_paper
from curator.core.screening.decisions import Decision, reasons, record_decision, record_decisions
from curator.core.searches import add_search


def _import(review, search_id: int, paper_ids: list[int | None]) -> None:
    """One import of len(paper_ids) records, record i linked to paper_ids[i]."""
    import_id = (
        review.db["imports"]
        .insert(
            {
                "search_id": search_id,
                "file_name": "x.ris",
                "sha256": "0",
                "format": "ris",
                "imported_at": "2026-01-01T00:00:00Z",
            }
        )
        .last_pk
    )
    for position, paper_id in enumerate(paper_ids):
        review.db["records"].insert(
            {"import_id": import_id, "position": position, "paper_id": paper_id, "title": "t"}
        )


def _reason(review, stage: str, label: str) -> int:
    return next(r["id"] for r in reasons(review, stage) if r["label"] == label)


def build(review) -> dict[str, int]:
    """10 papers from 14 records in two databases; screening as described inline."""
    pubmed = add_search(review, "PubMed search", database="PubMed").id
    scopus = add_search(review, "Scopus search", database="Scopus").id
    add_search(review, "Not yet imported", database="Embase")
    p = {
        i: add_paper(review, title=f"Paper {i}", authors=[f"Author{i}, A."]).id
        for i in (*range(1, 10), 11, 12)
    }
    # Paper 11 and 12 are merged into 1 and 2 (dedup after import).
    review.db.execute("UPDATE papers SET merged_into = ? WHERE id = ?", (p[1], p[11]))
    review.db.execute("UPDATE papers SET merged_into = ? WHERE id = ?", (p[11], p[12]))  # chain
    _import(review, pubmed, [p[1], p[2], p[3], p[4], p[5], p[6], p[7]])  # 7 records
    # Scopus: 7 records: two merged-at-import onto 1 and 2, two via merged papers, one unlinked.
    _import(review, scopus, [p[1], p[2], p[11], p[12], p[8], p[9], None])
    ta, ft = "title_abstract", "full_text"
    record_decisions(
        review, [Decision(p[i], ta, "include") for i in (1, 2, 3, 4, 5)], reviewer="ann"
    )
    record_decision(review, p[6], ta, "exclude", reviewer="ann")
    record_decision(review, p[7], ta, "exclude", reviewer="bot", source="ranking")
    record_decision(review, p[8], ta, "include", reviewer="ann")
    record_decision(review, p[8], ta, "exclude", reviewer="bob")  # conflict
    # Paper 9: undecided. Paper 10: added by hand, never imported, included at TA.
    p[10] = add_paper(review, title="Hand-added").id
    record_decision(review, p[10], ta, "include", reviewer="ann")
    design = _reason(review, ft, "Wrong study design")
    outcome = _reason(review, ft, "Wrong outcome")
    record_decision(review, p[1], ft, "include", reviewer="ann")
    record_decision(review, p[2], ft, "exclude", reason_id=outcome, reviewer="ann")
    record_decision(review, p[3], ft, "exclude", reason_id=design, reviewer="ann")
    record_decision(review, p[3], ft, "exclude", reason_id=outcome, reviewer="bob")  # latest wins
    record_decision(review, p[4], ft, "not_retrieved", reviewer="ann")
    # Paper 5 included at TA but no full-text decision yet; paper 10 included at full text.
    record_decision(review, p[10], ft, "include", reviewer="ann")
    return p


def test_counts_follow_the_definitions(review):
    build(review)
    f = flow(review)
    assert f.database_results == 14
    assert f.database_specific == [("PubMed", 7), ("Scopus", 7)]
    # 13 linked records lead to papers 1-9 (11 and 12 resolve to 1): 13 - 9 = 4 duplicates.
    assert f.papers_from_records == 9
    assert f.duplicates == 4
    assert f.excluded_other == 1
    assert f.excluded_automatic == 1
    # TA decisions on 1-8 and 10 = 9, less the automatic exclusion of 7.
    assert f.records_screened == 8
    assert f.records_excluded == 1
    assert f.sought == 6  # 1, 2, 3, 4, 5, 10
    assert f.not_retrieved == 1
    assert f.assessed == 4  # 1, 2, 3, 10
    assert f.excluded_reasons == [("Wrong outcome", 2)]
    assert f.included == 2


def test_table_is_keyed_like_the_prisma2020_template(review):
    build(review)
    table = prisma_flow(review)
    assert list(table.columns) == ["data", "n"]
    assert tuple(table["data"]) == KEYS
    values = dict(zip(table["data"], table["n"], strict=True))
    assert values["database_specific_results"] == "PubMed, 7; Scopus, 7"
    assert values["dbr_excluded"] == "Wrong outcome, 2"
    assert values["new_studies"] == values["new_reports"] == "2"


def test_reconcile_names_every_loose_end(review):
    build(review)
    problems = reconcile(flow(review)).notes
    text = "\n".join(problems)
    assert "1 paper(s) were not imported" in text
    assert "1 paper(s) have no title/abstract decision" in text
    assert "1 paper(s) have conflicting title/abstract decisions" in text
    assert "1 report(s) sought have no full-text decision yet" in text
    # The conflict is the whole shortfall between screened and sought: no second note for it.
    assert "is not excluded (1) plus reports sought" not in text


def test_a_clean_review_reconciles(review):
    search = add_search(review, "S", database="PubMed").id
    ids = [add_paper(review, title=f"P{i}").id for i in range(3)]
    _import(review, search, [ids[0], ids[1], ids[2], ids[0]])
    ta, ft = "title_abstract", "full_text"
    record_decision(review, ids[0], ta, "include")
    record_decision(review, ids[1], ta, "include")
    record_decision(review, ids[2], ta, "exclude")
    record_decision(review, ids[0], ft, "include")
    record_decision(review, ids[1], ft, "exclude", reason_id=_reason(review, ft, "Wrong outcome"))
    assert reconcile(flow(review)).notes == []
    f = flow(review)
    assert (f.database_results, f.duplicates, f.records_screened, f.included) == (4, 1, 3, 1)


def test_empty_review_has_zero_boxes(review):
    table = prisma_flow(review)
    assert table["n"].tolist() == ["0", "", "0", "0", "0", "0", "0", "0", "0", "0", "", "0", "0"]
    assert reconcile(flow(review)).notes == []


def test_cleared_and_missing_reason(review):
    paper = add_paper(review, title="P").id
    record_decision(review, paper, "title_abstract", "include")
    record_decision(review, paper, "title_abstract", "cleared")
    assert flow(review).ta_undecided == 1
    # An exclusion recorded without a reason (e.g. by an importer) is still counted.
    review.db.execute(
        "INSERT INTO decisions (paper_id, stage, reviewer, decision, created_at) "
        "VALUES (?, 'full_text', 'x', 'exclude', 'now')",
        (paper,),
    )
    assert flow(review).excluded_reasons == [("No reason recorded", 1)]


def test_work_still_to_do_is_in_progress_and_anything_else_is_flagged(review):
    p = build(review)
    checked = reconcile(flow(review))
    # A conflict is screened but neither excluded nor sought, and a report sought without a
    # full-text decision is not assessed: the shortfall is exactly that work, so the diagram
    # shows the boxes as in progress, not as figures that do not add up.
    assert checked.pending == {
        "dbr_sought_reports": "1 conflict(s) to resolve",
        "dbr_assessed": "1 awaiting a full-text decision",
    }
    assert checked.boxes == {}
    # 14 identified − (4 duplicates + 1 automatic + 1 unlinked) = 8 screened: that box holds.
    assert "records_screened" not in checked.pending
    # Another paper added by hand and screened is no work left to do: it is flagged.
    record_decision(review, add_paper(review, title="Hand-added 2").id, "title_abstract",
                    "include", reviewer="ann")  # fmt: skip
    record_decision(review, p[9], "title_abstract", "exclude", reviewer="ann")
    checked = reconcile(flow(review))
    assert checked.boxes["records_screened"] == "14 identified − 6 removed = 8, but 10 screened"
    assert "records_screened" not in checked.pending


def test_papers_left_by_an_early_stop_are_in_progress_as_stopped():
    """The diagram says the papers were left by a recorded stop, not that they are to screen."""
    counts = dict(database_results=100, database_specific=[], duplicates=10, excluded_automatic=0,
                  excluded_other=0, records_screened=60, records_excluded=50, sought=10,
                  not_retrieved=0, assessed=10, excluded_reasons=[], included=10,
                  ta_undecided=30)  # fmt: skip
    assert reconcile(PrismaFlow(**counts)).pending == {"records_screened": "30 still to screen"}
    stopped = PrismaFlow(**counts, stops={"title_abstract": {"reason": "budget"}})
    assert reconcile(stopped).pending == {"records_screened": "30 left unscreened (stopped early)"}
    assert reconcile(stopped).boxes == {}
