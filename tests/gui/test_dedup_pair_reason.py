"""The pair view says why a pair was merged or queued: its rule and the fields that agreed and
differed, as plain text."""

from __future__ import annotations

from curator.core import dedup
from curator.core.papers import add_paper
from curator.gui.dedup.pair_view import PairView

PAPER = dict(title="Eculizumab in atypical haemolytic uraemic syndrome: <i>two-year</i> results",
             authors=["Licht, Christoph"], year=2015, venue="Kidney International",
             volume="87", issue="5", pages="1061-1073")  # fmt: skip


def test_pair_view_shows_an_automatic_merges_reason(qtbot, review):
    add_paper(review, **PAPER)
    add_paper(review, **dict(PAPER, venue="Kidney Int", issue="6"))
    dedup.run(review)
    (merge,) = dedup.merge_history(review)
    view = PairView()
    qtbot.addWidget(view)
    view.show_pair(dedup.pair_details(review, merge["pair_id"]))
    text = view.reason.text()
    assert text.startswith("Why: ") and "agreed: " in text and "differed: issue" in text
    view.show_pair(None)
    assert view.reason.text() == ""


def test_pair_view_shows_a_queued_pairs_reason(qtbot, review):
    add_paper(review, **PAPER)
    add_paper(review, **dict(PAPER, year=2016, venue=None, volume=None, issue=None, pages=None))
    dedup.run(review)
    (queued,) = dedup.candidate_queue(review)
    view = PairView()
    qtbot.addWidget(view)
    view.show_pair(dedup.pair_details(review, queued["id"]))
    assert view.reason.text().startswith(f"Why: {queued['rule']}")
