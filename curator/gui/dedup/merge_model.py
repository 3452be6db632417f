"""The Merged list's model: the merges that stand, newest first, rows read in chunks when shown.

Like the queue's PairListModel: the model holds only the merge ids (`dedup.merge_ids`, all
or the automatic ones); a row's titles, merger and date are read (`dedup.merge_rows`) the
first time the view shows it, with its neighbours. A review merged automatically at 100,000
records holds some 37,000 merges; opening the list reads 37,000 integers.
"""

from __future__ import annotations

import html
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from curator.core import dedup
from curator.core.dedup.queue import merge_reason
from curator.core.review import Review
from curator.gui.row_cache import IdRows

MERGE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


def when(stamp: str | None) -> str:
    """A stored UTC timestamp as local date and time ("2026-12-03 17:01")."""
    if not stamp:
        return ""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


def merger(row: dict[str, Any]) -> str:
    """Who merged: the word "automatic", or "by" and the person's name."""
    return "automatic" if row["automatic"] else f"by {row['merged_by'] or 'someone'}"


def one_line(title: str | None) -> str:
    return (title or "(no title)").replace("\n", " ")


class MergeListModel(IdRows, QAbstractListModel):
    """The standing merges of the open review (kept title, merged title, who, when)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._init_id_rows()
        self.automatic_only = False

    def set_review(self, review: Review | None) -> None:
        self._review = review
        self.reload()

    def set_automatic_only(self, automatic_only: bool) -> None:
        self.automatic_only = automatic_only
        self.reload()

    def reload(self) -> None:
        """Merges were made or undone: list them again, forget cached rows."""
        self.beginResetModel()
        self._rows.clear()
        self._ids = (
            dedup.merge_ids(self._review, automatic_only=self.automatic_only)
            if self._review is not None
            else []
        )
        self.endResetModel()

    def _fetch(self, merge_ids) -> dict[int, dict[str, Any]]:
        return dedup.merge_rows(self._review, merge_ids) if self._review is not None else {}

    def merge_at(self, row: int) -> dict[str, Any] | None:
        """The merge row (id, kept_id, dropped_id, rule, merged_by, merged_at, titles) at `row`."""
        if not 0 <= row < len(self._ids):
            return None
        return self._row(row)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == MERGE_ID_ROLE:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self.merge_at(index.row())
        if row is None:
            return None
        kept, dropped = one_line(row["kept_title"]), one_line(row["dropped_title"])
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{kept}\n⤷ {dropped}\n{merger(row)} · {when(row['merged_at'])}"
        why = merge_reason(row["rule"], row["merged_by"], None)
        lines = (
            f"Kept, paper {row['kept_id']}: {kept}",
            f"Merged into it, paper {row['dropped_id']}: {dropped}",
            f"{why[0].upper()}{why[1:]}, {when(row['merged_at'])}",
        )
        # Titles are imported text: escaped, so a tooltip never renders them as HTML.
        return "<qt>" + "<br>".join(html.escape(line) for line in lines) + "</qt>"
