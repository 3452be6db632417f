"""The import dialog's column mapping and decisions option for one file.

For a CSV/TSV/XLSX file, a table shows each source column, its first value and where it goes
(a Curator field, "decisions", or "not kept"), recognised from the exporter's header and
editable; an edit becomes the file's explicit mapping, which the import saves in the review
for that header (so the next file with the same column maps the same way). When a file
carries screening decisions (ASReview labels, Rayyan or Covidence notes), a check box offers
to record them at a chosen stage as a named reviewer's. Values are plain text.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from curator.core.importers import Citation
from curator.core.importers.tabular import DECISIONS_TARGET, FIELDS, column_plan
from curator.core.review import STAGE_LABELS
from curator.core.screening.carried import carried_in
from curator.gui import palette

NOT_KEPT = "not kept"
# What the "Goes to" column offers: every field, then "not kept" (the mapping's "ignore").
TARGETS = tuple(f for f in FIELDS if f != "ignore") + (NOT_KEPT,)
# What a curator reads for each target (the importer's field names stay the edited values).
TARGET_LABELS = {
    "source_id": "Record ID in the source", "title": "Title", "authors": "Authors",
    "year": "Year", "venue": "Journal / source", "volume": "Volume", "issue": "Issue",
    "pages": "Pages", "start_page": "First page", "end_page": "Last page", "doi": "DOI",
    "pmid": "PubMed ID (PMID)", "pmcid": "PubMed Central ID", "abstract": "Abstract",
    "keywords": "Keywords", "url": "Link (URL)", "type": "Publication type",
    "language": "Language", "publisher": "Publisher", DECISIONS_TARGET: "Screening decisions",
    NOT_KEPT: NOT_KEPT,
}  # fmt: skip
Index = QModelIndex | QPersistentModelIndex


class ColumnMappingModel(QAbstractTableModel):
    """Rows: a file's columns. Columns: the column's name, its first value, where it goes."""

    HEADERS = ("Column in the file", "First value", "Goes to")
    mapping_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[tuple[str, str]] = []  # (column name, first value)
        self.targets: list[str] = []
        self.edited: dict[str, str] = {}  # column -> field, as the user set it

    def set_plan(
        self, plan: list[tuple[str, str | None]], first: dict, edited: dict[str, str]
    ) -> None:
        self.beginResetModel()
        self.rows = [(name, " ".join(str(first.get(name, "")).split())[:200]) for name, _ in plan]
        self.targets = [NOT_KEPT if target in (None, "ignore") else target for _, target in plan]
        self.edited = dict(edited)
        self.endResetModel()

    def mapping(self) -> dict[str, str]:
        """The columns the user mapped, as the importer's `{header: field}` ("ignore": not kept)."""
        return dict(self.edited)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        name, value = self.rows[index.row()]
        if role == Qt.EditRole or (role == Qt.ToolTipRole and index.column() < 2):
            return (name, value, self.targets[index.row()])[index.column()]
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            target = self.targets[index.row()]
            return (name, value, TARGET_LABELS.get(target, target))[index.column()]
        if role == Qt.ForegroundRole and self.targets[index.row()] == NOT_KEPT:
            return palette.NOT_KEPT_INK
        return None

    def flags(self, index: Index):
        base = super().flags(index)
        return base | Qt.ItemIsEditable if index.column() == 2 else base

    def setData(self, index: Index, value, role=Qt.EditRole) -> bool:
        if role != Qt.EditRole or index.column() != 2 or value not in TARGETS:
            return False
        name = self.rows[index.row()][0]
        self.targets[index.row()] = value
        self.edited[name] = "ignore" if value == NOT_KEPT else value
        self.dataChanged.emit(index, index, [Qt.DisplayRole, Qt.EditRole])
        self.mapping_changed.emit()
        return True


class TargetDelegate(QStyledItemDelegate):
    """The "Goes to" cell edited with a list of the fields."""

    def createEditor(self, parent, option, index):
        box = QComboBox(parent)
        for target in TARGETS:
            box.addItem(TARGET_LABELS.get(target, target), target)
        return box

    def setEditorData(self, editor, index):
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.EditRole) or NOT_KEPT)))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData(), Qt.EditRole)


