"""The curation core (facets, claims, evidence, resolve, questions, library) never loads Qt."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def test_curation_core_imports_without_qt():
    code = (
        "import sys\n"
        "import curator.core.curation.facets, curator.core.curation.claims, curator.core.curation.evidence\n"
        "import curator.core.resolve, curator.core.curation.questions, curator.core.library\n"
        "import curator.cli.curation_cmds\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 0, result.stderr
