"""Plain text with coloured highlight spans, never interpreted as HTML.

The text goes into a QTextDocument as plain text; each span then gets a QTextCharFormat
through a QTextCursor, so `<b>` in an abstract shows as the four characters it is.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QFrame, QTextBrowser, QWidget

from curator.core.highlighting import Span

COLOURS = {"include": QColor("#c8f0c8"), "exclude": QColor("#f8c8c8")}
TEXT_COLOURS = {"include": QColor("#0b4f0b"), "exclude": QColor("#7a0000")}


def utf16_offsets(text: str) -> list[int]:
    """Qt positions (UTF-16 code units) of each Python index of `text`, plus the end."""
    offsets = [0]
    position = 0
    for char in text:
        position += 2 if ord(char) > 0xFFFF else 1
        offsets.append(position)
    return offsets


def fill_document(document: QTextDocument, text: str, spans: list[Span]) -> None:
    """Set `text` as plain text and colour each span (include/exclude) in place."""
    document.setPlainText(text)
    if not spans:
        return
    offsets = utf16_offsets(text)
    cursor = QTextCursor(document)
    for span in spans:
        fmt = QTextCharFormat()
        fmt.setBackground(COLOURS[span.list])
        fmt.setForeground(TEXT_COLOURS[span.list])
        fmt.setFontWeight(QFont.DemiBold)
        cursor.setPosition(offsets[span.start])
        cursor.setPosition(offsets[span.end], QTextCursor.KeepAnchor)
        cursor.mergeCharFormat(fmt)


def highlighted_ranges(document: QTextDocument) -> list[tuple[str, str]]:
    """(text, list) of each coloured run in `document` (what a reader sees highlighted)."""
    found: list[tuple[str, str]] = []
    block = document.begin()
    by_colour = {c.name(): name for name, c in COLOURS.items()}
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            colour = fragment.charFormat().background().color().name()
            if fragment.charFormat().background().style() != Qt.NoBrush and colour in by_colour:
                found.append((fragment.text(), by_colour[colour]))
            iterator += 1
        block = block.next()
    return found


class HighlightView(QTextBrowser):
    """A read-only plain-text view with highlight spans; it never takes keyboard focus, so
    the screening keys always reach the pane (mouse selection still works)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setOpenLinks(False)
        self.setFocusPolicy(Qt.NoFocus)
        self.setFrameShape(QFrame.NoFrame)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse)

    def show_text(self, text: str, spans: list[Span]) -> None:
        fill_document(self.document(), text, spans)
        self.verticalScrollBar().setValue(0)
