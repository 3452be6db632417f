"""Renders Curator's SVG icon into the PNG sizes desktops want and the Windows and macOS formats.

Writes resources/icons/curator-{16..512}.png (Qt's SVG renderer, already a dependency),
resources/icons/curator.ico (16-256 px) and resources/icons/curator.icns (16-512 px) with
Pillow (the `package` extra). The outputs are committed; run this again after changing
resources/icons/curator.svg:  python packaging/make_icons.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(svg: Path, size: int, out: Path) -> None:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    if not image.save(str(out), "PNG"):
        raise SystemExit(f"{out}: could not be written")


def main() -> None:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    svg = ICONS / "curator.svg"
    for size in PNG_SIZES:
        render(svg, size, ICONS / f"curator-{size}.png")
    largest = Image.open(ICONS / f"curator-{PNG_SIZES[-1]}.png")
    largest.save(ICONS / "curator.ico", sizes=[(s, s) for s in ICO_SIZES])
    largest.save(ICONS / "curator.icns")  # Pillow writes every standard size up to 512
    print(f"wrote {len(PNG_SIZES)} PNGs, curator.ico and curator.icns in {ICONS}")


if __name__ == "__main__":
    main()
