"""The Curation workspace: tagging by click and shortcut, bulk tagging, key papers, notes, undo."""

from __future__ import annotations

from PySide6.QtCore import Qt

from curator.core.curation import facets
from curator.core.papers import get_paper
from curator.gui.curation import CurationWorkspace
from curator.gui.curation.paper_pane import term_shortcuts
from tests.gui.curation.conftest import press, shot, show, type_into


def _workspace(qtbot, context):
    return show(qtbot, CurationWorkspace(context))


def _term(context, facet, name):
    return facets.term_id(context.review, facets.facet_id(context.review, facet), name)


def test_lists_included_papers_and_shows_the_first(qtbot, context):
    ws = _workspace(qtbot, context)
    assert ws.model.rowCount() == 6
    assert ws.pane.paper_ids == [ws.model.ids[0]]
    assert ws.pane.title.text() == get_paper(context.review, ws.model.ids[0])["title"]
    assert ws.pane.title.textFormat() == Qt.TextFormat.PlainText
    assert ws.count.text() == "6 included papers"
    shot(ws, "curation_tagging")


def test_click_a_term_box_tags_then_undo(qtbot, context):
    ws = _workspace(qtbot, context)
    paper = context.paper_ids[3]  # Beauregard: Review only
    ws.select_papers([paper])
    rct = _term(context, "Methodology", "RCT")
    qtbot.mouseClick(ws.pane.boxes[rct], Qt.MouseButton.LeftButton)
    assert facets.tagged_with(context.review, [paper], rct) == {paper}
    assert ws.pane.boxes[rct].checkState() == Qt.CheckState.Checked
    qtbot.mouseClick(ws.pane.boxes[rct], Qt.MouseButton.LeftButton)
    assert facets.tagged_with(context.review, [paper], rct) == set()
    context.undo_stack.undo()
    assert facets.tagged_with(context.review, [paper], rct) == {paper}
    assert ws.pane.boxes[rct].checkState() == Qt.CheckState.Checked
    assert [row["action"] for row in context.review.audit_log("paper_terms")][-3:] == [
        "tag",
        "untag",
        "tag",
    ]


