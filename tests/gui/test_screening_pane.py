"""The screening pane driven with real key presses on a real review file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from curator.core.review import Review
from curator.core.screening.decisions import current_decision, find_reason, record_decision
from curator.core.screening.highlighting import set_terms
from curator.gui import ui_settings
from curator.gui.context import AppContext
from curator.gui.screening import ScreeningWorkspace
from curator.gui.screening.dialogs import (
    NoteDialog,
    ReviewerDialog,
    store_reviewer,
    stored_reviewer,
)
from curator.gui.screening.highlight_view import highlighted_ranges
from curator.gui.screening.keys import clashes, load_keys, save_keys
from tests.screening_data import add_papers


@pytest.fixture
def setup(qtbot, review_path):
    review = Review.open(review_path, who="tester")
    ids = add_papers(review)
    context = AppContext()
    context.set_review(review)
    store_reviewer("ana")
    workspace = ScreeningWorkspace(context)
    qtbot.addWidget(workspace)
    workspace.resize(1100, 720)
    workspace.show()
    qtbot.waitExposed(workspace)
    workspace.activateWindow()
    workspace.pane.setFocus()
    yield workspace, review, ids
    context.set_review(None)


def press(qtbot, widget, sequence: str | QKeySequence):
    combo = QKeySequence(sequence)[0]
    qtbot.keyClick(widget, combo.key(), combo.keyboardModifiers())


def test_decision_keys_store_reviewer_and_time_and_advance(setup, qtbot):
    workspace, review, ids = setup
    pane = workspace.pane
    assert pane.record["id"] == ids[0]
    with qtbot.waitSignal(
        workspace.status_changed, timeout=2000, check_params_cb=lambda text: "1 screened" in text
    ):
        press(qtbot, pane, "I")
    mine = current_decision(review, ids[0], "title_abstract", "ana")
    assert mine["decision"] == "include" and mine["reviewer"] == "ana"
    assert mine["created_at"][:4] >= "2025" and mine["source"] == "gui"
    assert pane.record["id"] == ids[1]
    press(qtbot, pane, "M")
    press(qtbot, pane, "5")
    assert current_decision(review, ids[1], "title_abstract", "ana")["decision"] == "maybe"
    third = current_decision(review, ids[2], "title_abstract", "ana")
    assert third["decision"] == "exclude"
    assert third["reason_id"] == find_reason(review, "title_abstract", "Off topic")
    press(qtbot, pane, "E")  # no reason needed at title/abstract
    assert current_decision(review, ids[3], "title_abstract", "ana")["decision"] == "exclude"
    assert pane.record["id"] == ids[4]
    qtbot.waitUntil(lambda: "4 screened" in pane.side.progress["title_abstract"].text())
    assert "1 remaining" in pane.side.progress["title_abstract"].text()
    assert "1 included, 1 maybe" in pane.side.progress["title_abstract"].text()  # issue 17


def test_reason_required_at_full_text(setup, qtbot):
    workspace, review, ids = setup
    pane = workspace.pane
    for pid in ids[:3]:
        record_decision(review, pid, "title_abstract", "include", reviewer="ana")
    pane.stage_box.setCurrentIndex(1)
    assert pane.stage == "full_text" and pane.ids == ids[:3]
    press(qtbot, pane, "E")
    assert current_decision(review, ids[0], "full_text", "ana") is None
    assert "needs a reason" in pane.message.text()
    assert pane.record["id"] == ids[0]
    press(qtbot, pane, "2")
    found = current_decision(review, ids[0], "full_text", "ana")
    assert found["decision"] == "exclude"
    assert found["reason_id"] == find_reason(review, "full_text", "2")
    press(qtbot, pane, "R")
    assert current_decision(review, ids[1], "full_text", "ana")["decision"] == "not_retrieved"


def test_undo_and_redo_keys_append_never_delete(setup, qtbot):
    workspace, review, ids = setup
    pane = workspace.pane
    press(qtbot, pane, "I")
    assert pane.record["id"] == ids[1]
    press(qtbot, pane, pane.actions_by_name["undo"].shortcut())
    assert current_decision(review, ids[0], "title_abstract", "ana") is None
    assert pane.record["id"] == ids[0]  # back to the record undone
    rows = [r[0] for r in review.db.execute("SELECT decision FROM decisions ORDER BY id")]
    assert rows == ["include", "cleared"]
    press(qtbot, pane, pane.actions_by_name["redo"].shortcut())
    assert current_decision(review, ids[0], "title_abstract", "ana")["decision"] == "include"
    assert review.db.execute("SELECT COUNT(*) FROM decisions").fetchone()[0] == 3
    assert pane.record["id"] == ids[1]


def test_remapped_keys_work_and_show_on_buttons(setup, qtbot):
    workspace, review, ids = setup
    pane = workspace.pane
    keys = load_keys()
    keys["include"], keys["next"] = "Y", "Space"
    assert clashes({**keys, "maybe": "Y"}) == ["Y is used by both Include and Maybe"]
    save_keys(keys)
    pane.apply_keys()
    assert pane.buttons["include"].text() == "Include  [Y]"
    press(qtbot, pane, "I")
    assert current_decision(review, ids[0], "title_abstract", "ana") is None
    press(qtbot, pane, "Y")
    assert current_decision(review, ids[0], "title_abstract", "ana")["decision"] == "include"
    press(qtbot, pane, "Space")
    assert pane.record["id"] == ids[2]
    press(qtbot, pane, "K")
    assert pane.record["id"] == ids[1]


def test_highlight_spans_and_html_shown_literally(setup, qtbot):
    workspace, review, ids = setup
    pane = workspace.pane
    set_terms(review, "include", ["neuroplastic*", "Mansson", "neural plasticity"])
    set_terms(review, "exclude", ["mice"])
    from curator.core.changes import Changes

    workspace.context.notify(Changes(settings=True))
    assert highlighted_ranges(pane.view.title.document()) == [("Neuroplasticity", "include")]
    assert highlighted_ranges(pane.view.abstract.document()) == [("neuroplastic", "include")]
    press(qtbot, pane, "J")
    assert "<b>bold</b> stays literal" in pane.view.abstract.toPlainText()
    assert highlighted_ranges(pane.view.abstract.document()) == [("mice", "exclude")]
    press(qtbot, pane, "J")
    assert highlighted_ranges(pane.view.title.document()) == [("neural plasticity", "include")]
    # typed into the highlight editor (a QLineEdit inside the pane): keys type, not decide
    edit = pane.side.exclude_terms
    edit.setFocus()
    edit.clear()
    qtbot.keyClicks(edit, "psychotherap*")
    qtbot.keyClick(edit, Qt.Key_Return)
    assert current_decision(review, ids[2], "title_abstract", "ana") is None
    assert ("psychotherapy", "exclude") in highlighted_ranges(pane.view.abstract.document())


def test_buttons_do_not_move_with_abstract_length(setup, qtbot):
    workspace, review, ids = setup
    pane = workspace.pane
    from curator.core.papers import update_paper

    update_paper(review, ids[1], abstract="Long abstract. " * 400)
    pane.reload()
    where = pane.buttons["include"].mapTo(workspace, pane.buttons["include"].rect().topLeft())
    press(qtbot, pane, "J")
    assert len(pane.view.abstract.toPlainText()) > 5000
    assert (
        pane.buttons["include"].mapTo(workspace, pane.buttons["include"].rect().topLeft()) == where
    )


def test_note_key_attaches_note(setup, qtbot, monkeypatch):
    workspace, review, ids = setup
    pane = workspace.pane
    monkeypatch.setattr(
        NoteDialog, "ask", classmethod(lambda cls, parent, note="": "animal model?")
    )
    press(qtbot, pane, "N")
    assert "animal model?" in pane.view.note.text()
    press(qtbot, pane, "M")
    assert current_decision(review, ids[0], "title_abstract", "ana")["note"] == "animal model?"
    press(qtbot, pane, "K")
    monkeypatch.setattr(NoteDialog, "ask", classmethod(lambda cls, parent, note="": note + " yes"))
    press(qtbot, pane, "N")
    found = current_decision(review, ids[0], "title_abstract", "ana")
    assert (found["decision"], found["note"]) == ("maybe", "animal model? yes")


def test_reviewer_asked_at_first_use(setup, qtbot, monkeypatch):
    workspace, review, ids = setup
    ui_settings.REVIEWER.reset()
    asked = []
    monkeypatch.setattr(
        ReviewerDialog, "ask", classmethod(lambda cls, parent, current="": asked.append(1) or "Zoë")
    )
    press(qtbot, workspace.pane, "I")
    press(qtbot, workspace.pane, "I")
    assert asked == [1] and stored_reviewer() == "Zoë"
    assert current_decision(review, ids[1], "title_abstract", "Zoë")["decision"] == "include"
    assert workspace.pane.reviewer_button.text() == "Reviewer: Zoë"


def test_filters_orders_and_empty_state(setup, qtbot):
    workspace, review, ids = setup
    pane = workspace.pane
    press(qtbot, pane, "I")
    pane.filter_box.setCurrentIndex(pane.filter_box.findData("decided"))
    assert pane.ids == [ids[0]]
    pane.filter_box.setCurrentIndex(pane.filter_box.findData("undecided"))
    assert pane.ids == ids[1:]
    pane.order_box.setCurrentIndex(pane.order_box.findData("year"))
    assert pane.record["year"] == 2005
    pane.stage_box.setCurrentIndex(1)
    assert pane.ids == [] or pane.filter == "undecided"
    pane.filter_box.setCurrentIndex(pane.filter_box.findData("conflicts"))
    assert "No records to show at full text" in pane.view.abstract.toPlainText()


def test_nothing_left_to_decide_points_to_the_conflicts(setup, qtbot):
    """A team's decisions brought along by an import leave "Undecided" empty; the pane said
    only "No records to show ... with this filter" (seen at 1280x800 after a Rayyan import)."""
    from curator.core.screening.decisions import Decision, record_decisions

    workspace, review, ids = setup
    pane = workspace.pane
    votes = [Decision(pid, "title_abstract", "include", reviewer="ana") for pid in ids]
    votes += [Decision(ids[0], "title_abstract", "exclude", reviewer="ben")]
    record_decisions(review, votes)
    pane.reload()
    pane.filter_box.setCurrentIndex(pane.filter_box.findData("undecided"))
    text = pane.view.abstract.toPlainText()
    assert text.startswith(f"Nothing left to decide at title/abstract: all {len(ids)} records")
    assert "1 record where reviewers disagree waits in the Conflicts tab" in text
    assert "Stage ▸ Full text" in text


def test_real_search_screened_from_the_keyboard(qtbot, review_path, shared_fixtures):
    from PySide6.QtWidgets import QApplication

    from tests.screening_real import load_cohen

    review = Review.open(review_path, who="tester")
    frame = load_cohen(review, shared_fixtures)
    context = AppContext()
    context.set_review(review)
    store_reviewer("ana")
    workspace = ScreeningWorkspace(context)
    qtbot.addWidget(workspace)
    workspace.show()
    qtbot.waitExposed(workspace)
    workspace.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is workspace)
    pane = workspace.pane
    pane.setFocus()
    label = dict(zip(frame.paper_id, frame.label_abstract_screening, strict=True))
    for _ in range(40):
        qtbot.keyClick(pane, "I" if label[pane.record["id"]] else "E")
    stored = dict(
        review.db.execute(
            "SELECT paper_id, decision FROM screening_status WHERE reviewer = 'ana'"
        ).fetchall()
    )
    assert len(stored) == 40
    assert all(stored[pid] == ("include" if label[pid] else "exclude") for pid in stored)
    assert pane.index == 40 and pane.record["id"] == frame.paper_id[40]  # the list is kept
    context.set_review(None)


def test_workspace_without_a_review_then_opened(qtbot, review_path):
    context = AppContext()
    workspace = ScreeningWorkspace(context)
    qtbot.addWidget(workspace)
    assert "Open a review" in workspace.pane.view.abstract.toPlainText()
    assert not workspace.isEnabled()
    review = Review.open(review_path)
    ids = add_papers(review)
    store_reviewer("ana")
    context.set_review(review)
    assert workspace.isEnabled() and workspace.pane.record["id"] == ids[0]
    assert workspace.title == "Screening" and workspace.icon
    context.set_review(None)
    assert workspace.pane.record is None


def test_reasons_are_configurable_and_renumber_the_keys(setup, qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from curator.gui.screening.reasons_dialog import ReasonsDialog

    workspace, review, ids = setup
    pane = workspace.pane
    dialog = ReasonsDialog(review, "title_abstract")
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Animal study", True))
    dialog.add()
    dialog.move(-1)  # the new reason (6th) becomes the 5th
    dialog.list.setCurrentRow(0)
    dialog.retire()  # 'Wrong population' retired: everything moves up one number
    assert [dialog.list.item(i).text() for i in range(dialog.list.count())][3:] == [
        "4. Animal study",
        "5. Off topic",
    ]
    workspace.context.notify(dialog.changes)
    assert pane.buttons["reason_4"].text() == "[4] Animal study"
    assert not pane.buttons["reason_6"].isVisibleTo(pane)
    qtbot.keyClick(pane, "4")
    found = current_decision(review, ids[0], "title_abstract", "ana")
    assert found["decision"] == "exclude"
    assert found["reason_id"] == find_reason(review, "title_abstract", "Animal study")


def test_reason_buttons_show_a_usual_reason_whole(setup, qtbot):
    """Four to a row cut "Wrong intervention" to "Wrong interventio…" at 1280x800."""
    from curator.core.screening.decisions import add_reason

    workspace, review, ids = setup
    pane = workspace.pane
    workspace.resize(1280 - 184, 760)  # the window's room beside the navigation
    add_reason(review, "title_abstract", "Wrong intervention")
    add_reason(review, "title_abstract", "Wrong publication type")
    pane.reload()
    qtbot.wait(50)
    shown = [
        b for name, b in pane.bar.buttons.items() if name.startswith("reason_") and b.isVisible()
    ]
    usual = [b for b in shown if len(b.text()) <= len("[9] Wrong publication type")]
    assert any("Wrong intervention" in b.text() for b in usual)
    assert all(b.shown_text() == b.text() for b in usual), [b.shown_text() for b in usual]


def test_a_long_reason_takes_the_room_its_short_neighbours_leave(setup, qtbot):
    """Equal thirds cut the demo's "[2] Wrong intervention or exposure" at 1280x800 while
    "[3] Wrong outcome" beside it had room to spare: each column's share follows its
    widest label."""
    from curator.core.screening.decisions import add_reason, reasons

    workspace, review, ids = setup
    pane = workspace.pane
    workspace.resize(1280 - 184, 760)  # the window's room beside the navigation
    have = {r["label"] for r in reasons(review, "title_abstract")}
    for label in ("Wrong population", "Wrong intervention or exposure", "Wrong outcome"):
        if label not in have:
            add_reason(review, "title_abstract", label)
    pane.reload()
    qtbot.wait(50)
    shown = [
        b for name, b in pane.bar.buttons.items() if name.startswith("reason_") and b.isVisible()
    ]
    assert any(b.text().endswith("Wrong intervention or exposure") for b in shown)
    assert all(b.shown_text() == b.text() for b in shown), [b.shown_text() for b in shown]
