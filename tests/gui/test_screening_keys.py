"""The screening keys dialog: Escape closes it without rebinding; a key another action holds
(an exclusion-reason digit, say) is refused with a warning that names that action."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from curator.gui.screening.keys import KeyPreferencesDialog, load_keys


def _dialog(qtbot) -> KeyPreferencesDialog:
    dialog = KeyPreferencesDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    return dialog


def _press(qtbot, dialog, name: str, key) -> None:
    edit = dialog.edits[name]
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    target = dialog.focusWidget()  # the editor's inner line edit has the focus
    qtbot.keyClick(target, key)


def test_escape_closes_the_dialog_without_rebinding(qtbot):
    before = load_keys()
    dialog = _dialog(qtbot)
    _press(qtbot, dialog, "include", Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.edits["include"].keySequence().toString() == "I"
    assert load_keys() == before


def test_a_key_held_by_an_exclusion_reason_is_refused_with_a_warning(qtbot):
    dialog = _dialog(qtbot)
    _press(qtbot, dialog, "include", Qt.Key.Key_4)
    assert dialog.edits["include"].keySequence().toString() == "I"  # kept
    warning = dialog.problem.text()
    assert dialog.problem.isVisible()
    assert "4 is already the key of Exclusion reason 4" in warning and "Include keeps I" in warning
    _press(qtbot, dialog, "maybe", Qt.Key.Key_E)  # Exclude's key
    assert dialog.edits["maybe"].keySequence().toString() == "M"
    assert "Exclude" in dialog.problem.text()
    _press(qtbot, dialog, "include", Qt.Key.Key_Y)  # a free key is taken, the warning goes
    assert dialog.edits["include"].keySequence().toString() == "Y"
    assert dialog.problem.text() == ""
    dialog.accept()
    assert load_keys()["include"] == "Y" and load_keys()["reason_4"] == "4"