def test_term_shortcut_toggles_on_the_selection(qtbot, context):
    ws = _workspace(qtbot, context)
    keys = term_shortcuts(context.review)
    imaging = _term(context, "Methodology", "Neuroimaging")
    assert keys[imaging] == "Alt+1"  # the most used term gets the first key
    paper = context.paper_ids[5]
    ws.select_papers([paper])
    press(ws.table, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert facets.tagged_with(context.review, [paper], imaging) == {paper}
    assert "(Alt+1)" in ws.pane.boxes[imaging].text()


def test_own_shortcut_wins(qtbot, context):
    rct = _term(context, "Methodology", "RCT")
    facets.update_term(context.review, rct, shortcut="Alt+R")
    ws = _workspace(qtbot, context)
    paper = context.paper_ids[3]
    ws.select_papers([paper])
    press(ws.pane.key_result, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert facets.tagged_with(context.review, [paper], rct) == {paper}


def test_bulk_tagging_a_selection_is_one_undo_step(qtbot, context):
    ws = _workspace(qtbot, context)
    ids = context.paper_ids
    imaging = _term(context, "Methodology", "Neuroimaging")  # on ids[0], ids[1]
    ws.select_papers([ids[0], ids[2], ids[3]])
    assert ws.pane.boxes[imaging].checkState() == Qt.CheckState.PartiallyChecked
    shot(ws, "curation_bulk")
    steps = context.undo_stack.count()
    qtbot.mouseClick(ws.pane.boxes[imaging], Qt.MouseButton.LeftButton)
    assert facets.tagged_with(context.review, ids, imaging) == {ids[0], ids[1], ids[2], ids[3]}
    assert context.undo_stack.count() == steps + 1
    context.undo_stack.undo()
    # Undo untags only the two it tagged: ids[0] keeps the tag it had before.
    assert facets.tagged_with(context.review, ids, imaging) == {ids[0], ids[1]}
    ws.select_papers([ids[0], ids[1]])
    qtbot.mouseClick(ws.pane.boxes[imaging], Qt.MouseButton.LeftButton)
    assert facets.tagged_with(context.review, ids, imaging) == set()


def test_key_flag_and_key_result_from_the_keyboard(qtbot, context):
    ws = _workspace(qtbot, context)
    paper = context.paper_ids[0]
    ws.select_papers([paper])
    press(ws.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert get_paper(context.review, paper)["is_key"] == 1
    type_into(qtbot, ws.pane.key_result, "CBT reduces amygdala volume", enter=True)
    assert get_paper(context.review, paper)["key_result"] == "CBT reduces amygdala volume"
    assert ws.model.data(ws.model.index(ws.model.row_of(paper), 0)) == "★"
    context.undo_stack.undo()
    assert get_paper(context.review, paper)["key_result"] is None
    assert ws.pane.key_result.text() == ""
    context.undo_stack.undo()
    assert get_paper(context.review, paper)["is_key"] == 0
    context.undo_stack.redo()
    assert get_paper(context.review, paper)["is_key"] == 1
    assert context.review.audit_log("papers", paper)[-1]["action"] == "update"


def test_notes_are_saved_when_leaving_the_paper(qtbot, context):
    ws = _workspace(qtbot, context)
    first, second = ws.model.ids[0], ws.model.ids[1]
    ws.select_papers([first])
    type_into(qtbot, ws.pane.notes, "Check the follow-up data")
    ws.select_papers([second])
    assert get_paper(context.review, first)["notes"] == "Check the follow-up data"
    ws.select_papers([first])
    assert ws.pane.notes.toPlainText() == "Check the follow-up data"
    ws.pane.notes.selectAll()
    type_into(qtbot, ws.pane.notes, "Done")
    qtbot.keyClick(ws.pane.notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert get_paper(context.review, first)["notes"] == "Done"


def test_new_term_while_tagging_tags_the_paper_in_one_step(qtbot, context):
    ws = _workspace(qtbot, context)
    paper = context.paper_ids[4]
    ws.select_papers([paper])
    topic = facets.facet_id(context.review, "Topic")
    type_into(qtbot, ws.pane.new_term_edits[topic], "Depression", enter=True)
    term = _term(context, "Topic", "Depression")
    assert facets.tagged_with(context.review, [paper], term) == {paper}
    assert ws.pane.boxes[term].checkState() == Qt.CheckState.Checked
    context.undo_stack.undo()
    assert _term(context, "Topic", "Depression") is None


def test_untagged_filter_follows_tagging(qtbot, context):
    ws = _workspace(qtbot, context)
    ws.filter.setCurrentIndex(ws.filter.findData("untagged"))
    untagged = context.paper_ids[4]
    assert ws.model.ids == [untagged]
    assert ws.pane.paper_ids == [untagged]
    press(ws.table, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert ws.model.ids == []
    assert ws.count.text() == "No untagged included papers"
    context.undo_stack.undo()
    assert ws.model.ids == [untagged]


def test_vocabulary_edits_reach_the_tagging_pane(qtbot, context):
    ws = _workspace(qtbot, context)
    ws.tabs.setCurrentIndex(1)
    ws.vocabulary.select_facet(facets.facet_id(context.review, "Topic"))
    type_into(qtbot, ws.vocabulary.new_term, "Social mechanisms", enter=True)
    term = _term(context, "Topic", "Social mechanisms")
    assert term in ws.pane.boxes
    context.undo_stack.undo()
    assert term not in ws.pane.boxes


def test_search_and_move_with_ctrl_arrows(qtbot, context):
    ws = _workspace(qtbot, context)
    press(ws.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert ws.search.hasFocus()
    qtbot.keyClicks(ws.search, "depression")
    assert len(ws.model.ids) == 3
    ws.search.clear()
    ws.select_papers([ws.model.ids[0]])
    press(ws.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert ws.pane.paper_ids == [ws.model.ids[1]]


def test_changes_are_broadcast(qtbot, context):
    ws = _workspace(qtbot, context)
    with qtbot.waitSignal(context.changed) as blocker:
        qtbot.mouseClick(
            ws.pane.boxes[_term(context, "Methodology", "RCT")], Qt.MouseButton.LeftButton
        )
    assert blocker.args[0].tags


def test_notes_edit_is_undoable(qtbot, context):
    ws = _workspace(qtbot, context)
    paper = ws.model.ids[0]
    type_into(qtbot, ws.pane.notes, "Small sample")
    qtbot.keyClick(ws.pane.notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert get_paper(context.review, paper)["notes"] == "Small sample"
    assert context.undo_stack.undoText() == "Edit notes"
    context.undo_stack.undo()
    assert get_paper(context.review, paper)["notes"] is None
    assert ws.pane.notes.toPlainText() == ""


def test_a_long_citation_keeps_its_year_when_elided(qtbot, context):
    """The Paper column is narrow: a citation that does not fit loses its middle, not its year."""
    from PySide6.QtWidgets import QStyleOptionViewItem

    ws = _workspace(qtbot, context)
    model, table = ws.model, ws.table
    row = 0
    index = model.index(row, 1)
    full = model.data(index)
    table.horizontalHeader().resizeSection(1, table.fontMetrics().horizontalAdvance(full) * 3 // 4)
    option = QStyleOptionViewItem()
    table.initViewItemOption(option)  # as the view paints: its elide mode, then the delegate's
    option.rect = table.visualRect(index)
    delegate = table.itemDelegateForIndex(index)
    delegate.initStyleOption(option, index)
    shown = option.fontMetrics.elidedText(full, option.textElideMode, option.rect.width())
    assert shown != full and "…" in shown
    assert shown.endswith(full[-4:]), shown  # the year
    shot(ws, "curation-citation-elided")


def test_a_result_on_a_paper_not_flagged_key_says_it_is_in_no_table(qtbot, context):
    """The Key Papers table lists key papers only: a result typed for another paper is kept,
    and the pane says it will not show until the paper is flagged."""
    ws = _workspace(qtbot, context)
    paper = next(p for p in context.paper_ids if not get_paper(context.review, p)["is_key"])
    ws.select_papers([paper])
    assert not ws.pane.key_hint.isVisible()
    type_into(qtbot, ws.pane.key_result, "CBT reduces amygdala volume", enter=True)
    assert get_paper(context.review, paper)["key_result"] == "CBT reduces amygdala volume"
    assert ws.pane.key_hint.isVisible()
    assert "Ctrl+K" in ws.pane.key_hint.text()
    press(ws.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert get_paper(context.review, paper)["is_key"] == 1
    assert not ws.pane.key_hint.isVisible()


def tab_order(start) -> list:
    """The widgets Tab visits from `start` (those taking focus by Tab), in order, once round."""
    seen, visited, widget = [], set(), start.nextInFocusChain()
    while widget is not start and id(widget) not in visited:
        visited.add(id(widget))
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(start.window()):
            seen.append(widget)
        widget = widget.nextInFocusChain()
    return seen


def test_tab_goes_down_the_paper_pane_as_it_reads(qtbot, context):
    """Key result, then every facet's terms and its new-term box, then the notes at the
    bottom (the notes came straight after the key result, before all the terms)."""
    ws = _workspace(qtbot, context)
    pane = ws.pane
    order = tab_order(pane.key_result)
    at = order.index
    boxes = list(pane.boxes.values())
    edits = list(pane.new_term_edits.values())
    assert at(boxes[0]) < at(edits[0]) < at(edits[-1]) < at(pane.notes)
    assert all(at(box) < at(pane.notes) for box in boxes)
    # a vocabulary change rebuilds the boxes: the order is kept
    pane.rebuild_terms()
    qtbot.wait(10)  # the new boxes are shown by their layout
    order = tab_order(pane.key_result)
    assert all(order.index(b) < order.index(pane.notes) for b in pane.boxes.values())


def test_no_empty_abstract_box_when_no_paper_is_selected(qtbot, context):
    paper = context.paper_ids[0]
    with context.review.db.atomic():
        context.review.db.execute(
            "UPDATE papers SET abstract = 'Amygdala volume fell.' WHERE id = ?", (paper,)
        )
    ws = _workspace(qtbot, context)
    ws.select_papers([paper])
    assert ws.pane.abstract.isVisible()
    ws.select_papers([])
    assert ws.pane.title.text() == "Select an included paper to curate it"
    assert not ws.pane.abstract.isVisible()
