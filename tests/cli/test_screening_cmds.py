"""The screening commands on real review files: CSV in and out, packets, agreement, top-N."""

from __future__ import annotations

import csv

from click.testing import CliRunner

from curator.cli import cli
from curator.cli.screening_cmds import COMMANDS
from curator.core.review import Review
from curator.core.screening.decisions import current_decision, record_decision
from tests.screening_data import add_papers


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_every_screening_command_has_help():
    import click

    for command in COMMANDS:
        assert command.help
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{command.name} {param.name}"


def test_screen_export_and_import(review_path, tmp_path):
    with Review.open(review_path) as review:
        ids = add_papers(review)
    out = tmp_path / "ta.csv"
    result = run("screen-export", review_path, "--stage", "title-abstract", "--out", out)
    assert result.exit_code == 0, result.output
    assert "wrote 5 records" in result.output
    rows = list(csv.DictReader(open(out, encoding="utf-8")))
    rows[0]["decision"], rows[0]["reviewer"] = "include", "ana"
    rows[1]["decision"], rows[1]["reason"] = "exclude", "Off topic"
    with open(out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = run(
        "screen-import", review_path, out, "--stage", "title-abstract", "--reviewer", "bob"
    )
    assert result.exit_code == 0, result.output
    assert "recorded 2 decisions" in result.output and "3 blank rows skipped" in result.output
    with Review.open(review_path) as review:
        assert current_decision(review, ids[0], "title_abstract", "ana")["decision"] == "include"
        assert current_decision(review, ids[1], "title_abstract", "bob")["source"] == "csv:ta.csv"


def test_screen_import_bad_file_one_clear_error_nothing_changed(review_path, tmp_path):
    with Review.open(review_path) as review:
        add_papers(review)
    bad = tmp_path / "bad.csv"
    bad.write_text("id,decision\n1,include\n999,exclude\n", encoding="utf-8")
    result = run("screen-import", review_path, bad, "--stage", "title-abstract")
    assert result.exit_code == 1
    assert "bad.csv line 3: no paper or record with id '999'" in result.output
    assert "Traceback" not in result.output
    with Review.open(review_path) as review:
        assert review.db.execute("SELECT COUNT(*) FROM decisions").fetchone()[0] == 0
    result = run("screen-import", review_path, bad, "--stage", "full-text")
    assert result.exit_code == 1 and "not at full text" in result.output


def test_packet_commands_and_agreement(review_path, tmp_path):
    with Review.open(review_path) as review:
        ids = add_papers(review)
        for pid in ids:
            record_decision(review, pid, "title_abstract", "include", reviewer="ana")
    packet = tmp_path / "bob.curator"
    result = run(
        "packet-export",
        review_path,
        "--stage",
        "title-abstract",
        "--out",
        packet,
        "--reviewer",
        "bob",
    )
    assert result.exit_code == 0, result.output
    with Review.open(packet) as opened:
        for pid in ids[:4]:
            record_decision(opened, pid, "title_abstract", "include", reviewer="bob")
        record_decision(opened, ids[4], "title_abstract", "exclude", reviewer="bob")
    result = run("packet-import", review_path, packet)
    assert result.exit_code == 0 and "recorded 5 decisions by bob" in result.output
    result = run("agreement", review_path)
    assert "Title/abstract: ana vs bob, 5 records both decided, agreement 80.0%" in result.output
    # ana included everything: pe = po = 0.8, so kappa is 0 although they agree on 4 of 5.
    assert "Cohen's kappa 0.000, PABAK 0.600, 1 disagreements" in result.output


def test_include_top(review_path):
    with Review.open(review_path) as review:
        ids = add_papers(review)
        for pid in ids:
            record_decision(review, pid, "title_abstract", "include")
    result = run("include-top", review_path, "2", "--by", "manual")
    assert result.exit_code == 0, result.output
    with Review.open(review_path) as review:
        got = [review.db["papers"].get(pid)["ft_decision"] for pid in ids]
    assert got == ["include", "include", "exclude", "exclude", "exclude"]
