"""curator.core never imports Qt: the CLI and tests use it headless."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import curator.core

REPO = Path(__file__).resolve().parents[2]


def test_importing_every_core_module_loads_no_qt():
    modules = sorted(
        name for _, name, _ in pkgutil.walk_packages(curator.core.__path__, "curator.core.")
    )
    assert "curator.core.db" in modules
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
    assert result.stdout.strip() == "", f"Qt loaded by curator.core: {result.stdout}"


def test_headless_cli_commands_load_no_qt():
    code = (
        "import sys\n"
        "from curator.cli import cli\n"
        "print(','.join(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
