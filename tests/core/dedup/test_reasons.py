"""Why a pair was merged or queued: the reason kept in the merge history, shown with the pair,
written by `curator dedup --merges`; merge and unmerge round trips keep the history whole."""

from __future__ import annotations

import csv

from click.testing import CliRunner

from curator.cli import cli
from curator.core import dedup
from curator.core.dedup.compare import reason
from curator.core.papers import add_paper, get_paper
from curator.core.review import Review

PAPER = dict(title="Eculizumab in atypical haemolytic uraemic syndrome: a two-year follow-up",
             authors=["Licht, Christoph", "Greenbaum, Larry A."], year=2015,
             venue="Kidney International", volume="87", issue="5", pages="1061-1073")  # fmt: skip


def test_reason_names_the_rule_and_the_fields_that_agreed_and_differed():
    text = reason("title + authors", {"title": 1.0, "authors": 0.8, "issue": 0.0, "doi": None})
    assert text == "title + authors; agreed: title; partly: authors; differed: issue"


def test_an_automatic_merge_keeps_its_reason_in_the_history(review):
    a = add_paper(review, **PAPER).id
    b = add_paper(review, **dict(PAPER, venue="Kidney Int", issue="6")).id
    assert dedup.run(review).merged == 1
    (merge,) = dedup.merge_history(review)
    assert (merge["kept_id"], merge["dropped_id"]) == (a, b)
    assert merge["rule"].startswith("automatic: ")
    assert "agreed: " in merge["rule"] and "title" in merge["rule"].split("agreed: ")[1]
    assert "differed: issue" in merge["rule"]
    assert merge["undone_at"] is None
    pair = dedup.pair_details(review, merge["pair_id"])
    assert "differed: issue" in pair["reason"]


def test_unmerge_after_an_automatic_merge_round_trips(review):
    a = add_paper(review, **PAPER).id
    b = add_paper(review, **dict(PAPER, title=PAPER["title"].upper(), pages="1061-73")).id
    dedup.run(review)
    assert get_paper(review, b)["merged_into"] == a
    dedup.unmerge(review, b)
    assert get_paper(review, b)["merged_into"] is None
    (merge,) = dedup.merge_history(review)
    assert merge["undone_at"] is not None
    dedup.merge(review, a, b)
    assert get_paper(review, b)["merged_into"] == a
    assert [m["rule"] or "manual" for m in dedup.merge_history(review)][1] == "manual"


def test_cli_writes_the_merge_history(review_path, tmp_path):
    with Review.open(review_path) as review:
        add_paper(review, **PAPER)
        add_paper(review, **dict(PAPER, venue="Kidney Int"))
    out = tmp_path / "merges.csv"
    result = CliRunner().invoke(cli, ["dedup", str(review_path), "--merges", str(out)])
    assert result.exit_code == 0, result.output
    (row,) = list(csv.DictReader(out.open(encoding="utf-8")))
    assert row["rule"].startswith("automatic: ") and "agreed: " in row["rule"]
