"""A claim's linked papers: a search-as-you-type picker over included papers and an ordered table.

Typing a citation, title words or a DOI offers matching included papers (accents optional:
"mansson" finds Månsson); Enter links the highlighted one, or resolves what was typed (an id,
DOI or in-text citation). Each link has a relation (supports / contradicts / context).
Alt+Up/Down in the table reorder, Delete removes. Changes stay in the form until it is saved.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator.core import library
from curator.core.errors import CuratorError
from curator.core.names import fold
from curator.core.resolve import citations_for, paper_citation, resolve_paper
from curator.gui import icons
from curator.gui.context import AppContext
from curator.gui.curation.widgets import ErrorLabel, shortcut, tool_button
from curator.gui.focus import chain_tab_order

ID_ROLE = Qt.ItemDataRole.UserRole + 1
MATCH_ROLE = Qt.ItemDataRole.UserRole + 2
RELATION_TIP = (
    "How the paper bears on the claim, for the suggested strength: unmarked (—) or supports "
    "counts for it, contradicts counts against it, context is left out"
)
RELATION_CHOICES = (
    ("—", None),
    ("supports", "supports"),
    ("contradicts", "contradicts"),
    ("context", "context"),
)


class LinksEditor(QGroupBox):
    changed = Signal()  # the links or a relation changed (in the form, not yet saved)

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__("Linked papers (in the order the table cites them)", parent)
        self.context = context
        self.links: list[list] = []  # [paper_id, relation]
        self._citations: dict[int, str] = {}  # the included papers', as the tables cite them
        self._just_picked = False
        column = QVBoxLayout(self)
        self.picker = QLineEdit(
            placeholderText="Link a paper: type a citation, title words or DOI, then Enter"
        )
        self.picker.setAccessibleName("Link a paper")
        self.paper_choices = QStandardItemModel(self)
        self.completer = QCompleter(self.paper_choices, self)
        self.completer.setCompletionRole(MATCH_ROLE)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(10)
        self.picker.setCompleter(self.completer)
        self.completer.activated[QModelIndex].connect(self._on_picked)
        self.picker.returnPressed.connect(self._on_picker_return)
        column.addWidget(self.picker)
        self.table = QTableWidget(0, 2)
        self.table.setAccessibleName("Linked papers")
        self.table.setHorizontalHeaderLabels(["Paper", "Relation"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.setWordWrap(False)
        self.table.setMinimumHeight(150)
        self.table.verticalHeader().setDefaultSectionSize(28)
        column.addWidget(self.table, 1)
        self.error = ErrorLabel()
        column.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch(1)
        self.up = tool_button(icons.UP, "Move the link up (Alt+Up)")
        self.down = tool_button(icons.DOWN, "Move the link down (Alt+Down)")
        self.remove = tool_button(icons.REMOVE, "Remove the link (Delete)")
        self.up.clicked.connect(lambda: self.move_link(-1))
        self.down.clicked.connect(lambda: self.move_link(1))
        self.remove.clicked.connect(self.remove_link)
        for button in (self.up, self.down, self.remove):
            row.addWidget(button)
        column.addLayout(row)
        scope = Qt.ShortcutContext.WidgetShortcut
        shortcut("Alt+Up", self.table, lambda: self.move_link(-1), scope)
        shortcut("Alt+Down", self.table, lambda: self.move_link(1), scope)
        shortcut(QKeySequence.StandardKey.Delete, self.table, self.remove_link, scope)

    def reload_choices(self) -> None:
        """The included papers the picker offers, as "Citation — Title"."""
        review = self.context.review
        self.paper_choices.clear()
        self._citations = {}
        if review is None:
            return
        ids = library.paper_ids(review, filter="in_review", sort="citation")
        self._citations = citations_for(review, ids)
        for paper_id in ids:
            title, doi = review.db.execute(
                "SELECT title, doi FROM papers WHERE id = ?", (paper_id,)
            ).fetchone()
            shown = f"{self._citations[paper_id]} — {title}"
            item = QStandardItem(shown)
            item.setData(paper_id, ID_ROLE)
            item.setData(f"{shown} {fold(shown)} {doi or ''}", MATCH_ROLE)
            item.setToolTip(title)
            self.paper_choices.appendRow(item)

    def citation(self, paper_id: int) -> str:
        if paper_id not in self._citations:  # linked but not (or no longer) included
            self._citations[paper_id] = paper_citation(self.context.review, paper_id)
        return self._citations[paper_id]

    def set_links(self, papers: list[int], relations: list[str | None]) -> None:
        self.links = [[p, r] for p, r in zip(papers, relations, strict=True)]
        self.error.show_message(None)
        self._show()

    def papers(self) -> list[int]:
        return [p for p, _ in self.links]

    def relations(self) -> list[str | None]:
        return [r for _, r in self.links]

    def _show(self) -> None:
        review = self.context.review
        self.table.setRowCount(len(self.links))
        combos: list[QComboBox] = []
        for row, (paper_id, relation) in enumerate(self.links):
            title = review.db.execute(
                "SELECT title FROM papers WHERE id = ?", (paper_id,)
            ).fetchone()[0]
            item = QTableWidgetItem(f"{self.citation(paper_id)} — {title}")
            item.setToolTip(title)
            self.table.setItem(row, 0, item)
            combo = QComboBox()
            combo.setAccessibleName("Relation")
            combo.setToolTip(RELATION_TIP)
            for label, value in RELATION_CHOICES:
                combo.addItem(label, value)
            combo.setCurrentIndex(combo.findData(relation) if relation else 0)
            combo.currentIndexChanged.connect(lambda _i, r=row, c=combo: self._on_relation(r, c))
            self.table.setCellWidget(row, 1, combo)
            combos.append(combo)
        # Tab reaches each link's relation after the table, not after the form's Save button.
        chain_tab_order([self.table, *combos, self.up])

    def _changed(self, select: int | None = None) -> None:
        self._show()
        if select is not None and self.links:
            self.table.selectRow(select)
        self.changed.emit()

    def add_link(self, paper_id: int) -> None:
        if paper_id in self.papers():
            self.error.show_message(f"({self.citation(paper_id)}) is already linked")
            return
        self.links.append([paper_id, None])
        self.error.show_message(None)
        self._changed(len(self.links) - 1)

    def move_link(self, step: int) -> None:
        row = self.table.currentRow()
        if row < 0 or not 0 <= row + step < len(self.links):
            return
        self.links[row], self.links[row + step] = self.links[row + step], self.links[row]
        self._changed(row + step)
        self.table.setFocus()

    def remove_link(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.links):
            del self.links[row]
            self._changed(min(row, len(self.links) - 1))

    def _on_relation(self, row: int, combo: QComboBox) -> None:
        if row < len(self.links):
            self.links[row][1] = combo.currentData()
            self.changed.emit()

    def _on_picked(self, index: QModelIndex) -> None:
        paper_id = index.data(ID_ROLE)
        if paper_id is not None:
            self._just_picked = True
            self.add_link(int(paper_id))
            QTimer.singleShot(0, self.picker.clear)  # after the completer has written its text

    def _on_picker_return(self) -> None:
        if self._just_picked:
            self._just_picked = False
            return
        text = self.picker.text().strip()
        if not text:
            return
        try:
            paper_id = resolve_paper(self.context.review, text, included_only=True)
        except CuratorError as exc:
            self.error.show_message(str(exc))
            return
        self.add_link(paper_id)
        self.picker.clear()
