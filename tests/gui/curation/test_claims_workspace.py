"""The Claims workspace: a claim typed from the keyboard, validation, links, GRADE, undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from curator.core.curation import claims
from curator.gui.curation import ClaimsWorkspace, dialogs
from curator.gui.curation.claims_workspace import ScaleDialog
from tests.gui.curation.conftest import press, shot, show, type_into

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _workspace(qtbot, context):
    return show(qtbot, ClaimsWorkspace(context), (1150, 820))


def _existing(
    context, text="Psychotherapy changes the brain", strength="Strong", papers=None, **kw
):
    ids = context.paper_ids
    return claims.add_claim(context.review, text, strength, papers or [ids[0], ids[5]], **kw).id


def test_type_a_new_claim_and_save_with_ctrl_s(qtbot, context):
    ids = context.paper_ids
    ws = _workspace(qtbot, context)
    form = ws.form
    assert ws.empty.isVisible()
    press(ws.list, Qt.Key.Key_N, CTRL_SHIFT)
    assert form.text.hasFocus()
    qtbot.keyClicks(form.text, "Psychotherapy induces neuroplasticity")
    form.strength.setFocus()
    qtbot.keyClicks(form.strength, "Strong")
    type_into(qtbot, form.reasoning, "Robust imaging evidence")
    type_into(qtbot, form.picker, "Månsson et al., 2016", enter=True)
    type_into(qtbot, form.picker, "10.1002/wps.20860", enter=True)
    type_into(qtbot, form.picker, "Mansson 2016", enter=True)  # typed without the accent
    assert form.papers_error.text() == "(Månsson et al., 2016) is already linked"
    form.picker.clear()
    type_into(qtbot, form.picker, "Nobody et al., 1999", enter=True)
    assert "no paper among the review's included papers" in form.papers_error.text()
    form.picker.clear()
    assert [p for p, _ in form.links] == [ids[0], ids[5]]
    assert "Suggested: Strong" in form.suggestion.text()
    assert "1 meta-analysis or systematic review, 1 RCT" in form.suggestion.text()
    shot(ws, "claims_new_filled")
    press(form.text, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = claims.claims(context.review)
    assert len(saved) == 1
    assert saved[0]["text"] == "Psychotherapy induces neuroplasticity"
    assert saved[0]["strength"] == "Strong"
    assert saved[0]["reasoning"] == "Robust imaging evidence"
    assert saved[0]["papers"] == [ids[0], ids[5]]
    assert ws.list.count() == 1 and ws.list.item(0).text().startswith("1. [Strong] Psychotherapy")
    assert form.claim_id == saved[0]["id"] and not form.dirty
    context.undo_stack.undo()
    assert claims.claims(context.review) == []
    assert ws.list.count() == 0
    context.undo_stack.redo()
    assert claims.claims(context.review)[0]["id"] == saved[0]["id"]


def test_search_as_you_type_picker(qtbot, context):
    ws = _workspace(qtbot, context)
    form = ws.form
    form.picker.setFocus()
    qtbot.keyClicks(form.picker, "mansson")  # no accent typed: still found
    popup = form.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert form.completer.completionCount() == 1
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert [p for p, _ in form.links] == [context.paper_ids[0]]
    qtbot.waitUntil(lambda: form.picker.text() == "")
    form.picker.setFocus()
    qtbot.keyClicks(form.picker, "depression")
    qtbot.waitUntil(popup.isVisible)
    assert form.completer.completionCount() == 3
    shot(popup, "claims_picker_popup")


def test_empty_form_cannot_be_saved_and_says_why(qtbot, context):
    ws = _workspace(qtbot, context)
    ws.new_claim()
    press(ws.form.text, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert ws.form.text_error.text() == "a claim needs its text"
    assert ws.form.strength_error.text() == "choose an evidence strength from the scale"
    assert ws.form.papers_error.text() == "a claim needs at least one linked paper"
    assert all(
        label.isVisible()
        for label in (ws.form.text_error, ws.form.strength_error, ws.form.papers_error)
    )
    assert claims.claims(context.review) == []
    assert context.undo_stack.count() == 0
    shot(ws, "claims_validation")
    type_into(qtbot, ws.form.text, "Now it has text")
    ws.form.save()
    assert ws.form.text_error.isHidden()


def test_strength_outside_the_scale_cannot_be_saved(qtbot, context):
    claim = _existing(context)
    # A file whose scale changed under it (written directly, as an old file could be).
    context.review.db.execute("UPDATE claims SET strength = 'Convincing' WHERE id = ?", (claim,))
    ws = _workspace(qtbot, context)
    assert ws.form.strength.currentText() == "Convincing (not on the scale)"
    assert not ws.form.save()
    assert "not on this review's scale" in ws.form.strength_error.text()
    ws.form.strength.setFocus()
    qtbot.keyClicks(ws.form.strength, "Weak")
    assert ws.form.save()
    assert claims.get_claim(context.review, claim)["strength"] == "Weak"


def test_edit_then_undo_redo(qtbot, context):
    claim = _existing(context)
    ws = _workspace(qtbot, context)
    assert ws.form.claim_id == claim
    ws.form.text.selectAll()
    type_into(qtbot, ws.form.text, "Psychotherapy reorganises brain function")
    assert ws.form.dirty
    ws.form.save()
    assert (
        claims.get_claim(context.review, claim)["text"]
        == "Psychotherapy reorganises brain function"
    )
    context.undo_stack.undo()
    assert claims.get_claim(context.review, claim)["text"] == "Psychotherapy changes the brain"
    assert ws.form.text.toPlainText() == "Psychotherapy changes the brain"
    context.undo_stack.redo()
    assert ws.form.text.toPlainText() == "Psychotherapy reorganises brain function"
    assert context.review.audit_log("claims", claim)[-1]["action"] == "restore"


def test_links_reorder_remove_and_relation(qtbot, context):
    ids = context.paper_ids
    claim = _existing(context, papers=[ids[0], ids[5], ids[2]])
    ws = _workspace(qtbot, context)
    table = ws.form.table
    table.selectRow(0)
    press(table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [p for p, _ in ws.form.links] == [ids[5], ids[0], ids[2]]
    table.selectRow(2)
    press(table, Qt.Key.Key_Delete)
    relation = table.cellWidget(1, 1)
    relation.setFocus()
    qtbot.keyClicks(relation, "contradicts")
    assert "1 contradicting" in ws.form.suggestion.text()
    ws.form.save()
    saved = claims.get_claim(context.review, claim)
    assert saved["papers"] == [ids[5], ids[0]]
    assert saved["relations"] == [None, "contradicts"]
    context.undo_stack.undo()
    assert claims.get_claim(context.review, claim)["papers"] == [ids[0], ids[5], ids[2]]


def test_grade_domains(qtbot, context):
    claim = _existing(context)
    ws = _workspace(qtbot, context)
    form = ws.form
    form.grade_box.setChecked(True)
    combo, reason = form.grade_fields["risk_of_bias"]
    combo.setFocus()
    qtbot.keyClicks(combo, "Serious")
    type_into(qtbot, reason, "Small samples, no blinding")
    combo, _reason = form.grade_fields["large_effect"]
    combo.setFocus()
    qtbot.keyClicks(combo, "Large")
    form.save()
    assert claims.get_claim(context.review, claim)["grades"] == {
        "large_effect": {"judgement": "Large", "reason": None},
        "risk_of_bias": {"judgement": "Serious", "reason": "Small samples, no blinding"},
    }
    shot(ws, "claims_grade")
    context.undo_stack.undo()
    assert claims.get_claim(context.review, claim)["grades"] == {}
    assert not form.grade_box.isChecked()


def test_use_suggestion(qtbot, context):
    ids = context.paper_ids
    _existing(context, strength="Very weak", papers=[ids[0], ids[2], ids[5]])
    ws = _workspace(qtbot, context)
    assert ws.form.suggestion.text().startswith("Suggested: Strong: two or more RCTs")
    qtbot.mouseClick(ws.form.use_suggestion, Qt.MouseButton.LeftButton)
    assert ws.form.strength.currentText() == "Strong"


def test_reorder_and_delete_claims_with_undo(qtbot, context, monkeypatch):
    a = _existing(context, "A")
    b = _existing(context, "B")
    ws = _workspace(qtbot, context)
    ws.list.setCurrentRow(0)
    press(ws.list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert claims.claim_ids(context.review) == [b, a]
    assert ws.list.item(0).text().startswith("1. [Strong] B")
    context.undo_stack.undo()
    assert claims.claim_ids(context.review) == [a, b]
    monkeypatch.setattr(dialogs, "ask_confirm", lambda *a: True)
    ws.list.setCurrentRow(1)
    press(ws.list, Qt.Key.Key_Delete)
    assert claims.claim_ids(context.review) == [a]
    context.undo_stack.undo()
    assert claims.claim_ids(context.review) == [a, b]
    assert claims.get_claim(context.review, b)["papers"] == [
        context.paper_ids[0],
        context.paper_ids[5],
    ]


def test_unsaved_edits_are_not_lost_when_switching(qtbot, context, monkeypatch):
    a = _existing(context, "A")
    b = _existing(context, "B")
    ws = _workspace(qtbot, context)
    ws.form.text.moveCursor(QTextCursor.MoveOperation.End)
    type_into(qtbot, ws.form.text, " edited")
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *a: "cancel")
    ws.list.setCurrentRow(1)
    assert ws.form.claim_id == a and ws.form.dirty and ws.list.currentRow() == 0
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *a: "save")
    ws.list.setCurrentRow(1)
    assert ws.form.claim_id == b
    assert claims.get_claim(context.review, a)["text"] == "A edited"


def test_scale_dialog_grade_preset_regrades_and_undoes(qtbot, context):
    claim = _existing(context, strength="Weak")
    ws = _workspace(qtbot, context)
    dialog = ScaleDialog(context, ws)
    qtbot.addWidget(dialog)
    grade = next(
        b for b in dialog.findChildren(type(ws.new_button)) if b.text().startswith("GRADE")
    )
    qtbot.mouseClick(grade, Qt.MouseButton.LeftButton)
    assert dialog.apply()
    assert claims.strength_scale(context.review) == ["High", "Moderate", "Low", "Very low"]
    assert claims.get_claim(context.review, claim)["strength"] == "Low"
    assert [ws.form.strength.itemText(i) for i in range(4)] == [
        "High",
        "Moderate",
        "Low",
        "Very low",
    ]
    context.undo_stack.undo()
    assert claims.strength_scale(context.review) == ["Strong", "Moderate", "Weak", "Very weak"]
    assert claims.get_claim(context.review, claim)["strength"] == "Weak"


def test_scale_dialog_refuses_dropping_a_used_level(qtbot, context):
    _existing(context, strength="Very weak")
    dialog = ScaleDialog(context)
    qtbot.addWidget(dialog)
    dialog.editor.setPlainText("Strong\nModerate\nWeak")
    assert not dialog.apply()
    assert "1 claim(s) are graded 'Very weak'" in dialog.error.text()
    assert claims.strength_scale(context.review) == ["Strong", "Moderate", "Weak", "Very weak"]
    shot(dialog, "scale_refused")


def test_suggestion_follows_methodology_tags(qtbot, context):
    from curator.core.curation import facets
    from curator.gui.curation import edits

    ids = context.paper_ids
    _existing(context, papers=[ids[3], ids[4]])  # a narrative review and an untagged paper
    ws = _workspace(qtbot, context)
    assert ws.form.suggestion.text().startswith("Suggested: Weak")
    rct = facets.term_id(context.review, facets.facet_id(context.review, "Methodology"), "RCT")
    edits.tag(context, [ids[3], ids[4]], rct)
    assert ws.form.suggestion.text().startswith("Suggested: Strong")


def test_shortcuts_do_not_clash_with_the_window(qtbot, context):
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QMainWindow

    window = QMainWindow()
    new_review = QAction("New review", window)
    new_review.setShortcut(QKeySequence.StandardKey.New)
    window.addAction(new_review)
    hits = []
    new_review.triggered.connect(lambda: hits.append("new review"))
    ws = ClaimsWorkspace(context)
    window.setCentralWidget(ws)
    show(qtbot, window)
    _existing(context)
    ws.list.setCurrentRow(0)
    press(ws.list, Qt.Key.Key_N, CTRL_SHIFT)
    assert ws.form.claim_id is None and ws.form.text.hasFocus()
    press(ws.list, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert hits == ["new review"]


def test_tab_reaches_each_relation_right_after_the_linked_papers(qtbot, context):
    """The relation boxes are made when links are shown: Tab must reach them from the table,
    before the link buttons and the form's Save, not after Save."""
    from tests.gui.curation.test_curation_workspace import tab_order

    ids = context.paper_ids
    claim = _existing(context, papers=[ids[0], ids[5]])
    ws = _workspace(qtbot, context)
    ws.select_claim(claim)
    form = ws.form
    form.links_editor.add_link(ids[2])  # a link made after the form was built
    table = form.table
    relations = [table.cellWidget(row, 1) for row in range(table.rowCount())]
    order = tab_order(table)
    assert order[: len(relations)] == relations
    assert order.index(form.links_editor.up) == len(relations)
    assert order.index(form.save_button) > len(relations)
    assert "unmarked (—)" in relations[0].toolTip()  # what the dash means
