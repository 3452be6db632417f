"""The claim form's GRADE group: starting level and certainty updating as the curator types."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from curator.core.curation import claims
from curator.gui.curation import ClaimsWorkspace
from tests.gui.curation.conftest import press, shot, show, type_into

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def _workspace(qtbot, context, papers):
    claim = claims.add_claim(context.review, "CBT changes the brain", "Strong", papers).id
    return show(qtbot, ClaimsWorkspace(context), (1280, 800)), claim


def _choose(qtbot, combo, text):
    """Pick an item by typing its first letters (a space would open the popup)."""
    qtbot.wait(QApplication.keyboardInputInterval() + 50)  # a new search, not a continued one
    combo.setFocus()
    qtbot.keyClicks(combo, text)


def test_certainty_follows_each_edit_and_saves_as_one_undo_step(qtbot, context):
    ids = context.paper_ids
    ws, claim = _workspace(qtbot, context, [ids[0], ids[5]])  # an RCT and a meta-analysis
    form, panel = ws.form, ws.form.grade_box
    assert not panel.isChecked() and not form.certainty_hint.isVisible()
    press(form.text, Qt.Key.Key_G, ALT)  # Alt+G opens the GRADE group
    assert panel.isChecked() and panel.body.isVisible()
    assert panel.start.currentText() == "From the designs (High)"
    assert panel.start_why.text() == (
        "The linked papers' designs: randomised: 1 RCT, 1 meta-analysis or systematic review"
    )
    assert panel.certainty.text() == "High"
    combo, reason = form.grade_fields["inconsistency"]
    _choose(qtbot, combo, "Serious")
    assert panel.certainty.text() == "Moderate"  # before anything is saved
    assert form.certainty_hint.text() == (
        "GRADE certainty: Moderate; the strength chosen is Strong"
    )
    assert "Inconsistency is rated Serious without a reason" in panel.explanation.text()
    type_into(qtbot, reason, "Effects differ in direction")
    assert "without a reason" not in panel.explanation.text()
    _choose(qtbot, form.grade_fields["imprecision"][0], "Very")
    assert panel.certainty.text() == "Very low"
    assert panel.explanation.text().startswith("Starts high, rated down 3 levels; Very weak")
    _choose(qtbot, form.grade_fields["imprecision"][0], "Not")
    assert panel.certainty.text() == "Moderate"
    form.strength.setFocus()
    qtbot.keyClicks(form.strength, "Moderate")
    assert form.certainty_hint.text() == "GRADE certainty: Moderate"
    shot(ws, "claim_grade_form")
    press(form.text, Qt.Key.Key_S, CTRL)
    saved = claims.get_claim(context.review, claim)
    assert saved["strength"] == "Moderate"
    assert saved["grades"]["inconsistency"] == {
        "judgement": "Serious",
        "reason": "Effects differ in direction",
    }
    assert saved["grades"]["imprecision"]["judgement"] == "Not serious"
    context.undo_stack.undo()  # the whole save, grades and strength, in one step
    restored = claims.get_claim(context.review, claim)
    assert restored["grades"] == {} and restored["strength"] == "Strong"
    assert not panel.isChecked()
    context.undo_stack.redo()
    assert panel.isChecked() and panel.certainty.text() == "Moderate"


def test_overriding_the_start_needs_a_reason(qtbot, context):
    ids = context.paper_ids
    ws, claim = _workspace(qtbot, context, [ids[0]])
    form, panel = ws.form, ws.form.grade_box
    panel.setChecked(True)
    _choose(qtbot, panel.start, "Low")
    assert panel.certainty.text() == "Low"
    press(form.text, Qt.Key.Key_S, CTRL)
    assert panel.start_error.isVisible()
    assert panel.start_error.text() == (
        "say why the evidence starts low rather than from the papers' designs"
    )
    assert claims.get_claim(context.review, claim)["grade_start"] is None
    assert context.undo_stack.count() == 0
    type_into(qtbot, panel.start_reason, "Surrogate imaging outcome")
    _choose(qtbot, form.grade_fields["large_effect"][0], "Large")
    assert panel.certainty.text() == "Moderate"
    assert "set by the curator" not in panel.start_why.text()  # the designs' level stays shown
    assert form.save()
    saved = claims.get_claim(context.review, claim)
    assert (saved["grade_start"], saved["grade_start_reason"]) == (
        "low",
        "Surrogate imaging outcome",
    )
    context.undo_stack.undo()
    assert claims.get_claim(context.review, claim)["grade_start"] is None
    assert panel.start.currentData() == "auto" and not panel.isChecked()


def test_linking_papers_changes_the_starting_level(qtbot, context):
    ids = context.paper_ids
    ws, _claim = _workspace(qtbot, context, [ids[1]])  # a longitudinal study
    form, panel = ws.form, ws.form.grade_box
    panel.setChecked(True)
    assert panel.certainty.text() == "Low"
    assert panel.start.currentText() == "From the designs (Low)"
    type_into(qtbot, form.picker, "Månsson et al., 2016", enter=True)  # an RCT
    assert panel.start.currentText() == "From the designs (High)"
    assert panel.certainty.text() == "High"
    # a saved claim shows its profile when it is opened again
    _choose(qtbot, form.grade_fields["risk_of_bias"][0], "Serious")
    type_into(qtbot, form.grade_fields["risk_of_bias"][1], "Open-label")
    assert form.save()
    form.load(form.claim_id)
    assert panel.isChecked() and panel.certainty.text() == "Moderate"
    assert form.grade_fields["risk_of_bias"][1].text() == "Open-label"


def test_the_starting_level_shows_whole_once_the_designs_name_it(qtbot, context):
    """A new claim's level reads 'From the designs' until papers are linked, then 'From the
    designs (High)': the box widens to show it whole."""
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    ids = context.paper_ids
    ws, _claim = _workspace(qtbot, context, [ids[0]])
    ws.new_claim()
    panel = ws.form.grade_box
    press(ws.form.text, Qt.Key.Key_G, ALT)
    assert panel.start.currentText() == "From the designs"
    ws.form.links_editor.add_link(ids[0])
    ws.form.links_editor.add_link(ids[5])
    combo = panel.start
    assert combo.currentText() == "From the designs (High)"
    QApplication.processEvents()
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    assert combo.fontMetrics().horizontalAdvance(combo.currentText()) <= field.width()
