"""Starting the window with no display: one line saying what is missing, exit 1, instead of
Qt's SIGABRT (issue 17)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from curator.core.display import NO_DISPLAY, display_problem

REPO = Path(__file__).resolve().parents[2]


def test_display_problem_reads_the_environment(monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    assert display_problem({}) == NO_DISPLAY
    assert display_problem({"DISPLAY": ":0"}) is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}) is None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}) is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the check is Linux's")
@pytest.mark.parametrize("args", [[], ["open"], ["demo", "demo.curator", "--open"]])
def test_no_display_is_one_line_and_exit_1(tmp_path, args):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env["PYTHONPATH"] = str(REPO)
    done = subprocess.run(
        [sys.executable, "-m", "curator", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [f"curator: error: {NO_DISPLAY}"]
    assert "QT_QPA_PLATFORM=offscreen" in done.stderr
    assert list(tmp_path.iterdir()) == []  # the demo is not built for a window that cannot open
