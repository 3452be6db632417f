"""The vocabulary editor, driven by key presses: add, rename, define, nest, merge, delete, reorder."""

from __future__ import annotations

from PySide6.QtCore import Qt

from curator.core.curation import facets
from curator.gui.curation import dialogs
from curator.gui.curation.vocabulary import VocabularyEditor
from tests.gui.curation.conftest import press, shot, show, type_into


def _editor(qtbot, context, facet="Methodology"):
    editor = show(qtbot, VocabularyEditor(context), (900, 560))
    editor.select_facet(facets.facet_id(context.review, facet))
    return editor


def _names(context, facet="Methodology"):
    return [t["name"] for t in facets.terms(context.review, facets.facet_id(context.review, facet))]


def test_add_term_with_enter_then_undo_redo(qtbot, context):
    editor = _editor(qtbot, context, "Topic")
    type_into(qtbot, editor.new_term, "Depression/Anxiety", enter=True)
    assert _names(context, "Topic") == ["Depression/Anxiety"]
    term = facets.term_id(
        context.review, facets.facet_id(context.review, "Topic"), "Depression/Anxiety"
    )
    assert editor.current_term() == term
    assert editor.new_term.text() == ""
    context.undo_stack.undo()
    assert _names(context, "Topic") == []
    context.undo_stack.redo()
    assert facets.get_term(context.review, term)["name"] == "Depression/Anxiety"
    assert context.review.audit_log("terms")[0]["action"] == "insert"


def test_duplicate_term_shows_the_reason_and_adds_no_undo_step(qtbot, context):
    editor = _editor(qtbot, context)
    count = context.undo_stack.count()
    type_into(qtbot, editor.new_term, "rct", enter=True)
    assert "already has a term 'rct'" in editor.term_error.text()
    assert editor.term_error.isVisible()
    assert context.undo_stack.count() == count


def test_rename_define_nest_and_shortcut(qtbot, context):
    editor = _editor(qtbot, context)
    method = facets.facet_id(context.review, "Methodology")
    rct = facets.term_id(context.review, method, "RCT")
    editor.select_term(rct)
    editor.term_name.selectAll()
    type_into(qtbot, editor.term_name, "Randomised controlled trial")
    type_into(qtbot, editor.term_definition, "Participants randomly allocated")
    editor.term_parent.setFocus()
    qtbot.keyClicks(editor.term_parent, "Longitudinal")
    type_into(qtbot, editor.term_shortcut, "Alt+R", enter=True)
    row = facets.get_term(context.review, rct)
    assert row["name"] == "Randomised controlled trial"
    assert row["definition"] == "Participants randomly allocated"
    assert row["parent_id"] == facets.term_id(context.review, method, "Longitudinal")
    assert row["shortcut"] == "Alt+R"
    shot(editor, "vocabulary_nested")
    context.undo_stack.undo()
    assert facets.get_term(context.review, rct)["name"] == "RCT"


def test_bad_shortcut_is_refused(qtbot, context):
    editor = _editor(qtbot, context)
    editor.select_term(
        facets.term_id(context.review, facets.facet_id(context.review, "Methodology"), "RCT")
    )
    type_into(qtbot, editor.term_shortcut, "Alt+Nothing", enter=True)
    assert "not a key combination" in editor.term_error.text()


def test_merge_moves_paper_tags_and_undo_restores(qtbot, context, monkeypatch):
    ids = context.paper_ids
    editor = _editor(qtbot, context)
    method = facets.facet_id(context.review, "Methodology")
    review_term = facets.term_id(context.review, method, "Review")
    sr = facets.term_id(context.review, method, "Systematic review")
    before = facets.snapshot_facets(context.review, [method])
    editor.select_term(review_term)
    offered = []

    def choose(_parent, _title, _label, items):
        offered.extend(items)
        return next(i for i, item in enumerate(items) if item.startswith("Systematic review"))

    monkeypatch.setattr(dialogs, "ask_choice", choose)
    editor.term_buttons["merge"].click()
    assert "Systematic review (1 papers)" in offered
    assert facets.tagged_with(context.review, ids, sr) == {ids[2], ids[3]}
    assert "Review" not in _names(context)
    context.undo_stack.undo()
    assert facets.snapshot_facets(context.review, [method]) == before
    context.undo_stack.redo()
    assert facets.tagged_with(context.review, ids, sr) == {ids[2], ids[3]}


def test_delete_warns_with_the_count(qtbot, context, monkeypatch):
    editor = _editor(qtbot, context)
    method = facets.facet_id(context.review, "Methodology")
    imaging = facets.term_id(context.review, method, "Neuroimaging")
    editor.select_term(imaging)
    asked = []
    monkeypatch.setattr(dialogs, "ask_confirm", lambda _p, _t, text, *a: asked.append(text) or True)
    press(editor.tree, Qt.Key.Key_Delete)
    assert asked and "2 paper(s) are tagged with it" in asked[0]
    assert "Neuroimaging" not in _names(context)
    context.undo_stack.undo()
    assert facets.term_usage(context.review, imaging) == 2


def test_cancelled_delete_changes_nothing(qtbot, context, monkeypatch):
    editor = _editor(qtbot, context)
    monkeypatch.setattr(dialogs, "ask_confirm", lambda *a: False)
    editor.term_buttons["delete"].click()
    assert len(_names(context)) == 6
    assert context.undo_stack.count() == 0


def test_reorder_terms_with_alt_arrows(qtbot, context):
    editor = _editor(qtbot, context)
    names = _names(context)
    editor.select_term(
        facets.term_id(context.review, facets.facet_id(context.review, "Methodology"), "RCT")
    )
    press(editor.tree, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert _names(context) == [names[1], names[0], *names[2:]]
    context.undo_stack.undo()
    assert _names(context) == names


def test_facets_add_rename_describe_reorder_delete(qtbot, context, monkeypatch):
    editor = _editor(qtbot, context)
    type_into(qtbot, editor.new_facet, "Outcome", enter=True)
    assert facets.facets(context.review)[-1]["name"] == "Outcome"
    monkeypatch.setattr(dialogs, "ask_text", lambda *a: "Outcomes")
    editor.facet_buttons["rename"].click()
    type_into(qtbot, editor.facet_description, "What was measured", enter=True)
    row = facets.facets(context.review)[-1]
    assert (row["name"], row["description"]) == ("Outcomes", "What was measured")
    editor.facet_buttons["up"].click()
    assert [f["name"] for f in facets.facets(context.review)][-2] == "Outcomes"
    monkeypatch.setattr(dialogs, "ask_confirm", lambda *a: True)
    editor.select_facet(facets.facet_id(context.review, "Methodology"))
    editor.facet_buttons["delete"].click()
    assert "Methodology" not in [f["name"] for f in facets.facets(context.review)]
    assert facets.paper_terms(context.review, context.paper_ids[0]) == []
    context.undo_stack.undo()
    assert [t["name"] for t in facets.paper_terms(context.review, context.paper_ids[0])] == [
        "RCT",
        "Neuroimaging",
    ]
    shot(editor, "vocabulary")
