"""Counts entered by hand in the window: the Flow box's "Enter count…" (undoable), the mark
on the diagram, and the Searches list on the demo (issue 17)."""

from __future__ import annotations

import pytest

from curator.core.demo import build_demo
from curator.core.flow.entered import entered_counts
from curator.core.papers import add_paper
from curator.gui.context import AppContext
from curator.gui.flow.workspace import FlowWorkspace
from curator.gui.searches_view import NOT_IMPORTED, SearchesWorkspace


def plain(text: str) -> str:
    return text.replace("\u00a0", " ")


@pytest.fixture
def context(review):
    add_paper(review, title="Only paper", authors=["A, B."], year=2021)
    found = AppContext()
    found.set_review(review)
    yield found
    found.set_review(None)


def test_enter_a_count_on_a_box_and_undo_it(qtbot, context, review):
    ws = FlowWorkspace(context)
    qtbot.addWidget(ws)
    asked = []
    ws.ask_count = lambda parent, label, value: asked.append((label, value)) or 250
    assert [a.text() for a in ws.box_actions("database_results")] == ["Enter count…"]
    assert ws.box_actions("new_studies") == []  # included studies are always counted
    ws.box_actions("database_results")[0].trigger()
    assert asked == [("Records identified from databases", 0)]
    assert entered_counts(review) == {"database_results": 250}
    text = plain(ws.scene.boxes["database_results"].text)
    assert "Databases (n = 250, entered by hand)" in text
    assert plain(ws.scene.boxes["records_screened"].text) == "Records screened\n(n = 0)"
    assert [a.text() for a in ws.box_actions("database_results")] == [
        "Enter count…",
        "Count from the data",
    ]
    context.undo_stack.undo()
    assert entered_counts(review) == {}
    assert "(n = 0)" in plain(ws.scene.boxes["database_results"].text)
    context.undo_stack.redo()
    assert entered_counts(review) == {"database_results": 250}
    ws.box_actions("database_results")[1].trigger()
    assert entered_counts(review) == {}


def test_cancelled_entry_changes_nothing(qtbot, context, review):
    ws = FlowWorkspace(context)
    qtbot.addWidget(ws)
    ws.ask_count = lambda parent, label, value: None
    ws.enter_count("records_screened")
    assert entered_counts(review) == {} and context.undo_stack.count() == 0


def test_demo_flow_and_searches_agree_without_red(qtbot, tmp_path):
    demo = build_demo(tmp_path / "demo.curator", who="tester")
    context = AppContext()
    context.set_review(demo)
    flow_ws = FlowWorkspace(context)
    searches = SearchesWorkspace(context)
    qtbot.addWidget(flow_ws)
    qtbot.addWidget(searches)
    assert flow_ws.scene.reconciliation.boxes == {}
    assert all(box.problem is None for box in flow_ws.scene.boxes.values())
    assert "(n = 1027, entered by hand)" in plain(flow_ws.scene.boxes["database_results"].text)
    assert "(n = 34)" in plain(flow_ws.scene.boxes["new_studies"].text)
    model = searches.model
    assert model.rowCount() == 8
    assert {model.item(row, 4).text() for row in range(8)} == {NOT_IMPORTED}
    assert searches.summary.text() == (
        "8 searches, 0 files, 1027 records identified (entered by hand; no records imported)."
    )
    context.set_review(None)
    demo.close()


def test_counts_are_entered_from_the_toolbar_without_a_mouse(qtbot, context, review):
    """Right-clicking a box was the only way to enter its count: the toolbar's 'Enter a count'
    menu lists every box that takes one, and an entered box offers to count it again."""
    ws = FlowWorkspace(context)
    qtbot.addWidget(ws)
    ws.ask_count = lambda parent, label, value: 250
    assert ws.counts_button.isEnabled()
    ws.counts_menu.aboutToShow.emit()
    entries = ws.counts_menu.actions()
    assert [a.text() for a in entries][0] == "Records identified from databases…"
    assert len(entries) == 9
    entries[0].trigger()
    assert entered_counts(review) == {"database_results": 250}
    ws.counts_menu.aboutToShow.emit()
    first = ws.counts_menu.actions()[0]
    assert first.text() == "Records identified from databases (entered)"
    assert [a.text() for a in first.menu().actions()] == ["Enter count…", "Count from the data"]
    first.menu().actions()[1].trigger()
    assert entered_counts(review) == {}
