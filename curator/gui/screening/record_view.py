"""One record as the screening pane shows it: title, authors, year, venue, keywords, links,
abstract and note, all imported text shown as plain text with highlight spans."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from curator.core.papers import NO_ABSTRACT
from curator.core.screening.highlighting import Highlighter
from curator.gui.screening.highlight_view import HighlightView
from curator.gui.style import set_role


def plain_label(parent: QWidget, *, wrap: bool = False, object_name: str = "") -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.PlainText)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
    if object_name:
        label.setObjectName(object_name)
    return label


class RecordView(QWidget):
    """Shows one record; the title block has a fixed height so nothing below it moves."""

    TITLE_LINES = 3

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.position = plain_label(self, object_name="position")
        set_role(self.position, "faint")
        self.title = HighlightView(self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setVerticalScrollBarPolicy(Qt.ScrollBarAsNeeded)
        self.title.setFixedHeight(QFontMetrics(font).lineSpacing() * self.TITLE_LINES + 10)
        # Author and keyword lines wrap rather than being cut at the pane's edge.
        self.authors = plain_label(self, wrap=True, object_name="authors")
        self.meta = plain_label(self, object_name="meta")
        self.keywords = plain_label(self, wrap=True, object_name="keywords")
        set_role(self.keywords, "secondary")
        self.links = QLabel(self)
        self.links.setTextFormat(Qt.RichText)  # built only from escaped identifiers
        self.links.setOpenExternalLinks(True)
        self.links.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
        self.abstract = HighlightView(self)
        self.abstract.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.decision = plain_label(self, object_name="decision")
        self.note = plain_label(self, object_name="note")
        set_role(self.note, "note")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.position,
            self.title,
            self.authors,
            self.meta,
            self.keywords,
            self.links,
        ):
            layout.addWidget(widget)
        layout.addWidget(self.abstract, 1)
        layout.addWidget(self.decision)
        layout.addWidget(self.note)

    def show_message(self, message: str) -> None:
        """An empty state: no record, just a sentence saying why and what to do."""
        self.title.show_text("", [])
        for label in (
            self.position,
            self.authors,
            self.meta,
            self.keywords,
            self.decision,
            self.note,
        ):
            label.clear()
        self.links.clear()
        self.abstract.show_text(message, [])

    def show_record(self, record: dict, highlighter: Highlighter, position: str) -> None:
        self.position.setText(position)
        title = record.get("title") or "(no title)"
        self.title.show_text(title, highlighter.spans(title))
        self.authors.setText(record.get("authors_text") or "(no authors)")
        meta = [
            str(record["year"]) if record.get("year") else "no year",
            record.get("venue") or "no venue",
        ]
        self.meta.setText(" · ".join(meta))
        keywords = record.get("keywords") or []
        self.keywords.setText("Keywords: " + "; ".join(keywords) if keywords else "")
        links = []
        if record.get("doi"):
            doi = html.escape(record["doi"], quote=True)
            links.append(f'DOI <a href="https://doi.org/{doi}">{doi}</a>')
        if record.get("pmid"):
            pmid = html.escape(record["pmid"], quote=True)
            links.append(f'PMID <a href="https://pubmed.ncbi.nlm.nih.gov/{pmid}/">{pmid}</a>')
        if (record.get("url") or "").lower().startswith(("http://", "https://")) and not links:
            url = html.escape(record["url"], quote=True)
            links.append(f'<a href="{url}">{url}</a>')
        self.links.setText(" &nbsp; ".join(links))
        abstract = record.get("abstract") or ""
        self.abstract.show_text(abstract or NO_ABSTRACT, highlighter.spans(abstract))

    def show_decision(self, text: str, note: str) -> None:
        self.decision.setText(text)
        self.note.setText(f"Note: {note}" if note else "")
