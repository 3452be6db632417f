"""The Library workspace: every paper in a sortable, searchable table beside its details."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from curator.core.changes import Changes
from curator.core.papers import get_paper
from curator.core.review import Review
from curator.gui import icons, palette, ui_settings
from curator.gui.context import AppContext
from curator.gui.elide import ElideMiddleDelegate
from curator.gui.empty_state import EmptyState
from curator.gui.paper_detail import PaperDetail
from curator.gui.paper_model import COLUMN, PaperModel
from curator.gui.workspace import Workspace

SEARCH_DELAY_MS = 200
FILTER_CHOICES = (
    ("all", "All papers"),
    ("undecided", "Undecided"),
    ("included", "Included"),
    ("maybe", "Maybe"),
    ("excluded", "Excluded"),
    ("conflicts", "Conflicts"),
    ("key", "Key papers"),
)
FILTER_EMPTY = {
    "undecided": "No undecided papers",
    "included": "No included papers",
    "maybe": "No papers marked maybe",
    "excluded": "No excluded papers",
    "conflicts": "No conflicting decisions",
    "key": "No key papers",
}
# The Title column takes what is left: at 1280x800 these leave it about 300 px (#17).
COLUMN_WIDTHS = {"citation": 132, "year": 60, "venue": 100, "stage": 102, "decision": 102}
KEEP_SELECTION = 5000


class PaperTable(QTableView):
    """The paper list: rows as lines, one row per paper, no cell editing."""

    def __init__(self, model: PaperModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("PaperTable")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setStretchLastSection(False)
        for key, width in COLUMN_WIDTHS.items():
            header.resizeSection(COLUMN[key], width)
        header.setSectionResizeMode(COLUMN["title"], QHeaderView.ResizeMode.Stretch)
        # A citation too long for its column keeps its year ("Kleim & Jo…, 2008"), the year
        # being what tells two papers of one author apart.
        self.setItemDelegateForColumn(COLUMN["citation"], ElideMiddleDelegate(self))
        header.setMinimumSectionSize(40)
        # The header's click sorts through PaperModel.sort (a re-query); no proxy model.
        self.setSortingEnabled(True)


class LibraryWorkspace(Workspace):
    """All papers of the review: search, filter, sort, and the selected paper's details."""

    title = "Library"
    icon = icons.LIBRARY
    selection_changed = Signal(list)  # the selected paper ids

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.model = PaperModel(self)
        self._kept_ids: list[int] = []
        self._kept_current: int | None = None

        self.search = QLineEdit(objectName="LibrarySearch")
        self.search.setPlaceholderText("Search titles, abstracts and authors")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(
            icons.icon(icons.SEARCH, palette.ICON_MUTED), QLineEdit.ActionPosition.LeadingPosition
        )
        self.search.textChanged.connect(self._on_search_text_changed)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._on_search_timer_timeout)
        find = QAction(self)
        find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(lambda: (self.search.setFocus(), self.search.selectAll()))
        self.addAction(find)

        self.filter = QComboBox(objectName="LibraryFilter")
        for key, label in FILTER_CHOICES:
            self.filter.addItem(label, key)
        self.filter.currentIndexChanged.connect(self._on_filter_changed)
        self.count = QLabel(objectName="LibraryCount")

        bar = QHBoxLayout()
        bar.setContentsMargins(12, 10, 12, 10)
        bar.setSpacing(8)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.filter)
        bar.addWidget(self.count)

        self.table = PaperTable(self.model)
        self.empty = EmptyState(icons.EMPTY, "")
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty)
        self.detail = PaperDetail()

        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="LibrarySplitter")
        self.splitter.addWidget(self.list_stack)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([800, 296])

        top = QWidget(objectName="LibraryBar")
        top.setLayout(bar)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(top)
        layout.addWidget(self.splitter, 1)

        self.model.modelAboutToBeReset.connect(self._on_model_about_to_reset)
        self.model.modelReset.connect(self._on_model_reset)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.restore_state()
        self._update_empty_state()

    # -- Workspace contract ---------------------------------------------------------------
    def set_review(self, review: Review | None) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.filter.blockSignals(True)
        self.filter.setCurrentIndex(0)
        self.filter.blockSignals(False)
        self._kept_ids, self._kept_current = [], None
        self.model.set_review(review)
        self.table.scrollToTop()
        if self.model.rowCount():
            self.select_ids([self.model.id_at(0)])

    def refresh(self, changes: Changes) -> None:
        if changes.papers or changes.decisions or changes.tags:
            self.model.reload()
            self._show_current()

    # -- selection as ids -------------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.id_at(row) for row in rows]

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def show_paper(self, paper_id: int) -> None:
        """Select one paper, clearing the search and filter if they hide it."""
        if self.model.row_of(paper_id) is None:
            self.search.clear()
            self.filter.setCurrentIndex(0)
            self.apply_search_now()
        self.select_ids([paper_id], paper_id)
        self.table.setFocus()

    def select_ids(self, ids: list[int], current: int | None = None) -> None:
        """Select the papers `ids` that are listed; make `current` (or the first) current."""
        rows = self.model.rows_of(ids)
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        for first, final in _runs(rows):
            selection.select(self.model.index(first, 0), self.model.index(final, last))
        flags = QItemSelectionModel.SelectionFlag
        model = self.table.selectionModel()
        current_row = self.model.row_of(current) if current is not None else None
        if current_row is None and rows:
            current_row = rows[0]
        if current_row is not None:
            model.setCurrentIndex(self.model.index(current_row, 0), flags.NoUpdate)
            self.table.scrollTo(self.model.index(current_row, 0))
        model.select(selection, flags.ClearAndSelect | flags.Rows)

    def _on_model_about_to_reset(self) -> None:
        ranges = self.table.selectionModel().selection()
        selected = sum(r.height() for r in ranges)
        # Keep a selection as ids up to a size worth restoring (not "select all" of 100,000).
        self._kept_ids = self.selected_ids() if selected <= KEEP_SELECTION else []
        self._kept_current = self.current_id()

    def _on_model_reset(self) -> None:
        if self._kept_ids:
            self.select_ids(self._kept_ids, self._kept_current)
        self._update_empty_state()
        self._show_current()

    def _on_selection_changed(self, *_args) -> None:
        self.selection_changed.emit(self.selected_ids())

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_current()

    def _show_current(self) -> None:
        paper_id = self.current_id()
        if paper_id is None or self.review is None:
            self.detail.show_paper(None)
            return
        self.detail.show_paper(get_paper(self.review, paper_id))

    # -- search and filter ----------------------------------------------------------------
    def _on_search_text_changed(self, _text: str) -> None:
        self._search_timer.start()

    def _on_search_timer_timeout(self) -> None:
        self.model.set_query(search=self.search.text())

    def apply_search_now(self) -> None:
        """Run the pending search at once (the debounce timer would in 200 ms)."""
        self._search_timer.stop()
        self._on_search_timer_timeout()

    def _on_filter_changed(self, _index: int) -> None:
        self.model.set_query(filter=self.filter.currentData())

    def _update_empty_state(self) -> None:
        rows = self.model.rowCount()
        self.count.setText(f"{rows:,} paper{'s' if rows != 1 else ''}")
        if rows:
            self.list_stack.setCurrentWidget(self.table)
            return
        text = self.model.search.strip()
        if self.review is None:
            self.empty.set_text("No review open", "Open or create a review from the File menu.")
        elif text:
            self.empty.set_text(f"No matches for “{text}”", "Try fewer or different words.")
        elif self.model.filter != "all":
            self.empty.set_text(
                FILTER_EMPTY[self.model.filter], "Choose “All papers” to see the whole library."
            )
        else:
            self.empty.set_text(
                "No papers yet — File ▸ Import…",
                "Import the results of a database search to start.",
            )
        self.list_stack.setCurrentWidget(self.empty)

    # -- remembered layout ------------------------------------------------------------------
    def restore_state(self) -> None:
        """The splitter, column widths and order, and the sort of the last session."""
        splitter = ui_settings.LIBRARY_SPLITTER.get()
        if splitter is not None:
            self.splitter.restoreState(splitter)
        header = self.table.horizontalHeader()
        columns = ui_settings.LIBRARY_COLUMNS.get()
        if columns is not None and header.restoreState(columns):
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def save_state(self) -> None:
        ui_settings.LIBRARY_SPLITTER.set(self.splitter.saveState())
        ui_settings.LIBRARY_COLUMNS.set(self.table.horizontalHeader().saveState())


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted rows as (first, last) runs of consecutive rows: one selection range each."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs
