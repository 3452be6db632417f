"""File ▸ Export Records: the dialog offers every scope, stage and format, counts what it will
write, exports on a pool thread with progress, and is reached from the window's File menu."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from curator.core.errors import CuratorError
from curator.core.review import Review
from curator.core.tasks import TaskState
from curator.gui.actions import ActionKey
from curator.gui.context import AppContext
from curator.gui.export_records import ExportRecordsDialog, export_job
from curator.gui.library import LibraryWorkspace
from curator.gui.mainwindow import MainWindow

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "export-records.png"


@pytest.fixture
def context(qtbot, sample_path):
    ctx = AppContext()
    ctx.set_review(Review.open(sample_path, who="tester"))
    yield ctx
    ctx.set_review(None)


def choose(combo, key) -> None:
    combo.setCurrentIndex(combo.findData(key))


def run_export(qtbot, dialog) -> None:
    with qtbot.waitSignal(dialog.export_done, timeout=20_000):
        dialog.start()


def test_the_dialog_counts_each_scope_and_exports_off_the_gui_thread(qtbot, context, tmp_path):
    ids = [r[0] for r in context.review.db.execute("SELECT id FROM papers ORDER BY id")]
    dialog = ExportRecordsDialog(
        context, selected_ids=ids[1:3], listed_ids=ids[:2], listed_label="Undecided"
    )
    qtbot.addWidget(dialog)
    assert dialog.summary.text() == "4 papers will be written."
    choose(dialog.scope, "included")
    assert dialog.summary.text() == "1 paper will be written." and dialog.stage.isEnabled()
    choose(dialog.stage, "title_abstract")
    assert dialog.summary.text() == "1 paper will be written."
    choose(dialog.scope, "excluded")
    assert dialog.summary.text() == "1 paper will be written."
    choose(dialog.scope, "selected")
    assert dialog.summary.text() == "2 papers will be written."
    assert dialog.selection() == ("papers", "title_abstract", ids[1:3])
    choose(dialog.scope, "records")
    assert dialog.summary.text() == "0 records will be written."
    choose(dialog.scope, "listed")
    choose(dialog.format, "bibtex")
    assert dialog.path.text().endswith(".bib")
    dialog.path.setText(str(tmp_path / "listed.bib"))
    run_export(qtbot, dialog)
    assert dialog.status.text() == f"Wrote 2 to {tmp_path / 'listed.bib'}."
    text = (tmp_path / "listed.bib").read_text(encoding="utf-8")
    assert text.count("@article{") == 2 and "Neuroplasticity in response" in text


def test_asreview_labels_at_a_stage(qtbot, context, tmp_path):
    dialog = ExportRecordsDialog(context)
    qtbot.addWidget(dialog)
    assert not dialog.scope.model().item(3).isEnabled()  # nothing selected in the Library
    choose(dialog.format, "asreview")
    choose(dialog.stage, "title_abstract")
    dialog.path.setText(str(tmp_path / "labels.csv"))
    run_export(qtbot, dialog)
    rows = list(csv.DictReader((tmp_path / "labels.csv").open(encoding="utf-8")))
    assert [r["label_included"] for r in rows] == ["1", "", "", "0"]


def test_a_bad_folder_says_so_and_writes_nothing(qtbot, context, tmp_path):
    dialog = ExportRecordsDialog(context)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(tmp_path / "missing" / "out.ris"))
    run_export(qtbot, dialog)
    assert dialog.status.text() == f"{tmp_path / 'missing'}: no such folder"
    assert dialog.export_button.isEnabled()


def test_a_cancelled_job_writes_nothing(context, tmp_path):
    state = TaskState()
    state.cancel()
    with pytest.raises(CuratorError) as refused:  # synchronously, on this thread
        export_job(state, context.review.path, "papers", "csljson", tmp_path / "out.json")
    assert str(refused.value) == "export cancelled; nothing was written"
    assert not (tmp_path / "out.json").exists()


def test_progress_reaches_the_dialog(qtbot, context, tmp_path):
    dialog = ExportRecordsDialog(context)
    qtbot.addWidget(dialog)
    seen: list[int] = []
    dialog.path.setText(str(tmp_path / "out.json"))
    choose(dialog.format, "csljson")
    dialog.start()
    dialog.job.progressed.connect(lambda value, _m: seen.append(value))
    qtbot.waitUntil(lambda: dialog.job is None, timeout=20_000)
    assert len(json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))) == 4
    assert dialog.status.text().startswith("Wrote 4 to")


def test_file_menu_opens_the_dialog_with_the_librarys_selection(qtbot, sample_path, monkeypatch):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert not window.actions[ActionKey.EXPORT_RECORDS].isEnabled()
    window.open_path(sample_path)
    action = window.actions[ActionKey.EXPORT_RECORDS]
    assert action.isEnabled() and action in window.menuBar().actions()[0].menu().actions()
    library = window.workspace(LibraryWorkspace)
    library.catch_up()
    first = library.model.id_at(0)
    library.select_ids([first])
    asked: dict = {}
    monkeypatch.setattr(ExportRecordsDialog, "ask", lambda context, parent, **kw: asked.update(kw))
    action.trigger()
    assert asked["selected_ids"] == [first] and len(asked["listed_ids"]) == 4
    window.context.set_review(None)


def test_screenshot(qtbot, context):
    dialog = ExportRecordsDialog(context, selected_ids=[1, 2], listed_ids=[1, 2, 3])
    qtbot.addWidget(dialog)
    choose(dialog.scope, "included")
    choose(dialog.format, "bibtex")
    dialog.path.setText("/home/curator/reviews/psychotherapy-included.bib")
    dialog.resize(640, dialog.sizeHint().height())
    dialog.show()
    qtbot.waitExposed(dialog)
    if os.environ.get("CURATOR_SCREENSHOTS") == "1":
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(SCREENSHOT))
    assert not dialog.grab().isNull()
