"""The workspaces inside the main window, driven as a user drives them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from curator.core.demo import build_demo
from curator.core.screening.decisions import current_decision
from curator.gui.curation import ClaimsWorkspace, CurationWorkspace
from curator.gui.dedup.workspace import DedupWorkspace
from curator.gui.flow.workspace import FlowWorkspace
from curator.gui.library import LibraryWorkspace
from curator.gui.mainwindow import MainWindow
from curator.gui.screening import ScreeningWorkspace
from curator.gui.screening.dialogs import store_reviewer
from curator.gui.searches_view import SearchesWorkspace
from curator.gui.tables.workspace import TablesWorkspace


def test_every_workspace_is_in_the_navigation(qtbot, sample_path):
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(sample_path)
    kinds = [type(w) for w in window.workspaces]
    assert kinds == [
        LibraryWorkspace,
        SearchesWorkspace,
        DedupWorkspace,
        ScreeningWorkspace,
        CurationWorkspace,
        ClaimsWorkspace,
        TablesWorkspace,
        FlowWorkspace,
    ]
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "Library",
        "Searches",
        "Duplicates",
        "Screening",
        "Curation",
        "Claims",
        "Tables",
        "Flow",
    ]


def test_undo_key_in_the_screening_pane_undoes_once(qtbot, sample_path):
    """The window's Ctrl+Z and the pane's must not collide (Qt ignores ambiguous keys)."""
    store_reviewer("tester")
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_path(sample_path)
    screening = window.workspace(ScreeningWorkspace)
    window.show_workspace(window.workspaces.index(screening))
    with qtbot.waitActive(window):
        window.activateWindow()
    pane = screening.pane
    qtbot.waitUntil(lambda: pane.record is not None, timeout=30_000)  # ranked first (#17)
    pane.setFocus()
    first = pane.record["id"]
    review = window.context.review
    before = current_decision(review, first, "title_abstract", "tester")
    qtbot.keyClick(pane, Qt.Key_I)
    qtbot.waitUntil(lambda: current_decision(review, first, "title_abstract", "tester") is not None)
    assert window.context.undo_stack.count() == 1
    undo = QKeySequence(QKeySequence.StandardKey.Undo)[0]
    qtbot.keyClick(pane, undo.key(), undo.keyboardModifiers())
    qtbot.waitUntil(lambda: window.context.undo_stack.index() == 0)
    assert current_decision(review, first, "title_abstract", "tester") == before


def test_a_gap_matrix_paper_opens_in_the_library(qtbot, tmp_path):
    path = tmp_path / "demo.curator"
    build_demo(path).close()
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(path)
    tables = window.workspace(TablesWorkspace)
    library = window.workspace(LibraryWorkspace)
    library.search.setText("zzzz no match")
    library.apply_search_now()
    paper_id = window.context.review.db.execute("SELECT MAX(id) FROM papers").fetchone()[0]
    tables.paper_activated.emit(paper_id)
    assert window.stack.currentWidget() is library
    assert library.current_id() == paper_id


def test_dropping_search_exports_on_an_open_review_offers_the_import(
    qtbot, sample_path, tmp_path, monkeypatch
):
    from PySide6.QtCore import QUrl

    from curator.gui import mainwindow
    from tests.gui.test_mainwindow import drop

    ris = tmp_path / "pubmed.ris"
    ris.write_text("TY  - JOUR\nTI  - A dropped record\nPY  - 2020\nER  - \n", encoding="utf-8")
    asked: list = []
    monkeypatch.setattr(
        mainwindow.ImportDialog,
        "ask",
        classmethod(lambda cls, ctx, parent, paths: asked.append(paths) or []),
    )
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(sample_path)
    accepted, dropped = drop(window, [QUrl.fromLocalFile(str(ris))])
    assert accepted and dropped
    assert asked == [[ris]]
    assert window.context.review.path == sample_path  # the review stays open


def test_file_import_action_needs_an_open_review(qtbot, sample_path):
    from curator.gui.actions import ActionKey

    window = MainWindow()
    qtbot.addWidget(window)
    assert not window.actions[ActionKey.IMPORT].isEnabled()
    assert window.open_path(sample_path)
    assert window.actions[ActionKey.IMPORT].isEnabled()


def test_hidden_workspaces_load_when_first_shown_and_catch_up_on_changes(qtbot, sample_path):
    """Opening a review loads only the pane on screen; the others reload when shown."""
    from curator.core.papers import add_paper

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_path(sample_path)
    curation = window.workspace(CurationWorkspace)
    assert curation.model.rowCount() == 0  # not loaded while hidden
    window.show_workspace(window.workspaces.index(curation))
    included = curation.model.rowCount()
    assert included >= 1
    window.show_workspace(0)
    library = window.workspace(LibraryWorkspace)
    before = library.model.rowCount()
    window.context.notify(add_paper(window.context.review, title="Added while visible"))
    assert library.model.rowCount() == before + 1  # the visible pane refreshes at once


def test_window_start_up_does_not_load_the_ranking_model():
    """scikit-learn and scipy.stats load with the first retrain, on the worker thread, not
    when the window starts (they were about 0.9 s and 110 MB of every start-up)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys\n"
        "import curator.gui.mainwindow\n"
        "print(sorted(m for m in ('sklearn', 'scipy.stats') if m in sys.modules))\n"
    )
    repo = Path(__file__).resolve().parents[2]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(repo)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
