"""`curator import`, `curator export` and `curator searches` from the command line."""

from __future__ import annotations

import csv
import hashlib
import json

from click.testing import CliRunner

from curator.cli import cli
from curator.cli.import_cmds import COMMANDS

RIS = "TY  - JOUR\nTI  - A title\nAU  - Doe, J.\nPY  - 2020\nID  - x1\nER  - \nTY  - JOUR\nTI  - B title\nER  - \nTY  - JOUR\nPY  - 20xx\nTI  - C\nER  - \n"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_every_command_and_option_has_help():
    for command in COMMANDS:
        assert command.help
        for param in command.params:
            if param.param_type_name == "option":
                assert param.help, f"{command.name} {param.name}"


def test_import_prints_the_report_and_export_writes_csv(review_path, tmp_path):
    path = tmp_path / "a.ris"
    path.write_text(RIS, encoding="utf-8")
    result = run(
        "import",
        review_path,
        path,
        "--search",
        "Scopus",
        "--database",
        "Scopus",
        "--query",
        "x AND y",
        "--date",
        "2024-01-02",
        "--hits",
        "3",
    )
    assert result.exit_code == 0, result.output
    assert "a.ris: ris (utf-8), 3 read, 3 imported, 1 warnings, 0 skipped" in result.output
    assert "warning, record 3: year '20xx' is not a year" in result.output
    result = run("searches", review_path)
    assert "Scopus: Scopus, 1 files, 3 records" in result.output
    out = tmp_path / "out.csv"
    result = run("export", review_path, "--what", "records", "--format", "csv", "--out", out)
    assert result.exit_code == 0 and "wrote 3 records" in result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["source_id"] for r in rows] == ["x1", "", ""] and rows[0]["paper_id"]


def test_import_json_report_and_mapping(review_path, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text('Name,Who\nOdd,"Roe, R."\n', encoding="utf-8")
    result = run(
        "import",
        review_path,
        path,
        "--search",
        "S",
        "--mapping",
        '{"Name": "title", "Who": "authors"}',
        "--json",
    )
    assert result.exit_code == 0, result.output
    (report,) = json.loads(result.output)
    assert (report["format"], report["imported"]) == ("csv", 1)


def test_bad_file_is_one_clear_line_and_changes_nothing(review_path, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("[{]", encoding="utf-8")
    before = hashlib.sha256(review_path.read_bytes()).hexdigest()
    result = CliRunner().invoke(cli, ["import", str(review_path), str(bad), "--search", "S"])
    assert result.exit_code == 1
    assert result.output.strip().startswith("curator: error: ") and "bad.json" in result.output
    assert "Traceback" not in result.output
    assert hashlib.sha256(review_path.read_bytes()).hexdigest() == before


def test_duplicate_file_refused_then_forced(review_path, tmp_path):
    path = tmp_path / "a.ris"
    path.write_text(RIS, encoding="utf-8")
    assert run("import", review_path, path, "--search", "S").exit_code == 0
    result = CliRunner().invoke(cli, ["import", str(review_path), str(path), "--search", "S"])
    assert result.exit_code == 1 and "already imported" in result.output
    assert run("import", review_path, path, "--search", "S", "--force").exit_code == 0


def test_search_kind_on_import_and_set_later(review_path, tmp_path):
    path = tmp_path / "a.ris"
    path.write_text(RIS, encoding="utf-8")
    result = run("import", review_path, path, "--search", "Snowball", "--search-kind", "citation")
    assert result.exit_code == 0, result.output
    assert (
        "Snowball [citation searching]: -, 1 files, 3 records"
        in run("searches", review_path).output
    )
    result = run("searches", review_path, "--set-kind", "Snowball", "register")
    assert "Snowball [register]:" in result.output
    result = CliRunner().invoke(cli, ["searches", str(review_path), "--set-kind", "Nope", "web"])
    assert result.exit_code != 0 and "no search named 'Nope'" in result.output


def test_export_papers_at_a_stage_as_asreview(review_path, tmp_path):
    path = tmp_path / "a.ris"
    path.write_text(RIS, encoding="utf-8")
    run("import", review_path, path, "--search", "S")
    out = tmp_path / "labels.csv"
    result = run("export", review_path, "--what", "papers", "--stage", "title_abstract",
                 "--format", "asreview", "--out", out)  # fmt: skip
    assert result.exit_code == 0 and "wrote 3 papers" in result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["label_included"] for r in rows] == ["", "", ""] and rows[0]["title"] == "A title"
