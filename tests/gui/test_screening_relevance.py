"""The screening pane with its relevance model: real review files, real key presses.

The workspace's RankingWorker retrains on a pool thread; these tests wait for its signal.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication

from curator.core.ranking import model as ranking
from curator.core.ranking import stopping
from curator.core.review import Review
from curator.core.screening.decisions import current_decision
from curator.gui.context import AppContext
from curator.gui.screening import ScreeningWorkspace
from curator.gui.screening.dialogs import store_reviewer
from tests.ranking_corpus import build_review, corpus, first_labelled

SHOTS = Path(os.environ.get("CURATOR_SCREENSHOTS", "/tmp/curator-shots"))


def open_workspace(qtbot, review_path, n_other=40, decided=(0, 0), reviewer="ana"):
    review = Review.open(review_path, who="tester")
    rows = corpus(n_other=n_other)
    ids = build_review(review, rows, first_labelled(rows, *decided))
    label = {paper_id: rows[i][2] for i, paper_id in enumerate(ids)}
    context = AppContext()
    context.set_review(review)
    store_reviewer(reviewer)
    workspace = ScreeningWorkspace(context)
    qtbot.addWidget(workspace)
    workspace.resize(1200, 760)
    workspace.show()
    qtbot.waitExposed(workspace)
    workspace.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is workspace, timeout=3000)
    workspace.pane.setFocus()
    return workspace, review, label


def decide_by_label(qtbot, pane, label) -> int:
    """Press I for a relevant record, E for another; returns the id decided."""
    paper_id = pane.record["id"]
    qtbot.keyClick(pane, "I" if label[paper_id] else "E")
    return paper_id


def settle(qtbot, workspace):
    worker = workspace.worker
    qtbot.waitUntil(lambda: not worker.busy, timeout=30000)


@pytest.fixture
def screening(qtbot, review_path):
    workspace, review, label = open_workspace(qtbot, review_path)
    yield workspace, review, label
    QThreadPool.globalInstance().waitForDone(30000)  # no retrain left reading the file
    workspace.context.set_review(None)  # as the window closes a review: no timer reads it
    review.close()


def test_relevance_order_becomes_default_once_a_model_exists(qtbot, screening):
    workspace, review, label = screening
    pane = workspace.pane
    settle(qtbot, workspace)
    assert pane.order == "imported" and pane.ranking is None
    assert "No relevance model yet" in pane.side.relevance.rank_label.text()
    seen = set()
    # Screen in imported order until there is one include and one exclude.
    while not ({label[p] for p in seen} >= {0, 1}):
        seen.add(decide_by_label(qtbot, pane, label))
    on_screen = pane.record["id"]
    qtbot.waitUntil(lambda: pane.ranking is not None, timeout=30000)
    assert pane.order == "relevance"
    assert pane.order_box.currentData() == "relevance"
    assert pane.record["id"] == on_screen  # the record on screen stayed
    # What follows is most relevant first: every remaining relevant record comes next.
    rest = pane.ids[pane.index + 1 :]
    relevant_left = sum(label[p] for p in rest)
    assert relevant_left > 0
    assert all(label[p] for p in rest[:relevant_left])
    scores = [pane.ranking.score_of(p) for p in rest]
    assert scores == sorted(scores, reverse=True)

    # The curator's own choice stands: a later model does not switch the order back.
    pane.order_box.setCurrentIndex(pane.order_box.findData("title"))
    assert pane.order == "title" and pane.order_chosen
    titles_order = list(pane.ids)
    results = []
    workspace.worker.ranked.connect(results.append)
    for _ in range(workspace.RETRAIN_AFTER):
        decide_by_label(qtbot, pane, label)
    qtbot.waitUntil(lambda: bool(results), timeout=30000)
    assert pane.order == "title" and pane.order_box.currentData() == "title"
    assert pane.ids == titles_order
    # ... and relevance is still one choice away.
    pane.order_box.setCurrentIndex(pane.order_box.findData("relevance"))
    assert label[pane.ids[0]] == 1


def test_a_decision_key_during_a_retrain_is_handled_at_once(qtbot, review_path, monkeypatch):
    workspace, review, label = open_workspace(qtbot, review_path, decided=(2, 4))
    pane = workspace.pane
    settle(qtbot, workspace)
    # Hold the next retrain in its pool thread until the key has been pressed (the real
    # training runs after the gate opens), so the key certainly lands during a retrain.
    gate, entered = threading.Event(), threading.Event()
    real = ranking.rank_review

    def gated(*args, **kwargs):
        entered.set()
        gate.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(ranking, "rank_review", gated)
    results = []
    workspace.worker.ranked.connect(results.append)
    workspace.worker.request()
    assert entered.wait(10) and workspace.worker.busy
    decided = pane.record["id"]
    qtbot.keyClick(pane, "E")  # handled in this call, while the retrain is held
    assert current_decision(review, decided, "title_abstract", "ana")["decision"] == "exclude"
    assert pane.record["id"] != decided
    assert workspace.worker.busy and not results
    gate.set()
    settle(qtbot, workspace)
    assert results and all(r.thread_id != threading.get_ident() for r in results)
    # The decision made during the retrain was learned from by the follow-up retrain.
    last = review.db.execute("SELECT MAX(id) FROM decisions").fetchone()[0]
    assert results[-1].ranking.decisions_upto == last
    QThreadPool.globalInstance().waitForDone(30000)
    review.close()


def test_explanation_follows_the_record_on_screen(qtbot, screening):
    workspace, review, label = screening
    pane = workspace.pane
    settle(qtbot, workspace)
    seen = set()
    while not ({label[p] for p in seen} >= {0, 1}):
        seen.add(decide_by_label(qtbot, pane, label))
    qtbot.waitUntil(lambda: pane.ranking is not None, timeout=30000)
    view = pane.side.relevance
    for _ in range(2):
        paper_id = pane.record["id"]
        expected = pane.ranking.explain(paper_id)
        assert view.score_label.text() == f"Relevance {expected.score:+.2f}"
        assert view.rank_label.text().startswith("Rank ")
        assert view.terms_box.isVisibleTo(view)
        shown = view.up_label.text() if label[paper_id] else view.down_label.text()
        assert shown != "(none)"
        assert shown.split(", ")[0] == (expected.up if label[paper_id] else expected.down)[0][0]
        qtbot.keyClick(pane, "I" if label[paper_id] else "E")
        qtbot.waitUntil(lambda: not workspace.worker.busy, timeout=30000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    workspace.grab().save(str(SHOTS / "screening_relevance.png"))


def test_stopping_tab_counts_excludes_and_screens_a_sample(qtbot, screening, monkeypatch):
    workspace, review, label = screening
    pane = workspace.pane
    panel = pane.stopping
    assert panel.parent() is not None and pane.side.tabs.indexOf(panel) >= 0
    excluded = 0
    while excluded < 3:  # three excludes in a row, by key
        if label[pane.record["id"]]:
            qtbot.keyClick(pane, "J")  # next, undecided
            continue
        qtbot.keyClick(pane, "E")
        excluded += 1
    pane.side.tabs.setCurrentWidget(panel)  # a hidden tab catches up when it is shown
    qtbot.waitUntil(lambda: panel.run_label.text() == "3", timeout=3000)
    panel.sample_size.setValue(4)
    panel.draw_button.click()
    drawn = stopping.sample(review, "title_abstract")["paper_ids"]
    panel.screen_button.click()
    assert pane.sample_mode and pane.ids == drawn and pane.record["id"] == drawn[0]
    qtbot.keyClick(pane, "E")
    assert pane.record["id"] == drawn[1]
    monkeypatch.setattr(type(panel), "ask_reason", classmethod(lambda cls, parent: "Budget"))
    panel.stop_button.click()
    assert stopping.stop_record(review, "title_abstract")["reason"] == "Budget"


def test_opening_with_a_model_shows_the_most_relevant_record_first(qtbot, review_path):
    """Decisions already exist when the pane opens: once the first model arrives, and before
    the curator has pressed anything, the record on screen is the most relevant one."""
    # The pane's reviewer made the 4 decisions, so the queue starts at the first undecided
    # record in imported order, an irrelevant one.
    workspace, review, label = open_workspace(qtbot, review_path, decided=(2, 2), reviewer="tester")
    pane = workspace.pane
    try:
        qtbot.waitUntil(lambda: pane.ranking is not None, timeout=30000)
        settle(qtbot, workspace)
        assert pane.order == "relevance" and pane.index == 0
        scores = dict(zip(pane.ranking.ids.tolist(), pane.ranking.scores.tolist(), strict=True))
        shown = pane.record["id"]
        assert scores[shown] == max(scores[p] for p in pane.ids)
        assert label[shown] == 1
        qtbot.keyClick(pane, "E")  # the curator acts: later models reorder only what follows
        qtbot.waitUntil(lambda: pane.index == 1)
        assert pane.ids[0] == shown
    finally:
        QThreadPool.globalInstance().waitForDone(30000)
        review.close()
