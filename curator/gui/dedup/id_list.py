"""What the Duplicates workspace's two lists share: a list model over ids from one core query,
rows read in chunks by another when shown (gui/row_cache), and the lazy list view over it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QListView

from curator.core.review import Review
from curator.gui.row_cache import IdRows

ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class IdListModel(IdRows, QAbstractListModel):
    """A list of ids (`_list_ids(review)`), rows from `_read_rows(review, ids)`; a subclass
    says what a row shows (`_display`) and tells (`_tooltip`)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._init_id_rows()

    def _list_ids(self, review: Review) -> list[int]:
        raise NotImplementedError

    def _read_rows(self, review: Review, ids) -> dict[int, dict[str, Any]]:
        raise NotImplementedError

    def _display(self, row: dict[str, Any]) -> str:
        raise NotImplementedError

    def _tooltip(self, row: dict[str, Any]) -> str:
        raise NotImplementedError

    def set_review(self, review: Review | None) -> None:
        self._review = review
        self.reload()

    def reload(self) -> None:
        """The rows changed: list the ids again, forget cached rows."""
        self.beginResetModel()
        self._rows.clear()
        self._ids = self._list_ids(self._review) if self._review is not None else []
        self.endResetModel()

    def _fetch(self, ids) -> dict[int, dict[str, Any]]:
        return self._read_rows(self._review, ids) if self._review is not None else {}

    def row_at(self, row: int) -> dict[str, Any] | None:
        if not 0 <= row < len(self._ids):
            return None
        return self._row(row)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        return self._display(row) if role == Qt.ItemDataRole.DisplayRole else self._tooltip(row)


def lazy_list(model: IdListModel, on_current_changed) -> QListView:
    """A list view that asks only for the rows it shows (uniform rows, no horizontal scroll)."""
    view = QListView()
    view.setModel(model)
    view.setUniformItemSizes(True)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.selectionModel().currentChanged.connect(on_current_changed)
    return view
