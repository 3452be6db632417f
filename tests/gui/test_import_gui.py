"""The import dialog (detection, preview, search assignment, a real worker thread with
progress and cancel) and the Searches workspace, on real review files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from curator.core.importers import import_file
from curator.core.review import Review
from curator.gui.context import AppContext
from curator.gui.import_dialog import ImportDialog
from curator.gui.searches_view import SearchesWorkspace

SHOTS = (
    Path(os.environ.get("CURATOR_SCREENSHOTS", ""))
    if os.environ.get("CURATOR_SCREENSHOTS")
    else None
)
RECORD = "TY  - JOUR\nTI  - Paper {n}: <b>not bold</b>\nAU  - Doe, Jane\nAU  - Roe, R.\nPY  - 2021\nT2  - Journal of Tests\nDO  - 10.1000/t.{n}\nER  - \n"


def ris(tmp_path, name="scopus.ris", n=3) -> Path:
    path = tmp_path / name
    path.write_text("".join(RECORD.format(n=i) for i in range(n)), encoding="utf-8")
    return path


@pytest.fixture
def context(qtbot, review_path):
    ctx = AppContext()
    ctx.set_review(Review.open(review_path, who="tester"))
    yield ctx
    ctx.set_review(None)


def shot(widget, name):
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SHOTS / f"{name}.png"))


def add(qtbot, dialog, paths):
    """Add files and wait until their previews have been read (off the GUI thread)."""
    dialog.add_files(paths)
    qtbot.waitUntil(lambda: not dialog.reading, timeout=30_000)


def count(context, table="records"):
    return context.review.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_dialog_detects_previews_and_imports(qtbot, context, tmp_path):
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    add(qtbot, dialog, [ris(tmp_path), tmp_path / "missing.ris"])
    assert dialog.table.item(0, 1).text() == "RIS" and dialog.table.item(0, 2).text() == "utf-8"
    assert dialog.table.item(1, 1).text() == "cannot be read"
    assert not dialog.import_button.isEnabled()  # a broken file blocks the import
    dialog.table.selectRow(0)
    assert "Paper 0: <b>not bold</b>" in dialog.preview.toPlainText()  # plain text, not HTML
    dialog.search_form.search_box.setEditText("Scopus May 2024")
    dialog.search_form.database_edit.setText("Scopus")
    dialog._on_search_details_edited()
    dialog.table.selectRow(1)
    dialog._on_remove_clicked()
    assert dialog.import_button.isEnabled()
    dialog.resize(900, 560)
    shot(dialog, "import_dialog_preview")
    changed = []
    context.changed.connect(changed.append)
    dialog.start_import(threaded=False)
    assert count(context) == 3
    assert context.review.db.execute("SELECT name, database FROM searches").fetchall() == [
        ("Scopus May 2024", "Scopus")
    ]
    assert "scopus.ris: ris (utf-8), 3 read, 3 imported" in dialog.preview.toPlainText()
    assert changed and changed[0].searches
    assert dialog.cancel_button.text() == "Close" and not dialog.import_button.isEnabled()
    shot(dialog, "import_dialog_done")


def test_previews_are_read_off_the_gui_thread_behind_a_busy_state(
    qtbot, context, tmp_path, monkeypatch
):
    """Detection reads and hashes the whole file: on a big file the dialog must stay live."""
    import threading

    from curator.gui import import_worker

    gate, read_on = threading.Event(), []
    real = import_worker.read_preview

    def slow_preview(path, limit=5):
        read_on.append(threading.get_ident())
        gate.wait(10)
        return real(path, limit=limit)

    monkeypatch.setattr(import_worker, "read_preview", slow_preview)
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.add_files([ris(tmp_path)])  # returns at once; the file is still being read
    assert dialog.reading and dialog.table.item(0, 1).text() == "reading…"
    assert not dialog.import_button.isEnabled() and "Reading 1 file" in dialog.status.text()
    assert dialog.search_form.search_name() == "scopus"  # its search can be named meanwhile
    qtbot.wait(50)  # the GUI thread keeps handling events meanwhile
    gate.set()
    qtbot.waitUntil(lambda: not dialog.reading, timeout=10_000)
    assert read_on and read_on[0] != threading.get_ident()
    assert dialog.table.item(0, 1).text() == "RIS" and dialog.import_button.isEnabled()
    assert "Paper 0: <b>not bold</b>" in dialog.preview.toPlainText()


def test_existing_search_is_offered_and_reused(qtbot, context, tmp_path):
    import_file(context.review, ris(tmp_path, "first.ris"), "PubMed")
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    form = dialog.search_form
    assert [form.search_box.itemText(i) for i in range(form.search_box.count())] == ["PubMed"]
    add(qtbot, dialog, [ris(tmp_path, "second.ris", n=4)])
    form.search_box.setCurrentText("PubMed")
    assert "existing search" in form.note.text() and not form.database_edit.isEnabled()
    dialog.start_import(threaded=False)
    assert context.review.db.execute("SELECT COUNT(*) FROM searches").fetchone()[0] == 1
    assert count(context) == 7


def test_failed_import_shows_the_message_and_changes_nothing(qtbot, context, tmp_path):
    path = ris(tmp_path)
    import_file(context.review, path, "S")
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    add(qtbot, dialog, [path])
    dialog.start_import(threaded=False)
    assert "already imported" in dialog.preview.toPlainText()
    assert dialog.status.text() == "Nothing was imported." and count(context) == 3


def test_real_thread_import(qtbot, context, tmp_path):
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    add(qtbot, dialog, [ris(tmp_path, n=50)])
    with qtbot.waitSignal(dialog.import_finished, timeout=30_000) as blocker:
        dialog.start_import()
    (report,) = blocker.args[0]
    assert report.imported == 50 and count(context) == 50
    assert dialog.task is None and dialog.progress.value() == dialog.progress.maximum()


def test_real_thread_cancel_leaves_nothing(qtbot, context, tmp_path, monkeypatch):
    from curator.core.importers import pipeline

    monkeypatch.setattr(pipeline, "BATCH", 50)
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    add(qtbot, dialog, [ris(tmp_path, "big.ris", n=20000)])
    dialog.start_import()
    task = dialog.task
    with qtbot.waitSignal(task.cancelled, timeout=30_000):
        qtbot.waitUntil(lambda: dialog.progress.value() > 0, timeout=30_000)
        shot(dialog, "import_dialog_running")
        dialog._on_cancel_clicked()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10_000)
    assert "cancelled" in dialog.status.text()
    assert count(context) == 0 and count(context, "searches") == 0 and count(context, "papers") == 0


def test_searches_view_lists_searches_files_and_counts(qtbot, context, tmp_path):
    view = SearchesWorkspace(context)
    qtbot.addWidget(view)
    view.resize(900, 420)
    assert view.stack.currentIndex() == 0  # the empty state
    shot(view, "searches_empty")
    reports = [
        import_file(
            context.review,
            ris(tmp_path, "a.ris", n=3),
            "Scopus",
            database="Scopus",
            hits_reported=3,
        ),
        import_file(context.review, ris(tmp_path, "b.ris", n=5), "PubMed", database="PubMed"),
    ]
    context.notify(__import__("curator.core.changes", fromlist=["Changes"]).Changes(searches=True))
    assert view.stack.currentIndex() == 1 and view.model.rowCount() == 2
    scopus = view.model.item(0, 0)
    assert scopus.text() == "Scopus" and scopus.child(0, 0).text() == "a.ris"
    assert view.model.item(0, 4).text() == "3" and scopus.child(0, 5).text() == "3"
    view.tree.setCurrentIndex(view.model.indexFromItem(scopus.child(0, 0)))
    assert "a.ris: 3 read, 3 imported" in view.details.toPlainText()
    assert "3 read" in view.details.toPlainText() and reports[1].imported == 5
    assert view.summary.text() == "2 searches, 2 files, 8 records identified."
    shot(view, "searches_view")


def test_keyboard_removes_a_file_and_escape_closes(qtbot, context, tmp_path):
    from PySide6.QtCore import Qt

    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    add(qtbot, dialog, [ris(tmp_path, "a.ris"), ris(tmp_path, "b.ris", n=2)])
    dialog.table.setFocus()
    dialog.table.selectRow(0)
    qtbot.keyClick(dialog.table, Qt.Key_Delete)
    assert [f.path.name for f in dialog.files] == ["b.ris"] and dialog.table.rowCount() == 1
    qtbot.keyClick(dialog, Qt.Key_Escape)
    assert not dialog.isVisible() and count(context) == 0


def test_real_thread_import_through_the_reader_process(qtbot, context, tmp_path, monkeypatch):
    """A large file is read by a second process started from the worker thread (never
    forked from this Qt process): import, then cancel, leave the review as they should."""
    from curator.core.importers import batches, pipeline

    monkeypatch.setattr(pipeline, "PROCESS_MIN_BYTES", 0)
    monkeypatch.setattr(batches, "spare_core", lambda: True)
    monkeypatch.setattr(pipeline, "BATCH", 50)
    started = []
    original = batches.ReaderProcess.__init__
    monkeypatch.setattr(
        batches.ReaderProcess,
        "__init__",
        lambda self, *args: (started.append(self), original(self, *args))[-1],
    )
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    add(qtbot, dialog, [ris(tmp_path, n=500)])
    with qtbot.waitSignal(dialog.import_finished, timeout=60_000) as blocker:
        dialog.start_import()
    (report,) = blocker.args[0]
    assert report.imported == 500 and count(context) == 500
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10_000)

    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    add(qtbot, dialog, [ris(tmp_path, "big.ris", n=20000)])
    dialog.start_import()
    task = dialog.task
    with qtbot.waitSignal(task.cancelled, timeout=60_000):
        qtbot.waitUntil(lambda: dialog.progress.value() > 0, timeout=60_000)
        dialog._on_cancel_clicked()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10_000)
    assert count(context) == 500 and count(context, "searches") == 1
    assert len(started) == 2 and all(reader.proc.returncode is not None for reader in started)


def test_the_preview_says_how_many_records_the_file_holds(qtbot, context, tmp_path):
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    add(qtbot, dialog, [ris(tmp_path, n=12), ris(tmp_path, "two.ris", n=2)])
    dialog.table.selectRow(0)
    assert dialog.preview_label.text() == "12 records in this file; the first 5:"
    dialog.table.selectRow(1)
    assert dialog.preview_label.text() == "2 records:"


def test_a_second_import_brings_the_open_dialog_forward(qtbot, context, tmp_path, monkeypatch):
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(ImportDialog, "showing", dialog)
    raised = []
    monkeypatch.setattr(dialog, "raise_", lambda: raised.append(True))
    assert ImportDialog.ask(context, None, [ris(tmp_path)]) == []
    assert raised and dialog.isVisible()
    qtbot.waitUntil(lambda: not dialog.reading, timeout=30_000)
    assert [f.path.name for f in dialog.files] == ["scopus.ris"]  # the dropped file joined it
