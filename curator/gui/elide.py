"""Text that fits its widget: a button or label too narrow for its text shows it elided
("Wrong interventi…") with the whole text in its tooltip, instead of cutting it off.

Use these where a label's width is set by the layout rather than by its text (a grid of
buttons, a narrow side panel); `text()` still returns the whole text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionButton,
    QStyleOptionViewItem,
    QWidget,
)


class ElidingButton(QPushButton):
    """A push button whose text is elided to its width, the whole text in its tooltip."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self._full = ""
        self._tip = ""
        self.setText(text)

    def text(self) -> str:  # the whole text, as set
        return self._full

    def shown_text(self) -> str:
        """The text as drawn (elided when the button is too narrow)."""
        return super().text()

    def setText(self, text: str) -> None:
        self._full = text
        self._fit()

    def setToolTip(self, tip: str) -> None:
        self._tip = tip
        self._fit()

    def sizeHint(self):  # the room the whole text needs, whatever is shown now
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        extra = metrics.horizontalAdvance(self._full) - metrics.horizontalAdvance(super().text())
        hint.setWidth(hint.width() + max(0, extra))
        return hint

    def minimumSizeHint(self):
        return (
            self.sizeHint()
            if self.sizePolicy().horizontalPolicy() == self.sizePolicy().Policy.Preferred
            else super().minimumSizeHint()
        )

    def available_width(self) -> int:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = ""
        rect = self.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, self)
        width = rect.width()
        if not self.icon().isNull():
            width -= self.iconSize().width() + 4
        return max(0, width)

    def _fit(self) -> None:
        width = self.available_width()
        metrics = self.fontMetrics()
        shown = self._full
        if width > 0 and metrics.horizontalAdvance(self._full) > width:
            shown = metrics.elidedText(self._full, Qt.TextElideMode.ElideRight, width)
        super().setText(shown)
        tip = self._tip
        if shown != self._full:
            tip = f"{self._full}\n{tip}" if tip and tip != self._full else self._full
        super().setToolTip(tip)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()


class ElidingLabel(QLabel):
    """A one-line plain-text label elided to its width, the whole text in its tooltip."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setMinimumWidth(40)
        self._full = ""
        self.setText(text)

    def text(self) -> str:
        return self._full

    def setText(self, text: str) -> None:
        self._full = text
        self._fit()

    def minimumSizeHint(self):
        hint = super().minimumSizeHint()
        hint.setWidth(40)
        return hint

    def _fit(self) -> None:
        width = self.contentsRect().width() - 2 * max(0, self.margin())
        metrics = self.fontMetrics()
        shown = self._full
        if width > 0 and metrics.horizontalAdvance(self._full) > width:
            shown = metrics.elidedText(self._full, Qt.TextElideMode.ElideRight, width)
        super().setText(shown)
        super().setToolTip(self._full if shown != self._full else "")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()


class ElideMiddleDelegate(QStyledItemDelegate):
    """Cells elided in the middle, so a citation too long for its column keeps its year
    ("Kupferberg & Ha…, 2024", not "Kupferberg & Hasler, 20…")."""

    def initStyleOption(self, option: QStyleOptionViewItem, index) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle
