"""`curator simulate`, `curator rank` and `curator stopping` from the command line."""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from curator.cli import cli
from curator.cli.ranking_cmds import COMMANDS
from curator.core.review import Review
from tests.ranking_corpus import build_review, corpus, first_labelled


def _labelled_csv(path, n_other=60):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["record_id", "title", "abstract", "label_included"])
        for i, (title, abstract, label) in enumerate(corpus(n_other=n_other)):
            writer.writerow([i, title, abstract, label])
    return path


def test_simulate_writes_recall_curve_png_and_metrics(tmp_path):
    data = _labelled_csv(tmp_path / "set.csv")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        [
            "simulate",
            str(data),
            "--prior-included",
            "1",
            "--prior-excluded",
            "2",
            "--seed",
            "4",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    metrics = json.loads((out / "metrics.json").read_text())
    assert {"wss_95", "recall_10", "screened_to_all", "retrain_seconds_median"} <= set(metrics)
    assert metrics["prior_records"] == 3 and metrics["records"] == 70
    with (out / "recall.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[-1]["recall"] == "1.000000" and [r["prior"] for r in rows[:4]] == [
        "1",
        "1",
        "1",
        "0",
    ]
    assert (out / "recall.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    again = CliRunner().invoke(
        cli,
        [
            "simulate",
            str(data),
            "--prior-excluded",
            "2",
            "--seed",
            "4",
            "--out",
            str(tmp_path / "b"),
            "--no-png",
        ],
    )
    assert again.exit_code == 0
    assert (tmp_path / "b" / "recall.csv").read_text() == (out / "recall.csv").read_text()


def test_simulate_bad_file_is_one_clear_line(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("title,abstract,label_included\nA,B,1\nC,D,x\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["simulate", str(bad), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "bad.csv: record 2: label 'x'" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "o").exists()


def test_rank_and_stopping_commands(review_path):
    with Review.open(review_path) as review:
        rows = corpus()
        build_review(review, rows, first_labelled(rows, 2, 4))
    runner = CliRunner()
    ranked = runner.invoke(cli, ["rank", str(review_path), "--top", "3"])
    assert ranked.exit_code == 0, ranked.output
    assert "from 2 includes and 4 excludes" in ranked.output
    assert ranked.output.count("depress") == 3  # the three most relevant undecided records
    state = runner.invoke(cli, ["stopping", str(review_path)])
    assert state.exit_code == 0 and "excludes in a row 4" in state.output
    drawn = runner.invoke(cli, ["stopping", str(review_path), "--draw-sample", "5"])
    assert "sample 0 screened" in drawn.output and "5 to go" in drawn.output


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_every_command_and_option_has_help(command):
    assert command.help
    for param in command.params:
        if param.param_type_name == "option":
            assert param.help, f"{command.name} {param.opts}"
