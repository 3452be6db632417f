"""The one table writer: every export neutralises `=HYPERLINK(...)`; Curator reads its own
screening CSV back as it was; the PRISMA template and the tables keep their golden bytes
(tests/core/report/test_exports.py, tests/core/flow/test_flow_outputs.py)."""

from __future__ import annotations

import csv

import pytest
from openpyxl import load_workbook

from curator.core.errors import CuratorError
from curator.core.importers import import_file
from curator.core.papers import add_paper, update_paper
from curator.core.report.exports import write_tables
from curator.core.report.record_export import export
from curator.core.report.writer import csv_text, frame, neutralise, restore
from curator.core.screening.decisions import Decision, record_decision, record_decisions
from curator.core.screening.decisions_csv import export_csv, import_csv

HOSTILE = '=HYPERLINK("x")'


def _cells(path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [cell for row in csv.reader(handle) for cell in row]


def test_restore_undoes_only_what_neutralise_did():
    for text in ("=1", "+1", "-1", "@A", "\tx", "\rx", HOSTILE):
        assert restore(neutralise(text)) == text
    for text in ("'quoted", "''=x", "plain", "", "'"):
        assert restore(text) == text  # an apostrophe Curator did not add stays
    assert restore("'=x") == "=x"


def test_frame_keeps_ints_and_blanks():
    text = csv_text(frame([[1, None, "-2"], [2, "b", 3.5]], ("id", "note", "n")))
    assert text == "id,note,n\n1,,'-2\n2,b,3.5\n"


def test_records_csv_neutralises_imported_text(review, tmp_path):
    source = tmp_path / "refs.ris"
    source.write_text(
        f"TY  - JOUR\nID  - -src\nTI  - {HOSTILE}\nAU  - @Doe, J.\nPY  - 2001\nER  - \n",
        encoding="utf-8",
    )
    import_file(review, source, "S")
    out = tmp_path / "records.csv"
    assert export(review, "records", "csv", out) == 1
    (row,) = csv.DictReader(out.open(encoding="utf-8", newline=""))
    assert row["title"] == "'" + HOSTILE
    assert row["source_id"] == "'-src" and row["authors"] == "'@Doe, J."
    assert row["year"] == "2001" and row["position"] == "1"


def test_tables_csv_and_xlsx_neutralise_a_key_result(review, tmp_path):
    paper = add_paper(review, title="A paper", authors=["Doe, J."], year=2020).id
    record_decisions(
        review,
        [Decision(paper, "title_abstract", "include"), Decision(paper, "full_text", "include")],
    )
    update_paper(review, paper, is_key=True, key_result=HOSTILE)
    csv_cells = [c for p in write_tables(review, tmp_path / "csv") for c in _cells(p)]
    assert "'" + HOSTILE in csv_cells and HOSTILE not in csv_cells
    (book,) = write_tables(review, tmp_path / "xlsx", "xlsx")
    values = [
        cell.value
        for sheet in load_workbook(book).worksheets
        for row in sheet.iter_rows()
        for cell in row
    ]
    assert "'" + HOSTILE in values and HOSTILE not in values


def test_screening_csv_neutralises_and_reads_back_as_it_was(review, tmp_path):
    hostile = add_paper(review, title=HOSTILE, authors=["-Doe, J."], year=2020).id
    quoted = add_paper(review, title="'Tis a title", year=2021).id
    record_decision(review, hostile, "title_abstract", "include", note="=1+1", reviewer="ana")
    record_decision(review, quoted, "title_abstract", "include", note="'kept", reviewer="ana")
    out = tmp_path / "ta.csv"
    assert export_csv(review, "title_abstract", out, reviewer="ana") == 2
    rows = {r["id"]: r for r in csv.DictReader(out.open(encoding="utf-8", newline=""))}
    assert rows[str(hostile)]["title"] == "'" + HOSTILE
    assert rows[str(hostile)]["authors"].startswith("'-Doe")
    assert rows[str(hostile)]["note"] == "'=1+1"
    assert rows[str(quoted)]["note"] == "'kept" and rows[str(quoted)]["title"] == "'Tis a title"
    assert not [c for c in _cells(out) if c.startswith(("=", "+", "-", "@"))]

    _changes, count, skipped = import_csv(review, out, "title_abstract")
    assert (count, skipped) == (2, 0)
    notes = dict(
        review.db.execute(
            "SELECT paper_id, note FROM decisions WHERE id IN "
            "(SELECT MAX(id) FROM decisions GROUP BY paper_id)"
        ).fetchall()
    )
    assert notes == {hostile: "=1+1", quoted: "'kept"}


@pytest.mark.parametrize("bad", ["'=include", "=include"])
def test_screening_import_restores_no_decision_word(review, tmp_path, bad):
    """Only a neutralised cell is restored: a decision cell is still checked as written."""
    paper = add_paper(review, title="P").id
    path = tmp_path / "d.csv"
    path.write_text(f"id,decision\n{paper},{bad}\n", encoding="utf-8")
    with pytest.raises(CuratorError, match="is not include, exclude"):
        import_csv(review, path, "title_abstract")
