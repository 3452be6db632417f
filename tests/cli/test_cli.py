"""The `curator` command as a user runs it: real processes on real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from curator import __version__
from curator.cli import cli
from curator.core import papers
from curator.core.review import Review
from curator.core.screening import decisions as screening

REPO = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO), "CURATOR_REVIEWER": "tester"}
    return subprocess.run(
        [sys.executable, "-m", "curator", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert __version__ in result.stdout


def test_new_then_info_json(tmp_path):
    path = tmp_path / "r.curator"
    assert run("new", str(path), "--title", "My review").returncode == 0
    with Review.open(path) as review:
        a = papers.add_paper(review, title="A").id
        papers.add_paper(review, title="B")
        screening.record_decision(review, a, "title_abstract", "include")
    result = run("info", str(path), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == "My review"
    assert data["papers"] == 2 and data["records"] == 0
    assert data["decisions"]["title_abstract"] == {"include": 1, "undecided": 1}
    text = run("info", str(path))
    assert "papers" in text.stdout and "Title/abstract: include 1, undecided 1" in text.stdout


@pytest.mark.parametrize(
    "setup, message",
    [
        ("missing", "no such file"),
        ("text", "not a Curator review file"),
        ("newer", "newer Curator"),
    ],
)
def test_user_errors_are_one_line_without_traceback(tmp_path, setup, message):
    path = tmp_path / "x.curator"
    if setup == "text":
        path.write_text("hello")
    elif setup == "newer":
        Review.create(path).close()
        import sqlite3

        conn = sqlite3.connect(path)
        conn.execute("PRAGMA user_version = 999")
        conn.close()
    result = run("info", str(path))
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_new_refuses_existing_file(tmp_path):
    path = tmp_path / "r.curator"
    assert run("new", str(path)).returncode == 0
    before = path.read_bytes()
    result = run("new", str(path))
    assert result.returncode == 1 and "already exists" in result.stderr
    assert path.read_bytes() == before


def _walk(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        yield prefix + (name,), command
        if isinstance(command, click.Group):
            yield from _walk(command, prefix + (name,))


def test_every_command_and_option_has_help_text():
    commands = list(_walk(cli))
    assert {"new", "info", "open"} <= {path[0] for path, _ in commands}
    for path, command in commands:
        assert (command.help or "").strip(), f"`curator {' '.join(path)}` has no help text"
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                assert (param.help or "").strip(), (
                    f"`curator {' '.join(path)}` option {param.name} has no help"
                )


def test_help_runs_for_every_command():
    for path, _command in _walk(cli):
        result = run(*path, "--help")
        assert result.returncode == 0, (path, result.stderr)
        assert "Usage:" in result.stdout
