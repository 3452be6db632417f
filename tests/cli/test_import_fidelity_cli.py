"""`curator import --decisions`, `screen-import --add-reasons` and decision CSVs of any size
(issue 16 item 5) from the command line."""

from __future__ import annotations

import csv

from click.testing import CliRunner

from curator.cli import cli
from curator.core.review import Review
from curator.core.screening.decisions import current_decision, reasons
from tests.core.importers.test_fidelity import RAYYAN, ZOTERO, write


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_import_brings_decisions_along_as_a_named_reviewer(review_path, tmp_path):
    path = write(tmp_path, "rayyan.csv", RAYYAN)
    result = run(
        "import", review_path, path, "--search", "Rayyan", "--decisions", "title-abstract",
        "--reviewer", "Ann",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "rayyan.csv: csv from Rayyan" in result.output
    assert "decisions brought along (title/abstract): 1 exclude, 1 include" in result.output
    with Review.open(review_path) as review:
        first = review.db.execute("SELECT id FROM papers ORDER BY id").fetchone()[0]
        assert current_decision(review, first, "title_abstract", "Ann")["decision"] == "include"


def test_import_lists_the_columns_not_kept(review_path, tmp_path):
    result = run("import", review_path, write(tmp_path, "zotero.csv", ZOTERO), "--search", "Z")
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if "not kept as fields" in x)
    assert "Automatic Tags" in line and "Date Added" in line and "Abstract Note" not in line


def test_screen_import_adds_reasons_only_when_asked(review_path, tmp_path):
    path = write(tmp_path, "rayyan.csv", RAYYAN)
    assert run("import", review_path, path, "--search", "S").exit_code == 0
    decisions = tmp_path / "decisions.csv"
    decisions.write_text("id,decision,reason\n1,exclude,Animal study\n", encoding="utf-8")
    refused = run("screen-import", review_path, decisions, "--stage", "title-abstract")
    assert refused.exit_code != 0
    assert "'Animal study' is not an exclusion reason" in refused.output
    assert "--add-reasons adds it" in refused.output
    done = run(
        "screen-import", review_path, decisions, "--stage", "title-abstract", "--add-reasons"
    )
    assert done.exit_code == 0, done.output
    with Review.open(review_path) as review:
        labels = [r["label"] for r in reasons(review, "title_abstract")]
        assert labels[-1] == "Animal study"
        found = current_decision(review, 1, "title_abstract")
        assert found["decision"] == "exclude" and found["reason_id"] is not None


def test_screen_export_of_a_record_with_thousands_of_authors_imports_again(
    review_path, tmp_path, shared_fixtures
):
    default = csv.field_size_limit(131072)  # the csv module's default, whatever ran before
    try:
        _round_trip_many_authors(review_path, tmp_path, shared_fixtures)
    finally:
        csv.field_size_limit(default)


def _round_trip_many_authors(review_path, tmp_path, shared_fixtures):
    many = shared_fixtures / "formats/asreview_demo/ris_many_authors.ris"
    assert run("import", review_path, many, "--search", "S").exit_code == 0
    out = tmp_path / "ta.csv"
    assert (
        run("screen-export", review_path, "--stage", "title-abstract", "--out", out).exit_code == 0
    )
    csv.field_size_limit(1 << 30)  # to read it here
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    csv.field_size_limit(131072)
    assert len(rows[0]["authors"]) > 131072  # longer than the csv module's default limit
    rows[0]["decision"] = "include"
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = run("screen-import", review_path, out, "--stage", "title-abstract")
    assert result.exit_code == 0, result.output
    assert "recorded 1 decisions" in result.output
