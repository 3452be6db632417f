"""The research gaps matrix as a heatmap: cell colours shared by the view and the figure.

A cell's blue deepens with its count (relative to the matrix's largest); a GAP cell (no
included paper) is drawn apart from every count: pale orange, dark red bold "GAP", a dashed
border. Each count's ink is black or white, whichever contrasts more with its fill (relative
luminance, WCAG). `HeatDelegate` paints the cells itself in the window, because the
application style sheet's `QTableView::item` rules replace a model's background colours;
a selected cell keeps its shade and gets an outline. `HeatmapScene` draws the same matrix as
a figure for PNG, SVG or PDF export.
"""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import QModelIndex, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QTextOption
from PySide6.QtWidgets import (
    QGraphicsScene,
    QGraphicsTextItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from curator.core.report.tables import GAP
from curator.gui import palette
from curator.gui.tables.model import DataFrameModel

LOW, HIGH = palette.HEAT_LOW, palette.HEAT_HIGH
GAP_FILL, GAP_INK = palette.GAP_FILL, palette.GAP_INK
FONT_FAMILY = "DejaVu Sans"


def is_gap(value: object) -> bool:
    return isinstance(value, str) and value == GAP


def count_of(value: object) -> int:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0


def max_count(frame: pd.DataFrame) -> int:
    values = (
        [count_of(v) for v in frame.iloc[:, 1:].to_numpy().ravel()] if frame.shape[1] > 1 else []
    )
    return max(values, default=0)


def fill_for(value: object, largest: int) -> QColor:
    if is_gap(value):
        return GAP_FILL
    share = count_of(value) / largest if largest else 0.0
    share = 0.12 + 0.88 * share if share else 0.0
    return QColor(
        round(LOW.red() + (HIGH.red() - LOW.red()) * share),
        round(LOW.green() + (HIGH.green() - LOW.green()) * share),
        round(LOW.blue() + (HIGH.blue() - LOW.blue()) * share),
    )


def luminance(colour: QColor) -> float:
    """WCAG relative luminance: 0 for black, 1 for white."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours, from 1 (none) to 21 (black on white)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def ink_for(value: object, largest: int) -> QColor:
    """The count's ink: black or white, whichever reads better on the cell's fill."""
    if is_gap(value):
        return GAP_INK
    fill = fill_for(value, largest)
    return (
        palette.WHITE
        if contrast(fill, palette.WHITE) > contrast(fill, palette.BLACK)
        else (palette.BLACK)
    )


class HeatDelegate(QStyledItemDelegate):
    """Paints the matrix's cells from the model's colour roles (the style sheet cannot
    override them): the shade, the count in its ink, a dashed GAP border, and a selection
    outline over the shade rather than a selection fill in place of it."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        background = index.data(Qt.ItemDataRole.BackgroundRole)
        if index.column() == 0 or background is None:
            super().paint(painter, option, index)
            return
        value = index.data(Qt.ItemDataRole.DisplayRole)
        rect = option.rect
        painter.save()
        painter.fillRect(rect, background)
        if is_gap(value):
            painter.setPen(QPen(GAP_INK, 1.2, Qt.PenStyle.DashLine))
            painter.drawRect(rect.adjusted(2, 2, -3, -3))
        font = QFont(index.data(Qt.ItemDataRole.FontRole) or option.font)
        font.setBold(True)  # a count reads at a glance on any shade
        font.setPointSizeF(font.pointSizeF() + 1)
        painter.setFont(font)
        painter.setPen(index.data(Qt.ItemDataRole.ForegroundRole).color())
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(value))
        if option.state & QStyle.StateFlag.State_Selected:
            painter.setPen(QPen(palette.HEAT_SELECTED, 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        painter.restore()


class GapMatrixModel(DataFrameModel):
    """The matrix frame with its cells shaded by count and GAP cells marked."""

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        """A term's name a word to a line: the columns share the width, and a header's text
        does not wrap by itself (copies and exports take the frame's names)."""
        text = super().headerData(section, orientation, role)
        if text and section > 0 and orientation == Qt.Orientation.Horizontal:
            return "\n".join(text.split())
        return text

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if index.isValid() and index.column() > 0 and 0 <= index.row() < self.rowCount():
            value = self.frame.iat[index.row(), index.column()]
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(fill_for(value, max_count(self.frame)))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(ink_for(value, max_count(self.frame)))
            if role == Qt.ItemDataRole.FontRole and is_gap(value):
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignCenter)
            if role == Qt.ItemDataRole.ToolTipRole:
                row_term = self.frame.iat[index.row(), 0]
                column_term = self.frame.columns[index.column()]
                n = count_of(value)
                what = "no included paper (a gap)" if is_gap(value) else f"{n} included paper(s)"
                return f"{row_term} × {column_term}: {what}. Click to list them."
        return super().data(index, role)


class HeatmapScene(QGraphicsScene):
    """The matrix drawn as a figure: header row, row labels, shaded cells, a caption."""

    CELL_W = 104.0
    CELL_H = 40.0
    LABEL_W = 210.0
    HEADER_H = 52.0
    MARGIN = 12.0

    def __init__(self, frame: pd.DataFrame, caption: str = "", parent=None):
        super().__init__(parent)
        self.frame = frame
        self.setBackgroundBrush(QBrush(palette.WHITE))
        largest = max_count(frame)
        m, cw, ch, lw, hh = self.MARGIN, self.CELL_W, self.CELL_H, self.LABEL_W, self.HEADER_H
        grid = QPen(palette.HEAT_GRID, 0.8)
        self._text(
            str(frame.columns[0]) if len(frame.columns) else "",
            QRectF(m, m, lw, hh),
            bold=True,
            left=True,
        )
        for c, name in enumerate(frame.columns[1:]):
            self._text(str(name), QRectF(m + lw + c * cw, m, cw, hh), bold=True)
        for r in range(len(frame)):
            y = m + hh + r * ch
            self._text(str(frame.iat[r, 0]), QRectF(m, y, lw, ch), left=True)
            for c in range(1, frame.shape[1]):
                value = frame.iat[r, c]
                rect = QRectF(m + lw + (c - 1) * cw, y, cw, ch)
                pen = QPen(GAP_INK, 1.4, Qt.PenStyle.DashLine) if is_gap(value) else grid
                self.addRect(
                    rect.adjusted(1, 1, -1, -1) if is_gap(value) else rect,
                    pen,
                    QBrush(fill_for(value, largest)),
                )
                self._text(str(value), rect, bold=is_gap(value), colour=ink_for(value, largest))
        width = m * 2 + lw + cw * max(0, frame.shape[1] - 1)
        bottom = m + hh + ch * len(frame)
        if caption:
            item = self._text(
                caption,
                QRectF(m, bottom + 8, width - 2 * m, 30),
                left=True,
                size=8,
                colour=palette.HEAT_LABEL,
            )
            bottom = item.pos().y() + item.boundingRect().height()
        self.setSceneRect(QRectF(0, 0, width, bottom + m))

    def _text(
        self,
        text: str,
        rect: QRectF,
        *,
        bold: bool = False,
        left: bool = False,
        size: float = 9.0,
        colour: QColor | None = None,
    ) -> QGraphicsTextItem:
        item = QGraphicsTextItem()
        font = QFont(FONT_FAMILY)
        font.setPointSizeF(size)
        font.setBold(bold)
        item.setFont(font)
        item.setDefaultTextColor(colour or palette.BLACK)
        option = QTextOption(Qt.AlignmentFlag.AlignLeft if left else Qt.AlignmentFlag.AlignHCenter)
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        item.document().setDefaultTextOption(option)
        item.setPlainText(text)
        item.setTextWidth(rect.width() - 8)
        height = item.boundingRect().height()
        item.setPos(rect.x() + 4, rect.y() + max(0.0, (rect.height() - height) / 2))
        self.addItem(item)
        return item
