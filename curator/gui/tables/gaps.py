"""The Research Gaps Matrix page: pick the two facets, see counts shaded, open a cell's papers."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from curator.core.curation import facets as facets_core
from curator.core.papers import find_papers
from curator.core.report import writer
from curator.core.report.tables import citation_index, research_gaps_matrix, research_gaps_papers
from curator.core.review import Review
from curator.gui.flow.export import save_scene
from curator.gui.tables import dialogs
from curator.gui.tables.heatmap import GapMatrixModel, HeatDelegate, HeatmapScene
from curator.gui.tables.selection import CopyTableView

PaperIdRole = Qt.ItemDataRole.UserRole + 1
DEFAULT_ROWS, DEFAULT_COLUMNS = "Topic", "Study attribute"
CAPTION = "Distribution of research across {rows} and {columns}; GAP marks combinations no included paper covers."


class GapMatrixPage(QWidget):
    """Row and column facet pickers, the shaded matrix, and the papers of the clicked cell."""

    paper_activated = Signal(int)  # a paper id: the main window routes it to the Library
    cell_selected = Signal(str, str, list)  # row term, column term, paper ids

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.review: Review | None = None
        self.row_facet = QComboBox(accessibleName="Row facet")
        self.column_facet = QComboBox(accessibleName="Column facet")
        self.model = GapMatrixModel(parent=self)
        self.view = CopyTableView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(HeatDelegate(self.view))  # the shading the style sheet hides
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setWordWrap(True)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().setMinimumSectionSize(34)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.papers = QStandardItemModel(self)
        self.paper_list = QListView()
        self.paper_list.setModel(self.papers)
        self.paper_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.paper_list.setWordWrap(True)
        self.cell_label = QLabel("Click a cell to list its papers.")
        self.cell_label.setTextFormat(Qt.TextFormat.PlainText)
        self.cell_label.setWordWrap(True)

        pickers = QHBoxLayout()
        pickers.addWidget(QLabel("Rows:"))
        pickers.addWidget(self.row_facet, 1)
        pickers.addWidget(QLabel("Columns:"))
        pickers.addWidget(self.column_facet, 1)
        self.export_buttons = {}
        for fmt in ("csv", "png", "svg"):
            button = QPushButton(f"Export {fmt.upper()}…")
            button.clicked.connect(lambda _=False, f=fmt: self.export(f))
            pickers.addWidget(button)
            self.export_buttons[fmt] = button

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.cell_label)
        side_layout.addWidget(self.paper_list, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(pickers)
        layout.addWidget(split, 1)

        self.row_facet.currentTextChanged.connect(lambda _t: self.recompute())
        self.column_facet.currentTextChanged.connect(lambda _t: self.recompute())
        self.view.clicked.connect(self._on_view_clicked)
        self.view.activated.connect(self._on_view_clicked)
        self.paper_list.activated.connect(self._on_paper_list_activated)
        self.paper_list.doubleClicked.connect(self._on_paper_list_activated)

    @property
    def frame(self) -> pd.DataFrame:
        return self.model.frame

    def set_review(self, review: Review | None) -> None:
        self.review = review
        self.refresh_facets()

    def refresh_facets(self) -> None:
        """Reload the facet names into both pickers, keeping the choices where they still exist."""
        names = [f["name"] for f in facets_core.facets(self.review)] if self.review else []
        for combo, default in (
            (self.row_facet, DEFAULT_ROWS),
            (self.column_facet, DEFAULT_COLUMNS),
        ):
            current = combo.currentText() or default
            combo.blockSignals(True)
            combo.clear()
            combo.addItems(names)
            found = combo.findText(current, Qt.MatchFlag.MatchFixedString)
            combo.setCurrentIndex(found if found >= 0 else (0 if names else -1))
            combo.blockSignals(False)
        self.recompute()

    def choose(self, rows: str, columns: str) -> None:
        self.row_facet.blockSignals(True)
        self.row_facet.setCurrentText(rows)
        self.row_facet.blockSignals(False)
        self.column_facet.setCurrentText(columns)
        self.recompute()

    def recompute(self) -> None:
        rows, columns = self.row_facet.currentText(), self.column_facet.currentText()
        if self.review is None or not rows or not columns:
            self.model.set_frame(pd.DataFrame())
        else:
            self.model.set_frame(research_gaps_matrix(self.review, rows, columns))
        if self.model.columnCount():  # the row terms whole, the counts share the rest
            self.view.horizontalHeader().setSectionResizeMode(
                0, QHeaderView.ResizeMode.ResizeToContents
            )
        self.papers.clear()
        self.cell_label.setText("Click a cell to list its papers.")

    # -- a cell's papers -------------------------------------------------------------------
    def cell_papers(self, row: int, column: int) -> list[int]:
        """The included papers behind a cell, from core (the matrix's own definition)."""
        if self.review is None or column < 1:
            return []
        row_term = str(self.frame.iat[row, 0])
        column_term = str(self.frame.columns[column])
        row_id = facets_core.term_id(
            self.review, facets_core.facet_id(self.review, self.row_facet.currentText()), row_term
        )
        col_id = facets_core.term_id(
            self.review,
            facets_core.facet_id(self.review, self.column_facet.currentText()),
            column_term,
        )
        if row_id is None or col_id is None:
            return []
        return research_gaps_papers(self.review, row_id, col_id)

    def _on_view_clicked(self, index: QModelIndex) -> None:
        if not index.isValid() or index.column() < 1 or self.review is None:
            return
        ids = self.cell_papers(index.row(), index.column())
        row_term = str(self.frame.iat[index.row(), 0])
        column_term = str(self.frame.columns[index.column()])
        self.papers.clear()
        cite = citation_index(self.review)
        rows = find_papers(self.review, ids)
        for paper_id in ids:
            item = QStandardItem(f"{cite.cite(paper_id)} — {rows[paper_id]['title']}")
            item.setData(paper_id, PaperIdRole)
            item.setToolTip(rows[paper_id]["title"])
            self.papers.appendRow(item)
        what = f"{len(ids)} included paper(s)" if ids else "no included paper: a gap"
        self.cell_label.setText(
            f"{row_term} × {column_term}: {what}. Enter or double-click opens one."
        )
        self.cell_selected.emit(row_term, column_term, ids)

    def listed_papers(self) -> list[int]:
        return [self.papers.item(r).data(PaperIdRole) for r in range(self.papers.rowCount())]

    def _on_paper_list_activated(self, index: QModelIndex) -> None:
        paper_id = index.data(PaperIdRole)
        if paper_id is not None:
            self.paper_activated.emit(int(paper_id))

    # -- export ----------------------------------------------------------------------------
    def heatmap(self) -> HeatmapScene:
        caption = CAPTION.format(
            rows=self.row_facet.currentText(), columns=self.column_facet.currentText()
        )
        return HeatmapScene(self.frame, caption)

    def export(self, fmt: str) -> None:
        labels = {"csv": "CSV (*.csv)", "png": "PNG image (*.png)", "svg": "SVG image (*.svg)"}
        path, chosen = dialogs.ask_save_path(
            self, "Export research gaps matrix", f"research_gaps_matrix.{fmt}", [labels[fmt]]
        )
        if path is None:
            return
        path, fmt = dialogs.with_suffix(path, chosen, {fmt: labels[fmt]})
        self.write(path, fmt)
        dialogs.remember_folder(path)

    def write(self, path, fmt: str) -> None:
        if fmt == "csv":
            writer.write_csv(self.frame, path)
        else:
            save_scene(self.heatmap(), path, title="Research Gaps Matrix")
