"""A headless CLI: the commands that do not draw never load PySide6 or `curator.gui`.

Each command runs in a real process through a small wrapper that lists, at exit, the Qt and
GUI modules `sys.modules` holds; drawing a diagram is the control that the check sees Qt."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from curator.core.demo import build_demo

REPO = Path(__file__).resolve().parents[2]
WRAPPER = """
import sys
from curator.cli import main
try:
    main(sys.argv[1:])
    code = 0
except SystemExit as exc:
    code = exc.code or 0
gui = sorted(m for m in sys.modules if m.split(".")[0] == "PySide6" or m.startswith("curator.gui"))
print("LOADED:" + ",".join(gui))
sys.exit(code)
"""


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.curator"
    build_demo(path).close()
    return path


def _loaded(*args: str) -> list[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stdout.splitlines() if x.startswith("LOADED:"))
    return [m for m in line.removeprefix("LOADED:").split(",") if m]


@pytest.mark.parametrize(
    "command",
    [
        ["--help"],
        ["tables", "{demo}", "--out", "{tmp}/tables"],
        ["report", "{demo}", "--out", "{tmp}/x.md"],
        ["flow", "{demo}", "--out", "{tmp}/x.csv"],
    ],
    ids=["help", "tables", "report-md", "flow-csv"],
)
def test_headless_commands_load_no_qt(command, demo_path, tmp_path):
    args = [a.format(demo=demo_path, tmp=tmp_path) for a in command]
    assert _loaded(*args) == []
    if command[0] != "--help":
        assert Path(args[-1]).exists()


def test_drawing_loads_qt_only_when_asked(demo_path, tmp_path):
    loaded = _loaded("flow", str(demo_path), "--out", str(tmp_path / "x.svg"))
    assert "PySide6.QtWidgets" in loaded and "curator.gui.flow.workspace" in loaded


def test_no_module_level_qt_or_gui_import_in_the_cli():
    offenders = []
    for path in sorted((REPO / "curator" / "cli").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # Module level: the body, and inside top-level if/try blocks (not functions).
        nodes = list(tree.body)
        while nodes:
            node = nodes.pop()
            if isinstance(node, (ast.If, ast.Try)):
                nodes += node.body + node.orelse + getattr(node, "finalbody", [])
                nodes += [n for h in getattr(node, "handlers", []) for n in h.body]
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            offenders += [
                f"{path.name}: {n}"
                for n in names
                if n.split(".")[0] == "PySide6" or n.startswith("curator.gui")
            ]
    assert offenders == []
