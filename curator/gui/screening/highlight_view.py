"""Plain text with coloured highlight spans, never interpreted as HTML.

The text goes into a QTextDocument as plain text; each span then gets a QTextCharFormat
through a QTextCursor, so `<b>` in an abstract shows as the four characters it is.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QFrame, QTextBrowser, QWidget

from curator.core.screening.highlighting import Span
from curator.gui import palette

COLOURS = palette.HIGHLIGHT_FILL
TEXT_COLOURS = palette.HIGHLIGHT_INK


def fill_document(document: QTextDocument, text: str, spans: list[Span]) -> None:
    """Set `text` as plain text with each span (include/exclude) coloured.

    The text is inserted piece by piece with QTextCursor.insertText (plain text: no markup is
    parsed) in one edit block, so the layout is done once, not once per span.
    """
    document.setUndoRedoEnabled(False)
    document.clear()
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    plain = QTextCharFormat()
    position = 0
    for span in spans:
        if span.start > position:
            cursor.insertText(text[position : span.start], plain)
        cursor.insertText(text[span.start : span.end], _FORMATS[span.list])
        position = span.end
    if position < len(text):
        cursor.insertText(text[position:], plain)
    cursor.endEditBlock()


def _format(name: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(COLOURS[name])
    fmt.setForeground(TEXT_COLOURS[name])
    fmt.setFontWeight(QFont.DemiBold)
    return fmt


_FORMATS: dict[str, QTextCharFormat] = {}


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
        if not _FORMATS:  # QTextCharFormat needs the QApplication: made on first use
            _FORMATS.update({name: _format(name) for name in COLOURS})
        fill_document(self.document(), text, spans)
        self.verticalScrollBar().setValue(0)
