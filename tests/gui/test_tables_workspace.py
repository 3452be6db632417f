"""The Tables workspace: views show the core DataFrames, copy, export, the gaps matrix drill-down."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from curator.core.curation import facets, questions
from curator.core.demo import build_demo
from curator.core.report import exports, writer
from curator.core.report.tables import TABLES, research_gaps_matrix
from curator.core.review import Review
from curator.gui.context import AppContext
from curator.gui.tables import dialogs
from curator.gui.tables.gaps import GapMatrixPage
from curator.gui.tables.heatmap import GapMatrixModel
from curator.gui.tables.model import DataFrameModel, ValueRole, cell_text
from curator.gui.tables.selection import selected_frame, to_tsv
from curator.gui.tables.workspace import TablesWorkspace, share_width, wrap_words


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.curator"
    build_demo(path, who="tester").close()
    return path


@pytest.fixture
def demo(demo_template, tmp_path):
    path = tmp_path / "demo.curator"
    shutil.copy(demo_template, path)
    review = Review.open(path, who="tester")
    yield review
    review.close()


@pytest.fixture
def workspace(qtbot, demo):
    context = AppContext()
    ws = TablesWorkspace(context)
    qtbot.addWidget(ws)
    ws.resize(1100, 700)
    context.set_review(demo)
    yield ws
    context.review = None  # the `demo` fixture closes it


def show_in_window(workspace, qtbot, key: str) -> None:
    """Show table `key` with the room the Tables workspace has in a 1280x800 window."""
    workspace.resize(1078, 680)
    workspace.show()
    qtbot.waitExposed(workspace)
    workspace.show_table(key)
    QApplication.processEvents()


def shown(model) -> list[list[str]]:
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def texts(frame: pd.DataFrame) -> list[list[str]]:
    return [[cell_text(v) for v in row] for row in frame.itertuples(index=False, name=None)]


# -- the model ----------------------------------------------------------------------------------
def test_model_passes_qtmodeltester(qtmodeltester):
    frame = pd.DataFrame({"Name": ["a", None, "c"], "n": [1, 2, 3], "x": [1.5, float("nan"), 2.0]})
    model = DataFrameModel(frame)
    qtmodeltester.check(model)
    assert model.index(1, 0).data() == "" and model.index(1, 2).data() == ""
    assert model.index(2, 1).data(ValueRole) == 3
    assert model.headerData(2, Qt.Orientation.Horizontal) == "x"
    model.set_frame(pd.DataFrame({"only": []}))
    qtmodeltester.check(model)
    assert model.rowCount() == 0 and model.columnCount() == 1


def test_gap_model_passes_qtmodeltester_and_marks_gaps(qtmodeltester):
    frame = pd.DataFrame(
        [["Dep", 4, "GAP"], ["Psy", 1, 2]], columns=["Topic", "A", "B"], dtype=object
    )
    model = GapMatrixModel(frame)
    qtmodeltester.check(model)
    gap, full, low = model.index(0, 2), model.index(0, 1), model.index(1, 1)
    assert gap.data(Qt.ItemDataRole.FontRole).bold()
    assert (
        gap.data(Qt.ItemDataRole.BackgroundRole).color()
        != full.data(Qt.ItemDataRole.BackgroundRole).color()
    )
    # Deeper shade for the bigger count.
    assert (
        full.data(Qt.ItemDataRole.BackgroundRole).color().lightness()
        < low.data(Qt.ItemDataRole.BackgroundRole).color().lightness()
    )


# -- views = core DataFrames ---------------------------------------------------------------------
def test_every_view_shows_exactly_the_core_dataframe(workspace, demo):
    assert set(workspace.pages) == set(TABLES)
    for key, make in TABLES.items():
        frame = make(demo)
        workspace.show_table(key)
        page = workspace.pages[key]
        model = page.model
        assert [  # the matrix's column terms a word to a line
            " ".join(model.headerData(c, Qt.Orientation.Horizontal).split())
            for c in range(model.columnCount())
        ] == [str(c) for c in frame.columns], key
        assert shown(model) == texts(frame), key
        assert len(frame) > 0, key  # the demo fills every table


def test_views_refresh_when_the_review_changes(workspace, demo):
    workspace.show_table("open_questions")
    before = workspace.pages["open_questions"].model.rowCount()
    workspace.context.notify(questions.add_question(demo, "A new question?", "Because."))
    model = workspace.pages["open_questions"].model
    assert model.rowCount() == before + 1
    assert model.index(before, 0).data() == "A new question?"


def test_hidden_tables_are_recomputed_when_shown(workspace, demo):
    workspace.show_table("key_papers")
    workspace.context.notify(questions.add_question(demo, "Hidden question?", None))
    hidden = workspace.pages["open_questions"].model
    assert "Hidden question?" not in [r[0] for r in shown(hidden)]  # not recomputed yet
    workspace.show_table("open_questions")
    assert shown(hidden) == texts(TABLES["open_questions"](demo))
    assert "Hidden question?" in [r[0] for r in shown(hidden)]


def test_empty_state_without_a_review(qtbot):
    ws = TablesWorkspace(AppContext())
    qtbot.addWidget(ws)
    assert ws.stack.currentWidget() is ws.empty
    assert not ws.actions_["copy"].isEnabled()


# -- copy ------------------------------------------------------------------------------------
def select(view, cells):
    selection = view.selectionModel()
    selection.clearSelection()
    for r, c in cells:
        selection.select(view.model().index(r, c), QItemSelectionModel.SelectionFlag.Select)


def test_copy_selection_as_tsv_and_markdown(workspace, demo):
    workspace.show_table("key_papers")
    view = workspace.current_view()
    frame = TABLES["key_papers"](demo)
    select(view, [(0, 0), (0, 3), (1, 0), (1, 3)])
    tsv = workspace.copy_tsv()
    assert QGuiApplication.clipboard().text() == tsv
    assert tsv.splitlines() == [
        "Paper\tKey Results",
        f"{frame.iat[0, 0]}\t{frame.iat[0, 3]}",
        f"{frame.iat[1, 0]}\t{frame.iat[1, 3]}",
    ]
    md = workspace.copy_markdown()
    assert md == writer.markdown_table(frame.iloc[[0, 1], [0, 3]].reset_index(drop=True))
    assert QGuiApplication.clipboard().text() == md


def test_ctrl_c_copies_whole_table_when_nothing_is_selected(workspace, demo, qtbot):
    workspace.show_table("open_questions")
    workspace.current_view().clearSelection()
    workspace.actions_["copy"].trigger()
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[0] == "Question\tWhy"
    assert len(lines) == 1 + len(TABLES["open_questions"](demo))
    assert (
        workspace.actions_["copy"]
        .shortcut()
        .matches(Qt.Key.Key_C | Qt.KeyboardModifier.ControlModifier)
    )


# -- export ----------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["csv", "xlsx", "md"])
def test_export_current_table_writes_the_core_export_and_remembers_the_folder(
    workspace, demo, tmp_path, monkeypatch, fmt
):
    out = tmp_path / "out"
    out.mkdir()
    asked = []

    def fake_ask(parent, caption, name, filters):
        asked.append(name)
        return out / f"claims.{fmt}", filters[0]

    monkeypatch.setattr(dialogs, "ask_save_path", fake_ask)
    workspace.show_table("claims_evidence")
    path = workspace.export_current()
    assert path == out / f"claims.{fmt}" and asked == ["claims_evidence.csv"]
    frame = TABLES["claims_evidence"](demo)
    if fmt == "csv":
        reference = tmp_path / "reference.csv"
        writer.write_csv(frame, reference)
        assert path.read_bytes() == reference.read_bytes()
        assert list(pd.read_csv(path).columns) == [
            "Claim",
            "Evidence Strength",
            "Reasoning",
            "Papers",
        ]
    elif fmt == "xlsx":
        sheet = load_workbook(path).active
        assert [c.value for c in sheet[1]] == list(frame.columns)
        assert sheet.cell(2, 1).value == frame.iat[0, 0]
    else:
        assert path.read_text(
            encoding="utf-8"
        ) == "### Claims and Evidence\n\n" + writer.markdown_table(frame)
    assert dialogs.last_folder() == out


def test_export_cancelled_writes_nothing(workspace, monkeypatch, tmp_path):
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: (None, ""))
    assert workspace.export_current() is None
    assert not list(tmp_path.glob("*.csv"))


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "md"])
def test_export_all_matches_curator_tables(workspace, demo, tmp_path, monkeypatch, fmt):
    gui_dir, cli_dir = tmp_path / "gui", tmp_path / "cli"
    gui_dir.mkdir()
    monkeypatch.setattr(dialogs, "ask_folder", lambda *a: gui_dir)
    written = workspace.export_all(fmt)
    expected = exports.write_tables(demo, cli_dir, fmt)
    assert [p.name for p in written] == [p.name for p in expected]
    if fmt != "xlsx":  # workbooks carry a timestamp
        for a, b in zip(written, expected, strict=True):
            assert a.read_bytes() == b.read_bytes()
    assert dialogs.last_folder() == gui_dir


# -- research gaps matrix ------------------------------------------------------------------------
def included_with_both(review, row_term, column_term) -> set[int]:
    rows = review.db.execute(
        "SELECT p.id FROM papers p JOIN paper_terms a ON a.paper_id = p.id JOIN paper_terms b ON b.paper_id = p.id "
        "JOIN terms ta ON ta.id = a.term_id JOIN terms tb ON tb.id = b.term_id "
        "WHERE p.merged_into IS NULL AND p.ft_decision = 'include' AND ta.name = ? AND tb.name = ? "
        "AND ta.facet_id = (SELECT id FROM facets WHERE name = 'Topic') "
        "AND tb.facet_id = (SELECT id FROM facets WHERE name = 'Study attribute')",
        (row_term, column_term),
    )
    return {r[0] for r in rows}


def test_clicking_a_cell_lists_its_papers_and_opening_one_emits_its_id(workspace, demo, qtbot):
    page: GapMatrixPage = workspace.pages["research_gaps_matrix"]
    frame = page.frame
    assert shown(page.model) == texts(research_gaps_matrix(demo))
    checked = 0
    for r in range(len(frame)):
        for c in range(1, frame.shape[1]):
            index = page.model.index(r, c)
            with qtbot.waitSignal(page.cell_selected) as blocker:
                page.view.clicked.emit(index)
            ids = page.listed_papers()
            expected = included_with_both(demo, frame.iat[r, 0], frame.columns[c])
            assert set(ids) == expected and blocker.args[2] == ids
            value = frame.iat[r, c]
            assert (value == "GAP") == (not ids) and (value == "GAP" or int(value) == len(ids))
            checked += 1
    assert checked == (frame.shape[1] - 1) * len(frame)
    # Open a paper from a non-empty cell.
    r, c = next(
        (r, c)
        for r in range(len(frame))
        for c in range(1, frame.shape[1])
        if frame.iat[r, c] != "GAP"
    )
    page.view.clicked.emit(page.model.index(r, c))
    first = page.papers.index(0, 0)
    with qtbot.waitSignal(workspace.paper_activated) as opened:
        page.paper_list.activated.emit(first)
    assert opened.args == [page.listed_papers()[0]]


def test_choosing_other_facets_recomputes_the_matrix(workspace, demo):
    page: GapMatrixPage = workspace.pages["research_gaps_matrix"]
    page.choose("Methodology", "Population/Context")
    assert shown(page.model) == texts(
        research_gaps_matrix(demo, "Methodology", "Population/Context")
    )
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "Methodology"


def test_the_matrix_shows_row_terms_whole_and_column_terms_a_word_to_a_line(workspace, demo, qtbot):
    show_in_window(workspace, qtbot, "research_gaps_matrix")
    page: GapMatrixPage = workspace.pages["research_gaps_matrix"]
    frame = research_gaps_matrix(demo, "Topic", "Study attribute")
    metrics = page.view.fontMetrics()
    longest = max(metrics.horizontalAdvance(str(t)) for t in frame.iloc[:, 0])
    assert page.view.columnWidth(0) > longest  # "Combined Pharmacological/Psychotherapy"
    header = page.model.headerData
    for column, name in enumerate(frame.columns[1:], start=1):
        assert header(column, Qt.Orientation.Horizontal) == "\n".join(name.split())
    page.view.clearSelection()
    copied = to_tsv(selected_frame(page.view))  # copies keep the names as they are
    assert copied.splitlines()[0] == "\t".join(frame.columns)


def test_new_facet_appears_in_the_pickers(workspace, demo):
    page: GapMatrixPage = workspace.pages["research_gaps_matrix"]
    workspace.context.notify(facets.add_facet(demo, "Country"))
    assert page.row_facet.findText("Country") >= 0 and page.column_facet.findText("Country") >= 0
    assert page.row_facet.currentText() == "Topic"


@pytest.mark.parametrize("fmt", ["csv", "svg", "png"])
def test_gaps_export(workspace, demo, tmp_path, monkeypatch, fmt):
    page: GapMatrixPage = workspace.pages["research_gaps_matrix"]
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: (tmp_path / "gaps", a[3][0]))
    page.export(fmt)
    path = tmp_path / f"gaps.{fmt}"
    frame = research_gaps_matrix(demo)
    if fmt == "csv":
        reference = tmp_path / "reference.csv"
        writer.write_csv(frame, reference)
        assert path.read_bytes() == reference.read_bytes()
    elif fmt == "svg":
        svg = path.read_text(encoding="utf-8")
        assert "viewBox=" in svg
        for value in frame.iloc[:, 1:].to_numpy().ravel():
            assert f">{value}</text>" in svg
        for term in frame.iloc[:, 0]:
            assert term.split("/")[0] in svg
    else:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("name", "magic"), [("r.md", b"# "), ("r.html", b"<!DOCTYPE html>"), ("r.pdf", b"%PDF-")]
)
def test_export_report_by_file_type(workspace, tmp_path, monkeypatch, name, magic):
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: (tmp_path / name, a[3][0]))
    path = workspace.export_report()
    assert path == tmp_path / name and path.read_bytes().startswith(magic)
    text = path.read_bytes()
    if name != "r.pdf":
        assert b"Research Gaps Matrix" in text and b"References" in text


def test_ctrl_c_and_ctrl_shift_c_keys_in_the_view(workspace, demo, qtbot):
    workspace.show()
    workspace.activateWindow()
    qtbot.waitActive(workspace)
    workspace.show_table("open_questions")
    view = workspace.current_view()
    view.setFocus()
    select(view, [(0, 0)])
    question = TABLES["open_questions"](demo).iat[0, 0]
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == f"Question\n{question}\n"
    qtbot.keyClick(
        view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert QGuiApplication.clipboard().text() == f"| Question |\n|---|\n| {question} |\n"


@pytest.mark.parametrize(
    "key", ["open_questions", "claims_evidence", "references", "evidence_profile"]
)
def test_rows_are_tall_enough_for_their_wrapped_text(workspace, qtbot, key):
    """Every cell's text, wrapped as it is painted (inside the item padding of style.qss),
    fits its row: no line is cut off with '…'."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

    show_in_window(workspace, qtbot, key)
    view = workspace.current_view()
    model = view.model()
    style = view.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    short = []
    for row in range(min(model.rowCount(), 20)):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            option = QStyleOptionViewItem()
            view.initViewItemOption(option)
            option.rect = view.visualRect(index)
            view.itemDelegateForIndex(index).initStyleOption(option, index)
            text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
            width = text_rect.width() - 2 * margin
            flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
            need = option.fontMetrics.boundingRect(QRect(0, 0, width, 100000), flags, option.text)
            if need.height() > text_rect.height():
                short.append((row, column, need.height(), text_rect.height(), option.text[:40]))
            for word in re.split(r"\s+|(?<=-)", option.text):  # no word cut with '…'
                if option.fontMetrics.horizontalAdvance(word) > width:
                    short.append((row, column, word))
    assert not short


