"""Exports: golden files for the demo in CSV, XLSX and Markdown; formula injection in each."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook

from curator.core.curation.claims import add_claim
from curator.core.curation.facets import add_term, facet_id, tag
from curator.core.curation.questions import add_question
from curator.core.demo import build_demo
from curator.core.errors import CuratorError
from curator.core.papers import add_paper, update_paper
from curator.core.report.exports import report_markdown, write_report, write_tables
from curator.core.report.tables import TABLES
from curator.core.report.writer import neutralise
from curator.core.screening.decisions import Decision, record_decisions

GOLDEN = Path(__file__).resolve().parents[2] / "data" / "golden"
UPDATE = os.environ.get("CURATOR_UPDATE_GOLDEN") == "1"
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def _golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
    assert path.is_file(), f"golden file {path} missing (run with CURATOR_UPDATE_GOLDEN=1)"
    assert actual == path.read_bytes().decode("utf-8"), f"{name} differs from its golden file"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    review = build_demo(tmp_path_factory.mktemp("demo") / "demo.curator")
    yield review
    review.close()


def _workbook_content(path: Path) -> dict:
    book = load_workbook(path)
    return {
        sheet.title: [[cell.value for cell in row] for row in sheet.iter_rows()]
        for sheet in book.worksheets
    }


def test_csv_golden(demo, tmp_path):
    written = write_tables(demo, tmp_path / "out")
    assert [p.name for p in written] == [f"{name}.csv" for name in TABLES]
    for path in written:
        _golden(f"demo/csv/{path.name}", path.read_bytes().decode("utf-8"))


def test_markdown_golden(demo, tmp_path):
    for path in write_tables(demo, tmp_path, "md"):
        _golden(f"demo/md/{path.name}", path.read_text(encoding="utf-8"))


def test_xlsx_golden(demo, tmp_path):
    (path,) = write_tables(demo, tmp_path, "xlsx")
    assert path.name == "tables.xlsx"
    content = _workbook_content(path)
    assert list(content) == list(TABLES)
    _golden("demo/tables.xlsx.json", json.dumps(content, ensure_ascii=False, indent=1) + "\n")


def test_report_golden(demo, tmp_path):
    path = write_report(demo, tmp_path / "review.md")
    text = path.read_text(encoding="utf-8")
    assert text == report_markdown(demo)
    _golden("demo/review.md", text)


# -- formula injection ---------------------------------------------------------------------
@pytest.fixture
def hostile(review):
    paper = add_paper(
        review,
        title='=HYPERLINK("http://evil.example","click")',
        authors=["+Evil, A."],
        year=2020,
        venue="@Journal",
        volume="-1",
    ).id
    record_decisions(
        review,
        [Decision(paper, "title_abstract", "include"), Decision(paper, "full_text", "include")],
    )
    update_paper(review, paper, is_key=True, key_result="\tcmd|' /C calc'!A0")
    add_claim(review, "-2+3+cmd|' /C calc'!A0", "Strong", [paper], reasoning="\rnew line")
    add_question(review, "@SUM(1+1)*cmd", "=1+1")
    term = add_term(review, facet_id(review, "Topic"), "=cmd").id
    column = add_term(review, facet_id(review, "Study attribute"), "+col").id
    tag(review, [paper], term)
    tag(review, [paper], column)
    return review


def test_neutralise():
    for text in ("=1", "+1", "-1", "@A", "\tx", "\rx"):
        assert neutralise(text) == "'" + text
    assert neutralise("Safe = text") == "Safe = text"
    assert neutralise(-1) == -1  # numbers are numbers, not formulas


def test_csv_cells_never_start_a_formula(hostile, tmp_path):
    cells = []
    for path in write_tables(hostile, tmp_path):
        with path.open(encoding="utf-8", newline="") as handle:
            cells += [cell for row in csv.reader(handle) for cell in row]
    assert '\'=HYPERLINK("http://evil.example","click").' not in cells  # title is in a longer cell
    assert "'=cmd" in cells and "'+col" in cells and "'@SUM(1+1)*cmd" in cells and "'=1+1" in cells
    # A CR is made LF, so that the cell stays one quoted cell.
    assert "'\nnew line" in cells and "'-2+3+cmd|' /C calc'!A0" in cells
    assert not [c for c in cells if c.startswith(DANGEROUS)]


def test_xlsx_has_no_formulas(hostile, tmp_path):
    (path,) = write_tables(hostile, tmp_path, "xlsx")
    book = load_workbook(path)
    values = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
                values.append(cell.value)
    strings = [v for v in values if isinstance(v, str)]
    assert "'=cmd" in strings and "'\tcmd|' /C calc'!A0" in strings
    assert not [v for v in strings if v.startswith(DANGEROUS)]


def test_markdown_cells_are_neutralised_and_escaped(hostile, tmp_path):
    text = "".join(p.read_text(encoding="utf-8") for p in write_tables(hostile, tmp_path, "md"))
    cells = [
        c.strip() for line in text.splitlines() if line.startswith("| ") for c in line.split(" | ")
    ]
    assert not [c for c in cells if c.lstrip("| ").startswith(DANGEROUS)]
    assert "'@SUM(1+1)\\*cmd" in text  # neutralised and the * escaped
    assert "cmd\\|' /C calc'!A0" in text  # a pipe cannot end the cell
    report = report_markdown(hostile)
    assert "| '=cmd |" in report and "'+col" in report


def test_bad_output_places(demo, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(CuratorError, match="is not a folder"):
        write_tables(demo, blocker)
    with pytest.raises(CuratorError, match="unknown format 'pdf'"):
        write_tables(demo, tmp_path, "pdf")
    with pytest.raises(CuratorError, match="no such folder"):
        write_report(demo, tmp_path / "missing" / "r.md")
    assert blocker.read_text() == "x"


def test_markdown_report_fills_the_methods_numbers(review, tmp_path):
    """An empty Methods section gets the sentence with the counts, as the HTML report does."""
    from curator.core.curation.questions import set_section
    from curator.core.papers import add_paper
    from curator.core.report.exports import report_markdown

    for n in range(3):
        add_paper(review, title=f"Paper {n}")
    set_section(review, "methods", "")
    text = report_markdown(review)
    methods = text.split("## Methods", 1)[1].split("\n## ", 1)[0]
    assert "In total," in methods
    set_section(review, "methods", "We screened {screened} records.")
    assert "We screened 0 records." in report_markdown(review)


def test_xlsx_is_a_spreadsheet_people_like(demo, tmp_path):
    """Bold frozen header over an autofilter, columns wide enough to read, counts as numbers,
    and the file follows the umask like any other output (not 0600)."""
    old = os.umask(0o022)
    try:
        (path,) = write_tables(demo, tmp_path, "xlsx")
    finally:
        os.umask(old)
    assert (path.stat().st_mode & 0o777) == 0o644
    book = load_workbook(path)
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == sheet.dimensions
        assert all(cell.font.bold for cell in sheet[1])
    flow = book["prisma_flow"]
    counts = [row[1].value for row in flow.iter_rows(min_row=2)]
    assert any(isinstance(n, int) and n == 34 for n in counts)
    titles = book["key_papers"]
    assert titles.column_dimensions["A"].width > 10
