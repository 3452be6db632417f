"""The screening core and CLI never load Qt."""

from __future__ import annotations

import subprocess
import sys


def test_screening_core_and_cli_import_without_qt():
    code = (
        "import sys\n"
        "import curator.core.screening, curator.core.screening_queue, curator.core.screening_counts\n"
        "import curator.core.screening_agreement, curator.core.screening_packets\n"
        "import curator.core.screening_csv, curator.core.screening_rank, curator.core.highlighting\n"
        "import curator.cli.screening_cmds\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
