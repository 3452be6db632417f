"""The demo review edited from the keyboard: the tables follow each edit and each undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from curator.core.curation import facets
from curator.core.demo import build_demo
from curator.core.report import tables
from curator.gui.context import AppContext
from curator.gui.curation import ClaimsWorkspace, CurationWorkspace, dialogs
from tests.gui.curation.conftest import press, show, type_into


@pytest.fixture
def demo(tmp_path, qapp):
    qapp.setStyle("Fusion")
    ctx = AppContext()
    ctx.set_review(build_demo(tmp_path / "demo.curator", who="tester"))
    yield ctx
    ctx.set_review(None)


def _find(qtbot, ws, words):
    ws.search.setFocus()
    ws.search.clear()
    qtbot.keyClicks(ws.search, words)
    assert len(ws.model.ids) == 1, ws.model.ids
    ws.select_papers(ws.model.ids)
    return ws.model.ids[0]


def test_key_result_and_tags_reach_the_tables(qtbot, demo):
    ws = show(qtbot, CurationWorkspace(demo))
    _find(qtbot, ws, "Functional neuroimaging studies of the effects")
    before = tables.key_papers(demo.review)
    row = before[before["Paper"] == "(Beauregard, 2014)"].index[0]
    ws.pane.key_result.selectAll()
    type_into(qtbot, ws.pane.key_result, "Psychotherapy normalises brain activity", enter=True)
    assert (
        tables.key_papers(demo.review).loc[row, "Key Results"]
        == "Psychotherapy normalises brain activity"
    )
    press(ws.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)  # unflag: leaves the table
    assert "(Beauregard, 2014)" not in list(tables.key_papers(demo.review)["Paper"])
    demo.undo_stack.undo()
    demo.undo_stack.undo()
    assert tables.key_papers(demo.review).equals(before)


def test_merging_topics_updates_the_gap_matrix(qtbot, demo, monkeypatch):
    review = demo.review
    before = tables.research_gaps_matrix(review)
    ws = show(qtbot, CurationWorkspace(demo))
    ws.tabs.setCurrentIndex(1)
    topic = facets.facet_id(review, "Topic")
    ws.vocabulary.select_facet(topic)
    drop = facets.term_id(review, topic, "Social/Interpersonal Mechanisms")
    ws.vocabulary.select_term(drop)
    monkeypatch.setattr(
        dialogs,
        "ask_choice",
        lambda _p, _t, _l, items: next(
            i for i, item in enumerate(items) if item.startswith("Depression/Anxiety")
        ),
    )
    ws.vocabulary.term_buttons["merge"].click()
    after = tables.research_gaps_matrix(review)
    assert list(after["Topic"]) == [
        t for t in before["Topic"] if t != "Social/Interpersonal Mechanisms"
    ]
    social_col = "Social/Interpersonal"
    depression = lambda m: m[m["Topic"] == "Depression/Anxiety"][social_col].iloc[0]  # noqa: E731
    assert depression(after) != depression(before)
    demo.undo_stack.undo()
    assert tables.research_gaps_matrix(review).equals(before)


def test_claim_strength_edit_reaches_the_claims_table(qtbot, demo):
    ws = show(qtbot, ClaimsWorkspace(demo))
    before = tables.claims_evidence(demo.review)
    ws.list.setCurrentRow(2)
    ws.form.strength.setFocus()
    qtbot.keyClicks(ws.form.strength, "Weak")
    press(ws.form.text, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    after = tables.claims_evidence(demo.review)
    assert after.loc[2, "Evidence Strength"] == "Weak"
    assert after.loc[2, "Papers"] == before.loc[2, "Papers"]
    demo.undo_stack.undo()
    assert tables.claims_evidence(demo.review).equals(before)


def test_open_question_edit_reaches_its_table(qtbot, demo):
    ws = show(qtbot, ClaimsWorkspace(demo))
    ws.tabs.setCurrentIndex(1)
    editor = ws.questions
    before = tables.open_questions(demo.review)
    editor.list.setCurrentRow(0)
    editor.why.selectAll()
    type_into(qtbot, editor.why, "To target treatment.")
    press(editor.why, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert tables.open_questions(demo.review).loc[0, "Why"] == "To target treatment."
    demo.undo_stack.undo()
    assert tables.open_questions(demo.review).equals(before)
