"""An early stop recorded with the stopping test reaches PRISMA: reconcile and both reports
say how many records were left unscreened and why, instead of "no decision yet"."""

from __future__ import annotations

from curator.core.flow.prisma import flow, reconcile
from curator.core.ranking import stopping
from curator.core.report.exports import report_markdown
from curator.core.report.html import report_html
from curator.core.screening.decisions import record_decision
from tests.ranking_corpus import build_review, corpus, first_labelled


def test_early_stop_in_reconcile_and_reports(review):
    rows = corpus(n_other=20)
    ids = build_review(review, rows, first_labelled(rows, 3, 10))
    undecided = len(ids) - 13
    assert (
        f"{undecided} paper(s) have no title/abstract decision yet" in reconcile(flow(review)).notes
    )

    left = [p for p in ids if p in stopping.unscreened_ids(review, "title_abstract")]
    stopping.draw_sample(review, "title_abstract", 5, seed=3)
    for paper_id in stopping.sample(review, "title_abstract")["paper_ids"]:
        record_decision(review, paper_id, "title_abstract", "exclude")
    stopping.record_stop(review, "title_abstract", "Stopping test passed; budget spent")
    problems = reconcile(flow(review)).notes
    sentence = next(p for p in problems if "stopped early" in p)
    assert f"{len(left) - 5} record(s) were left unscreened" in sentence
    assert "Reason: Stopping test passed; budget spent" in sentence
    assert "random sample of 5 with 0 relevant" in sentence
    assert not any("no title/abstract decision yet" in p for p in problems)

    markdown = report_markdown(review)
    assert f"{len(left) - 5} record(s) were left unscreened" in markdown
    assert "budget spent" in markdown
    html = report_html(review)
    assert f"{len(left) - 5} record(s) were left unscreened" in html

    # One more decision after the stop: the live count is reported, with the count at the stop.
    record_decision(
        review, stopping.unscreened_ids(review, "title_abstract")[0], "title_abstract", "exclude"
    )
    sentence = next(p for p in reconcile(flow(review)).notes if "stopped early" in p)
    assert f"{len(left) - 6} record(s) were left unscreened ({len(left) - 5} when" in sentence

    stopping.set_stop(review, "title_abstract", None)  # undoing the stop restores the warning
    assert any("no title/abstract decision yet" in p for p in reconcile(flow(review)).notes)
