"""The Library's detail pane: one paper's metadata and abstract, all shown as plain text."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from curator.core.library import short_citation, stage_and_decision
from curator.core.papers import NO_ABSTRACT
from curator.core.review import STAGE_LABELS
from curator.gui import icons
from curator.gui.elide import ElidingLabel
from curator.gui.empty_state import EmptyState
from curator.gui.paper_model import DECISION_LABELS

FIELDS = (
    ("venue", "Venue"),
    ("year", "Year"),
    ("volume", "Volume"),
    ("issue", "Issue"),
    ("pages", "Pages"),
    ("doi", "DOI"),
    ("pmid", "PMID"),
    ("keywords", "Keywords"),
    ("screening", "Screening"),
    ("key_result", "Key result"),
)
# Identifiers are one long word each: wrapped, a DOI widened the pane past its width (a
# sideways scroll bar at 1280x800); they are elided instead, whole in the tooltip and in
# their "Copy" menu.
IDENTIFIERS = ("doi", "pmid")


def _identifier() -> ElidingLabel:
    """A one-line value elided to the pane's width; "Copy" (context menu) copies all of it."""
    label = ElidingLabel()
    label.setObjectName("DetailValue")
    label.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    copy = QAction("Copy", label)
    copy.triggered.connect(lambda: QGuiApplication.clipboard().setText(label.text()))
    label.addAction(copy)
    return label


def _plain(text: str = "", name: str = "") -> QLabel:
    """A label that never interprets its text as HTML (imported text is data)."""
    label = QLabel(objectName=name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


class PaperDetail(QStackedWidget):
    """Shows `get_paper(...)` dicts; `show_paper(None)` shows the empty state."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("PaperDetail")
        self.empty = EmptyState(
            icons.LIBRARY, "No paper selected", "Select a paper in the list to see its details."
        )
        self.addWidget(self.empty)

        body = QWidget(objectName="DetailBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(20, 18, 20, 18)
        layout.setSpacing(8)
        self.citation = _plain(name="DetailCitation")
        self.title = _plain(name="DetailTitle")
        self.authors = _plain(name="DetailAuthors")
        layout.addWidget(self.citation)
        layout.addWidget(self.title)
        layout.addWidget(self.authors)

        form_frame = QFrame(objectName="DetailFields")
        self.form = QFormLayout(form_frame)
        self.form.setContentsMargins(0, 8, 0, 8)
        self.form.setHorizontalSpacing(14)
        self.form.setVerticalSpacing(4)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.values: dict[str, QLabel] = {}
        for key, label in FIELDS:
            value = _identifier() if key in IDENTIFIERS else _plain(name="DetailValue")
            self.values[key] = value
            self.form.addRow(_plain(label, "DetailKey"), value)
        layout.addWidget(form_frame)

        layout.addSpacing(6)
        layout.addWidget(_plain("Abstract", "DetailHeading"))
        self.abstract = _plain(name="DetailAbstract")
        layout.addWidget(self.abstract)
        layout.addStretch(1)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(body)
        self.addWidget(self.scroll)
        self.paper_id: int | None = None

    def show_paper(self, paper: dict[str, Any] | None) -> None:
        if paper is None:
            self.paper_id = None
            self.setCurrentWidget(self.empty)
            return
        self.paper_id = paper["id"]
        self.citation.setText(
            short_citation(paper["first_author"], paper["authors_text"], paper["year"])
        )
        self.title.setText(paper["title"])
        names = [
            f"{a['family']}, {a['given']}" if a.get("given") else a["family"]
            for a in paper.get("authors", [])
        ]
        self.authors.setText("; ".join(names) or "No authors recorded")
        stage, decision = stage_and_decision(paper.get("ta_decision"), paper.get("ft_decision"))
        shown = {
            "venue": paper.get("venue") or "",
            "year": str(paper["year"]) if paper.get("year") else "",
            "volume": paper.get("volume") or "",
            "issue": paper.get("issue") or "",
            "pages": paper.get("pages") or "",
            "doi": paper.get("doi") or "",
            "pmid": paper.get("pmid") or "",
            "keywords": "; ".join(paper.get("keywords") or []),
            "screening": f"{STAGE_LABELS[stage]}: {DECISION_LABELS.get(decision, '')}",
            "key_result": (paper.get("key_result") or "") if paper.get("is_key") else "",
        }
        for key, value in shown.items():
            label = self.values[key]
            label.setText(value)
            label.setVisible(bool(value))
            self.form.labelForField(label).setVisible(bool(value))
        self.abstract.setText(paper.get("abstract") or NO_ABSTRACT)
        self.abstract.setProperty("missing", not paper.get("abstract"))
        self.abstract.style().unpolish(self.abstract)  # re-read the [missing] style rule
        self.abstract.style().polish(self.abstract)
        self.scroll.verticalScrollBar().setValue(0)
        self.setCurrentWidget(self.scroll)
