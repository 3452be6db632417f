"""Search kinds in the window: set in the Searches workspace (undoable), and the PRISMA
diagram listing registers and drawing the other-methods column when a search is one."""

from __future__ import annotations

import pytest

from curator.core.changes import Changes
from curator.core.flow.prisma import flow
from curator.core.importers import import_file
from curator.core.review import Review
from curator.gui.context import AppContext
from curator.gui.flow.diagram import WIDTH, FlowScene
from curator.gui.searches_view import SearchesWorkspace
from tests.gui.test_flow_diagram import flow_frame


@pytest.fixture
def context(qtbot, review_path):
    ctx = AppContext()
    ctx.set_review(Review.open(review_path, who="tester"))
    yield ctx
    ctx.set_review(None)


def test_the_searches_view_sets_a_search_kind_with_undo(qtbot, context, tmp_path):
    path = tmp_path / "a.ris"
    path.write_text("TY  - JOUR\nTI  - One\nER  - \n", encoding="utf-8")
    import_file(context.review, path, "Snowballing")
    view = SearchesWorkspace(context)
    qtbot.addWidget(view)
    context.notify(Changes(searches=True))
    assert not view.kind.isEnabled()
    view.tree.setCurrentIndex(view.model.index(0, 0))
    assert view.kind.isEnabled() and view.kind.currentData() == "database"
    view.kind.setCurrentIndex(view.kind.findData("citation"))
    view.kind.activated.emit(view.kind.currentIndex())
    kind = lambda: context.review.db.execute("SELECT kind FROM searches").fetchone()[0]  # noqa: E731
    assert kind() == "citation"
    assert view.model.item(0, view.model.columnCount() - 1).text() == "Citation searching"
    assert flow(context.review).other_results == {"citation": 1}
    context.undo_stack.undo()
    assert kind() == "database"
    assert view.model.item(0, view.model.columnCount() - 1).text() == "Database"


def test_the_diagram_lists_registers_and_draws_other_methods(qapp):
    plain = FlowScene(flow_frame())
    assert "other_results" not in plain.boxes and plain.sceneRect().width() == WIDTH
    scene = FlowScene(
        flow_frame(
            register_results=12,
            register_specific=[("ClinicalTrials.gov", 12)],
            database_results=1015,
            database_specific=[("Semantic Scholar", 600), ("PubMed", 415)],
            other_results={"website": 4, "citation": 9},
            other_sought=13,
            other_not_retrieved=1,
            other_assessed=12,
            other_excluded_reasons=[("Wrong population", 10)],
            other_included=2,
            included=52,
        )
    )
    text = scene.boxes["database_results"].text.replace("\u00a0", " ")
    assert "Registers (n = 12)" in text and "ClinicalTrials.gov (n = 12)" in text
    other = scene.boxes["other_results"].text.replace("\u00a0", " ")
    assert "Websites (n = 4)" in other and "Citation searching (n = 9)" in other
    assert "(n = 13)" in scene.boxes["other_sought_reports"].text.replace("\u00a0", " ")
    assert "Wrong population" in scene.boxes["other_excluded"].text
    assert scene.boxes["other_title"].text == "Identification of studies via other methods"
    assert scene.sceneRect().width() > WIDTH
    assert scene.problems == {}
    assert (
        scene.boxes["other_assessed"].scene_rect().top()
        == scene.boxes["dbr_assessed"].scene_rect().top()
    )
