"""The review queue's list model: pair ids from SQL, rows read in chunks when shown.

As the Library's PaperModel does for papers: the model holds only the ordered ids of the
pairs waiting for an answer (`dedup.candidate_ids`, best score first); a row's title, score
and rule are read (`dedup.queue_rows`) the first time the view shows it, with its neighbours,
into a bounded cache. At 100,000 records the queue holds some 31,000 pairs; opening it reads
31,000 integers, not 31,000 joined rows.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from curator.core import dedup
from curator.core.review import Review
from curator.gui.row_cache import IdRows

PAIR_ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class PairListModel(IdRows, QAbstractListModel):
    """The candidate pairs of the open review, highest score first."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._init_id_rows()

    def set_review(self, review: Review | None) -> None:
        self._review = review
        self.reload()

    def reload(self) -> None:
        """The pairs or papers changed: list the waiting pairs again, forget cached rows."""
        self.beginResetModel()
        self._rows.clear()
        self._ids = dedup.candidate_ids(self._review) if self._review is not None else []
        self.endResetModel()

    def _fetch(self, pair_ids) -> dict[int, dict[str, Any]]:
        return dedup.queue_rows(self._review, pair_ids) if self._review is not None else {}

    def pair_at(self, row: int) -> dict[str, Any] | None:
        """The queue row (id, paper_a, paper_b, score, rule, scores, titles) at `row`."""
        if not 0 <= row < len(self._ids):
            return None
        return self._row(row)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == PAIR_ID_ROLE:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self.pair_at(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            title = (row.get("title_a") or row.get("title_b") or "(no title)").replace("\n", " ")
            return f"{row['score'] or 0:.2f}  {title[:90]}"
        return (
            f"Pair {row['id']}: papers {row['paper_a']} and {row['paper_b']}\nRule: {row['rule']}"
        )
