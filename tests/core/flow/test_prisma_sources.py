"""Registers and other methods in the PRISMA flow: a search's kind decides where its records
are counted, and the papers found only through other methods get their own column."""

from __future__ import annotations

import csv
import io

import pytest

from curator.core.dedup.merge import merge
from curator.core.errors import CuratorError
from curator.core.flow.prisma import KEYS, flow, reconcile
from curator.core.flow.template import prisma_csv_text
from curator.core.importers import ImportSpec, import_files
from curator.core.screening.decisions import record_decision
from curator.core.searches import add_search, search_id, searches, update_search


def _ris(*records: tuple[str, str]) -> str:
    return "".join(f"TY  - JOUR\nTI  - {title}\nDO  - {doi}\nER  - \n" for title, doi in records)


@pytest.fixture
def sourced(review, tmp_path):
    files = {
        "db.ris": _ris(("Alpha", "10.1/a"), ("Beta", "10.1/b"), ("Gamma", "10.1/c")),
        "reg.ris": _ris(("Delta trial", "10.1/d")),
        "cit.ris": _ris(("Alpha", "10.1/a"), ("Epsilon", "10.1/e"), ("Zeta", "10.1/z")),
        "web.ris": _ris(("Eta", "10.1/h")),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    import_files(
        review,
        [
            ImportSpec(tmp_path / "db.ris", "Scopus", database="Scopus"),
            ImportSpec(tmp_path / "reg.ris", "Trials", database="CT.gov", kind="register"),
            ImportSpec(tmp_path / "cit.ris", "Snowballing", kind="citation"),
            ImportSpec(tmp_path / "web.ris", "Google", kind="website"),
        ],
    )
    (db_alpha, cited_alpha) = [
        i for (i,) in review.db.execute("SELECT id FROM papers WHERE title = 'Alpha' ORDER BY id")
    ]
    merge(review, db_alpha, cited_alpha)  # Alpha was found by citation searching too
    ids = {
        t: i for i, t in review.db.execute("SELECT id, title FROM papers WHERE merged_into IS NULL")
    }
    for title in ("Alpha", "Delta trial", "Epsilon", "Zeta", "Eta"):
        record_decision(review, ids[title], "title_abstract", "include")
    record_decision(review, ids["Beta"], "title_abstract", "exclude")
    record_decision(review, ids["Gamma"], "title_abstract", "exclude")
    for title in ("Alpha", "Delta trial", "Epsilon"):
        record_decision(review, ids[title], "full_text", "include")
    reason = review.db.execute(
        "SELECT id, label FROM exclusion_reasons WHERE stage = 'full_text' ORDER BY position"
    ).fetchone()
    record_decision(review, ids["Zeta"], "full_text", "exclude", reason_id=reason[0])
    record_decision(review, ids["Eta"], "full_text", "not_retrieved")
    return review


def test_registers_and_other_methods_are_counted_apart(sourced):
    f = flow(sourced)
    assert (f.database_results, f.register_results) == (3, 1)
    assert f.register_specific == [("CT.gov", 1)]
    assert f.other_results == {"website": 1, "citation": 3}
    # Alpha, found by citation searching too, is a paper of the databases column.
    assert f.duplicates == 0
    assert (f.records_screened, f.records_excluded, f.sought, f.assessed) == (4, 2, 2, 2)
    assert (f.other_sought, f.other_not_retrieved, f.other_assessed) == (3, 1, 2)
    (label,) = sourced.db.execute(
        "SELECT label FROM exclusion_reasons WHERE stage = 'full_text' ORDER BY position"
    ).fetchone()
    assert f.other_excluded_reasons == [(label, 1)] and f.excluded_reasons == []
    assert (f.included, f.other_included) == (3, 1)
    assert reconcile(f).boxes == {}
    values = f.values()
    assert values["register_results"] == "1" and values["citations_results"] == "3"
    assert values["website_results"] == "1" and "organisation_results" not in values
    assert values["other_sought_reports"] == "3" and values["new_studies"] == "3"


def test_the_prisma2020_csv_draws_the_other_column_only_when_present(sourced, review_path):
    rows = {r["data"]: r["n"] for r in csv.DictReader(io.StringIO(prisma_csv_text(flow(sourced))))}
    assert rows["register_results"] == "1" and rows["register_specific_results"] == "CT.gov, 1"
    assert rows["website_results"] == "1" and rows["organisation_results"] == "NA"
    assert rows["other_assessed"] == "2" and rows["other_excluded"].endswith(", 1")
    assert rows["total_studies_ma"] == "NA"


def test_without_such_searches_the_flow_is_as_before(review):
    f = flow(review)
    assert f.register_results is None and f.other_results == {}
    assert tuple(f.values()) == KEYS


def test_a_search_kind_is_checked_and_can_be_changed(review):
    add_search(review, "Hand search", kind="organisation")
    assert searches(review)[0]["kind"] == "organisation"
    found = search_id(review, "Hand search")
    update_search(review, found, kind="register")
    assert searches(review)[0]["kind"] == "register"
    with pytest.raises(CuratorError, match="unknown search kind 'blog'"):
        update_search(review, found, kind="blog")
    assert searches(review)[0]["kind"] == "register"
