"""The Duplicates workspace with a real review: keyboard answers, undo, plain text, worker."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt

from curator.core import dedup
from curator.core.papers import add_paper, get_paper
from curator.gui.dedup.pair_view import word_diff
from tests.benchmarks.dedup_queue_load import write_queue

TITLE = "Acceptance and commitment therapy for chronic pain: a <b>randomised</b> trial"
TITLES = (TITLE, "Exposure therapy for fear of movement in whiplash-associated disorders")


def fill(review, pairs: int = 2):
    ids = []
    for i in range(pairs):
        title = TITLES[i]
        a = add_paper(review, title=title, authors=["Wicksell, Rikard K."], year=2009,
                      venue="Pain", doi=f"10.1016/j.pain.2009.{i}").id  # fmt: skip
        b = add_paper(review, title=title, authors=["Wicksell RK"], year=2010,
                      venue="European Journal of Pain", abstract="Objective: ...").id  # fmt: skip
        ids.append((a, b))
    dedup.run(review)  # different years, different venues: uncertain, queued
    return ids


@pytest.fixture
def workspace(dedup_workspace):
    return dedup_workspace


def reload(view):
    view._reload(keep_row=0)


def test_empty_state_then_queue(workspace, qtbot, tmp_path):
    assert workspace.stack.currentWidget() is workspace.empty
    fill(workspace.review)
    reload(workspace)
    assert workspace.stack.currentIndex() == 1 and workspace.model.rowCount() == 2
    pair = workspace.current_pair()
    why = workspace.pair_view.reason.text()  # one line: the rule, the fields and the score
    assert why.startswith(f"Why: {pair['rule']}") and why.endswith(f"score {pair['score']:.2f}")
    qtbot.wait(50)  # let the layout settle before the screenshot
    workspace.grab().save(str(tmp_path / "dedup_queue.png"))
    if os.environ.get("CURATOR_SHOTS"):
        workspace.grab().save(os.path.join(os.environ["CURATOR_SHOTS"], "dedup_queue.png"))


def test_keys_answer_pairs_and_undo_restores(workspace, qtbot):
    (a1, b1), (a2, b2) = fill(workspace.review)
    reload(workspace)
    first = workspace.current_pair()
    qtbot.keyClick(workspace.list, Qt.Key.Key_D)
    merged = (first["paper_a"], first["paper_b"])
    assert get_paper(workspace.review, merged[1])["merged_into"] == merged[0]
    assert workspace.model.rowCount() == 1
    second = workspace.current_pair()
    qtbot.keyClick(workspace.list, Qt.Key.Key_N)
    status = workspace.review.db.execute(
        "SELECT status FROM duplicate_pairs WHERE id = ?", (second["id"],)
    ).fetchone()[0]
    assert status == "not_duplicate" and workspace.model.rowCount() == 0
    assert workspace.stack.currentWidget() is workspace.empty
    workspace.context.undo_stack.undo()  # not duplicate -> back in the queue
    assert workspace.model.rowCount() == 1
    workspace.context.undo_stack.undo()  # the merge
    assert get_paper(workspace.review, merged[1])["merged_into"] is None
    assert workspace.model.rowCount() == 2


def test_skip_moves_to_next_pair(workspace, qtbot):
    fill(workspace.review)
    reload(workspace)
    first = workspace.current_pair()["id"]
    qtbot.keyClick(workspace.list, Qt.Key.Key_S)
    assert workspace.current_pair()["id"] != first
    assert workspace.model.rowCount() == 2  # nothing was decided


def test_chosen_metadata_is_kept(workspace, qtbot):
    fill(workspace.review, pairs=1)
    reload(workspace)
    pair = workspace.current_pair()
    workspace.pair_view._choices["venue"].button(1).setChecked(True)
    assert workspace.pair_view.fields_from() == {
        "venue": pair["paper_b"],
        "abstract": pair["paper_b"],
    }
    workspace.answer_duplicate()
    kept = get_paper(workspace.review, pair["paper_a"])
    assert kept["venue"] == "European Journal of Pain" and kept["abstract"] == "Objective: ..."


def test_titles_are_plain_text_and_differences_marked(workspace):
    fill(workspace.review, pairs=1)
    reload(workspace)
    left, right = workspace.pair_view.values["title"]
    assert "<b>randomised</b>" in left.toPlainText()
    venue_left, _ = workspace.pair_view.values["venue"]
    assert venue_left.toPlainText() == "Pain"
    words_a, words_b = word_diff("Pain", "European Journal of Pain")
    assert words_a == [("Pain", False)] and [w for w, d in words_b if d] == [
        "European",
        "Journal",
        "of",
    ]


def test_detection_runs_on_a_worker_thread(workspace, qtbot):
    review = workspace.review
    for _ in range(2):
        add_paper(review, title=TITLE, authors=["Wicksell, R."], year=2009, venue="Pain")
    with qtbot.waitSignal(workspace.context.changed, timeout=10000):
        workspace.run_detection()
        assert workspace.progress.isVisible() or workspace._task is None
    qtbot.waitUntil(lambda: workspace._task is None, timeout=10000)
    assert dedup.duplicates_removed(review) == 1
    assert "Merged 1" in workspace.summary.text()
    assert not workspace.progress.isVisible()


def test_cancelled_worker_changes_nothing(workspace, qtbot):
    from curator.gui.dedup.workspace import detect_duplicates
    from curator.gui.tasks import Task

    review = workspace.review
    for _ in range(2):
        add_paper(review, title=TITLE, authors=["Wicksell, R."], year=2009, venue="Pain")
    task = Task(detect_duplicates, review.path, review.who)
    results = []
    task.succeeded.connect(results.append)
    task.cancel()
    task.start(threaded=False)  # synchronously, on this thread
    assert results and results[0].cancelled
    assert dedup.duplicates_removed(review) == 0
    workspace._on_task_succeeded(results[0])
    assert workspace.summary.text() == "Cancelled: nothing was changed"


def test_large_queue_reads_rows_only_when_shown(workspace, qtbot, tmp_path):
    write_queue(workspace.review, 3000)
    reload(workspace)
    model = workspace.model
    assert model.rowCount() == 3000
    assert model.ids == dedup.candidate_ids(workspace.review)
    qtbot.wait(50)  # the view paints its first rows
    # Read so far: the first rows, and the last one (QListView measures uniform rows on it).
    assert model.is_fetched(0) and not model.is_fetched(1500)
    assert model.fetched_count() <= 2 * model.CHUNK
    queue = dedup.candidate_queue(workspace.review)
    assert [q["id"] for q in queue] == model.ids
    assert model.data(model.index(1500)) == f"{queue[1500]['score']:.2f}  {queue[1500]['title_a']}"
    assert model.is_fetched(1500) and model.fetched_count() <= 3 * model.CHUNK
    workspace.grab().save(str(tmp_path / "dedup_big_queue.png"))
    if os.environ.get("CURATOR_SHOTS"):
        workspace.grab().save(os.path.join(os.environ["CURATOR_SHOTS"], "dedup_big_queue.png"))

    qtbot.keyClick(workspace.list, Qt.Key.Key_End)  # the keyboard reaches the last pair
    last = workspace.current_pair()
    assert last["id"] == queue[-1]["id"]
    qtbot.keyClick(workspace.list, Qt.Key.Key_D)
    assert get_paper(workspace.review, last["paper_b"])["merged_into"] == last["paper_a"]
    assert model.rowCount() == 2999 and last["id"] not in model.ids
    workspace.context.undo_stack.undo()
    assert model.rowCount() == 3000 and model.ids[-1] == last["id"]
