"""Small building blocks shared by the curation panes: labels, error lines, buttons, icons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QPushButton, QToolButton, QWidget

# qtawesome names used by the curation panes (icons are made after the QApplication exists).
ADD = "fa5s.plus"
REMOVE = "fa5s.trash-alt"
UP = "fa5s.arrow-up"
DOWN = "fa5s.arrow-down"
RENAME = "fa5s.pen"
MERGE = "fa5s.compress-alt"
SAVE = "fa5s.save"
KEY = "fa5s.star"
SCALE = "fa5s.sliders-h"
SUGGEST = "fa5s.lightbulb"
ERROR_COLOUR = "#b3261e"


def _icon(name: str):
    import qtawesome as qta

    return qta.icon(name, color="#3d4652")


def plain_label(text: str = "", *, wrap: bool = True, selectable: bool = False) -> QLabel:
    """A label that shows imported text as plain text, never as HTML."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setText(text)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def heading(text: str) -> QLabel:
    label = plain_label(text, wrap=False)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class ErrorLabel(QLabel):
    """The message under a form field saying why it cannot be saved; hidden when empty."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.hide()

    def show_message(self, message: str | None) -> None:
        self.setText(message or "")
        self.setVisible(bool(message))


def tool_button(icon: str, tip: str) -> QToolButton:
    """An icon button; its keyboard path is a `shortcut` on the widget it acts on (say so in `tip`)."""
    button = QToolButton()
    button.setIcon(_icon(icon))
    button.setAutoRaise(True)
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    return button


def push_button(text: str, icon: str | None = None, tip: str = "") -> QPushButton:
    button = QPushButton(text)
    if icon:
        button.setIcon(_icon(icon))
    if tip:
        button.setToolTip(tip)
    return button


def shortcut(
    key,
    parent: QWidget,
    slot,
    scope: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut,
):
    """A QShortcut on `parent` calling `slot`, active only where `scope` says."""
    from PySide6.QtGui import QShortcut

    made = QShortcut(key if isinstance(key, QKeySequence) else QKeySequence(key), parent)
    made.setContext(scope)
    made.activated.connect(slot)
    return made
