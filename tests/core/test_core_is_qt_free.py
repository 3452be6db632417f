"""curator.core never imports Qt, nor does the CLI over it: both run headless.

The one such check: every module of both packages, found by pkgutil.walk_packages (so a new
module is covered without listing it), imported in a fresh interpreter.
"""

import pkgutil
import subprocess
import sys
from pathlib import Path

import curator.cli
import curator.core

REPO = Path(__file__).resolve().parents[2]


def test_importing_every_core_and_cli_module_loads_no_qt():
    modules = sorted(
        name
        for package in (curator.core, curator.cli)
        for _, name, _ in pkgutil.walk_packages(package.__path__, f"{package.__name__}.")
    )
    assert {"curator.core.db", "curator.core.ranking.tfidf", "curator.cli.dedup_cmds"} <= set(
        modules
    )
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'qtawesome'))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"Qt loaded by curator.core or curator.cli: {result.stdout}"