def test_a_wide_table_shares_the_width_widest_columns_first():
    wanted, floors = [300, 300, 80, 120], [60, 60, 60, 60]
    assert share_width(wanted, floors, 1000) == wanted  # fits: as wanted
    # the two widest give way, down to one cap; the narrower ones keep their width
    assert share_width(wanted, floors, 600) == [200, 200, 80, 120]
    assert share_width(wanted, floors, 400) == [106, 106, 80, 106]
    assert share_width(wanted, [60, 150, 60, 60], 400) == [85, 150, 80, 85]  # a floor holds
    assert share_width(wanted, floors, 200) == floors  # floors alone too wide: scroll


def test_the_grade_profile_fits_the_window(workspace, qtbot):
    """Ten columns of prose: shared out so that the last column is not hidden sideways."""
    show_in_window(workspace, qtbot, "evidence_profile")
    view = workspace.current_view()
    columns = range(view.model().columnCount())
    assert sum(view.columnWidth(c) for c in columns) <= view.viewport().width()
    assert all(view.columnWidth(c) <= 300 for c in columns)
    # the headers break between words to let the columns be that narrow (the one-line
    # headers' floors left Certainty 26 px out of view at 1280x800); copies keep the names
    model = view.model()
    shown = [model.headerData(c, Qt.Orientation.Horizontal) for c in columns]
    assert "Publication\nbias" in shown
    assert [s.replace("\n", " ") for s in shown] == list(model.frame.columns)
    assert to_tsv(model.frame).splitlines()[0].split("\t") == list(model.frame.columns)


