"""The Library workspace: search, filter, sort, selection kept as ids, details as plain text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QLabel

from curator.core.changes import Changes
from curator.core.papers import add_paper, update_paper
from curator.core.review import Review
from curator.gui.context import AppContext
from curator.gui.library import LibraryWorkspace
from curator.gui.paper_model import COLUMN, IdRole

from .conftest import add_samples


@pytest.fixture
def opened(qtbot, review_path):
    """A Library workspace on its own, over a real review holding the SAMPLE papers."""
    context = AppContext()
    pane = LibraryWorkspace(context)
    qtbot.addWidget(pane)
    pane.resize(1100, 600)
    pane.show()
    review = Review.open(review_path)
    ids = add_samples(review)
    context.set_review(review)
    yield pane, ids
    context.set_review(None)


def citations(pane: LibraryWorkspace) -> list[str]:
    model = pane.model
    return [model.index(row, COLUMN["citation"]).data() for row in range(model.rowCount())]


def search(qtbot, pane: LibraryWorkspace, text: str) -> None:
    pane.search.setText(text)
    qtbot.waitUntil(lambda: pane.model.search == text, timeout=2000)


def test_lists_every_paper_with_short_citations(opened):
    pane, _ids = opened
    assert citations(pane) == [
        "Månsson et al., 2016",
        "Beauregard, 2014",
        "Kleim & Jones, 2008",
        "Zed, 2020",
    ]
    model = pane.model
    assert model.index(0, COLUMN["venue"]).data() == "Translational Psychiatry"
    assert model.index(0, COLUMN["stage"]).data() == "Full text"
    assert model.index(0, COLUMN["decision"]).data() == "Include"
    assert model.index(3, COLUMN["decision"]).data() == "Exclude"
    assert model.index(1, COLUMN["decision"]).data() == "Undecided"
    assert pane.count.text() == "4 papers"


def test_search_is_full_text_over_title_abstract_and_authors_and_debounced(opened, qtbot):
    pane, _ids = opened
    pane.search.setText("amygdala")  # only in an abstract
    assert pane.model.rowCount() == 4  # not yet: the search waits for typing to pause
    qtbot.waitUntil(lambda: pane.model.rowCount() == 1, timeout=2000)
    assert citations(pane) == ["Månsson et al., 2016"]
    search(qtbot, pane, "jones")  # an author
    assert citations(pane) == ["Kleim & Jones, 2008"]
    search(qtbot, pane, "neuro")  # a prefix of words in titles
    assert citations(pane) == ["Månsson et al., 2016", "Beauregard, 2014"]
    search(qtbot, pane, "")
    assert pane.model.rowCount() == 4


def test_a_search_without_matches_says_so(opened, qtbot):
    pane, _ids = opened
    search(qtbot, pane, "unicorns")
    assert pane.list_stack.currentWidget() is pane.empty
    assert pane.empty.title_label.text() == "No matches for “unicorns”"
    assert pane.count.text() == "0 papers"
    assert pane.detail.currentWidget() is pane.detail.empty


def test_filter_combo_lists_included_excluded_and_undecided(opened):
    pane, _ids = opened
    expected = {
        "included": ["Månsson et al., 2016"],
        "excluded": ["Zed, 2020"],
        "undecided": ["Beauregard, 2014", "Kleim & Jones, 2008"],
        "all": ["Månsson et al., 2016", "Beauregard, 2014", "Kleim & Jones, 2008", "Zed, 2020"],
    }
    for key, shown in expected.items():
        pane.filter.setCurrentIndex(pane.filter.findData(key))
        assert citations(pane) == shown, key
    pane.filter.setCurrentIndex(pane.filter.findData("key"))
    assert pane.empty.title_label.text() == "No key papers"


def click_header(qtbot, pane: LibraryWorkspace, column: int) -> None:
    header = pane.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=header.rect().center().__class__(x, 5)
    )


def test_clicking_a_header_sorts_by_requerying(opened, qtbot):
    pane, _ids = opened
    click_header(qtbot, pane, COLUMN["citation"])
    assert pane.model.sort_key == "citation" and not pane.model.descending
    assert citations(pane) == [
        "Beauregard, 2014",
        "Kleim & Jones, 2008",
        "Månsson et al., 2016",
        "Zed, 2020",
    ]
    click_header(qtbot, pane, COLUMN["citation"])
    assert pane.model.descending
    assert citations(pane)[0] == "Zed, 2020"
    click_header(qtbot, pane, COLUMN["year"])
    years = [pane.model.index(r, COLUMN["year"]).data() for r in range(4)]
    assert years == sorted(years)
    for key in ("title", "venue", "stage", "decision"):
        pane.table.sortByColumn(COLUMN[key], Qt.SortOrder.AscendingOrder)
        assert pane.model.sort_key == key
        assert pane.model.rowCount() == 4


def test_selection_is_kept_as_ids_across_sorting_and_searching(opened, qtbot):
    pane, ids = opened
    kleim, zed = ids[2], ids[3]
    pane.select_ids([kleim, zed], current=kleim)
    pane.table.sortByColumn(COLUMN["year"], Qt.SortOrder.DescendingOrder)
    assert pane.selected_ids() == [zed, kleim]  # Zed 2020 now comes before Kleim 2008
    assert pane.current_id() == kleim
    assert pane.detail.title.text() == "Principles of experience-dependent neural plasticity"
    search(qtbot, pane, "plasticity")
    assert pane.selected_ids() == [kleim]


def test_selecting_a_paper_shows_its_metadata_and_abstract(opened, qtbot):
    pane, ids = opened
    model = pane.model
    row = model.row_of(ids[2])
    pane.table.selectionModel().setCurrentIndex(
        model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    detail = pane.detail
    assert detail.currentWidget() is detail.scroll
    assert detail.citation.text() == "Kleim & Jones, 2008"
    assert detail.authors.text() == "Kleim, Jeffrey A.; Jones, Theresa A."
    assert (
        detail.abstract.text()
        == "Ten principles of experience-dependent plasticity relevant to rehabilitation."
    )
    assert detail.values["pmid"].text() == "18230848"
    assert detail.values["venue"].text() == "Journal of Speech, Language, and Hearing Research"
    assert not detail.values["doi"].isVisibleTo(detail)  # empty fields are hidden
    assert detail.values["screening"].text() == "Title/abstract: Undecided"
    assert not detail.values["key_result"].isVisibleTo(detail)
    # keyboard: Down moves to the next paper and its details
    pane.table.setFocus()
    qtbot.keyClick(pane.table, Qt.Key.Key_Down)
    assert detail.paper_id == model.id_at(row + 1)


def test_a_key_papers_key_result_is_shown(opened):
    pane, ids = opened
    pane.context.notify(
        update_paper(pane.review, ids[0], is_key=True, key_result="Amygdala volume fell.")
    )
    pane.select_ids([ids[0]])
    assert pane.detail.values["key_result"].text() == "Amygdala volume fell."
    assert pane.detail.values["key_result"].isVisibleTo(pane.detail)


def test_imported_markup_is_shown_literally(opened, qtbot):
    pane, ids = opened
    review = pane.review
    update_paper(
        review, ids[1], title="<b>x</b> & <i>y</i>", abstract="<script>alert(1)</script><br>z"
    )
    pane.context.notify(Changes(papers=True))
    pane.select_ids([ids[1]])
    assert (
        pane.model.index(pane.model.row_of(ids[1]), COLUMN["title"]).data() == "<b>x</b> & <i>y</i>"
    )
    title = pane.detail.title
    assert title.text() == "<b>x</b> & <i>y</i>"
    assert title.textFormat() == Qt.TextFormat.PlainText
    assert pane.detail.abstract.text() == "<script>alert(1)</script><br>z"
    for label in pane.detail.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
    # Rendered, the tags take room: a rich-text label of the same text would be narrower.
    rich = QLabel("<b>x</b> & <i>y</i>")
    rich.setTextFormat(Qt.TextFormat.RichText)
    plain = QLabel("<b>x</b> & <i>y</i>")
    plain.setTextFormat(Qt.TextFormat.PlainText)
    assert plain.sizeHint().width() > rich.sizeHint().width()


def test_changes_reload_the_list_and_keep_the_selection(opened):
    pane, ids = opened
    pane.select_ids([ids[1]])
    new = add_paper(pane.review, title="A new paper on plasticity", year=2024, authors=["New, A."])
    pane.context.notify(new)
    assert pane.model.rowCount() == 5
    assert pane.selected_ids() == [ids[1]]
    assert pane.model.index(pane.model.row_of(new.id), 0).data(IdRole) == new.id


def test_closing_the_review_empties_the_pane(opened):
    pane, _ids = opened
    pane.context.set_review(None)
    assert pane.model.rowCount() == 0
    assert pane.empty.title_label.text() == "No review open"
    assert pane.detail.currentWidget() is pane.detail.empty


def test_find_shortcut_focuses_the_search_box(opened, qtbot):
    pane, _ids = opened
    pane.table.setFocus()
    qtbot.keyClick(pane.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert pane.search.hasFocus()


def test_a_range_selection_survives_a_search_and_is_one_range(opened, qtbot):
    pane, ids = opened
    pane.select_ids(ids[:3])
    assert len(pane.table.selectionModel().selection()) == 1  # one range, not three rows
    search(qtbot, pane, "neuro")
    assert pane.selected_ids() == ids[:2]


def test_columns_and_sort_are_remembered(opened, qtbot):
    pane, _ids = opened
    header = pane.table.horizontalHeader()
    pane.table.sortByColumn(COLUMN["year"], Qt.SortOrder.DescendingOrder)
    header.resizeSection(COLUMN["venue"], 222)
    pane.save_state()

    again = LibraryWorkspace(AppContext())
    qtbot.addWidget(again)
    assert (again.model.sort_key, again.model.descending) == ("year", True)
    assert again.table.horizontalHeader().sectionSize(COLUMN["venue"]) == 222


def test_the_title_column_is_the_widest_at_1280x800(qtbot, sample_path):
    """Found at 1280x800: titles were cut to a few words while the other columns had room."""
    from curator.gui.mainwindow import MainWindow
    from curator.gui.paper_model import COLUMN

    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.open_path(sample_path)
    library = window.workspace(LibraryWorkspace)
    window.show_workspace(window.workspaces.index(library))
    library.catch_up()
    qtbot.wait(50)
    header = library.table.horizontalHeader()
    title = header.sectionSize(COLUMN["title"])
    others = [header.sectionSize(i) for i in range(header.count()) if i != COLUMN["title"]]
    assert title >= 280 and title > max(others)
    # and a year is shown whole ("20…" was seen at 1280x800)
    from PySide6.QtWidgets import QStyle

    table = library.table
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    padding = 6  # QTableView::item's padding on each side, resources/style.qss

    def fits(column: str, text: str) -> bool:
        room = header.sectionSize(COLUMN[column]) - 2 * (margin + padding)
        return table.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, room) == text

    assert fits("year", "2025")
    # and every stage and decision ("Title/abstr…", "Undeci…" were seen at 1280x800)
    from curator.core.review import STAGE_LABELS
    from curator.gui.paper_model import DECISION_LABELS

    assert all(fits("stage", label) for label in STAGE_LABELS.values())
    assert all(fits("decision", label) for label in DECISION_LABELS.values())


def test_a_long_doi_fits_the_detail_pane_and_copies_whole(qtbot):
    """Found at 1280x800: a DOI (one long word) widened the pane past its width."""
    from PySide6.QtGui import QGuiApplication

    from curator.gui.paper_detail import PaperDetail

    doi = "10.1080/10503307.2025.2451234.supplementary-material-0001"
    detail = PaperDetail()
    qtbot.addWidget(detail)
    detail.resize(296, 600)
    detail.show()
    qtbot.waitExposed(detail)
    detail.show_paper({"id": 1, "title": "Inter-brain plasticity as a mechanism of change",
                       "first_author": "Sened", "authors_text": "Sened, H.", "year": 2025,
                       "authors": [{"family": "Sened", "given": "H."}], "doi": doi})  # fmt: skip
    qtbot.wait(20)
    label = detail.values["doi"]
    assert not detail.scroll.horizontalScrollBar().isVisible()
    assert label.geometry().right() <= detail.scroll.viewport().width()
    assert label.text() == doi and label.toolTip() == doi  # elided on screen, whole here
    (copy,) = label.actions()
    copy.trigger()
    assert QGuiApplication.clipboard().text() == doi


def test_a_long_citation_keeps_its_year_when_elided(opened):
    """The Citation column is narrow at 1280x800: "Kleim & Jones, 2…" lost the year, which is
    what tells two papers of one author apart; it is elided in the middle now."""
    from PySide6.QtWidgets import QStyleOptionViewItem

    from curator.gui.paper_model import COLUMN

    pane, _ids = opened
    table, model = pane.table, pane.model
    index = model.index(0, COLUMN["citation"])
    full = model.data(index)
    table.horizontalHeader().resizeSection(
        COLUMN["citation"], table.fontMetrics().horizontalAdvance(full) * 3 // 4
    )
    option = QStyleOptionViewItem()
    table.initViewItemOption(option)  # as the view paints: its elide mode, then the delegate's
    option.rect = table.visualRect(index)
    table.itemDelegateForIndex(index).initStyleOption(option, index)
    shown = option.fontMetrics.elidedText(full, option.textElideMode, option.rect.width())
    assert shown != full and "…" in shown
    assert shown.endswith(full[-4:]), shown  # the year
