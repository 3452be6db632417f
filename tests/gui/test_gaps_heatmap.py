"""The research gaps matrix in the window: its heat shading shows through the style sheet,
every count is legible on its fill, and the largest cell shows without being selected."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QColor

from curator.core.demo import build_demo
from curator.core.review import Review
from curator.gui import palette
from curator.gui.context import AppContext
from curator.gui.tables.heatmap import contrast, count_of, fill_for, ink_for, is_gap, max_count
from curator.gui.tables.workspace import TablesWorkspace


def _distance(a: QColor, b: QColor) -> int:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())


def _cells(page):
    frame = page.frame
    for r in range(len(frame)):
        for c in range(1, frame.shape[1]):
            yield r, c, frame.iat[r, c]


def _page(qtbot, tmp_path):
    review = build_demo(tmp_path / "demo.curator", who="tester")
    if not isinstance(review, Review):
        review = Review.open(tmp_path / "demo.curator", who="tester")
    context = AppContext()
    workspace = TablesWorkspace(context)
    qtbot.addWidget(workspace)
    workspace.resize(1280, 760)
    context.set_review(review)
    workspace.show()
    qtbot.waitExposed(workspace)
    page = workspace.pages["research_gaps_matrix"]
    workspace.show_table("research_gaps_matrix")
    return context, workspace, page


def test_the_matrix_shows_its_shading_and_every_count_legibly(qtbot, tmp_path):
    context, workspace, page = _page(qtbot, tmp_path)
    try:
        page.show()
        page.resize(1200, 700)
        page.view.clearSelection()
        largest = max_count(page.frame)
        assert largest >= 2 and page.model.rowCount() > 0
        image = page.view.viewport().grab().toImage()
        seen_largest = False
        for r, c, value in _cells(page):
            rect = page.view.visualRect(page.model.index(r, c))
            if rect.isEmpty() or not image.rect().contains(rect):
                continue
            fill, ink = fill_for(value, largest), ink_for(value, largest)
            assert contrast(fill, ink) >= 4.5, (value, fill.name(), ink.name())
            corner = image.pixelColor(rect.left() + 5, rect.top() + 5)
            assert _distance(corner, fill) <= 6, (r, c, value, corner.name(), fill.name())
            inked = sum(
                _distance(image.pixelColor(x, y), ink) < 60
                for x in range(rect.left() + 1, rect.right())
                for y in range(rect.top() + 1, rect.bottom())
            )
            assert inked >= 8, (r, c, value)  # the count (or GAP) is drawn in its ink
            if not is_gap(value) and count_of(value) == largest:
                seen_largest = True
                assert _distance(corner, palette.HEAT_HIGH) <= 6
                assert ink == palette.WHITE
        assert seen_largest
        # A selected cell keeps its shade (an outline marks it), so a count never vanishes.
        r, c, value = next(cell for cell in _cells(page) if count_of(cell[2]) == largest)
        index = page.model.index(r, c)
        page.view.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        image = page.view.viewport().grab().toImage()
        rect = page.view.visualRect(index)
        centre_row = [
            image.pixelColor(x, rect.center().y()) for x in range(rect.left() + 6, rect.right() - 6)
        ]
        assert any(_distance(p, palette.HEAT_HIGH) <= 6 for p in centre_row)
        assert image.pixelColor(rect.left() + 1, rect.top() + 1) == palette.HEAT_SELECTED
    finally:
        review = context.review
        context.review = None
        review.close()
