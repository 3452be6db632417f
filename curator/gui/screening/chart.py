"""A small chart of records included against records screened, drawn with QPainter."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from curator.gui import palette


class InclusionChart(QWidget):
    """Cumulative included (y) against screened (x); the diagonal would be 'include all'."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.points: list[tuple[int, int]] = [(0, 0)]
        self.total = 0
        self.setMinimumSize(200, 120)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.setToolTip("Records included (y) as screening goes on (x)")

    def sizeHint(self) -> QSize:
        return QSize(260, 140)

    def set_points(self, points: list[tuple[int, int]], total: int) -> None:
        self.points = points or [(0, 0)]
        self.total = total
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        colours = self.palette()
        margin_left, margin_bottom, margin = 34, 18, 6
        area = QRectF(
            margin_left,
            margin,
            self.width() - margin_left - margin,
            self.height() - margin - margin_bottom,
        )
        painter.fillRect(self.rect(), colours.base())
        painter.setPen(QPen(colours.mid().color(), 1))
        painter.drawRect(area)
        screened = self.points[-1][0]
        included = self.points[-1][1]
        x_max = max(self.total, screened, 1)
        y_max = max(included, 1)
        painter.setPen(colours.text().color())
        font = painter.font()
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.8))
        painter.setFont(font)
        painter.drawText(QRectF(0, area.top() - 2, margin_left - 4, 14), Qt.AlignRight, str(y_max))
        painter.drawText(QRectF(0, area.bottom() - 12, margin_left - 4, 14), Qt.AlignRight, "0")
        painter.drawText(
            QRectF(area.left(), area.bottom() + 2, area.width(), 14), Qt.AlignLeft, "0"
        )
        painter.drawText(
            QRectF(area.left(), area.bottom() + 2, area.width(), 14),
            Qt.AlignRight,
            f"{x_max} records",
        )
        painter.drawText(
            QRectF(area.left(), area.bottom() + 2, area.width(), 14),
            Qt.AlignHCenter,
            f"{included} included of {screened} screened",
        )
        if len(self.points) < 2:
            return
        path = QPainterPath()
        for index, (x, y) in enumerate(self.points):
            point = QPointF(
                area.left() + area.width() * x / x_max, area.bottom() - area.height() * y / y_max
            )
            if index == 0:
                path.moveTo(point)
            else:
                path.lineTo(point)
        painter.setPen(QPen(palette.INCLUSION_CURVE, 2))
        painter.drawPath(path)
