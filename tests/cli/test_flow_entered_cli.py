"""`curator flow --set/--clear/--note`: counts entered by hand from the command line."""

from __future__ import annotations

from click.testing import CliRunner

from curator.cli import cli
from curator.core.flow.entered import entered_counts
from curator.core.review import Review


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_set_show_and_clear(review_path):
    result = run(
        "flow", str(review_path), "--set", "database_results=1027", "--note", "Before 2020"
    )
    assert result.exit_code == 0, result.output
    assert "database_results: 1027 entered by hand" in result.output
    shown = run("flow", str(review_path))
    assert "database_results: 1027  (entered by hand)" in shown.output
    assert "records_screened: 0\n" in shown.output
    assert "note: Before 2020" in shown.output
    cleared = run("flow", str(review_path), "--clear", "database_results")
    assert cleared.exit_code == 0 and "database_results: counted from the data" in cleared.output
    with Review.open(review_path) as review:
        assert entered_counts(review) == {}


def test_bad_box_or_count_is_one_line_and_changes_nothing(review_path):
    for bad in ("new_studies=3", "records_screened=-2", "records_screened"):
        result = run("flow", str(review_path), "--set", "dbr_assessed=5", "--set", bad)
        assert result.exit_code == 1
        assert len(result.output.strip().splitlines()) == 1 and "curator: error:" in result.output
    with Review.open(review_path) as review:
        assert entered_counts(review) == {}
