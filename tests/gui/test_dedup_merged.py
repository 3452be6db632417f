"""The Duplicates workspace's Merged list with a real review: an automatic merge listed with its
reason, read-only side by side, unmerged with U (its pair back under "To review"), undo merging
it again as it was; empty states; a large history read only where shown."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from curator.core import dedup
from curator.core.dedup.bulk import merge_groups
from curator.core.papers import add_paper, get_paper
from curator.gui.dedup.id_list import ID_ROLE as MERGE_ID_ROLE
from curator.gui.dedup.workspace import MERGED, TO_REVIEW
from tests.benchmarks.dedup_queue_load import write_queue

PAPER = dict(title="Eculizumab in atypical haemolytic uraemic syndrome: <i>two-year</i> results",
             authors=["Licht, Christoph", "Greenbaum, Larry A."], year=2015,
             venue="Kidney International", volume="87", issue="5", pages="1061-1073",
             doi="10.1038/ki.2014.423")  # fmt: skip


@pytest.fixture
def workspace(dedup_workspace):
    return dedup_workspace


def merge_automatically(review) -> tuple[int, int]:
    """Two records of one trial (the second from a database abbreviating the journal and
    giving another issue): detection merges them on its own."""
    a = add_paper(review, **PAPER).id
    b = add_paper(review, **dict(PAPER, venue="Kidney Int", issue="6")).id
    assert dedup.run(review).merged == 1
    return a, b


def tab_texts(workspace) -> tuple[str, str]:
    return workspace.modes.tabText(TO_REVIEW), workspace.modes.tabText(MERGED)


def test_merged_list_shows_why_then_u_unmerges_and_undo_merges_again(
    workspace, qtbot, qtmodeltester
):
    review = workspace.review
    a, b = merge_automatically(review)
    workspace._reload(keep_row=0)
    assert tab_texts(workspace) == ("To review (0)", "Merged (1)")
    assert workspace.stack.currentWidget() is workspace.empty  # nothing waits
    workspace.modes.setFocus()
    qtbot.keyClick(workspace.modes, Qt.Key.Key_Right)  # the keyboard reaches the Merged list
    assert workspace.mode() == MERGED and workspace.stack.currentIndex() == 1
    model = workspace.merged_model
    assert model.rowCount() == 1
    qtmodeltester.check(model)
    index = model.index(0)
    kept_line, dropped_line, who_line = model.data(index).split("\n")
    assert kept_line == dropped_line.removeprefix("⤷ ") == PAPER["title"]
    assert who_line.startswith("automatic · ")
    assert "&lt;i&gt;two-year&lt;/i&gt;" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert "differed: issue" in model.data(index, Qt.ItemDataRole.ToolTipRole)

    view = workspace.pair_view
    why = view.reason.text()
    assert why.startswith("Why: merged automatically: ")
    assert "title" in why.split("agreed: ")[1] and "differed: issue" in why
    assert view.header_a.text() == f"Kept  (#{a})" and view.header_b.text().endswith(f"(#{b})")
    assert "<i>two-year</i>" in view.values["title"][0].toPlainText()  # plain text
    assert not view.header_keep.isVisible() and view.fields_from() == {}  # read-only
    assert not workspace.duplicate_button.isVisible() and workspace.unmerge_button.isEnabled()

    qtbot.keyClick(workspace.merged_list, Qt.Key.Key_U)
    assert get_paper(review, b)["merged_into"] is None
    (waiting,) = dedup.candidate_queue(review)  # the pair waits for a person's answer
    assert (waiting["paper_a"], waiting["paper_b"]) == (a, b)
    assert tab_texts(workspace) == ("To review (1)", "Merged (0)")
    assert workspace.stack.currentWidget() is workspace.merged_empty
    qtbot.keyClick(workspace.modes, Qt.Key.Key_Left)
    assert workspace.current_pair()["id"] == waiting["id"]

    workspace.context.undo_stack.undo()  # merged again: same papers, rule and merger
    assert get_paper(review, b)["merged_into"] == a
    first, again = dedup.merge_history(review)
    assert first["undone_at"] is not None and again["undone_at"] is None
    assert (again["rule"], again["merged_by"]) == (first["rule"], "auto")
    assert tab_texts(workspace) == ("To review (0)", "Merged (1)")
    workspace.context.undo_stack.redo()  # and unmerged again (the new merge)
    assert get_paper(review, b)["merged_into"] is None
    assert dedup.merge_history(review)[1]["undone_at"] is not None


def test_a_merge_made_in_the_queue_is_listed_by_whom(workspace, qtbot):
    review = workspace.review
    a = add_paper(review, **PAPER).id
    b = add_paper(review, **dict(PAPER, year=2016, venue=None, volume=None, issue=None,
                                 pages=None, doi=None)).id  # fmt: skip
    dedup.run(review)
    workspace._reload(keep_row=0)
    qtbot.keyClick(workspace.list, Qt.Key.Key_D)
    assert get_paper(review, b)["merged_into"] == a
    workspace.modes.setCurrentIndex(MERGED)
    who_line = workspace.merged_model.data(workspace.merged_model.index(0)).split("\n")[2]
    assert who_line.startswith("by tester · ")
    assert workspace.pair_view.reason.text().startswith("Why: merged by tester; detection had ")
    workspace.automatic_only.setChecked(True)  # the filter leaves it out
    assert workspace.merged_model.rowCount() == 0
    assert workspace.merged_empty.text().startswith("No automatic merges.")
    workspace.automatic_only.setChecked(False)
    assert workspace.merged_model.rowCount() == 1


def test_no_merges_yet_says_what_will_appear(workspace):
    workspace.modes.setCurrentIndex(MERGED)
    assert workspace.stack.currentWidget() is workspace.merged_empty
    text = workspace.merged_empty.text()
    assert text.startswith("No merges yet.") and "Unmerge (U)" in text
    assert workspace.automatic_only.isVisible() and not workspace.unmerge_button.isEnabled()


def test_large_history_reads_rows_only_when_shown(workspace, qtbot):
    review = workspace.review
    write_queue(review, 3000)
    pairs = dedup.candidate_queue(review)
    with review.atomic():  # what an automatic run at scale does
        merge_groups(review, [(p["paper_a"], [p["paper_b"]]) for p in pairs],
                     rule="automatic: same DOI", decided_by="auto")  # fmt: skip
    workspace._reload(keep_row=0)
    workspace.modes.setCurrentIndex(MERGED)
    model = workspace.merged_model
    assert model.rowCount() == 3000 and model.ids == dedup.merge_ids(review)
    qtbot.wait(50)  # the view paints its first rows
    assert model.is_fetched(0) and not model.is_fetched(1500)
    assert model.fetched_count() <= 2 * model.CHUNK
    assert model.data(model.index(1500), MERGE_ID_ROLE) == model.ids[1500]
    assert not model.is_fetched(1500)
    assert model.data(model.index(1500)).startswith("Trial ")
    assert model.is_fetched(1500) and model.fetched_count() <= 3 * model.CHUNK
    assert tab_texts(workspace) == ("To review (0)", "Merged (3000)")
