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


def test_simulate_with_stopping_writes_where_each_rule_stops(tmp_path):
    data = _labelled_csv(tmp_path / "set.csv", n_other=190)  # 200 records, 10 relevant
    out = tmp_path / "out"
    args = ["simulate", str(data), "--seed", "1", "--out", str(out), "--no-png", "--stopping"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    metrics = json.loads((out / "metrics.json").read_text())
    with (out / "recall.csv").open(encoding="utf-8") as handle:
        labels = [int(r["label"]) for r in csv.DictReader(handle)]
    # 10 relevant: the test must rule out a single missed one, so it stops at the first s
    # with fewer than 5% of the 200 - L records after the last relevant (L) unscreened.
    last = max(i + 1 for i, label in enumerate(labels) if label)
    expected = next(s for s in range(last, 201) if 200 - s < 0.05 * (200 - last))
    assert metrics["stop_screened"] == expected and metrics["stop_recall"] == 1.0
    assert metrics["stop_wss"] == pytest.approx(1 - expected / 200 - 0.05, abs=1e-4)
    assert set(metrics["stopping"]) == {
        "ranked_test",
        "random_sample",
        "run_50",
        "run_100",
        "run_5pct",
        "safe",
    }
    run_50 = metrics["stopping"]["run_50"]["stop_screened"]
    assert labels[run_50 - 50 : run_50] == [0] * 50 and 1 in labels[run_50 - 51 : run_50]
    assert f"stopped after {expected} of 200 records, recall 1.000" in result.output
    bad = CliRunner().invoke(cli, [*args, "--target", "1.5"])
    assert bad.exit_code == 2 and "1.5" in bad.output


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
    assert "stopping test on the ranked order: p = " in state.output
    assert "keep screening; " in state.output and "methods: Records were screened" in state.output
    drawn = runner.invoke(cli, ["stopping", str(review_path), "--draw-sample", "5"])
    assert "sample 0 screened" in drawn.output and "5 to go" in drawn.output


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_every_command_and_option_has_help(command):
    assert command.help
    for param in command.params:
        if param.param_type_name == "option":
            assert param.help, f"{command.name} {param.opts}"
