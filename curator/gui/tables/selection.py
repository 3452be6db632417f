"""A view's selection as a small DataFrame, and that frame as TSV or Markdown for the clipboard."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QTableView

from curator.gui.tables import core_api
from curator.gui.tables.model import DataFrameModel, cell_text


def selected_frame(view: QAbstractItemView) -> pd.DataFrame:
    """The selected cells as a frame: every row and column holding a selected cell, in order.

    With nothing selected, the whole table (copying an empty selection copies it all).
    """
    model = view.model()
    if not isinstance(model, DataFrameModel):
        raise TypeError("selected_frame needs a view over a DataFrameModel")
    indexes = view.selectionModel().selectedIndexes() if view.selectionModel() else []
    frame = model.frame
    if not indexes:
        return frame.copy()
    rows = sorted({i.row() for i in indexes})
    columns = sorted({i.column() for i in indexes})
    chosen = {(i.row(), i.column()) for i in indexes}
    part = frame.iloc[rows, columns].astype(object)
    # Cells inside the bounding rows/columns that were not selected are left empty.
    for r_pos, row in enumerate(rows):
        for c_pos, column in enumerate(columns):
            if (row, column) not in chosen:
                part.iat[r_pos, c_pos] = None
    return part.reset_index(drop=True)


def to_tsv(frame: pd.DataFrame) -> str:
    """Tab-separated text with a header row, as spreadsheets paste it (tabs/newlines flattened)."""

    def clean(value: object) -> str:
        return " ".join(cell_text(value).replace("\t", " ").splitlines())

    lines = ["\t".join(clean(c) for c in frame.columns)]
    lines += ["\t".join(clean(v) for v in row) for row in frame.itertuples(index=False, name=None)]
    return "\n".join(lines) + "\n"


def to_markdown(frame: pd.DataFrame) -> str:
    """A Markdown table, written by the same code as the core Markdown export."""
    return core_api.markdown_table(frame)


class CopyTableView(QTableView):
    """A table view whose Ctrl+C asks for the whole selection to be copied (`copy_requested`),
    where QTableView would copy only the current cell, and whose Ctrl+Shift+C asks for it as
    Markdown. The workspace decides what copying means."""

    copy_requested = Signal(bool)  # True: as Markdown

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_requested.emit(False)
            event.accept()
            return
        if event.key() == Qt.Key.Key_C and event.modifiers() == (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        ):
            self.copy_requested.emit(True)
            event.accept()
            return
        super().keyPressEvent(event)
