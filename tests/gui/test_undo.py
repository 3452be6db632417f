"""The one undo layer (curator.gui.undo): push runs the edit once, undo and redo put it back,
a refused edit leaves no entry; one edit from each pane that once had its own command style."""

from __future__ import annotations

import pytest

from curator.core import dedup
from curator.core.curation import questions
from curator.core.errors import CuratorError
from curator.core.papers import add_paper, get_paper
from curator.core.ranking import stopping
from curator.core.screening.decisions import Decision, current_decision, record_decision
from curator.gui.context import AppContext
from curator.gui.curation import edits as curation_edits
from curator.gui.dedup import edits as dedup_edits
from curator.gui.ranking import edits as ranking_edits
from curator.gui.screening import edits as screening_edits
from curator.gui.undo import run

TITLE = "Guided internet-based treatment of depression in primary care: a randomised trial"


@pytest.fixture
def context(qtbot, review):
    ctx = AppContext()
    ctx.set_review(review)
    changed = []
    ctx.changed.connect(changed.append)
    ctx.seen = changed
    yield ctx
    ctx.review = None  # the review fixture closes the file


def test_push_runs_the_edit_exactly_once(context):
    calls = []

    def do(review):
        calls.append("do")
        return questions.add_question(review, "Does it last?")

    def undo(review):
        calls.append("undo")
        return questions.delete_question(review, questions.questions(review)[0]["id"])

    run(context, "Add", do, undo)
    assert calls == ["do"]  # push() ran redo(); nothing applied beforehand
    assert [q["question"] for q in questions.questions(context.review)] == ["Does it last?"]
    assert context.undo_stack.count() == 1 and context.seen
    context.undo_stack.undo()
    assert calls == ["do", "undo"] and questions.questions(context.review) == []


def test_a_refused_edit_raises_and_leaves_no_entry(context):
    def refuse(review):
        raise CuratorError("no such paper")

    with pytest.raises(CuratorError, match="no such paper"):
        run(context, "Refused", refuse, refuse)
    assert context.undo_stack.count() == 0


def test_an_undo_the_review_no_longer_allows_says_why_and_changes_nothing(context):
    said = []
    context.refused.connect(said.append)
    state = {"undoable": True}

    def do(review):
        return questions.add_question(review, "Does it last?")

    def undo(review):
        if not state["undoable"]:  # as when a detection run merged the paper away since
            raise CuratorError("paper 7 was already merged into paper 3")
        return questions.delete_question(review, questions.questions(review)[0]["id"])

    run(context, "Add question", do, undo)
    state["undoable"] = False
    context.undo_stack.undo()  # raised into Qt's event loop before
    assert said == ["Cannot undo “Add question”: paper 7 was already merged into paper 3"]
    assert [q["question"] for q in questions.questions(context.review)] == ["Does it last?"]
    assert context.undo_stack.count() == 0  # the command left the stack: no second try
    assert not context.undo_stack.canRedo()


def test_curation_edit_undo_redo(context):
    curation_edits.add_question(context, "Which dose?", "Nobody compared doses")
    (added,) = questions.questions(context.review)
    context.undo_stack.undo()
    assert questions.questions(context.review) == []
    context.undo_stack.redo()
    assert questions.questions(context.review)[0]["id"] == added["id"]  # the same row back


def test_screening_decision_undo_redo_and_the_pane_hook(context):
    review = context.review
    paper = add_paper(review, title="A trial").id
    record_decision(review, paper, "title_abstract", "maybe", reviewer="ana")
    applied = []
    screening_edits.push_decisions(
        context,
        [Decision(paper, "title_abstract", "include")],
        "ana",
        "Include record",
        applied=lambda ids, undone: applied.append((ids, undone)),
    )
    assert current_decision(review, paper, "title_abstract", "ana")["decision"] == "include"
    context.undo_stack.undo()
    assert current_decision(review, paper, "title_abstract", "ana")["decision"] == "maybe"
    context.undo_stack.redo()
    assert current_decision(review, paper, "title_abstract", "ana")["decision"] == "include"
    assert applied == [([paper], False), ([paper], True), ([paper], False)]
    sources = [r[0] for r in review.db.execute("SELECT source FROM decisions ORDER BY id")]
    assert sources[-3:] == ["gui", "undo", "redo"]  # append-only: every step kept


def test_a_refused_decision_is_not_pushed(context):
    paper = add_paper(context.review, title="A trial").id
    with pytest.raises(CuratorError):
        screening_edits.push_decisions(
            context, [Decision(paper, "title_abstract", "no-such-decision")], "ana", "Bad"
        )
    assert context.undo_stack.count() == 0


def test_dedup_merge_undo_redo(context):
    review = context.review
    a = add_paper(review, title=TITLE, year=2011).id
    b = add_paper(review, title=TITLE.upper(), year=2011, doi="10.1136/bmj.d1234").id
    dedup_edits.merge(context, a, b, {"doi": b})
    assert get_paper(review, b)["merged_into"] == a
    assert get_paper(review, a)["doi"] == "10.1136/bmj.d1234"
    context.undo_stack.undo()
    assert get_paper(review, b)["merged_into"] is None
    context.undo_stack.redo()
    assert get_paper(review, b)["merged_into"] == a
    # Merging it again is refused by the core: an error, and no second entry.
    with pytest.raises(CuratorError, match="already merged"):
        dedup_edits.merge(context, a, b, {})
    assert context.undo_stack.count() == 1
    assert dedup.duplicates_removed(review) == 1


def test_stopping_sample_undo_redo_repeats_the_same_draw(context):
    review = context.review
    for i in range(20):
        add_paper(review, title=f"Paper {i}")
    ranking_edits.draw_sample(context, "title_abstract", 5, seed=7)
    drawn = stopping.sample(review, "title_abstract")
    assert len(drawn["paper_ids"]) == 5
    context.undo_stack.undo()
    assert stopping.sample(review, "title_abstract") is None
    context.undo_stack.redo()
    assert stopping.sample(review, "title_abstract")["paper_ids"] == drawn["paper_ids"]
