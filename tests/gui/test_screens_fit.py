"""Every workspace fits the screen: the demo review at 1280x800 and 1920x1080, each workspace
and each of its tabs shown, and no button's or label's text wider than the room it has
(fontMetrics().horizontalAdvance against the widget's contents rectangle), and no tab bar with
more tabs than fit (it would scroll, hiding the last ones). Long texts are
elided with a tooltip (curator.gui.elide) or wrap; a failure lists every offender.

With CURATOR_SCREENSHOTS set to a folder, the test also saves each workspace's picture there
(`<workspace>-demo-<width>.png`), the pictures in docs/screenshots.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QTabWidget,
    QWidget,
)

from curator.core.demo import build_demo
from curator.gui.mainwindow import MainWindow
from curator.gui.screening import ScreeningWorkspace
from curator.gui.ui_settings import SCREENING_KEYS

SHOTS = Path(os.environ["CURATOR_SCREENSHOTS"]) if os.environ.get("CURATOR_SCREENSHOTS") else None


def shown_text(widget: QWidget) -> str:
    """The text as drawn (an eliding widget's elided text), without mnemonic ampersands."""
    base = QLabel if isinstance(widget, QLabel) else QAbstractButton
    text = base.text(widget)
    if isinstance(widget, QLabel) and (
        widget.textFormat() == Qt.TextFormat.RichText
        or (widget.textFormat() == Qt.TextFormat.AutoText and Qt.mightBeRichText(text))
    ):
        document = QTextDocument()
        document.setHtml(text)
        text = document.toPlainText()
    if isinstance(widget, QAbstractButton) or widget.buddy() is not None:
        text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text


def room(widget: QWidget) -> int:
    """The width the widget has for its text."""
    sub = None
    if isinstance(widget, QPushButton):
        option, sub = QStyleOptionButton(), QStyle.SubElement.SE_PushButtonContents
    elif isinstance(widget, QCheckBox):
        option, sub = QStyleOptionButton(), QStyle.SubElement.SE_CheckBoxContents
    elif isinstance(widget, QRadioButton):
        option, sub = QStyleOptionButton(), QStyle.SubElement.SE_RadioButtonContents
    if sub is None:
        width = widget.contentsRect().width()
        if isinstance(widget, QLabel):
            width -= 2 * max(0, widget.margin()) + max(0, widget.indent())
    else:
        widget.initStyleOption(option)
        option.text = ""
        width = widget.style().subElementRect(sub, option, widget).width()
    if isinstance(widget, QAbstractButton) and not widget.icon().isNull():
        width -= widget.iconSize().width() + 4
    return width


def clipped(window: QWidget) -> list[str]:
    """Every visible button or label whose text is wider than its room, described."""
    found = []
    for widget in window.findChildren(QAbstractButton) + window.findChildren(QLabel):
        if not widget.isVisible() or widget.width() <= 0:
            continue
        if isinstance(widget, QLabel) and (widget.wordWrap() or not widget.pixmap().isNull()):
            continue
        text = shown_text(widget)
        metrics = widget.fontMetrics()
        for line in text.splitlines():
            need = metrics.horizontalAdvance(line)
            if line.strip() and need > room(widget) + 1:
                name = widget.accessibleName() or widget.objectName() or type(widget).__name__
                found.append(f"{name} {line!r}: {need} px of text in {room(widget)} px")
    return found


def tab_bar_scrolls(tabs: QTabWidget) -> str | None:
    """The tab bar's need against its room when its tabs do not all fit (it would scroll)."""
    need = sum(tabs.tabBar().tabSizeHint(i).width() for i in range(tabs.count()))
    have = tabs.width() - (tabs.cornerWidget().width() if tabs.cornerWidget() else 0)
    return f"tab bar: {need} px of tabs in {have} px" if need > have else None


def tab_widgets(workspace: QWidget) -> list[QTabWidget]:
    return [t for t in workspace.findChildren(QTabWidget) if t.isVisible()]


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("fit") / "demo.curator"
    built = build_demo(path, who="tester")
    if hasattr(built, "close"):
        built.close()
    return path


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_every_workspace_fits_the_window(qtbot, demo_file, tmp_path, size):
    path = tmp_path / "demo.curator"
    path.write_bytes(demo_file.read_bytes())
    SCREENING_KEYS.set_value("redo", "Ctrl+Shift+Z")  # the long Redo key of Linux desktops
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_path(path)
    offenders: dict[str, list[str]] = {}
    try:
        for number, workspace in enumerate(window.workspaces):
            window.nav.setCurrentRow(number)
            QApplication.processEvents()
            assert window.size().width() == size[0]
            if SHOTS is not None and size == (1280, 800):
                SHOTS.mkdir(parents=True, exist_ok=True)
                window.grab().save(str(SHOTS / f"{workspace.title.lower()}-demo-1280.png"))
            seen = clipped(window)
            for tabs in tab_widgets(workspace):
                if scrolls := tab_bar_scrolls(tabs):
                    seen.append(scrolls)
                for index in range(tabs.count()):
                    tabs.setCurrentIndex(index)
                    QApplication.processEvents()
                    seen += [f"[{tabs.tabText(index)} tab] {o}" for o in clipped(window)]
                tabs.setCurrentIndex(0)
            if isinstance(workspace, ScreeningWorkspace):  # the key hints are whole, not elided
                for name in ("previous", "note", "undo", "redo", "next"):
                    button = workspace.pane.buttons[name]
                    assert button.shown_text() == button.text(), button.text()
                assert workspace.pane.buttons["redo"].text() == "Redo  [Ctrl+Shift+Z]"
            if seen:
                offenders[workspace.title] = sorted(set(seen))
    finally:
        window.context.set_review(None)
    assert not offenders, "\n".join(
        f"{title}: {line}" for title, lines in offenders.items() for line in lines
    )
