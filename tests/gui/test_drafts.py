"""Unsaved edits survive quitting, closing and switching reviews: Save / Discard / Cancel."""

from __future__ import annotations

import pytest

from curator.core.curation import claims, questions
from curator.core.review import Review
from curator.gui import dialogs
from curator.gui.actions import ActionKey
from curator.gui.curation import ClaimsWorkspace
from curator.gui.mainwindow import MainWindow
from tests.gui.conftest import add_samples


@pytest.fixture
def claim_path(review_path):
    """A review with one claim linked to its included paper."""
    with Review.open(review_path) as review:
        ids = add_samples(review)
        claims.add_claim(review, "Therapy changes the brain", "Strong", [ids[0]])
    return review_path


@pytest.fixture
def window(qtbot, claim_path):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    assert win.open_path(claim_path)
    yield win
    win.context.set_review(None)


class Asked(list):
    """The Save / Discard / Cancel questions asked, answered with `answer`."""

    answer = "cancel"

    def __call__(self, parent, drafts, doing) -> str:
        self.append((list(drafts), doing))
        return self.answer


@pytest.fixture
def asked(monkeypatch) -> Asked:
    calls = Asked()
    monkeypatch.setattr(dialogs, "ask_save_drafts", calls)
    return calls


def _edit_claim(win: MainWindow, qtbot, text: str) -> ClaimsWorkspace:
    claims_ws = win.workspace(ClaimsWorkspace)
    win.show_workspace(win.workspaces.index(claims_ws))
    claims_ws.form.text.selectAll()
    qtbot.keyClicks(claims_ws.form.text, text)
    assert claims_ws.form.status.text() == "Unsaved changes (Ctrl+S saves)"
    return claims_ws


def _claim_text(path) -> str:
    with Review.open(path) as review:
        return claims.claims(review)[0]["text"]


def test_quit_with_an_unsaved_claim_and_cancel_keeps_everything_open(window, qtbot, asked):
    claims_ws = _edit_claim(window, qtbot, "Therapy reshapes the amygdala")
    asked.answer = "cancel"
    window.actions[ActionKey.QUIT].trigger()  # Ctrl+Q
    assert asked == [(["claim 1"], "quitting")]
    assert window.isVisible() and window.context.review is not None
    assert claims_ws.form.text.toPlainText() == "Therapy reshapes the amygdala"
    assert claims_ws.form.dirty


def test_quit_and_save_writes_the_claim_before_closing(window, qtbot, asked, claim_path):
    _edit_claim(window, qtbot, "Therapy reshapes the amygdala")
    asked.answer = "save"
    window.actions[ActionKey.QUIT].trigger()
    assert len(asked) == 1
    assert not window.isVisible() and window.context.review is None
    assert _claim_text(claim_path) == "Therapy reshapes the amygdala"


def test_close_review_and_discard_drops_the_edit(window, qtbot, asked, claim_path):
    _edit_claim(window, qtbot, "Therapy reshapes the amygdala")
    asked.answer = "discard"
    window.actions[ActionKey.CLOSE].trigger()
    assert asked[0][1] == "closing the review"
    assert window.context.review is None
    assert _claim_text(claim_path) == "Therapy changes the brain"


def test_switching_review_asks_and_a_refused_save_keeps_the_review(
    window, qtbot, asked, claim_path, tmp_path
):
    claims_ws = _edit_claim(window, qtbot, "   ")  # a claim needs its text: cannot be saved
    other = tmp_path / "other.curator"
    Review.create(other).close()
    asked.answer = "save"
    assert not window.open_path(other)
    assert asked[0][1] == "opening another review"
    assert window.context.review.path == claim_path
    assert window.stack.currentWidget() is claims_ws  # the reason is on screen
    assert claims_ws.form.text_error.text()
    asked.answer = "discard"
    assert window.open_path(other)
    assert window.context.review.path == other
    assert _claim_text(claim_path) == "Therapy changes the brain"


def test_no_draft_no_question(window, asked):
    window.actions[ActionKey.CLOSE].trigger()
    assert asked == [] and window.context.review is None


def test_an_unsaved_open_question_and_gap_notes_are_drafts_too(window, qtbot, asked, claim_path):
    claims_ws = window.workspace(ClaimsWorkspace)
    window.show_workspace(window.workspaces.index(claims_ws))
    claims_ws.tabs.setCurrentWidget(claims_ws.questions)
    qtbot.keyClicks(claims_ws.questions.question, "Does it last?")
    qtbot.keyClicks(claims_ws.questions.gaps, "No long follow-up.")
    asked.answer = "save"
    window.close()
    assert asked[0][0] == ["the open question being edited", "the research-gap notes"]
    with Review.open(claim_path) as review:
        assert [q["question"] for q in questions.questions(review)] == ["Does it last?"]
        assert questions.section(review, "research_gaps")["body"] == "No long follow-up."
