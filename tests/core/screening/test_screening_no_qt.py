"""The screening core and CLI never load Qt."""

from __future__ import annotations

import subprocess
import sys


def test_screening_core_and_cli_import_without_qt():
    code = (
        "import sys\n"
        "import curator.core.screening.decisions, curator.core.screening.queue, curator.core.screening.counts\n"
        "import curator.core.screening.agreement, curator.core.screening.packets\n"
        "import curator.core.screening.decisions_csv, curator.core.ranking.include_top, curator.core.screening.highlighting\n"
        "import curator.cli.screening_cmds\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
