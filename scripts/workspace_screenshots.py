"""Save a picture of every workspace of the window on one review, for docs/screenshots.

    PYTHONPATH=. python scripts/workspace_screenshots.py REVIEW LABEL [WIDTHxHEIGHT] [FOLDER]

writes FOLDER/<workspace>-LABEL-<width>.png (default 1280x800, docs/screenshots), offscreen,
with UI settings in a temporary folder (the reviewer is "ana"). A copy of REVIEW is opened,
so the file itself is never changed. The screening workspace is pictured once its first
relevance model is in (the order it keeps).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from curator.gui import ui_settings  # noqa: E402
from curator.gui.app import application  # noqa: E402


def main(review: Path, label: str, size: str = "1280x800", folder: str = "") -> None:
    width, height = (int(n) for n in size.split("x"))
    out = Path(folder) if folder else REPO / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = application(["curator"])
    with tempfile.TemporaryDirectory() as scratch:
        ui_settings.use_file(Path(scratch) / "curator.ini")
        ui_settings.REVIEWER.set("ana")
        copy = Path(scratch) / review.name
        shutil.copy(review, copy)
        from curator.gui.mainwindow import MainWindow
        from curator.gui.screening import ScreeningWorkspace

        window = MainWindow()
        window.resize(width, height)
        window.show()
        if not window.open_path(copy):
            raise SystemExit(f"cannot open {review}")
        for number, workspace in enumerate(window.workspaces):
            window.nav.setCurrentRow(number)
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                app.processEvents()
                busy = isinstance(workspace, ScreeningWorkspace) and (
                    workspace.pane.awaiting_model
                    or (workspace.worker is not None and workspace.worker.busy)
                )
                if not busy:
                    break
                time.sleep(0.05)
            for _ in range(5):
                app.processEvents()
            name = f"{workspace.title.lower()}-{label}-{width}.png"
            window.grab().save(str(out / name))
            print(out / name)
        window.context.set_review(None)
        window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), *sys.argv[2:])
