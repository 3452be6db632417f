"""Writing a QGraphicsScene (the flow diagram, or any figure) to SVG, PNG or PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsScene

from curator.core.errors import CuratorError
from curator.gui import palette

FORMATS = ("svg", "png", "pdf")


def _render(scene: QGraphicsScene, painter: QPainter, target: QRectF) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, target, scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)


def save_svg(
    scene: QGraphicsScene, path: str | Path, *, title: str = "", description: str = ""
) -> Path:
    """SVG with a viewBox of the scene's size, so it scales in a browser or a document."""
    path = Path(path)
    rect = scene.sceneRect()
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(round(rect.width()), round(rect.height())))
    generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
    generator.setResolution(96)
    generator.setTitle(title)
    generator.setDescription(description)
    painter = QPainter()
    if not painter.begin(generator):
        raise CuratorError(f"cannot write {path}")
    try:
        _render(scene, painter, QRectF(0, 0, rect.width(), rect.height()))
    finally:
        painter.end()
    return path


def to_image(scene: QGraphicsScene, scale: float = 2.0) -> QImage:
    rect = scene.sceneRect()
    image = QImage(
        max(1, round(rect.width() * scale)),
        max(1, round(rect.height() * scale)),
        QImage.Format.Format_ARGB32,
    )
    image.setDotsPerMeterX(round(96 * scale / 0.0254))
    image.setDotsPerMeterY(round(96 * scale / 0.0254))
    image.fill(palette.WHITE)
    painter = QPainter(image)
    try:
        _render(scene, painter, QRectF(0, 0, image.width(), image.height()))
    finally:
        painter.end()
    return image


def save_png(scene: QGraphicsScene, path: str | Path, *, scale: float = 2.0) -> Path:
    """PNG at `scale` times the scene's size (2 = 192 dpi), on white."""
    path = Path(path)
    if not to_image(scene, scale).save(str(path), "PNG"):
        raise CuratorError(f"cannot write {path}")
    return path


def save_pdf(scene: QGraphicsScene, path: str | Path, *, title: str = "") -> Path:
    """A one-page PDF the size of the figure (vector text and lines)."""
    path = Path(path)
    rect = scene.sceneRect()
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("Curator")
    # Scene units are pixels at 96 dpi; a PDF point is 1/72 inch.
    size = QSizeF(rect.width() * 72 / 96, rect.height() * 72 / 96)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(size, QPageSize.Unit.Point, "figure"),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    writer.setResolution(300)
    painter = QPainter()
    if not painter.begin(writer):
        raise CuratorError(f"cannot write {path}")
    try:
        target = QRectF(0, 0, writer.width(), writer.height())
        _render(scene, painter, target)
    finally:
        painter.end()
    return path


def save_scene(scene: QGraphicsScene, path: str | Path, *, title: str = "") -> Path:
    """Write by the file's extension: .svg, .png or .pdf."""
    path = Path(path)
    suffix = path.suffix.lower().lstrip(".")
    if suffix == "svg":
        return save_svg(scene, path, title=title)
    if suffix == "png":
        return save_png(scene, path)
    if suffix == "pdf":
        return save_pdf(scene, path, title=title)
    raise CuratorError(f"cannot tell the format of {path.name}: use .svg, .png or .pdf")
