"""The Curation workspace: tag included papers (list + paper pane) and edit the vocabulary.

Keyboard: Ctrl+F finds, Ctrl+Up/Down (or the arrow keys in the list) move through papers,
the terms' shortcuts (Alt+1..9 or their own) toggle terms on the selection, Ctrl+K flags
key papers. Selecting several rows tags them all at once (bulk tagging).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from curator.core.changes import Changes
from curator.core.review import Review
from curator.gui import icons
from curator.gui.context import AppContext
from curator.gui.curation.paper_pane import PaperPane
from curator.gui.curation.papers_model import COLUMNS, FILTERS, ID_ROLE, IncludedPapersModel
from curator.gui.curation.vocabulary import VocabularyEditor
from curator.gui.curation.widgets import plain_label, shortcut
from curator.gui.elide import ElideMiddleDelegate
from curator.gui.workspace import Workspace


class CurationWorkspace(Workspace):
    title = "Curation"
    icon = icons.CURATION

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self._refreshing = False
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._build_tagging(), "&Tagging")
        self.vocabulary = VocabularyEditor(context)
        self.tabs.addTab(self.vocabulary, "&Vocabulary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.set_review(context.review)

    def _build_tagging(self) -> QWidget:
        page = QWidget()
        splitter = QSplitter(Qt.Orientation.Horizontal, page)
        left = QWidget()
        column = QVBoxLayout(left)
        row = QHBoxLayout()
        self.filter = QComboBox()
        self.filter.setAccessibleName("Show")
        for label, name in FILTERS:
            self.filter.addItem(label, name)
        self.filter.currentIndexChanged.connect(self._on_filter_changed)
        row.addWidget(self.filter)
        self.search = QLineEdit(placeholderText="Find by title, abstract or author (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_filter_changed)
        row.addWidget(self.search, 1)
        column.addLayout(row)
        self.model = IncludedPapersModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Included papers")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        # The citation keeps a fixed share (elided in the middle to keep its year, whole in its
        # tooltip); the Title stretches.
        self.table.setItemDelegateForColumn(1, ElideMiddleDelegate(self.table))
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 150)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._on_selection())
        column.addWidget(self.table, 1)
        self.count = plain_label(wrap=False)
        column.addWidget(self.count)
        splitter.addWidget(left)
        self.pane = PaperPane(self.context, shortcut_host=page)
        splitter.addWidget(self.pane)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([440, 560])
        layout = QVBoxLayout(page)
        layout.addWidget(splitter)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        shortcut(QKeySequence.StandardKey.Find, page, self.search.setFocus, context)
        shortcut(QKeySequence("Ctrl+Down"), page, lambda: self.step(1), context)
        shortcut(QKeySequence("Ctrl+Up"), page, lambda: self.step(-1), context)
        return page

    # -- Workspace contract ---------------------------------------------------------------
    def set_review(self, review: Review | None) -> None:
        self.pane.set_papers([], save=False)  # the ids belonged to the previous review
        self.model.set_review(review)
        self.pane.rebuild_terms()
        self._after_reload([])
        if review is not None and self.model.ids:
            self.select_papers([self.model.ids[0]])

    def refresh(self, changes: Changes) -> None:
        self._refreshing = True
        try:
            self._refresh(changes)
        finally:
            self._refreshing = False

    def _refresh(self, changes: Changes) -> None:
        if changes.facets:
            self.pane.rebuild_terms()
        if (
            changes.decisions
            or (changes.tags and self.model.filter == "untagged")
            or (changes.papers and self.model.filter == "key")
        ):
            keep = self.selected_ids()
            self.model.reload()
            self._after_reload(keep)
        elif changes.tags or changes.papers or changes.facets:
            self.model.refresh_rows()
        if changes.tags or changes.papers or changes.facets:
            self.pane.refresh()

    # -- selection ------------------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.ids[row] for row in rows if row < len(self.model.ids)]

    def select_papers(self, paper_ids: list[int]) -> None:
        """Select these papers (one selection change, however many there are)."""
        rows = [row for row in (self.model.row_of(p) for p in paper_ids) if row is not None]
        selection = QItemSelection()
        for row in rows:
            selection.select(self.model.index(row, 0), self.model.index(row, len(COLUMNS) - 1))
        model = self.table.selectionModel()
        model.blockSignals(True)
        if rows:
            model.setCurrentIndex(
                self.model.index(rows[0], 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        model.blockSignals(False)
        self.table.viewport().update()
        self._on_selection()

    def step(self, delta: int) -> None:
        current = self.table.currentIndex().row()
        row = min(max(current + delta, 0), len(self.model.ids) - 1)
        if row >= 0:
            self.select_papers([self.model.ids[row]])

    def _after_reload(self, keep: list[int]) -> None:
        self.select_papers(keep)
        n = len(self.model.ids)
        noun = {
            "in_review": "included paper",
            "untagged": "untagged included paper",
            "key": "key paper",
        }
        label = noun.get(self.model.filter, "paper") + ("" if n == 1 else "s")
        if n:
            self.count.setText(
                f"{n} {label}" + (" (matching the search)" if self.search.text().strip() else "")
            )
        elif self.model.filter == "in_review" and not self.search.text().strip():
            self.count.setText("No included papers yet: include papers at full text first")
        else:
            self.count.setText(f"No {label}")

    def _on_filter_changed(self, *_args) -> None:
        keep = self.selected_ids()
        self.model.set_filter(self.filter.currentData(), self.search.text())
        self._after_reload(keep)
        if not self.selected_ids() and self.model.ids:
            self.select_papers([self.model.ids[0]])

    def _on_selection(self) -> None:
        ids = self.selected_ids()
        if ids != self.pane.paper_ids:
            # Inside a refresh an undo command is running: switching must not push another.
            self.pane.set_papers(ids, save=not self._refreshing)

    def paper_id_at(self, row: int) -> int:
        return self.model.data(self.model.index(row, 0), ID_ROLE)
