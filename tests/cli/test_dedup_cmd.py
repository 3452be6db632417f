"""`curator dedup` on a real review file: merges, the pairs CSV, --auto-only, errors."""

from __future__ import annotations

import csv

from click.testing import CliRunner

from curator.cli import cli
from curator.core.papers import add_paper
from curator.core.review import Review

TITLE = "Smartphone-delivered self-help for panic disorder: randomised controlled trial"


def fill(path):
    with Review.open(path) as review:
        add_paper(review, title=TITLE, authors=["Ly, K. H."], year=2014, venue="BMJ Open")
        add_paper(review, title=TITLE.lower(), authors=["Ly KH"], year=2014, venue="BMJ open")
        add_paper(review, title=TITLE, authors=["Ly, K. H."], year=2015)  # uncertain: queued


def test_dedup_merges_and_writes_pairs_csv(review_path, tmp_path):
    fill(review_path)
    out = tmp_path / "pairs.csv"
    result = CliRunner().invoke(cli, ["dedup", str(review_path), "--pairs", str(out)])
    assert result.exit_code == 0, result.output
    assert (
        "merged 1" in result.output and "duplicates removed in total (PRISMA): 1" in result.output
    )
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {r["status"] for r in rows} == {"duplicate", "candidate"}
    merged = next(r for r in rows if r["status"] == "duplicate")
    assert merged["rule"] == "title + authors" and float(merged["title_score"]) == 1.0


def test_auto_only_queues_nothing(review_path):
    fill(review_path)
    result = CliRunner().invoke(cli, ["dedup", str(review_path), "--auto-only"])
    assert result.exit_code == 0, result.output
    assert "queued 0" in result.output
    with Review.open(review_path) as review:
        statuses = [r[0] for r in review.db.execute("SELECT status FROM duplicate_pairs")]
    assert statuses == ["duplicate"]


def test_dedup_help_and_missing_file(tmp_path):
    runner = CliRunner()
    help_text = runner.invoke(cli, ["dedup", "--help"]).output
    assert "--auto-only" in help_text and "--pairs" in help_text and "Find duplicate" in help_text
    result = runner.invoke(cli, ["dedup", str(tmp_path / "none.curator")])
    assert result.exit_code == 1 and "no such file" in result.output


def test_pairs_csv_neutralises_formula_titles(review_path, tmp_path):
    hostile = '=HYPERLINK("x") ' + TITLE
    with Review.open(review_path) as review:
        add_paper(review, title=hostile, authors=["Ly, K. H."], year=2014, venue="BMJ Open")
        add_paper(review, title=hostile, authors=["Ly, K. H."], year=2015)
    out = tmp_path / "pairs.csv"
    result = CliRunner().invoke(cli, ["dedup", str(review_path), "--pairs", str(out)])
    assert result.exit_code == 0, result.output
    (row,) = list(csv.DictReader(out.open(encoding="utf-8")))
    assert row["title_a"] == "'" + hostile and row["title_b"] == "'" + hostile
