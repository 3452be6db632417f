"""The ranking worker (off the GUI thread, coalescing) and the relevance / stopping widgets."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from curator.core.ranking import stopping
from curator.core.review import Review
from curator.core.screening.decisions import record_decision
from curator.gui.context import AppContext
from curator.gui.ranking import RankingWorker, RelevanceView, StoppingPanel
from tests.ranking_corpus import build_review, corpus, first_labelled

SHOTS = Path(os.environ.get("CURATOR_SCREENSHOTS", "/tmp/curator-shots"))


def _shot(widget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


@pytest.fixture
def labelled(review):
    rows = corpus()
    ids = build_review(review, rows, first_labelled(rows, 2, 4))
    return review, rows, ids


def test_retrain_runs_off_the_gui_thread_and_arrives_by_signal(qtbot, labelled):
    review, rows, ids = labelled
    worker = RankingWorker(review.path)
    with qtbot.waitSignal(worker.ranked, timeout=30000) as blocker:
        worker.request()
    result = blocker.args[0]
    assert result.thread_id != threading.get_ident()
    assert result.ranking is not None and result.ranking.model.n_positive == 2
    top = result.ranking.order()[0]
    assert rows[ids.index(int(top))][2] == 1
    # The scores were stored by the worker's own connection, visible to the GUI's.
    stored = review.db.execute("SELECT COUNT(rank_score) FROM papers").fetchone()[0]
    assert stored == len(ids)


def test_requests_while_training_coalesce_into_one_more_retrain(qtbot, labelled):
    review, _rows, ids = labelled
    worker = RankingWorker(review.path, write_scores=False)
    starts, results = [], []
    worker.started.connect(lambda: starts.append(1))
    worker.ranked.connect(results.append)
    worker.request()
    for paper_id in ids[10:15]:  # five more decisions while the first retrain runs
        record_decision(review, paper_id, "title_abstract", "exclude")
        worker.decision_recorded()
    qtbot.waitUntil(lambda: not worker.busy and len(results) == len(starts), timeout=30000)
    assert len(starts) <= 2
    assert results[-1].generation == len(starts)
    assert results[-1].ranking.model.n_negative + results[-1].ranking.model.n_positive >= 6


def test_retrain_after_every_few_decisions(qtbot, labelled):
    review, _rows, ids = labelled
    worker = RankingWorker(review.path, retrain_after=3, write_scores=False)
    starts = []
    worker.started.connect(lambda: starts.append(1))
    worker.decision_recorded()
    worker.decision_recorded()
    assert starts == []
    with qtbot.waitSignal(worker.ranked, timeout=30000):
        worker.decision_recorded()
    assert starts == [1]


def test_without_both_classes_the_worker_says_so(qtbot, review):
    rows = corpus(n_other=5)
    build_review(review, rows, {0: "exclude"})
    worker = RankingWorker(review.path)
    with qtbot.waitSignal(worker.ranked, timeout=30000) as blocker:
        worker.request()
    assert blocker.args[0].ranking is None
    assert "one include and one exclude" in blocker.args[0].message


def test_features_are_warmed_off_the_gui_thread_before_anything_can_be_learned(
    qtbot, review, tmp_path, monkeypatch
):
    from curator.core.ranking import model as ranking
    from curator.core.ranking import tfidf

    monkeypatch.setenv("CURATOR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(ranking, "_cache", type(ranking._cache)())  # a new session
    vectorised_on = []
    real = tfidf.count_matrix

    def count_matrix(texts, **kwargs):
        vectorised_on.append(threading.get_ident())
        return real(texts, **kwargs)

    monkeypatch.setattr(tfidf, "count_matrix", count_matrix)
    rows = corpus()
    ids = build_review(review, rows, {})  # just imported: not a decision yet
    worker = RankingWorker(review.path, write_scores=False)
    with qtbot.waitSignal(worker.ranked, timeout=30000) as blocker:
        worker.request()
    assert blocker.args[0].ranking is None
    assert len(vectorised_on) == 1 and vectorised_on[0] != threading.get_ident()
    assert list((tmp_path / "cache" / "features").glob("*.npz"))  # and kept for next time
    relevant = next(i for i, r in enumerate(rows) if r[2] == 1)
    other = next(i for i, r in enumerate(rows) if r[2] == 0)
    record_decision(review, ids[relevant], "title_abstract", "include")
    record_decision(review, ids[other], "title_abstract", "exclude")
    with qtbot.waitSignal(worker.ranked, timeout=30000) as blocker:
        worker.request()
    assert blocker.args[0].ranking is not None
    assert len(vectorised_on) == 1  # the first retrain found the features ready


def test_relevance_view_shows_score_rank_and_terms(qtbot, labelled):
    from curator.core.ranking import model as ranking

    review, rows, ids = labelled
    result = ranking.rank_review(review, "title_abstract")
    view = RelevanceView()
    qtbot.addWidget(view)
    view.resize(420, 160)
    assert "No relevance model yet" in view.rank_label.text()
    _shot(view, "relevance_empty")
    relevant = next(
        ids[i]
        for i, r in enumerate(rows)
        if r[2] == 1 and ids[i] not in ranking.stage_labels(review, "title_abstract")
    )
    view.set_paper(result, relevant)
    assert view.score_label.text().startswith("Relevance +")
    assert "Rank " in view.rank_label.text()
    assert "depress" in view.up_label.text() or "exercise" in view.up_label.text()
    assert view.score_of(relevant) == pytest.approx(result.score_of(relevant))
    view.show()
    _shot(view, "relevance_record")


def test_stopping_panel_draws_a_sample_undoably(qtbot, labelled):
    review, _rows, _ids = labelled
    context = AppContext()
    context.review = review
    panel = StoppingPanel(context)
    qtbot.addWidget(panel)
    panel.resize(460, 300)
    panel.show()
    assert "No random sample yet" in panel.verdict_label.text()
    assert panel.run_label.text() == "0" or panel.run_label.text().isdigit()
    _shot(panel, "stopping_no_sample")
    panel.sample_size.setValue(10)
    panel.draw_button.click()
    drawn = stopping.sample(review, "title_abstract")
    assert len(drawn["paper_ids"]) == 10
    assert "Sample: 0 screened" in panel.verdict_label.text()
    sample_ids = []
    panel.sample_screen_requested.connect(sample_ids.extend)
    panel.screen_button.click()
    assert sample_ids == drawn["paper_ids"]
    for paper_id in drawn["paper_ids"][:6]:
        record_decision(review, paper_id, "title_abstract", "exclude")
    panel.refresh()
    assert "Sample: 6 screened, 0 relevant, 4 still to screen" in panel.verdict_label.text()
    assert "Relevant records still unseen" in panel.estimate_label.text()
    assert panel.run_label.text() == "10"  # the 4 prior excludes, then these 6
    _shot(panel, "stopping_sample")
    context.undo_stack.undo()
    assert stopping.sample(review, "title_abstract") is None
    context.undo_stack.redo()
    assert stopping.sample(review, "title_abstract")["paper_ids"] == drawn["paper_ids"]


def test_stopping_panel_records_an_early_stop(qtbot, labelled, monkeypatch):
    review, _rows, _ids = labelled
    context = AppContext()
    context.review = review
    panel = StoppingPanel(context)
    qtbot.addWidget(panel)
    monkeypatch.setattr(StoppingPanel, "ask_reason", classmethod(lambda cls, parent: "Test passed"))
    panel.stop_button.click()
    assert stopping.stop_record(review, "title_abstract")["reason"] == "Test passed"
    context.undo_stack.undo()
    assert stopping.stop_record(review, "title_abstract") is None


def test_stopping_panel_without_a_review(qtbot):
    panel = StoppingPanel(AppContext())
    qtbot.addWidget(panel)
    assert not panel.draw_button.isEnabled()
    assert panel.progress_label.text() == "No review open"


def test_worker_reads_a_review_closed_elsewhere(qtbot, labelled):
    # The worker holds no connection between jobs: the file can be reopened freely.
    review, _rows, _ids = labelled
    worker = RankingWorker(review.path, write_scores=False)
    with qtbot.waitSignal(worker.ranked, timeout=30000):
        worker.request()
    with Review.open(review.path) as again:
        assert again.db.execute("SELECT COUNT(*) FROM papers").fetchone()[0] == 50