def test_a_header_breaks_between_words_to_fit_its_width():
    advance = len  # a character a pixel
    assert wrap_words("Risk of bias", 7, advance) == "Risk of\nbias"
    assert wrap_words("Risk of bias", 12, advance) == "Risk of bias"
    assert wrap_words("Publication bias", 5, advance) == "Publication\nbias"  # a word stays whole


def test_an_empty_table_says_where_its_rows_come_from(qtbot, review, workspace):
    """A new review's tables are empty: each says so and names the workspace that fills it,
    instead of a bare header row. The demo's tables show their rows."""
    assert workspace.pages["key_papers"].stack.currentWidget() is workspace.pages["key_papers"].view
    context = AppContext()
    fresh = TablesWorkspace(context)
    qtbot.addWidget(fresh)
    fresh.resize(1078, 680)
    context.set_review(review)
    fresh.show()
    qtbot.waitExposed(fresh)
    for key, words in (
        ("key_papers", "Ctrl+K"),
        ("claims_evidence", "In Claims"),
        ("evidence_profile", "GRADE certainty"),
        ("open_questions", "Open questions and gaps"),
        ("references", "included at full text"),
    ):
        fresh.show_table(key)
        page = fresh.pages[key]
        assert page.model.rowCount() == 0
        assert page.stack.currentWidget() is page.empty and page.empty.isVisible()
        assert words in page.empty.hint_label.text()
    context.review = None


def test_the_grade_profile_says_how_many_claims_it_leaves_out(workspace, demo):
    """Claims and Evidence lists six claims, the GRADE profile two: the profile says why."""
    workspace.show_table("evidence_profile")
    page = workspace.pages["evidence_profile"]
    total = len(TABLES["claims_evidence"](demo))
    shown = page.model.rowCount()
    assert 0 < shown < total
    assert page.caption.text().startswith(f"{shown} of {total} claims graded")
    assert not page.caption.isHidden()
    assert workspace.pages["claims_evidence"].caption.isHidden()
