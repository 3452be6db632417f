"""The import dialog's column mapping and decisions option (issue 16 items 1 and 5)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from curator.core.importers.pipeline import MAPPING_SETTING
from curator.core.review import Review
from curator.core.screening.decisions import current_decision
from curator.gui.context import AppContext
from curator.gui.import_dialog import ImportDialog
from curator.gui.import_mapping import NOT_KEPT, ColumnMappingModel
from tests.core.importers.test_fidelity import RAYYAN, write

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "import-mapping.png"


@pytest.fixture
def context(qtbot, review_path):
    ctx = AppContext()
    ctx.set_review(Review.open(review_path, who="tester"))
    yield ctx
    ctx.set_review(None)


def add(qtbot, dialog, paths):
    """Add files and wait until their previews have been read (off the GUI thread)."""
    dialog.add_files(paths)
    qtbot.waitUntil(lambda: not dialog.reading, timeout=30_000)


def goes_to(dialog, column: str) -> str:
    model = dialog.options.model
    row = [name for name, _ in model.rows].index(column)
    return model.index(row, 2).data(Qt.EditRole)  # the field; on screen, its label


def test_a_scopus_csv_shows_where_every_column_goes(qtbot, context, shared_fixtures):
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.resize(1280, 800)
    add(qtbot, dialog, [shared_fixtures / "formats/litstudy/scopus.csv"])
    dialog.show()
    qtbot.waitExposed(dialog)
    options = dialog.options
    assert options.view.isVisible()
    assert options.model.rowCount() == 45
    assert options.mapping_label.text().startswith("Columns of a Scopus export: 17 of 45 kept")
    assert (goes_to(dialog, "Source title"), goes_to(dialog, "Cited by")) == ("venue", NOT_KEPT)
    assert not options.decisions_row.isVisible()  # a Scopus file carries no decisions
    if SCREENSHOT.parent.is_dir():
        dialog.grab().save(str(SCREENSHOT))


def test_an_edited_column_is_imported_and_remembered_for_that_header(
    qtbot, context, shared_fixtures
):
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    add(qtbot, dialog, [shared_fixtures / "formats/bibliometrix/scopus_sample.csv"])
    dialog.search_form.search_box.setEditText("Scopus")
    model = dialog.options.model
    row = [name for name, _ in model.rows].index("Index Keywords")
    assert model.setData(model.index(row, 2), "keywords", Qt.EditRole)
    assert dialog.files[0].mapping == {"Index Keywords": "keywords"}
    dialog.start_import(threaded=False)
    review = context.review
    assert review.setting(MAPPING_SETTING)["Index Keywords"] == "keywords"
    keywords = review.db.execute(
        "SELECT keywords FROM papers WHERE title LIKE 'Bibliometric mapping%'"
    ).fetchone()[0]
    assert "African optometry" not in keywords and "Humans" in keywords  # index, not author
    assert "not kept as fields" in dialog.preview.toPlainText()


def test_decisions_are_offered_and_recorded_as_the_named_reviewer(qtbot, context, tmp_path):
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    add(qtbot, dialog, [write(tmp_path, "rayyan.csv", RAYYAN)])
    dialog.show()
    qtbot.waitExposed(dialog)
    options = dialog.options
    assert options.decisions_row.isVisible()
    assert "(first records: 1 conflict, 1 exclude, 1 include)" in options.decisions_note.text()
    options.decisions_box.setChecked(True)
    options.stage_box.setCurrentIndex(0)
    qtbot.keyClicks(options.reviewer_edit, "Ann")
    dialog.search_form.search_box.setEditText("Rayyan")
    dialog.start_import(threaded=False)
    assert "decisions brought along (title/abstract)" in dialog.preview.toPlainText()
    first = context.review.db.execute("SELECT MIN(id) FROM papers").fetchone()[0]
    assert current_decision(context.review, first, "title_abstract", "Ann")["decision"] == (
        "include"
    )


def test_mapping_model_is_a_proper_model(qtmodeltester):
    model = ColumnMappingModel()
    model.set_plan([("Title", "title"), ("Cited by", None)], {"Title": "A"}, {})
    qtmodeltester.check(model)
    assert not model.setData(model.index(0, 2), "nonsense", Qt.EditRole)
    assert model.setData(model.index(1, 2), NOT_KEPT, Qt.EditRole)
    assert model.mapping() == {"Cited by": "ignore"}


def test_the_columns_are_read_once_with_the_preview(qtbot, context, tmp_path):
    """Selecting a file showed its columns by reading its header again on the GUI thread (an
    XLSX opens its workbook): they come with the preview, read once in the background. The
    proof: the file is gone when it is selected again, and its columns still show."""
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    rayyan = write(tmp_path, "rayyan.csv", RAYYAN)
    add(qtbot, dialog, [rayyan, write(tmp_path, "other.csv", RAYYAN)])
    columns = dialog.files[0].columns
    assert columns and "title" in [c.lower() for c in columns]
    rayyan.unlink()
    dialog.table.selectRow(1)
    dialog.table.selectRow(0)
    assert [name for name, _ in dialog.options.model.rows] == columns
