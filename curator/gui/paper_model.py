"""The Library's table model: an ID list from SQL, rows fetched in chunks when painted.

Anki's browser pattern: the model holds only the ordered paper ids the query returned; a
row's fields are read (`find_papers`) the first time the view paints it, together with its
neighbours, into a bounded cache. Sorting re-runs the query (`paper_ids(sort=...)`); there is
no proxy model.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from curator.core.library import ordered_ids, paper_ids, short_citation, stage_and_decision
from curator.core.papers import find_papers
from curator.core.review import STAGE_LABELS, Review
from curator.gui import palette
from curator.gui.row_cache import IdRows

# (sort key understood by curator.core.library.paper_ids, header)
COLUMNS: tuple[tuple[str, str], ...] = (
    ("citation", "Citation"),
    ("title", "Title"),
    ("year", "Year"),
    ("venue", "Venue"),
    ("stage", "Stage"),
    ("decision", "Decision"),
)
COLUMN = {key: number for number, (key, _label) in enumerate(COLUMNS)}

DECISION_LABELS = {
    "include": "Include",
    "exclude": "Exclude",
    "maybe": "Maybe",
    "not_retrieved": "Not retrieved",
    "conflict": "Conflict",
    None: "Undecided",
}

IdRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class PaperModel(IdRows, QAbstractTableModel):
    """Papers of the open review matching a search and filter, in the chosen order."""

    CACHE_LIMIT = 8192  # rows kept (IdRows); the cache is emptied when it grows past this

    def __init__(self, parent=None):
        super().__init__(parent)
        self._init_id_rows()
        self._positions: dict[int, int] | None = None
        # Every listed paper in the current order, kept while only the search or filter
        # changes (a search then costs its own query, not a re-sort of the library).
        self._ordered: list[int] | None = None
        self.sort_key = "added"
        self.descending = False
        self.search = ""
        self.filter = "all"

    # -- what to list ---------------------------------------------------------------------
    def set_review(self, review: Review | None) -> None:
        self._review = review
        self.search, self.filter = "", "all"
        self.reload()

    def set_query(self, *, search: str | None = None, filter: str | None = None) -> None:
        """List the papers matching `search` (full text) and `filter` (see library.FILTERS)."""
        if search is not None:
            self.search = search
        if filter is not None:
            self.filter = filter
        self._requery()

    def reload(self) -> None:
        """The papers changed: forget cached rows and order, and re-run the query."""
        self._rows.clear()
        self._ordered = None
        self._requery()

    def _requery(self) -> None:
        self.beginResetModel()
        if self._review is None:
            self._ids = []
        else:
            if self._ordered is None:
                self._ordered = ordered_ids(self._review, self.sort_key, self.descending)
            self._ids = paper_ids(
                self._review,
                sort=self.sort_key,
                descending=self.descending,
                search=self.search,
                filter=self.filter,
                ordered=self._ordered,
            )
        self._positions = None
        self.endResetModel()

    # -- ids and rows -------------------------------------------------------------------
    def row_of(self, paper_id: int) -> int | None:
        """The row showing `paper_id`, or None when it is not listed."""
        if self._positions is None:
            try:
                return self._ids.index(paper_id)  # one scan in C beats building the map
            except ValueError:
                return None
        return self._positions.get(paper_id)

    def rows_of(self, paper_ids: list[int]) -> list[int]:
        """The rows showing those of `paper_ids` that are listed, in ascending order."""
        if len(paper_ids) > 8 and self._positions is None:
            self._positions = {pid: row for row, pid in enumerate(self._ids)}
        rows = (self.row_of(pid) for pid in paper_ids)
        return sorted(row for row in rows if row is not None)

    def _fetch(self, paper_ids) -> dict[int, dict[str, Any]]:
        return find_papers(self._review, paper_ids) if self._review is not None else {}

    # -- Qt model interface ---------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section][1]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._ids)):
            return None
        if role == IdRole:
            return self._ids[index.row()]
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            return None
        row = self._row(index.row())
        if row is None:
            return None
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.ForegroundRole:
            if key == "decision":
                return palette.DECISION_INK.get(_decision(row), palette.DECISION_INK[None])
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "title":
                return row["title"]
            if key == "citation":
                return row["authors_text"] or None
            return None
        return self._display(key, row)

    @staticmethod
    def _display(key: str, row: dict[str, Any]) -> str:
        if key == "citation":
            return short_citation(row["first_author"], row["authors_text"], row["year"])
        if key == "title":
            return row["title"]
        if key == "year":
            return str(row["year"]) if row["year"] else ""
        if key == "venue":
            return row["venue"] or ""
        if key == "stage":
            return STAGE_LABELS[stage_and_decision(row["ta_decision"], row["ft_decision"])[0]]
        return DECISION_LABELS.get(_decision(row), "")

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Re-run the query in the order of `column` (-1: the order papers were added)."""
        key = COLUMNS[column][0] if 0 <= column < len(COLUMNS) else "added"
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self.sort_key, self.descending) and self._review is not None:
            return  # QTableView.sortByColumn asks twice (header signal, then directly)
        self.sort_key, self.descending = key, descending
        self._ordered = None
        self._requery()  # a reset: the view keeps its selection as ids (see library.py)


def _decision(row: dict[str, Any]) -> str | None:
    return stage_and_decision(row["ta_decision"], row["ft_decision"])[1]
