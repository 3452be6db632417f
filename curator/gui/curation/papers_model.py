"""The included papers the Curation workspace lists: a table model over ids from core.library.

Rows are the ids `library.paper_ids` returns for the chosen filter (all included, untagged,
key papers) and search; each row's display values are loaded once per reset.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from curator.core import library
from curator.core.resolve import citations_for
from curator.core.review import Review

ID_ROLE = Qt.ItemDataRole.UserRole + 1
FILTERS = (
    ("All included papers", "in_review"),
    ("Untagged included papers", "untagged"),
    ("Key papers", "key"),
)
COLUMNS = ("Key", "Paper", "Title", "Tags")

Index = QModelIndex | QPersistentModelIndex


class IncludedPapersModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.review: Review | None = None
        self.filter = "in_review"
        self.search = ""
        self.ids: list[int] = []
        self._rows: dict[int, dict] = {}

    def set_review(self, review: Review | None) -> None:
        self.review = review
        self.reload()

    def set_filter(self, name: str, search: str | None = None) -> None:
        self.filter = name
        if search is not None:
            self.search = search
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.ids, self._rows = [], {}
        if self.review is not None:
            where = "in_review" if self.filter == "key" else self.filter
            ids = library.paper_ids(self.review, sort="citation", search=self.search, filter=where)
            if self.filter == "key":
                keys = {
                    r[0] for r in self.review.db.execute("SELECT id FROM papers WHERE is_key = 1")
                }
                ids = [i for i in ids if i in keys]
            self.ids = ids
            self._load_rows(ids)
        self.endResetModel()

    def refresh_rows(self) -> None:
        """Reload the values of the rows shown (tags or key flag changed), keeping the rows."""
        if self.review is None or not self.ids:
            return
        self._load_rows(self.ids)
        self.dataChanged.emit(self.index(0, 0), self.index(len(self.ids) - 1, len(COLUMNS) - 1))

    def _load_rows(self, ids: list[int]) -> None:
        assert self.review is not None
        cites = citations_for(self.review, ids)
        for chunk_start in range(0, len(ids), 500):
            chunk = ids[chunk_start : chunk_start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.review.db.query(
                "SELECT p.id, p.title, p.is_key, (SELECT COUNT(*) FROM paper_terms pt "
                f"WHERE pt.paper_id = p.id) AS tags FROM papers p WHERE p.id IN ({marks})",
                chunk,
            ):
                row["citation"] = cites.get(row["id"], "")
                self._rows[row["id"]] = row

    # -- Qt model ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.ids):
            return None
        paper_id = self.ids[index.row()]
        if role == ID_ROLE:
            return paper_id
        row = self._rows.get(paper_id)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return "★" if row["is_key"] else ""
            if column == 1:
                return row["citation"]
            if column == 2:
                return row["title"]
            return str(row["tags"]) if row["tags"] else "untagged"
        if role == Qt.ItemDataRole.ToolTipRole and column in (1, 2):  # elided cells, whole
            return row["citation"] if column == 1 else row["title"]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 3):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def row_of(self, paper_id: int) -> int | None:
        try:
            return self.ids.index(paper_id)
        except ValueError:
            return None
