"""Open research questions and research-gap notes: typed, ordered, deleted, undone."""

from __future__ import annotations

from PySide6.QtCore import Qt

from curator.core.curation import questions
from curator.gui.curation import ClaimsWorkspace, dialogs
from curator.gui.curation.questions import QuestionsEditor
from tests.gui.curation.conftest import press, shot, show, type_into

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _texts(context):
    return [q["question"] for q in questions.questions(context.review)]


def test_add_questions_from_the_keyboard(qtbot, context):
    editor = show(qtbot, QuestionsEditor(context), (900, 600))
    type_into(qtbot, editor.question, "What mediates long-term change?")
    type_into(qtbot, editor.why, "Targets for better treatments")
    press(editor.question, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    press(editor.list, Qt.Key.Key_N, CTRL_SHIFT)
    assert editor.question.hasFocus() and editor.question.text() == ""
    type_into(qtbot, editor.question, "Who responds to therapy?", enter=True)
    rows = questions.questions(context.review)
    assert [(q["question"], q["why"]) for q in rows] == [
        ("What mediates long-term change?", "Targets for better treatments"),
        ("Who responds to therapy?", None),
    ]
    assert editor.list.count() == 2
    shot(editor, "questions")
    context.undo_stack.undo()
    assert _texts(context) == ["What mediates long-term change?"]


def test_empty_question_says_why(qtbot, context):
    editor = show(qtbot, QuestionsEditor(context), (900, 600))
    type_into(qtbot, editor.question, "   ", enter=True)
    assert editor.error.text() == "an open question needs its text"
    assert questions.questions(context.review) == []


def test_edit_reorder_delete_with_undo(qtbot, context, monkeypatch):
    a = questions.add_question(context.review, "A?", "because").id
    questions.add_question(context.review, "B?")
    editor = show(qtbot, QuestionsEditor(context), (900, 600))
    editor.list.setCurrentRow(0)
    editor.question.selectAll()
    type_into(qtbot, editor.question, "A, rephrased?", enter=True)
    assert _texts(context) == ["A, rephrased?", "B?"]
    editor.list.setCurrentRow(0)
    press(editor.list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert _texts(context) == ["B?", "A, rephrased?"]
    monkeypatch.setattr(dialogs, "ask_confirm", lambda *args: True)
    editor.list.setCurrentRow(1)
    press(editor.list, Qt.Key.Key_Delete)
    assert _texts(context) == ["B?"]
    for expected in (["B?", "A, rephrased?"], ["A, rephrased?", "B?"], ["A?", "B?"]):
        context.undo_stack.undo()
        assert _texts(context) == expected
    assert questions.questions(context.review)[0]["id"] == a


def test_research_gap_notes(qtbot, context):
    ws = show(qtbot, ClaimsWorkspace(context))
    ws.tabs.setCurrentIndex(1)
    editor = ws.questions
    type_into(qtbot, editor.gaps, "Standardised neuroplasticity measures are missing.")
    press(editor.gaps, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert questions.section(context.review, "research_gaps")["body"] == (
        "Standardised neuroplasticity measures are missing."
    )
    context.undo_stack.undo()
    assert questions.section(context.review, "research_gaps")["body"] == ""
    assert editor.gaps.toPlainText() == ""
    shot(ws, "questions_tab")
