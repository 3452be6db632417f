"""An imported record's title and abstract are stored once, in its paper (migration 0009),
and still read as the file gave them after every change that could part them: an edit of
the paper, a merge taking the other record's title, an unmerge, a deleted paper."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.core import dedup
from curator.core.importers import ImportSpec, import_files
from curator.core.papers import delete_paper, update_paper
from curator.core.review import Review

RIS = """TY  - JOUR
TI  - Sleep and memory in older adults
AU  - Smith, J.
PY  - 2019
JO  - Journal of Sleep Research
AB  - We studied sleep and memory in 120 older adults.
ER  -

TY  - JOUR
TI  - Sleep & memory in older adults: a cohort
AU  - Smith, J.
PY  - 2019
JO  - J Sleep Res
AB  - Cohort of 120 older adults; sleep predicted recall.
ER  -
"""


@pytest.fixture
def imported(review: Review, tmp_path: Path) -> Review:
    source = tmp_path / "two.ris"
    source.write_text(RIS, encoding="utf-8")
    import_files(review, [ImportSpec(source, "Scopus")], deduplicate=False)
    return review


def texts(review: Review) -> list[tuple[str, str]]:
    return [
        (r[0], r[1])
        for r in review.db.execute("SELECT title, abstract FROM record_rows ORDER BY position")
    ]


AS_IMPORTED = [
    ("Sleep and memory in older adults", "We studied sleep and memory in 120 older adults."),
    (
        "Sleep & memory in older adults: a cohort",
        "Cohort of 120 older adults; sleep predicted recall.",
    ),
]


def papers_of(review: Review) -> list[int]:
    return [r[0] for r in review.db.execute("SELECT paper_id FROM records ORDER BY position")]


def test_an_import_stores_the_text_once_and_the_view_reads_it(imported):
    stored = imported.db.execute(
        "SELECT COUNT(*) FROM records WHERE text_in_paper = 1 AND title IS NULL "
        "AND abstract IS NULL"
    ).fetchone()[0]
    assert stored == 2
    assert texts(imported) == AS_IMPORTED


def test_editing_the_paper_keeps_the_records_text(imported):
    first, _second = papers_of(imported)
    update_paper(imported, first, title="Sleep and memory (corrected)", abstract="New.")
    assert imported.db.execute("SELECT title FROM papers WHERE id = ?", [first]).fetchone() == (
        "Sleep and memory (corrected)",
    )
    assert texts(imported) == AS_IMPORTED


def test_merge_taking_the_other_title_and_unmerge_keep_both_records_text(imported):
    first, second = papers_of(imported)
    dedup.merge(imported, first, second, fields_from={"title": second, "abstract": second})
    kept = imported.db.execute("SELECT title FROM papers WHERE id = ?", [first]).fetchone()[0]
    assert kept == AS_IMPORTED[1][0]
    assert papers_of(imported) == [first, first]
    assert texts(imported) == AS_IMPORTED
    dedup.unmerge(imported, second)
    assert papers_of(imported) == [first, second]
    assert texts(imported) == AS_IMPORTED


def test_a_deleted_paper_leaves_its_records_text(imported):
    first, _second = papers_of(imported)
    delete_paper(imported, first)
    assert texts(imported) == AS_IMPORTED


def test_the_records_export_gives_the_imported_text(imported, tmp_path):
    from curator.core.report.record_export import entries

    first, _second = papers_of(imported)
    rows = list(entries(imported, "records"))
    assert [(r["title"], r["abstract"]) for r in rows] == AS_IMPORTED
    update_paper(imported, first, title="Edited")
    assert [r["title"] for r in entries(imported, "records")][0] == AS_IMPORTED[0][0]


PLANNED = {
    # query: the index it must use (the Library's sorts are checked by test_library_order)
    "SELECT id FROM papers WHERE merged_into = 5": "papers_screening",
    "SELECT COUNT(*) FROM papers WHERE merged_into IS NOT NULL": "papers_screening",
    "SELECT COUNT(*) FROM papers WHERE merged_into IS NULL AND ta_decision = 'exclude'": "papers_",
    "SELECT COUNT(*) FROM papers p WHERE p.venue_id = 3 AND p.merged_into IS NULL": "papers_list_venue",
    "SELECT id FROM papers WHERE doi = '10.1/x'": "papers_doi",
    "SELECT id FROM records WHERE paper_id = 4": "records_paper",
}


@pytest.mark.parametrize("sql", sorted(PLANNED))
def test_queries_still_use_an_index_after_the_duplicate_indexes_went(review, sql):
    plan = " ".join(row[3] for row in review.db.execute(f"EXPLAIN QUERY PLAN {sql}"))
    assert PLANNED[sql] in plan, plan


def test_the_dropped_indexes_are_gone(review):
    names = {r[0] for r in review.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    gone = {"papers_title", "papers_year", "papers_venue", "papers_first_author",
            "papers_ta_decision", "papers_ft_decision", "papers_merged_into"}  # fmt: skip
    assert not names & gone