class ImportOptionsPanel(QWidget):
    """Column mapping and the decisions option of the file selected in the import dialog."""

    changed = Signal()  # the mapping or the decisions option changed

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = ColumnMappingModel(self)
        self.model.mapping_changed.connect(self.changed)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(2, TargetDelegate(self.view))
        self.view.verticalHeader().setVisible(False)
        self.view.setEditTriggers(
            QTableView.DoubleClicked | QTableView.SelectedClicked | QTableView.EditKeyPressed
        )
        header_view = self.view.horizontalHeader()
        header_view.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header_view.setSectionResizeMode(1, QHeaderView.Stretch)
        header_view.setSectionResizeMode(2, QHeaderView.ResizeToContents)
        self.view.setMinimumHeight(160)
        self.mapping_label = QLabel()
        self.mapping_label.setTextFormat(Qt.PlainText)
        self.mapping_label.setWordWrap(True)

        self.decisions_box = QCheckBox("Re&cord the decisions this file carries")
        self.decisions_box.toggled.connect(self._on_decisions_toggled)
        self.stage_box = QComboBox()
        for key, label in STAGE_LABELS.items():
            self.stage_box.addItem(label, key)
        self.stage_box.currentIndexChanged.connect(self.changed)
        self.reviewer_edit = QLineEdit()
        self.reviewer_edit.setPlaceholderText("the file’s reviewers, else you")
        self.reviewer_edit.textEdited.connect(self.changed)
        self.decisions_note = QLabel()
        self.decisions_note.setTextFormat(Qt.PlainText)
        self.decisions_note.setWordWrap(True)
        # The stage and reviewer on a line of their own: beside the check box the reviewer
        # field was squeezed to a few letters in a dialog of the default size.
        stage_label = QLabel("at s&tage")
        stage_label.setBuddy(self.stage_box)
        reviewer_label = QLabel("as revie&wer")
        reviewer_label.setBuddy(self.reviewer_edit)
        row = QHBoxLayout()
        row.setContentsMargins(24, 0, 0, 0)
        row.addWidget(stage_label)
        row.addWidget(self.stage_box)
        row.addWidget(reviewer_label)
        row.addWidget(self.reviewer_edit, 1)
        self.decisions_row = QWidget()
        decisions_layout = QVBoxLayout(self.decisions_row)
        decisions_layout.setContentsMargins(0, 0, 0, 0)
        decisions_layout.addWidget(self.decisions_note)
        decisions_layout.addWidget(self.decisions_box)
        decisions_layout.addLayout(row)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.mapping_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.decisions_row)
        self.show_file(None, [], {}, None, None)

    def show_file(
        self,
        names: list[str] | None,
        first: list[Citation],
        mapping: dict[str, str],
        decisions: str | None,
        reviewer: str | None,
        saved: dict[str, str] | None = None,
    ) -> None:
        """Show one file's columns (`names`: a table's header, read with its preview; None
        for other formats) and, if it carries any, its decisions. `mapping`: this file's
        edits; `saved`: the review's remembered mapping."""
        plan: list[tuple[str, str | None]] = []
        if names:
            exporter, plan = column_plan(names, {**(saved or {}), **mapping})
            kept = sum(1 for _, target in plan if target not in (None, "ignore"))
            self.mapping_label.setText(
                (f"Columns of a {exporter.name} export" if exporter else "Columns")
                + f": {kept} of {len(plan)} kept as fields. Double-click “Goes to” (or press F2) to change "
                "one; the review remembers it for this column name."
            )
        raw = dict(first[0].raw) if first else {}
        self.model.set_plan(plan, raw, mapping)
        self.view.setVisible(bool(plan))
        self.mapping_label.setVisible(bool(plan))
        counts = carried_in([c.raw for c in first])
        offered = bool(counts) or any(t == DECISIONS_TARGET for _, t in plan)
        self.decisions_row.setVisible(offered)
        self.setVisible(bool(plan) or offered)  # else the file list below gets the room
        self.decisions_note.setText(
            "This file carries screening decisions"
            + (
                " (first records: " + ", ".join(f"{n} {d}" for d, n in sorted(counts.items())) + ")"
                if counts
                else ""
            )
            + ". Unknown exclusion reasons and labels are added to the review."
        )
        for widget in (self.decisions_box, self.stage_box, self.reviewer_edit):
            widget.blockSignals(True)
        self.decisions_box.setChecked(decisions is not None)
        self.stage_box.setCurrentIndex(1 if decisions == "full_text" else 0)
        self.reviewer_edit.setText(reviewer or "")
        for widget in (self.decisions_box, self.stage_box, self.reviewer_edit):
            widget.blockSignals(False)
        self._on_decisions_toggled(decisions is not None, notify=False)

    def tab_chain(self) -> list[QWidget]:
        """The panel's controls in the order Tab visits them."""
        return [self.view, self.decisions_box, self.stage_box, self.reviewer_edit]

    def mapping(self) -> dict[str, str]:
        return self.model.mapping()

    def decisions(self) -> str | None:
        if not (self.decisions_row.isVisibleTo(self) and self.decisions_box.isChecked()):
            return None
        return self.stage_box.currentData()

    def reviewer(self) -> str | None:
        return self.reviewer_edit.text().strip() or None

    def _on_decisions_toggled(self, checked: bool, notify: bool = True) -> None:
        self.stage_box.setEnabled(checked)
        self.reviewer_edit.setEnabled(checked)
        if notify:
            self.changed.emit()
