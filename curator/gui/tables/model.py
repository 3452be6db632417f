"""A read-only Qt table model over a pandas DataFrame: shows exactly the cells core computed."""

from __future__ import annotations

import math

import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex

# The raw cell value (not its text), for code that wants numbers back.
ValueRole = Qt.ItemDataRole.UserRole + 1


def cell_text(value: object) -> str:
    """How a DataFrame cell reads in a view, a copy or a tooltip: missing values are empty."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
    try:
        if pd.isna(value):  # pd.NA, NaT
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


class DataFrameModel(QAbstractTableModel):
    """Rows and columns of one DataFrame, as text; `set_frame` swaps in a recomputed one."""

    def __init__(self, frame: pd.DataFrame | None = None, parent=None):
        super().__init__(parent)
        self._frame = frame if frame is not None else pd.DataFrame()
        self._cache: list[list[str]] = self._texts(self._frame)
        self._headers: list[str] | None = None  # the column names as shown, if not as named

    @staticmethod
    def _texts(frame: pd.DataFrame) -> list[list[str]]:
        return [[cell_text(v) for v in row] for row in frame.itertuples(index=False, name=None)]

    @property
    def frame(self) -> pd.DataFrame:
        return self._frame

    def set_frame(self, frame: pd.DataFrame) -> None:
        self.beginResetModel()
        self._frame = frame
        self._cache = self._texts(frame)
        self._headers = None
        self.endResetModel()

    def show_headers(self, texts: list[str] | None) -> None:
        """Show the column names as `texts` (the names broken into lines to fit narrow
        columns), or as named (None). Copies and exports take the frame's names."""
        if texts is not None and len(texts) != len(self._frame.columns):
            texts = None
        if texts != self._headers:
            self._headers = texts
            if len(self._frame.columns):
                last = len(self._frame.columns) - 1
                self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, last)

    # -- Qt overrides --------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cache)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._frame.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._cache) and 0 <= column < len(self._frame.columns)):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cache[row][column]
        if role == ValueRole:
            value = self._frame.iat[row, column]
            return value.item() if hasattr(value, "item") else value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if pd.api.types.is_numeric_dtype(self._frame.dtypes.iloc[column]):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self._frame.columns):
                return (
                    self._headers[section] if self._headers else str(self._frame.columns[section])
                )
            return None
        return str(section + 1) if 0 <= section < len(self._cache) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
