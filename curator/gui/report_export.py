"""The report as HTML with the drawn flow diagram embedded, and as PDF (Qt's PDF writer)."""

from __future__ import annotations

import base64
import tempfile
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF, QUrl
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument, QTextOption

from curator.core.files import atomic_output
from curator.core.flow.prisma import flow
from curator.core.report.exports import write_report
from curator.core.report.html import report_html
from curator.core.report.writer import write_text
from curator.core.review import Review
from curator.gui.flow.diagram import FlowScene
from curator.gui.flow.export import save_svg, to_image

FLOW_RESOURCE = "curator-flow.png"
FIGURE_WIDTH = 540  # px at 96 dpi, within the text width of an A4 page


def flow_svg_data_uri(review: Review) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = save_svg(FlowScene(flow(review)), Path(folder) / "flow.svg")
        data = path.read_bytes()
    return "data:image/svg+xml;base64," + base64.b64encode(data).decode("ascii")


def write_report_html(review: Review, path: str | Path) -> Path:
    """A standalone HTML page: the report with the flow diagram as an embedded SVG."""
    return write_text(path, report_html(review, flow_figure=flow_svg_data_uri(review)))


def report_document(review: Review) -> QTextDocument:
    """The report as a QTextDocument, the flow diagram as an image resource."""
    document = QTextDocument()
    # Break lines between words only: a narrow table column widens to its longest word
    # instead of splitting it ("Neuroima ging").
    option = document.defaultTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    document.setDefaultTextOption(option)
    font = document.defaultFont()
    font.setPointSizeF(10.5)
    document.setDefaultFont(font)
    scene = FlowScene(flow(review))
    # Draw at twice the size the figure takes on the page, and say so (device pixel ratio 2),
    # so the PDF gets a sharp image that spans the text width.
    scale = 2.0 * FIGURE_WIDTH / scene.sceneRect().width()
    image = to_image(scene, scale=scale)
    image.setDevicePixelRatio(2.0)
    document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(FLOW_RESOURCE), image)
    html = report_html(review, flow_figure=FLOW_RESOURCE)
    document.setHtml(html)
    return document


def write_report_pdf(review: Review, path: str | Path) -> Path:
    """The report as an A4 PDF with selectable text, drawn by Qt's PDF writer, written whole
    (`curator.core.files.atomic_output`: a temporary file, the umask's permissions)."""
    path = Path(path)
    with atomic_output(path) as temp:
        _print_report_pdf(review, temp)
    return path


def _print_report_pdf(review: Review, path: Path) -> None:
    writer = QPdfWriter(str(path))
    writer.setTitle(review.title)
    writer.setCreator("Curator")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(18, 18, 18, 18),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = report_document(review)
    # Lay the text out on the printable area in 96-dpi units; print_ scales it to the page.
    text_area = writer.pageLayout().paintRect(QPageLayout.Unit.Inch)
    document.setDocumentMargin(0)
    document.setPageSize(QSizeF(text_area.width() * 96, text_area.height() * 96))
    document.print_(writer)
    del writer  # closes the file before it is moved into place


REPORT_FILTERS = {
    "md": "Markdown (*.md)",
    "html": "HTML page (*.html)",
    "pdf": "PDF document (*.pdf)",
}


def write_report_file(review: Review, path: str | Path, fmt: str) -> Path:
    """The whole report as Markdown (the core writer), HTML or PDF."""
    path = Path(path)
    if fmt == "md":
        return write_report(review, path)
    if fmt == "html":
        return write_report_html(review, path)
    if fmt == "pdf":
        return write_report_pdf(review, path)
    raise ValueError(f"unknown report format {fmt!r}")
