"""A centred message for a pane with nothing to show yet: an icon, a line, a hint, buttons."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from curator.gui import icons, palette


class EmptyState(QWidget):
    """What to show instead of an empty list. All text is plain text."""

    def __init__(
        self, icon: str | QIcon, title: str, hint: str = "", parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setObjectName("EmptyState")
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addStretch(1)
        self.icon_label = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.icon_label.setTextFormat(Qt.TextFormat.PlainText)
        glyph = icon if isinstance(icon, QIcon) else icons.icon(icon, palette.ICON_FAINT)
        size = 96 if isinstance(icon, QIcon) else 56
        self.icon_label.setPixmap(glyph.pixmap(QSize(size, size)))
        layout.addWidget(self.icon_label)
        self.title_label = self._label("EmptyTitle", title)
        layout.addWidget(self.title_label)
        self.hint_label = self._label("EmptyHint", hint)
        layout.addWidget(self.hint_label)
        self.buttons = QVBoxLayout()
        self.buttons.setSpacing(8)
        self.buttons.setContentsMargins(0, 12, 0, 0)
        layout.addLayout(self.buttons)
        layout.addStretch(2)

    @staticmethod
    def _label(name: str, text: str) -> QLabel:
        label = QLabel(text, objectName=name, alignment=Qt.AlignmentFlag.AlignCenter)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        return label

    def set_text(self, title: str, hint: str = "") -> None:
        self.title_label.setText(title)
        self.hint_label.setText(hint)
        self.hint_label.setVisible(bool(hint))

    def add_button(self, text: str, icon: str | None = None) -> QPushButton:
        """A big button under the message (the caller connects it)."""
        button = QPushButton(text, objectName="BigButton")
        if icon:
            button.setIcon(icons.icon(icon))
            button.setIconSize(QSize(18, 18))
        button.setMinimumWidth(260)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.buttons.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        return button
