"""The main window: creating, opening, dropping and reopening reviews; actions; layout memory."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QUndoCommand
from PySide6.QtWidgets import QApplication, QPushButton

from curator.core.changes import Changes
from curator.core.papers import add_paper
from curator.gui import dialogs, ui_settings
from curator.gui.actions import ActionKey
from curator.gui.library import LibraryWorkspace
from curator.gui.mainwindow import MainWindow
from curator.gui.workspaces import WORKSPACES


@pytest.fixture
def window(qtbot):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    yield win
    win.context.set_review(None)


@pytest.fixture
def errors(monkeypatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        dialogs, "show_error", lambda parent, title, text: shown.append((title, text))
    )
    return shown


def library(win: MainWindow) -> LibraryWorkspace:
    return win.workspace(LibraryWorkspace)  # type: ignore[return-value]


def test_starts_on_the_welcome_page_with_review_actions_disabled(window):
    assert window.pages.currentWidget() is window.welcome
    assert window.windowTitle() == "Curator"
    assert not window.actions[ActionKey.CLOSE].isEnabled()
    assert not window.actions[ActionKey.UNDO].isEnabled()
    assert window.actions[ActionKey.OPEN].isEnabled()
    assert not window.actions[ActionKey.QUIT].shortcut().isEmpty()
    texts = [b.text() for b in window.welcome.findChildren(QPushButton)]
    assert "New review…" in texts and "Open review…" in texts


def test_new_review_through_the_window(window, tmp_path, monkeypatch):
    target = tmp_path / "mine.curator"
    monkeypatch.setattr(dialogs, "ask_new_path", lambda parent, start="": target)
    window.actions[ActionKey.NEW].trigger()
    assert target.is_file()
    assert window.context.review is not None and window.context.review.path == target
    assert window.pages.currentIndex() == 1
    assert window.windowTitle() == "mine — Curator"
    assert window.actions[ActionKey.CLOSE].isEnabled()
    lib = library(window)
    assert lib.list_stack.currentWidget() is lib.empty
    assert lib.empty.title_label.text() == "No papers yet — File ▸ Import…"
    assert window.status.labels["papers"].text() == "0 papers"
    assert ui_settings.recent_files() == [target.resolve()]


def test_new_review_over_an_existing_file_is_refused_with_a_message(
    window, sample_path, monkeypatch, errors
):
    before = sample_path.read_bytes()
    monkeypatch.setattr(dialogs, "ask_new_path", lambda parent, start="": sample_path)
    window.actions[ActionKey.NEW].trigger()
    assert errors and "already exists" in errors[0][1]
    assert window.context.review is None
    assert sample_path.read_bytes() == before


def test_open_review_through_the_window(window, sample_path, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_open_path", lambda parent, start="": sample_path)
    window.actions[ActionKey.OPEN].trigger()
    lib = library(window)
    assert lib.model.rowCount() == 4
    assert lib.list_stack.currentWidget() is lib.table
    assert window.status.labels["papers"].text() == "4 papers"
    assert window.status.labels["included"].text() == "1 included"
    assert window.status.labels["title_abstract"].text() == (
        "Title/abstract: 1 included, 1 excluded, 2 undecided"
    )
    assert window.status.labels["full_text"].text() == "Full text: 1 included"


def test_cancelling_the_open_dialog_changes_nothing(window, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_open_path", lambda parent, start="": None)
    window.actions[ActionKey.OPEN].trigger()
    assert window.context.review is None


@pytest.mark.parametrize(
    "content", [b"TY  - JOUR\nER  -\n", b"SQLite format 3\x00" + b"\x00" * 100]
)
def test_a_file_that_is_not_a_review_shows_a_message_and_keeps_the_open_review(
    window, sample_path, tmp_path, errors, content
):
    assert window.open_path(sample_path)
    bad = tmp_path / "bad.ris"
    bad.write_bytes(content)
    assert not window.open_path(bad)
    assert errors[0][0] == "Cannot open review"
    assert str(bad) in errors[0][1]
    assert window.context.review.path == sample_path
    assert library(window).model.rowCount() == 4


def drop(window: MainWindow, urls: list[QUrl]) -> tuple[bool, bool]:
    mime = QMimeData()
    mime.setUrls(urls)
    with warnings.catch_warnings():
        # Qt 6 has only this (QPoint) constructor, which PySide marks deprecated.
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(
            QPoint(50, 50),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    QApplication.sendEvent(window, enter)
    dropped = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, dropped)
    return enter.isAccepted(), dropped.isAccepted()


def test_dropping_a_review_file_on_the_window_opens_it(window, sample_path):
    accepted, dropped = drop(window, [QUrl.fromLocalFile(str(sample_path))])
    assert accepted and dropped
    assert window.context.review.path == sample_path
    assert library(window).model.rowCount() == 4


def test_dropping_a_web_link_is_refused(window):
    accepted, _ = drop(window, [QUrl("https://example.org/review.curator")])
    assert not accepted
    assert window.context.review is None


def test_recent_files_newest_first_missing_pruned_and_at_most_ten(
    window, template_review, tmp_path
):
    paths = []
    for number in range(12):
        path = tmp_path / f"r{number}.curator"
        path.write_bytes(template_review.read_bytes())
        paths.append(path)
        assert window.open_path(path)
    recent = ui_settings.recent_files()
    assert recent == [p.resolve() for p in reversed(paths)][:10]
    paths[11].unlink()
    window.close_review()
    window._fill_recent_menu()
    names = [a.text() for a in window.recent_menu.actions() if a.text()]
    assert names[0] == "&1  r10.curator"
    assert not any("r11.curator" in n for n in names)
    window.recent_menu.actions()[0].trigger()
    assert window.context.review.path == paths[10]


def test_undo_and_redo_follow_the_context_undo_stack(window, sample_path):
    window.open_path(sample_path)
    stack = window.context.undo_stack
    done = []

    class Mark(QUndoCommand):
        def redo(self):
            done.append("redo")

        def undo(self):
            done.append("undo")

    command = Mark()
    command.setText("mark paper")
    stack.push(command)
    assert window.actions[ActionKey.UNDO].isEnabled()
    assert window.actions[ActionKey.UNDO].text() == "&Undo mark paper"
    assert not window.actions[ActionKey.REDO].isEnabled()
    window.actions[ActionKey.UNDO].trigger()
    assert done == ["redo", "undo"]
    assert window.actions[ActionKey.REDO].isEnabled()
    window.close_review()
    assert not window.actions[ActionKey.UNDO].isEnabled()
    assert not window.actions[ActionKey.REDO].isEnabled()


def test_navigation_lists_every_workspace_and_switches_the_stack(window, sample_path, qtbot):
    window.open_path(sample_path)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == [
        "Library",
        "Searches",
        "Duplicates",
        "Screening",
        "Curation",
        "Claims",
        "Tables",
        "Flow",
    ]
    assert titles == [w.title for w in WORKSPACES]
    window.nav.setCurrentRow(5)
    assert window.stack.currentWidget().title == "Claims"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is library(window)


def test_status_bar_counts_follow_context_changes(window, sample_path):
    window.open_path(sample_path)
    window.show_workspace(0)  # it opened on Screening, under way
    review = window.context.review
    window.context.notify(add_paper(review, title="Another paper", year=2021))
    assert window.status.labels["papers"].text() == "5 papers"
    assert library(window).model.rowCount() == 5


def test_closing_a_review_returns_to_the_welcome_page(window, sample_path):
    window.open_path(sample_path)
    window.actions[ActionKey.CLOSE].trigger()
    assert window.context.review is None
    assert window.pages.currentWidget() is window.welcome
    assert window.windowTitle() == "Curator"
    assert window.status.labels["papers"].text() == ""


def test_geometry_and_splitter_are_remembered(qtbot, sample_path):
    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    first.open_path(sample_path)
    first.show_workspace(0)  # it opened on Screening, under way
    # The offscreen screen is 800 px wide, so Qt fits a restored wider window to its minimum
    # width: test at that width (the height, 700, fits and is restored as saved).
    width = first.minimumSizeHint().width()
    first.resize(width, 700)
    library(first).splitter.setSizes([330, 200])
    sizes = library(first).splitter.sizes()
    first.close()
    assert first.context.review is None

    second = MainWindow()
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == (width, 700)
    second.open_path(sample_path)
    second.show_workspace(0)
    assert library(second).splitter.sizes() == sizes


def test_demo_button_and_action_follow_the_demo_builder(window, tmp_path, monkeypatch):
    import curator.gui.mainwindow as mw
    from curator.core.review import Review

    built: list[Path] = []

    def build_demo(path: Path):
        built.append(path)
        with Review.create(path, title="Demo review") as review:
            add_paper(review, title="A demo paper", year=2020)

    monkeypatch.setattr(mw, "demo_builder", lambda: build_demo)
    monkeypatch.setattr(mw, "demo_path", lambda: tmp_path / "demo" / "demo.curator")
    window.update_actions()
    assert window.actions[ActionKey.OPEN_DEMO].isEnabled()
    window.actions[ActionKey.OPEN_DEMO].trigger()
    assert window.windowTitle() == "Demo review — Curator"
    window.actions[ActionKey.OPEN_DEMO].trigger()  # a fresh copy over the open one
    assert len(built) == 2
    assert library(window).model.rowCount() == 1
    monkeypatch.setattr(mw, "demo_builder", lambda: None)
    window.update_actions()
    assert not window.actions[ActionKey.OPEN_DEMO].isEnabled()


def test_context_changes_with_nothing_changed_do_not_broadcast(window, qtbot):
    with qtbot.assertNotEmitted(window.context.changed):
        window.context.notify(Changes())


def test_application_is_named_styled_and_has_an_icon(qapp):
    from curator.gui.app import stylesheet

    assert qapp.organizationName() == "Curator" and qapp.applicationName() == "Curator"
    assert "QListWidget#Navigation" in stylesheet()
    assert qapp.styleSheet() == stylesheet()
    assert not qapp.windowIcon().isNull()
    assert qapp.windowIcon().pixmap(64, 64).width() == 64


def test_run_opens_the_given_review_and_returns_when_the_window_closes(sample_path, tmp_path):
    """`run()` end to end, in its own process: it owns the event loop and quits the app."""
    import os
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from curator.gui import app as app_module\n"
        "from curator.gui.mainwindow import MainWindow\n"
        "def look_and_close():\n"
        "    for win in QApplication.topLevelWidgets():\n"
        "        if isinstance(win, MainWindow) and win.isVisible():\n"
        "            print('TITLE=' + win.windowTitle())\n"
        "            win.close()\n"
        "    QApplication.quit()\n"
        "app_module.application()\n"
        "QTimer.singleShot(300, look_and_close)\n"
        "sys.exit(app_module.run(Path(sys.argv[1])))\n"
    )
    repo = Path(__file__).resolve().parents[2]
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(repo),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    result = subprocess.run(
        [sys.executable, "-c", code, str(sample_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "TITLE=Test review — Curator" in result.stdout


def test_the_welcome_page_lists_recent_reviews_to_reopen(
    window, sample_path, template_review, tmp_path
):
    assert not window.welcome.recent_box.isVisibleTo(window.welcome)
    other = tmp_path / "other.curator"
    other.write_bytes(template_review.read_bytes())
    window.open_path(sample_path)
    window.open_path(other)
    window.close_review()
    names = [b.text() for b in window.welcome.recent_buttons]
    assert names == ["other.curator", "review.curator"]
    assert window.welcome.recent_box.isVisibleTo(window.welcome)
    window.welcome.recent_buttons[1].click()
    assert window.context.review.path == sample_path


def _older_review(tmp_path, monkeypatch, steps: int) -> Path:
    """A review file written by a Curator whose schema stops at migration `steps`."""
    from curator.core import db as dbmod
    from curator.core.review import Review
    from tests.migration_dirs import copy_migrations

    old = copy_migrations(tmp_path / "old-database", upto=steps)
    review_file = tmp_path / "older.curator"
    with monkeypatch.context() as patch:
        patch.setattr(dbmod, "database_dir", lambda: old)
        with Review.create(review_file) as review:
            add_paper(review, title="Neuroplasticity after stroke")
    return review_file


def test_an_older_review_is_brought_up_to_date_off_the_gui_thread(
    window, tmp_path, monkeypatch, errors
):
    """Its migrations (seconds on a large review) run on a worker thread behind a busy
    dialog; then the file opens, current, with a backup beside it."""
    import threading

    from curator.core import db as dbmod
    from curator.gui import upgrade

    review_file = _older_review(tmp_path, monkeypatch, steps=4)
    assert dbmod.review_version(review_file) == 4
    migrated_on, shown = [], []
    real_migrate, real_dialog = dbmod.migrate, upgrade.upgrade_dialog

    def noting_migrate(db, path=None):
        applied = real_migrate(db, path)
        if applied:
            migrated_on.append(threading.get_ident())
        return applied

    def noting_dialog(parent, path):
        dialog = real_dialog(parent, path)
        shown.append(dialog.labelText())
        return dialog

    monkeypatch.setattr(dbmod, "migrate", noting_migrate)
    monkeypatch.setattr(upgrade, "upgrade_dialog", noting_dialog)
    assert window.open_path(review_file)
    assert errors == []
    assert migrated_on and migrated_on[0] != threading.get_ident()
    assert shown and "Updating older.curator" in shown[0] and "backup" in shown[0]
    assert dbmod.review_version(review_file) == dbmod.schema_version()
    assert len(list(tmp_path.glob("older.curator.v4-*.bak"))) == 1
    library(window).search.setText("neuroplast")
    library(window).apply_search_now()
    assert library(window).model.rowCount() == 1  # the rebuilt full-text index finds it


def test_a_current_review_opens_without_the_upgrade_dialog(window, sample_path, monkeypatch):
    from curator.gui import upgrade

    monkeypatch.setattr(upgrade, "upgrade_dialog", lambda *a: pytest.fail("no upgrade due"))
    assert window.open_path(sample_path)


def test_opening_looks_at_the_file_once_before_core_opens_it(window, sample_path, monkeypatch):
    """The upgrade and the guard share the window's one look (they each read the file's
    version before); Review.open makes its own, as it does for every opener. (Workers that
    open the review on their own connections meanwhile are not the window's opening.)"""
    import threading

    from curator.core import db as dbmod
    from curator.gui import mainwindow

    looks, real = [], dbmod.review_version

    def counting(path):
        if threading.current_thread() is threading.main_thread():
            looks.append(path)
        return real(path)

    monkeypatch.setattr(dbmod, "review_version", counting)
    monkeypatch.setattr(mainwindow, "review_version", counting)
    assert window.open_path(sample_path)
    assert looks == [sample_path, sample_path]


def test_a_failed_upgrade_is_reported_and_nothing_opens(window, tmp_path, monkeypatch, errors):
    from curator.core import db as dbmod

    review_file = _older_review(tmp_path, monkeypatch, steps=4)

    def failing(db, path=None):
        raise dbmod.CuratorError(f"{path}: migration 0005_fts_detail_none failed: disk full")

    monkeypatch.setattr(dbmod, "migrate", failing)
    assert not window.open_path(review_file)
    assert errors and "disk full" in errors[0][1]
    assert window.context.review is None


def test_a_review_opens_on_the_library_or_on_screening_under_way(window, sample_path, tmp_path):
    from curator.core.review import Review
    from curator.gui.screening import ScreeningWorkspace

    window.show_workspace(5)  # whatever was shown last does not matter
    assert window.open_path(sample_path)  # 2 of 4 papers decided at title/abstract
    assert window.stack.currentWidget() is window.workspace(ScreeningWorkspace)
    window.show_workspace(5)
    fresh = tmp_path / "fresh.curator"
    Review.create(fresh).close()
    assert window.open_path(fresh)
    assert window.stack.currentWidget() is library(window)


def test_file_new_starts_in_the_last_folder_used(window, tmp_path, monkeypatch):
    starts = []
    folder = tmp_path / "reviews"
    folder.mkdir()

    def ask(parent, start=""):
        starts.append(start)
        return folder / "first.curator" if len(starts) == 1 else None

    monkeypatch.setattr(dialogs, "ask_new_path", ask)
    window.new_review()
    window.close_review()
    window.new_review()
    assert starts[1] == str(folder)
    assert starts[0] != str(Path.cwd())  # the documents folder, not the source tree
