"""The stopping panel as the reviewer's guide: the test on the ranked order, the records it
still needs, the one-click record of the stop with its methods sentence, in the screening pane."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel

from curator.core.ranking import stopping
from curator.core.review import Review
from curator.core.screening.decisions import Decision, record_decisions
from curator.gui.context import AppContext
from curator.gui.ranking import StoppingPanel
from curator.gui.screening import ScreeningWorkspace
from curator.gui.screening.dialogs import store_reviewer
from tests.ranking_corpus import build_review, corpus, first_labelled

SHOTS = Path(os.environ.get("CURATOR_SCREENSHOTS", "/tmp/curator-shots"))


@pytest.fixture(autouse=True)
def settings_dir(tmp_path):
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "settings"))


def _ranked_review(review: Review, excludes: int) -> tuple[list[int], list]:
    """200 records, 10 relevant; the 10 relevant decided first, then `excludes` others."""
    rows = corpus(n_other=190)
    ids = build_review(review, rows, first_labelled(rows, 10, excludes))
    return ids, rows


def _not_clipped(widget) -> list[str]:
    """Texts of the visible labels too short for their wrapped text."""
    return [
        label.text()
        for label in widget.findChildren(QLabel)
        if label.isVisible()
        and label.text()
        and label.wordWrap()
        and label.height() < label.heightForWidth(label.width())
    ]


def test_guide_counts_down_to_stop_and_records_it_in_one_click(qtbot, review, monkeypatch):
    ids, rows = _ranked_review(review, 170)
    context = AppContext()
    context.review = review
    panel = StoppingPanel(context)
    qtbot.addWidget(panel)
    panel.resize(360, 700)
    panel.show()
    # After the 10 relevant came first, recall < 95% means one missed among the 190 left;
    # the test needs fewer than 5% of them unscreened: 200 - s < 9.5, s = 191 = 180 + 11.
    assert "180 of 200" in panel.progress_label.text()
    assert "Keep screening" in panel.guide_label.text()
    assert "If the next 11 records" in panel.next_label.text()
    assert "stopped after 180 of 200 records" in panel.methods_label.text()
    assert "did not reject" in panel.methods_label.text()
    decided = {ids[i] for i in first_labelled(rows, 10, 170)}
    more = [p for i, p in enumerate(ids) if rows[i][2] == 0 and p not in decided][:11]
    record_decisions(review, [Decision(p, "title_abstract", "exclude") for p in more])
    panel.refresh()
    assert "you may stop" in panel.guide_label.text()
    assert panel.state.ranked.can_stop and panel.state.ranked.more_to_stop == 0

    def no_dialog(cls, parent):
        raise AssertionError("the test passed: no reason to ask")

    monkeypatch.setattr(StoppingPanel, "ask_reason", classmethod(no_dialog))
    panel.stop_button.click()
    stop = stopping.stop_record(review, "title_abstract")
    assert stop["reason"].startswith("Stopping test passed: recall below 95% rejected")
    assert stop["ranked"]["can_stop"] and stop["unscreened"] == 9
    assert "stopped after 191 of 200 records" in stop["methods"]
    assert "rejected the hypothesis that recall was below 95%" in stop["methods"]
    assert panel.methods_label.text() == f"Stop recorded: {stop['methods']}"
    panel.copy_button.click()
    assert QGuiApplication.clipboard().text() == stop["methods"]
    assert review.db.execute("SELECT COUNT(*) FROM decisions").fetchone()[0] == 191
    context.undo_stack.undo()
    assert stopping.stop_record(review, "title_abstract") is None
    qtbot.wait(20)  # the layout follows the new texts
    assert not _not_clipped(panel)


def test_screening_pane_shows_the_guide(qtbot, review_path):
    review = Review.open(review_path, who="tester")
    _ranked_review(review, 120)
    context = AppContext()
    context.set_review(review)
    store_reviewer("tester")  # the reviewer who made the decisions: the run of excludes is theirs
    workspace = ScreeningWorkspace(context)
    qtbot.addWidget(workspace)
    workspace.resize(1280, 800)
    workspace.show()
    qtbot.waitExposed(workspace)
    pane = workspace.pane
    pane.side.tabs.setCurrentWidget(pane.stopping)
    panel = pane.stopping
    qtbot.waitUntil(lambda: "Keep screening" in panel.guide_label.text(), timeout=5000)
    assert panel.isVisible() and panel.guide_label.isVisible()
    # 130 screened, the 10 relevant first: as above the test says stop at 191, 61 more.
    assert "If the next 61 records" in panel.next_label.text()
    assert "130 of 200" in panel.progress_label.text()
    assert pane.side.tabs.tabText(pane.side.tabs.indexOf(panel)) == "Stopping: 61 to go"
    assert panel.run_label.text() == "120"
    QThreadPool.globalInstance().waitForDone(30000)  # the pane's first retrain
    qtbot.wait(50)
    assert not _not_clipped(panel)
    SHOTS.mkdir(parents=True, exist_ok=True)
    workspace.grab().save(str(SHOTS / "stopping-guide.png"))
    review.close()
