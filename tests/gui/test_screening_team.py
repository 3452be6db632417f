"""Dual screening in the workspace: packets out and back, conflicts resolved from the
keyboard, the agreement report, and top-N inclusion as one undoable step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from curator.core.flow.prisma import flow
from curator.core.review import Review
from curator.core.screening.decisions import CONSENSUS, current_decision, record_decision
from curator.core.screening.packets import export_packet
from curator.gui.context import AppContext
from curator.gui.screening import ScreeningWorkspace
from curator.gui.screening.dialogs import TopNDialog, store_reviewer
from tests.screening_data import add_papers


def open_workspace(qtbot, path, reviewer):
    review = Review.open(path)
    context = AppContext()
    context.set_review(review)
    store_reviewer(reviewer)
    workspace = ScreeningWorkspace(context)
    qtbot.addWidget(workspace)
    workspace.resize(1000, 700)
    workspace.show()
    qtbot.waitExposed(workspace)
    workspace.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is workspace)
    workspace.pane.setFocus()
    return workspace, review, context


def test_packet_round_trip_conflicts_and_agreement(qtbot, review_path, tmp_path):
    with Review.open(review_path) as review:
        ids = add_papers(review)
    ana, review, context = open_workspace(qtbot, review_path, "ana")
    for key in "IIEEE":
        qtbot.keyClick(ana.pane, key)
    packet = tmp_path / "bob.curator"
    ana.ask_save_path = lambda parent, caption: packet
    ana.export_packet()
    assert packet.exists()

    # Bob screens his packet blind in his own Curator.
    ana.hide()
    bob, bob_review, bob_context = open_workspace(qtbot, packet, "bob")
    assert "Screening packet" in bob.pane.banner.text()
    assert bob.pane.ids == ids  # ana's decisions are not in the packet
    for key in "IEIEE":
        qtbot.keyClick(bob.pane, key)
    bob_context.set_review(None)

    bob.hide()
    store_reviewer("ana")
    ana.show()
    ana.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is ana)
    ana.ask_open_path = lambda parent, caption: packet
    ana.import_packet()
    assert current_decision(review, ids[1], "title_abstract", "bob")["decision"] == "exclude"
    assert [review.db["papers"].get(p)["ta_decision"] for p in ids] == [
        "include",
        "conflict",
        "conflict",
        "exclude",
        "exclude",
    ]

    ana.tabs.setCurrentWidget(ana.agreement)
    cells = [ana.agreement.model.item(0, c).text() for c in range(7)]
    # 2x2: both forward 1, ana fwd/bob out 1, ana out/bob fwd 1, both out 2; po = 0.6,
    # pe = (2*2 + 3*3)/25 = 0.52, kappa = 0.08/0.48, PABAK = 0.2
    assert cells == [
        "Title/abstract",
        "ana · bob",
        "5",
        "60.0%",
        f"{0.08 / 0.48:.3f}",
        "0.200",
        "2",
    ]

    ana.tabs.setCurrentWidget(ana.conflicts)
    table = ana.conflicts.table
    assert ana.conflicts.model.rowCount() == 2
    assert "ana: include; bob: exclude" in ana.conflicts.model.rows[0]["text"]
    table.setFocus()
    qtbot.keyClick(table, Qt.Key_I)
    assert review.db["papers"].get(ids[1])["ta_decision"] == "include"
    assert current_decision(review, ids[1], "title_abstract", CONSENSUS)["decision"] == "include"
    assert ana.conflicts.model.rowCount() == 1
    qtbot.keyClick(table, Qt.Key_5)  # exclude with reason 5
    assert review.db["papers"].get(ids[2])["ta_decision"] == "exclude"
    assert ana.conflicts.model.rowCount() == 0
    qtbot.keyClick(table, Qt.Key_Z, Qt.ControlModifier)  # undo, from the conflicts view
    assert review.db["papers"].get(ids[2])["ta_decision"] == "conflict"
    assert ana.conflicts.model.rowCount() == 1
    assert flow(review).ta_conflict == 1
    # individual decisions kept: agreement unchanged by the resolutions
    ana.tabs.setCurrentWidget(ana.agreement)
    assert ana.agreement.model.item(0, 3).text() == "60.0%"
    context.set_review(None)


def test_top_n_is_one_undoable_step(qtbot, review_path, monkeypatch):
    with Review.open(review_path) as review:
        ids = add_papers(review)
        for pid, score in zip(ids, (0.1, 0.9, 0.5, 0.8, 0.2), strict=True):
            record_decision(review, pid, "title_abstract", "include")
            review.db.execute("UPDATE papers SET rank_score = ? WHERE id = ?", (score, pid))
        review.db.conn.commit()
    workspace, review, context = open_workspace(qtbot, review_path, "ana")
    monkeypatch.setattr(
        TopNDialog, "ask", classmethod(lambda cls, parent, candidates: (2, "score"))
    )
    workspace.include_top_n()
    states = [review.db["papers"].get(p)["ft_decision"] for p in ids]
    assert states == ["exclude", "include", "exclude", "include", "exclude"]
    assert context.undo_stack.count() == 1
    context.undo_stack.undo()
    assert [review.db["papers"].get(p)["ft_decision"] for p in ids] == [None] * 5
    context.undo_stack.redo()
    assert [review.db["papers"].get(p)["ft_decision"] for p in ids] == states
    context.set_review(None)


def test_packet_from_another_review_is_refused_in_the_gui(qtbot, review_path, tmp_path):
    other = Review.create(tmp_path / "other.curator", title="Other review")
    add_papers(other)
    export_packet(other, tmp_path / "foreign.curator", "title_abstract")
    other.close()
    with Review.open(review_path) as review:
        add_papers(review)
    workspace, review, context = open_workspace(qtbot, review_path, "ana")
    errors = []
    workspace.show_error = errors.append
    workspace.ask_open_path = lambda parent, caption: tmp_path / "foreign.curator"
    workspace.import_packet()
    assert "exported from another review ('Other review')" in str(errors[0])
    assert review.db.execute("SELECT COUNT(*) FROM decisions").fetchone()[0] == 0
    assert context.undo_stack.count() == 0
    context.set_review(None)
