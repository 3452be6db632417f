"""The PDF report breaks lines between words only: no table header or cell splits a word
("Neuroima ging") when laid out on the A4 text width the PDF uses."""

from __future__ import annotations

from PySide6.QtCore import QSizeF

from curator.core.demo import build_demo
from curator.core.review import Review
from curator.gui.report_export import report_document

A4_TEXT_WIDTH = (210 - 2 * 18) / 25.4 * 96  # px at 96 dpi, as write_report_pdf lays it out


def broken_words(document) -> list[str]:
    """Every place a line ends inside a word: 'Neuroima|ging'."""
    found = []
    block = document.begin()
    while block.isValid():
        layout, text = block.layout(), block.text()
        for number in range(layout.lineCount() - 1):
            line = layout.lineAt(number)
            end = line.textStart() + line.textLength()
            if 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
                found.append(f"{text[max(0, end - 12) : end]}|{text[end : end + 12]}")
        block = block.next()
    return found


def test_no_word_is_split_across_lines_in_the_pdf_layout(qapp, tmp_path):
    path = tmp_path / "demo.curator"
    built = build_demo(path, who="tester")
    review = built if isinstance(built, Review) else Review.open(path)
    try:
        document = report_document(review)
        document.setDocumentMargin(0)
        document.setPageSize(QSizeF(A4_TEXT_WIDTH, 1123))
        document.documentLayout().documentSize()  # lay it out
        assert "Key Papers" in document.toPlainText()
        assert broken_words(document) == []
    finally:
        review.close()
