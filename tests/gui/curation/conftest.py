"""Curation GUI fixtures: an AppContext over a real review with hand-built included papers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from curator.core.review import Review
from curator.gui.context import AppContext
from tests.curation_data import build

SHOTS = Path(os.environ.get("CURATOR_SHOTS", "")) if os.environ.get("CURATOR_SHOTS") else None


@pytest.fixture
def context(review_path, qapp):
    qapp.setStyle("Fusion")
    ctx = AppContext()
    review = Review.open(review_path, who="tester")
    ctx.paper_ids = build(review)
    ctx.set_review(review)
    yield ctx
    ctx.set_review(None)


def shot(widget, name: str) -> None:
    """Save a PNG of `widget` when CURATOR_SHOTS names a folder (for looking at the forms)."""
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SHOTS / f"{name}.png"))


def show(qtbot, widget, size=(1100, 760)):
    """Show `widget` as an active window (shortcuts need one) and return it."""
    qtbot.addWidget(widget)
    widget.resize(*size)
    with qtbot.waitExposed(widget):
        widget.show()
    with qtbot.waitActive(widget):
        widget.activateWindow()
    return widget


def press(focus, key, modifier=None):
    """A real key press as the window system delivers it (so shortcuts fire) to `focus`."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    focus.setFocus()
    QTest.keyClick(focus.window().windowHandle(), key, modifier or Qt.KeyboardModifier.NoModifier)


def type_into(qtbot, widget, text, enter=False):
    """Type `text` into `widget` key by key (and Enter)."""
    from PySide6.QtCore import Qt

    widget.setFocus()
    qtbot.keyClicks(widget, text)
    if enter:
        qtbot.keyClick(widget, Qt.Key.Key_Return)
