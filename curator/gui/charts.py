"""Small charts drawn with QPainter into PNG files (no plotting library needed).

Used by the CLI (`curator simulate` writes recall.png) and by panes; works headless: when no
QGuiApplication exists, one is created on Qt's offscreen platform.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QGuiApplication, QImage, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QApplication

from curator.gui import palette


def _ensure_app() -> None:
    # A QApplication (not just a QGuiApplication), so that widgets can still be made later in
    # the same process (a test run, or a GUI that draws a chart before its window).
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _ensure_app.app = QApplication(["curator"])  # type: ignore[attr-defined]


def recall_curve_png(
    path: str | Path,
    curves: Sequence[tuple[str, Sequence[float]]],
    *,
    n_records: int,
    title: str = "",
    width: int = 800,
    height: int = 560,
) -> Path:
    """Draw recall (0-1) against records screened for each (label, recall per record) curve,
    with the random-screening diagonal, and save it as a PNG."""
    _ensure_app()
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(palette.WHITE)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont()
    font.setPixelSize(13)
    painter.setFont(font)
    left, top, right, bottom = 70, 40 if title else 20, 20, 55
    plot = QRectF(left, top, width - left - right, height - top - bottom)

    def point(x: float, y: float) -> QPointF:
        return QPointF(
            plot.left() + plot.width() * x / max(n_records, 1), plot.bottom() - plot.height() * y
        )

    grid = QPen(palette.CHART_GRID)
    for i in range(11):
        frac = i / 10
        painter.setPen(grid)
        painter.drawLine(point(0, frac), point(n_records, frac))
        painter.drawLine(point(n_records * frac, 0), point(n_records * frac, 1))
        painter.setPen(palette.CHART_TEXT)
        y_label = point(0, frac)
        painter.drawText(
            QRectF(0, y_label.y() - 9, left - 8, 18), Qt.AlignmentFlag.AlignRight, f"{frac:.1f}"
        )
        x_label = point(n_records * frac, 0)
        painter.drawText(
            QRectF(x_label.x() - 30, plot.bottom() + 4, 60, 18),
            Qt.AlignmentFlag.AlignHCenter,
            str(round(n_records * frac)),
        )
    painter.drawText(
        QRectF(plot.left(), height - 24, plot.width(), 20),
        Qt.AlignmentFlag.AlignHCenter,
        "records screened",
    )
    painter.save()
    painter.translate(16, plot.center().y())
    painter.rotate(-90)
    painter.drawText(QRectF(-60, -10, 120, 20), Qt.AlignmentFlag.AlignHCenter, "recall")
    painter.restore()
    if title:
        painter.drawText(QRectF(0, 8, width, 24), Qt.AlignmentFlag.AlignHCenter, title)

    painter.setPen(QPen(palette.CHART_GUIDE, 1.5, Qt.PenStyle.DashLine))
    painter.drawLine(point(0, 0), point(n_records, 1))  # screening in random order
    painter.setPen(palette.CHART_GUIDE_TEXT)
    mid = point(n_records * 0.62, 0.62)
    painter.drawText(
        QRectF(mid.x() + 6, mid.y(), 140, 20), Qt.AlignmentFlag.AlignLeft, "random order"
    )
    series = palette.CHART_SERIES
    for index, (label, recall) in enumerate(curves):
        color = series[index % len(series)]
        painter.setPen(QPen(color, 2))
        poly = QPolygonF([point(0, 0)] + [point(i + 1, r) for i, r in enumerate(recall)])
        if len(recall) < n_records and recall:
            poly.append(point(n_records, recall[-1]))
        painter.drawPolyline(poly)
        painter.drawText(
            QRectF(plot.right() - 260, plot.bottom() - 24 * (len(curves) - index) - 6, 250, 20),
            Qt.AlignmentFlag.AlignRight,
            label,
        )
    painter.setPen(palette.CHART_TEXT)
    painter.drawRect(plot)
    painter.end()
    path = Path(path)
    if not image.save(str(path), "PNG"):
        raise OSError(f"{path}: could not write the PNG")
    return path
