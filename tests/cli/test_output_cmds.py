"""`curator demo`, `curator tables` and `curator report` through click, on real files."""

from __future__ import annotations

import csv

from click.testing import CliRunner

from curator.cli import cli
from curator.cli.output_cmds import COMMANDS


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_every_command_and_option_has_help():
    for command in COMMANDS:
        assert command.help, command.name
        for param in command.params:
            if param.param_type_name == "option":
                assert param.help, f"{command.name} {param.name}"


def test_demo_then_tables_then_report(tmp_path):
    review = tmp_path / "d.curator"
    result = run("demo", str(review))
    assert result.exit_code == 0 and review.is_file()
    result = run("tables", str(review), "--out", str(tmp_path / "t"))
    assert result.exit_code == 0, result.output
    # The demo has no imported records, and the command says so (on stderr).
    assert "curator: note: PRISMA counts: 34 paper(s) were not imported" in result.stderr
    assert "note" not in result.stdout
    names = sorted(p.name for p in (tmp_path / "t").iterdir())
    assert names == sorted(
        f"{n}.csv"
        for n in (
            "prisma_flow",
            "key_papers",
            "top_contributors",
            "claims_evidence",
            "evidence_profile",
            "research_gaps_matrix",
            "open_questions",
            "references",
        )
    )
    with (tmp_path / "t" / "key_papers.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Paper", "Methodology", "Population/Context", "Key Results"]
    assert rows[1][0] == "(Månsson et al., 2016)"
    assert (
        run("tables", str(review), "--out", str(tmp_path / "x"), "--format", "xlsx").exit_code == 0
    )
    assert (tmp_path / "x" / "tables.xlsx").is_file()
    assert run("tables", str(review), "--out", str(tmp_path / "m"), "--format", "md").exit_code == 0
    assert (
        (tmp_path / "m" / "claims_evidence.md")
        .read_text(encoding="utf-8")
        .startswith("### Claims and Evidence")
    )
    result = run("report", str(review), "--out", str(tmp_path / "review.md"))
    assert result.exit_code == 0
    text = (tmp_path / "review.md").read_text(encoding="utf-8")
    assert text.startswith("# Experience-Dependent Neuroplasticity")
    assert "## References" in text and "### Research Gaps Matrix" in text


def test_user_errors_are_one_line(tmp_path):
    review = tmp_path / "d.curator"
    review.write_text("not a review")
    result = run("demo", str(review))
    assert result.exit_code == 1
    assert result.output.strip() == f"curator: error: {review}: already exists; choose another name"
    result = run("tables", str(tmp_path / "missing.curator"), "--out", str(tmp_path))
    assert result.exit_code == 1 and "no such file" in result.output
    assert "Traceback" not in result.output
