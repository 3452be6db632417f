"""The Searches workspace: every search with its database, query, date and hits, the files
imported for it and their counts (read, imported, warnings, skipped), and an Import button."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from curator.core.changes import Changes
from curator.core.importers import imports
from curator.core.review import Review
from curator.core.searches import searches
from curator.gui import icons
from curator.gui.context import AppContext
from curator.gui.workspace import Workspace

HEADERS = (
    "Search / file",
    "Database / format",
    "Date run / imported",
    "Hits reported",
    "Records",
    "Imported",
    "Warnings",
    "Skipped",
)
ID_ROLE = Qt.UserRole + 1  # ("search" | "import", id)


def _item(value: object, align_right: bool = False) -> QStandardItem:
    item = QStandardItem("" if value is None else str(value))
    item.setEditable(False)
    if align_right:
        item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
    return item


class SearchesWorkspace(Workspace):
    title = "Searches"
    icon = icons.SEARCHES
    import_requested = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.model = QStandardItemModel(0, len(HEADERS), self)
        self.model.setHorizontalHeaderLabels(HEADERS)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setStretchLastSection(False)
        self.tree.selectionModel().currentRowChanged.connect(self._on_tree_current_changed)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setPlaceholderText(
            "Select a search or a file to see its query or import report."
        )
        self.import_button = QPushButton("&Import files…")
        self.import_button.clicked.connect(self._on_import_clicked)
        self.summary = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.import_button)

        self.empty = QLabel(
            "No searches yet.\nImport the files your database searches produced\n(File ▸ Import, or the button above)."
        )
        self.empty.setAlignment(Qt.AlignCenter)
        self.empty.setEnabled(False)
        splitter = QSplitter(Qt.Vertical)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.details)
        splitter.setSizes([400, 150])
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(splitter)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        self.set_review(context.review)

    def set_review(self, review: Review | None) -> None:
        self.reload()

    def refresh(self, changes: Changes) -> None:
        if changes.searches or changes.papers:
            self.reload()

    def reload(self) -> None:
        review = self.review
        self.model.removeRows(0, self.model.rowCount())
        self._details: dict[tuple[str, int], str] = {}
        self.import_button.setEnabled(review is not None)
        if review is None:
            self.summary.setText("No review open.")
            self.stack.setCurrentIndex(0)
            return
        files = imports(review)
        total = 0
        for search in searches(review):
            row = [
                _item(search["name"]), _item(search["database"]), _item(search["run_on"]),
                _item(search["hits_reported"], True), _item(search["records"], True),
                _item(None), _item(None), _item(None),
            ]  # fmt: skip
            row[0].setData(("search", search["id"]), ID_ROLE)
            total += search["records"]
            self._details[("search", search["id"])] = "\n".join(
                f"{label}: {search[key]}"
                for label, key in (
                    ("Search", "name"),
                    ("Database", "database"),
                    ("Query", "query"),
                    ("Date run", "run_on"),
                    ("Hits reported", "hits_reported"),
                    ("Notes", "notes"),
                )
                if search[key] not in (None, "")
            )
            for file in (f for f in files if f["search_id"] == search["id"]):
                child = [
                    _item(file["file_name"]), _item(f"{file['format']} ({file['encoding'] or '-'})"),
                    _item((file["imported_at"] or "")[:10]), _item(None), _item(file["records_read"], True),
                    _item(file["records_imported"], True), _item(file["warnings"], True), _item(file["skipped"], True),
                ]  # fmt: skip
                child[0].setData(("import", file["id"]), ID_ROLE)
                child[0].setToolTip(f"imported by {file['imported_by']} on {file['imported_at']}")
                row[0].appendRow(child)
            self.model.appendRow(row)
        self.tree.expandAll()
        for column in range(len(HEADERS)):
            self.tree.resizeColumnToContents(column)
        self.tree.setColumnWidth(0, max(self.tree.columnWidth(0), 260))
        count = self.model.rowCount()
        self.summary.setText(
            f"{count} searches, {len(files)} files, {total} records identified." if count else ""
        )
        self.stack.setCurrentIndex(1 if count else 0)

    def _on_tree_current_changed(self, current, _previous) -> None:
        key = current.siblingAtColumn(0).data(ID_ROLE)
        if not key:
            self.details.clear()
            return
        kind, row_id = key
        if kind == "search":
            self.details.setPlainText(self._details.get(key, ""))
            return
        raw = self.review.db.execute(
            "SELECT report FROM imports WHERE id = ?", (row_id,)
        ).fetchone()[0]
        report = json.loads(raw) if raw else {}
        lines = [
            f"{report.get('file')}: {report.get('read')} read, {report.get('imported')} imported"
        ]
        lines += [
            f"warning, record {p}: {m}" if p else f"warning: {m}"
            for p, m in report.get("warnings", [])
        ]
        lines += [f"skipped record {p}: {m}" for p, m in report.get("skipped", [])]
        self.details.setPlainText("\n".join(lines))

    def _on_import_clicked(self) -> None:
        from curator.gui.import_dialog import ImportDialog

        self.import_requested.emit()
        ImportDialog.ask(self.context, self)
