"""Small building blocks shared by the curation panes: labels, error lines, buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QPushButton, QToolButton, QWidget

from curator.gui import icons
from curator.gui.style import set_role


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
        set_role(self, "error")
        self.hide()

    def show_message(self, message: str | None) -> None:
        self.setText(message or "")
        self.setVisible(bool(message))


def tool_button(icon: str, tip: str) -> QToolButton:
    """An icon button (`icon` a name in gui.icons); its keyboard path is a `shortcut` on the widget it acts on (say so in `tip`)."""
    button = QToolButton()
    button.setIcon(icons.icon(icon))
    button.setAutoRaise(True)
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    return button


def push_button(text: str, icon: str | None = None, tip: str = "") -> QPushButton:
    button = QPushButton(text)
    if icon:
        button.setIcon(icons.icon(icon))
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
