"""The import dialog as a new user meets it at 1280x800 (the walk of issue 16): room for the
file list, a reviewer field that can be read, a report that is not buried under one repeated
warning, and a dialog that can be driven by keyboard from the first file to Close."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtWidgets import QApplication, QDialog

from curator.gui.import_dialog import ImportDialog, default_size
from tests.core.importers.test_fidelity import RAYYAN, write
from tests.gui import test_import_gui

context = test_import_gui.context  # the fixture: a review opened as "tester"
AT_1280X800 = QSize(1280, 800)


def opened(qtbot, context, paths, size=AT_1280X800) -> ImportDialog:
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    if size:
        dialog.resize(size)
    dialog.add_files(paths)
    qtbot.waitUntil(lambda: not dialog.reading, timeout=30_000)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_files_without_columns_leave_the_room_to_the_file_list(qtbot, context, shared_fixtures):
    files = sorted((shared_fixtures / "formats/citesource_gambling").glob("*.ris"))
    dialog = opened(qtbot, context, files)
    table = dialog.table
    assert not dialog.options.isVisible()  # RIS: no columns to map, no decisions
    last = len(files) - 1
    assert table.rowViewportPosition(last) + table.rowHeight(last) <= table.viewport().height()


def test_the_reviewer_field_is_wide_enough_to_read(qtbot, context, tmp_path):
    at_1280x800 = default_size(QSize(1280, 800))
    assert at_1280x800.width() > 1100  # the old 900x600 left the mapping and preview cramped
    dialog = opened(qtbot, context, [write(tmp_path, "rayyan.csv", RAYYAN)], size=at_1280x800)
    edit = dialog.options.reviewer_edit
    assert dialog.options.decisions_row.isVisible()
    hint = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
    assert edit.width() >= hint


def test_a_warning_repeated_on_every_row_is_one_line_of_the_report(qtbot, context, shared_fixtures):
    dialog = opened(qtbot, context, [shared_fixtures / "formats/litstudy/scopus.csv"])
    dialog.start_import(threaded=False)
    report = dialog.preview.toPlainText()
    assert report.count("joined into that column") == 1
    assert "warning, 56 records (3 to 58): 1 value(s) more than the header" in report
    assert len(report.splitlines()) < 10


def test_after_the_import_enter_closes_and_the_options_are_locked(qtbot, context, tmp_path):
    dialog = opened(qtbot, context, [write(tmp_path, "rayyan.csv", RAYYAN)])
    dialog.start_import(threaded=False)
    assert not dialog.options.isEnabled()  # changing the mapping now would do nothing
    assert dialog.cancel_button.isDefault() and dialog.cancel_button.text() == "Close"
    qtbot.keyClick(dialog, Qt.Key_Return)
    assert dialog.result() == QDialog.Accepted and not dialog.isVisible()


def test_tab_leaves_each_table_and_follows_the_screen_left_to_right(qtbot, context, tmp_path):
    dialog = opened(qtbot, context, [write(tmp_path, "rayyan.csv", RAYYAN)])
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    options = dialog.options
    order = [dialog.add_button, dialog.remove_button, dialog.table, options.view,
             options.decisions_box, dialog.search_form.search_box]  # fmt: skip
    for here, after in pairwise(order):
        here.setFocus()
        qtbot.waitUntil(lambda here=here: here.hasFocus() or here.isAncestorOf(
            QApplication.focusWidget()))  # fmt: skip
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
        focused = QApplication.focusWidget()
        assert focused is after or after.isAncestorOf(focused), (here, focused)


def test_a_database_export_says_where_it_came_from(qtbot, context, tmp_path, shared_fixtures):
    scopus = shared_fixtures / "formats/litstudy/scopus.csv"
    dialog = opened(qtbot, context, [scopus, write(tmp_path, "rayyan.csv", RAYYAN)])
    assert dialog.table.item(0, 1).text() == "CSV from Scopus"
    assert dialog.table.item(1, 1).text() == "CSV from Rayyan"
    dialog.table.selectRow(0)
    database_edit = dialog.search_form.database_edit
    assert database_edit.text() == "Scopus"  # PRISMA names the database
    dialog.table.selectRow(1)
    assert database_edit.text() == ""  # Rayyan is a screening tool, not a database
    dialog.start_import(threaded=False)
    database = context.review.db.execute(
        "SELECT database FROM searches WHERE name = 'scopus'"
    ).fetchone()[0]
    assert database == "Scopus"


def test_goes_to_speaks_a_curators_words_and_edits_the_field(qtbot, context, tmp_path):
    dialog = opened(qtbot, context, [write(tmp_path, "rayyan.csv", RAYYAN)])
    view, model = dialog.options.view, dialog.options.model
    row = {name: i for i, (name, _) in enumerate(model.rows)}
    assert model.index(row["key"], 2).data() == "Record ID in the source"  # was "source_id"
    assert model.index(row["journal"], 2).data() == "Journal / source"
    index = model.index(row["issn"], 2)
    view.setCurrentIndex(index)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key_F2)
    editor = view.indexWidget(index)
    assert editor.currentText() == "not kept"
    editor.setCurrentIndex(editor.findText("Publisher"))
    qtbot.keyClick(editor, Qt.Key_Return)  # the delegate commits on the next event loop turn
    qtbot.waitUntil(lambda: dialog.files[0].mapping == {"issn": "publisher"})
    assert model.index(row["issn"], 2).data() == "Publisher"


def test_files_dropped_on_the_dialog_are_added(qtbot, context, tmp_path):
    """While the dialog is open the main window takes no drops: the dialog must."""
    from tests.gui.test_mainwindow import drop

    dialog = opened(qtbot, context, [])
    accepted, dropped = drop(dialog, [QUrl.fromLocalFile(str(write(tmp_path, "r.csv", RAYYAN)))])
    assert accepted and dropped
    qtbot.waitUntil(lambda: not dialog.reading, timeout=30_000)
    assert [f.path.name for f in dialog.files] == ["r.csv"]
    assert dialog.table.item(0, 1).text() == "CSV from Rayyan"


def test_hits_reported_is_styled_like_its_neighbours_and_readable(qtbot, context, tmp_path):
    """The one unstyled input of the search form; a first try at styling it (no arrow
    buttons under the style sheet) left Qt's edit field one pixel wide, so "not given" vanished."""
    dialog = opened(qtbot, context, [write(tmp_path, "rayyan.csv", RAYYAN)])
    hits = dialog.search_form.hits_spin
    assert hits.property("role") == "count"  # styled by style.qss like the line edits
    assert hits.text() == "not given"
    assert hits.lineEdit().width() >= hits.fontMetrics().horizontalAdvance("not given")
    assert abs(hits.height() - dialog.search_form.query_edit.height()) <= 2
