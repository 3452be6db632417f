"""The screening pane opens in the order it keeps: with decisions enough to train on, it waits
for the first model (a busy state) and then shows the most relevant record, never swapped."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThreadPool

from curator.core.ranking import model as ranking
from curator.gui.screening.pane import AWAITING_MODEL
from curator.gui.screening.record_view import RecordView
from tests.gui.test_screening_relevance import open_workspace, settle


def test_reopening_a_screened_review_shows_the_top_ranked_record_and_keeps_it(
    qtbot, review_path, monkeypatch
):
    shown: list[int] = []
    real = RecordView.show_record

    def spy(view, record, *args):
        shown.append(record["id"])
        return real(view, record, *args)

    monkeypatch.setattr(RecordView, "show_record", spy)
    gate = threading.Event()  # the first retrain waits here, so the busy state is certain
    real_rank = ranking.rank_review

    def gated(*args, **kwargs):
        gate.wait(30)
        return real_rank(*args, **kwargs)

    monkeypatch.setattr(ranking, "rank_review", gated)
    # 2 includes and 2 excludes by this reviewer: the first undecided record as imported is
    # an irrelevant one, the one the pane used to show before swapping it.
    workspace, review, label = open_workspace(qtbot, review_path, decided=(2, 2), reviewer="tester")
    pane = workspace.pane
    try:
        # The busy state, while the first model trains: no record, the order it will keep.
        assert pane.awaiting_model and pane.record is None and pane.ranking is None
        assert pane.view.abstract.toPlainText() == AWAITING_MODEL
        assert pane.order_box.currentData() == "relevance"
        qtbot.keyClick(pane, "E")  # a key while busy decides nothing
        assert shown == []
        gate.set()
        qtbot.waitUntil(lambda: pane.ranking is not None, timeout=30000)
        settle(qtbot, workspace)
        scores = dict(zip(pane.ranking.ids.tolist(), pane.ranking.scores.tolist(), strict=True))
        top = max(pane.ids, key=lambda p: (scores[p], -p))
        assert pane.record["id"] == top and label[top] == 1
        assert set(shown) == {top}  # the only record ever on screen
        # A later model (another retrain) does not replace the record under the reader.
        results = []
        workspace.worker.ranked.connect(results.append)
        workspace.worker.request()
        qtbot.waitUntil(lambda: bool(results), timeout=30000)
        assert pane.record["id"] == top and set(shown) == {top}
    finally:
        QThreadPool.globalInstance().waitForDone(30000)
        review.close()


def test_without_decisions_to_learn_from_the_pane_shows_records_at_once(qtbot, review_path):
    workspace, review, _label = open_workspace(qtbot, review_path, decided=(1, 0))
    pane = workspace.pane
    try:
        assert not pane.awaiting_model
        assert pane.record is not None and pane.order == "imported"
        first = pane.record["id"]
        settle(qtbot, workspace)
        assert pane.ranking is None and pane.record["id"] == first
    finally:
        QThreadPool.globalInstance().waitForDone(30000)
        review.close()
