"""Starting Curator on a file: the command line's (or desktop entry's) FILE, the platform's
FileOpen event, a non-review refused with one line; the About box shows the version."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from curator import __version__
from curator.gui import app as app_module
from curator.gui import dialogs


@pytest.fixture
def errors(monkeypatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        dialogs, "show_error", lambda parent, title, text: shown.append((title, text))
    )
    return shown


@pytest.fixture
def started(qtbot):
    windows = []

    def start(path=None):
        window = app_module.start(path)
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield start
    for window in windows:
        window.context.set_review(None)


def test_the_file_given_on_the_command_line_is_opened(started, sample_path, errors):
    window = started(sample_path)
    assert window.isVisible()
    assert window.context.review is not None
    assert window.context.review.path == sample_path
    assert errors == []


def test_a_file_that_is_not_a_review_is_refused_with_one_line(started, tmp_path, errors):
    notes = tmp_path / "notes.curator"
    notes.write_text("TY  - JOUR\nER  -\n", encoding="utf-8")
    window = started(notes)
    assert window.isVisible()
    assert window.context.review is None
    assert len(errors) == 1
    title, text = errors[0]
    assert title == "Cannot open review"
    assert str(notes) in text and "not a Curator review" in text
    assert "\n" not in text
    assert notes.read_text(encoding="utf-8") == "TY  - JOUR\nER  -\n"  # left as it was


def test_a_file_the_platform_asks_to_open_is_opened(started, sample_path, errors):
    window = started(None)
    assert window.context.review is None
    QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(str(sample_path)))
    assert window.context.review is not None
    assert window.context.review.path == sample_path
    assert errors == []


def test_the_about_box_shows_the_version(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    dialogs.show_about(None)
    assert shown and shown[0].startswith(f"Curator {__version__}\n")
