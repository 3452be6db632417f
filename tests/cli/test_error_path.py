"""Failures of the OS or SQLite end in one sentence and status 1, never a traceback."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest


def curator(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "curator", *args], capture_output=True,
                          text=True, timeout=120)  # fmt: skip


@pytest.mark.parametrize(
    "failure, expected",
    [
        (PermissionError(13, "Permission denied", "/srv/r.curator"), "permission denied"),
        (OSError(28, "No space left on device", "/srv/out"), "the disk is full"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "read-only"),
        (sqlite3.DatabaseError("database disk image is malformed"), "damaged"),
    ],
)
def test_a_failure_of_the_os_or_sqlite_is_one_line(
    review_path: Path, monkeypatch, failure, expected
):
    from click.testing import CliRunner

    from curator.cli import cli, review_cmds

    def fail(_review):
        raise failure

    monkeypatch.setattr(review_cmds, "review_info", fail)
    done = CliRunner().invoke(cli, ["info", str(review_path)])
    assert done.exit_code == 1
    assert expected in done.output and done.output.startswith("curator: error: ")
    assert done.output.count("\n") == 1 and "Traceback" not in done.output


def test_describe_failure_names_the_file_and_what_to_do(tmp_path: Path):
    import errno

    from curator.core.files import describe_failure

    full = OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "x.csv"))
    assert (
        describe_failure(full)
        == f"{tmp_path / 'x.csv'}: the disk is full; free some space and try again"
    )
    denied = PermissionError(errno.EACCES, "Permission denied", "/r.curator")
    assert "permission denied" in describe_failure(denied)
    assert "read-only" in describe_failure(
        sqlite3.OperationalError("attempt to write a readonly database")
    )
    assert "damaged" in describe_failure(sqlite3.DatabaseError("database disk image is malformed"))
    assert describe_failure(ValueError("a bug")) is None


def test_an_unexpected_os_error_in_a_command_is_one_line(tmp_path: Path):
    target = tmp_path / "blocked"
    target.mkdir()
    done = curator("new", str(target / "sub" / "r.curator"))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and done.stderr.startswith("curator: error: ")
