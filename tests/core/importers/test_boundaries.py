"""The importers are Qt-free core, and every module says what it is for."""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import curator.core.importers as package


def test_importers_do_not_load_qt():
    code = (
        "import sys, curator.core.importers, curator.core.report.record_export, curator.cli.import_cmds;"
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    root = str(Path(__file__).resolve().parents[3])
    env = {**os.environ, "PYTHONPATH": root}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert out.stdout.strip() == "False"


def test_each_module_has_a_docstring_and_stays_small():
    for info in pkgutil.iter_modules(package.__path__):
        module = __import__(f"curator.core.importers.{info.name}", fromlist=["_"])
        assert module.__doc__ and module.__doc__.strip(), info.name
        with open(module.__file__, encoding="utf-8") as handle:
            assert sum(1 for _ in handle) < 400, info.name
