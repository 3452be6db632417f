"""The Tables workspace: every table of the review as a live view, copied or exported in a click.

Each tab shows the DataFrame the core function returns (the same one `curator tables` writes);
they are recomputed when the review changes. Ctrl+C copies the selection as TSV (the whole
table when nothing is selected), Ctrl+Shift+C as Markdown; the export buttons write the
current table or all of them as CSV, XLSX or Markdown through the core exports.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from curator.core.changes import Changes
from curator.core.errors import CuratorError
from curator.core.review import Review
from curator.gui import icons
from curator.gui.empty_state import EmptyState
from curator.gui.report_export import REPORT_FILTERS, write_report_file
from curator.gui.style import set_role
from curator.gui.tables import core_api, dialogs
from curator.gui.tables.gaps import GapMatrixPage
from curator.gui.tables.model import DataFrameModel
from curator.gui.tables.selection import CopyTableView, selected_frame, to_markdown, to_tsv
from curator.gui.workspace import Workspace

GAPS = "research_gaps_matrix"
FIT_ROWS_UP_TO = 300
MAX_COLUMN_WIDTH = 300  # wider text wraps; the last column stretches to the edge
WORD_ROWS = 200  # rows read for a column's longest word (as the header sizes from 200)
_WORD_BREAKS = re.compile(r"\s+|(?<=-)")  # where Qt may wrap a line


def share_width(wanted: list[int], floors: list[int], available: int) -> list[int]:
    """Column widths that fit `available` pixels when the `wanted` ones do not: the widest
    columns give way first, all down to one cap, none below its floor (its header's width).
    Only when the floors alone are too wide does the table still scroll sideways. A table
    that scrolls also hides text: Qt fits a row's height to the columns in view only."""
    if sum(wanted) <= available:
        return list(wanted)
    floors = [min(f, w) for f, w in zip(floors, wanted, strict=True)]
    if sum(floors) >= available:
        return floors
    low, high = 0, max(wanted)  # the largest cap whose widths still fit
    while low < high:
        cap = (low + high + 1) // 2
        if sum(max(f, min(w, cap)) for f, w in zip(floors, wanted, strict=True)) <= available:
            low = cap
        else:
            high = cap - 1
    return [max(f, min(w, low)) for f, w in zip(floors, wanted, strict=True)]


def wrap_words(text: str, width: int, advance) -> str:
    """`text` broken between words into lines no wider than `width` pixels (`advance` measures
    a line); a word wider than that keeps a line of its own."""
    lines: list[str] = []
    for word in text.split():
        if lines and advance(f"{lines[-1]} {word}") <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


class WrappedTextDelegate(QStyledItemDelegate):
    """Rows as tall as their text wrapped where it is painted. Qt wraps a size hint at the
    cell's full width, but paints inside the item padding style.qss gives table cells, so a
    text one line longer there was cut off with '…'."""

    def sizeHint(self, option: QStyleOptionViewItem, index):
        cell = QStyleOptionViewItem(option)
        self.initStyleOption(cell, index)
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None and cell.rect.width() > 0:
            text = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, cell, widget)
            narrow = QStyleOptionViewItem(option)
            narrow.rect.setWidth(text.width())
            hint = super().sizeHint(narrow, index)
            hint.setWidth(super().sizeHint(option, index).width())
            return hint
        return super().sizeHint(option, index)


class TablePage(QWidget):
    """One table: a read-only view over a DataFrameModel."""

    def __init__(self, key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.model = DataFrameModel(parent=self)
        self.view = CopyTableView()
        self.view.setModel(self.model)
        self._wanted: list[int] = []  # each column's width for its text (capped), see set_frame
        self._floors: list[int] = []  # each column's header or longest word, whichever is wider
        self._word_floors: list[int] = []  # the same with the header broken between words
        self._header_pads: list[int] = []  # a header section's width less its text's
        self.view.setItemDelegate(WrappedTextDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setResizeContentsPrecision(200)  # size columns from the first 200 rows
        self.empty = EmptyState(icons.TABLES, *core_api.empty_text(key))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        self.caption = QLabel()
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setWordWrap(True)
        self.caption.hide()
        set_role(self.caption, "secondary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        layout.addWidget(self.caption)

    def set_caption(self, text: str) -> None:
        self.caption.setText(text)
        self.caption.setVisible(bool(text))

    def set_frame(self, frame) -> None:
        # Fitting every row's height to its text costs a layout per row: only for short tables;
        # long ones (a 5,000-entry reference list) get rows of two lines.
        vertical = self.view.verticalHeader()
        fit_rows = len(frame) <= FIT_ROWS_UP_TO
        vertical.setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
            if fit_rows
            else QHeaderView.ResizeMode.Interactive
        )
        if not fit_rows:
            vertical.setDefaultSectionSize(2 * self.view.fontMetrics().lineSpacing() + 6)
        self.model.set_frame(frame)
        self.stack.setCurrentWidget(self.view if len(frame) else self.empty)
        self.view.resizeColumnsToContents()
        columns = range(self.model.columnCount())
        self._wanted = [min(self.view.columnWidth(c), MAX_COLUMN_WIDTH) for c in columns]
        header = self.view.horizontalHeader()  # measured once a frame, not at every resize,
        self.view.ensurePolished()  # in the style sheet's fonts even before it is first shown
        header.ensurePolished()
        words = [self._word_width(c) for c in columns]
        self._floors = [max(header.sectionSizeHint(c), w) for c, w in enumerate(words)]
        metrics = header.fontMetrics()
        names = [str(name) for name in frame.columns]
        self._header_pads = [
            header.sectionSizeHint(c) - metrics.horizontalAdvance(names[c]) for c in columns
        ]
        self._word_floors = [
            max(pad + max(map(metrics.horizontalAdvance, name.split()), default=0), w)
            for pad, name, w in zip(self._header_pads, names, words, strict=True)
        ]
        self._fit_columns()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _word_width(self, column: int) -> int:
        """The width of a cell holding the longest word of `column` (its first rows): text
        wraps between words and after hyphens, so a narrower column would cut a word."""
        rows = min(self.model.rowCount(), WORD_ROWS)
        texts = (str(self.model.index(r, column).data() or "") for r in range(rows))
        metrics = self.view.fontMetrics()
        words = (w for t in texts for w in _WORD_BREAKS.split(t))
        longest = max(map(metrics.horizontalAdvance, words), default=0)
        if not longest:
            return 0
        option = QStyleOptionViewItem()  # what the cell's padding leaves of its width,
        self.view.initViewItemOption(option)  # less the margin Qt's style draws text inside
        option.rect.setWidth(200)
        style = self.view.style()
        text = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, self.view)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.view) + 1
        return longest + 200 - text.width() + 2 * margin + 4  # and rounding

    def _fit_columns(self) -> None:
        """Share the view's width among the columns (`share_width`). When the headers on one
        line are too wide together (the GRADE profile's ten at 1280x800 hid Certainty), they
        break between words, so that a column can be as narrow as its longest word."""
        wanted = self._wanted
        if not wanted or len(wanted) != self.model.columnCount():
            return
        available = self.view.viewport().width()
        floors = self._floors
        wrap = sum(min(f, w) for f, w in zip(floors, wanted, strict=True)) > available
        widths = share_width(wanted, self._word_floors if wrap else floors, available)
        for column, width in enumerate(widths):
            self.view.setColumnWidth(column, width)
        if wrap:
            advance = self.view.horizontalHeader().fontMetrics().horizontalAdvance
            names = [str(name) for name in self.model.frame.columns]
            self.model.show_headers(
                [
                    wrap_words(name, width - pad, advance)
                    for name, width, pad in zip(names, widths, self._header_pads, strict=True)
                ]
            )
        else:
            self.model.show_headers(None)


class TablesWorkspace(Workspace):
    title = "Tables"
    icon = icons.TABLES

    paper_activated = Signal(int)  # from the gaps matrix: open this paper in the Library
    status_changed = Signal(str)  # where an export went, for the main window's status bar

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.tabs = QTabWidget()
        self._stale: set[str] = set()
        self.pages: dict[str, QWidget] = {}
        for key in core_api.keys():
            if key == GAPS:
                page = GapMatrixPage()
                page.paper_activated.connect(self.paper_activated)
            else:
                page = TablePage(key)
            self.pages[key] = page
            page.view.copy_requested.connect(self._on_view_copy_requested)
            index = self.tabs.addTab(page, core_api.tab_label(key))
            self.tabs.setTabToolTip(index, core_api.title(key))

        self.empty = QLabel("Open a review to see its tables.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.tabs)

        self.toolbar = QToolBar()
        self.actions_ = {}
        for name, text, shortcut, slot in (
            ("copy", "Copy", QKeySequence.StandardKey.Copy, self.copy_tsv),
            ("copy_md", "Copy as Markdown", QKeySequence("Ctrl+Shift+C"), self.copy_markdown),
            ("export", "Export table…", QKeySequence("Ctrl+E"), self.export_current),
        ):
            action = QAction(text, self)
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            self.toolbar.addAction(action)
            self.actions_[name] = action

        menu = QMenu(self)
        for fmt, label in (
            ("csv", "CSV files"),
            ("xlsx", "Excel workbook"),
            ("md", "Markdown files"),
        ):
            action = menu.addAction(f"All tables as {label}…")
            action.triggered.connect(lambda _=False, f=fmt: self.export_all(f))
            self.actions_[f"export_all_{fmt}"] = action
        button = self.export_all_button = QToolButton()
        button.setText("Export all tables")
        button.setMenu(menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.toolbar.addWidget(button)
        report = QAction("Export report…", self)
        report.setToolTip(
            "The whole review (sections, tables, flow diagram, references) as Markdown, HTML or PDF"
        )
        report.triggered.connect(self.export_report)
        self.toolbar.addAction(report)
        self.actions_["report"] = report

        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.stack, 1)
        self.set_review(context.review)

    # -- data ------------------------------------------------------------------------------
    def set_review(self, review: Review | None) -> None:
        self.stack.setCurrentWidget(self.tabs if review is not None else self.empty)
        for action in self.actions_.values():
            action.setEnabled(review is not None)
        self.export_all_button.setEnabled(review is not None)
        gaps = self.pages.get(GAPS)
        if isinstance(gaps, GapMatrixPage):
            gaps.set_review(review)
        self.reload()

    def refresh(self, changes: Changes) -> None:
        if changes.facets and isinstance(self.pages.get(GAPS), GapMatrixPage):
            self.pages[GAPS].refresh_facets()  # type: ignore[union-attr]
        self.reload()

    def reload(self) -> None:
        """Mark every table stale and recompute the one on show; the others are recomputed
        when their tab is opened (or their frame asked for), so a change costs one table."""
        self._stale = set(self.pages)
        self._ensure(self.current_key())

    def _ensure(self, key: str) -> None:
        if key not in self._stale:
            return
        self._stale.discard(key)
        page = self.pages[key]
        if isinstance(page, GapMatrixPage):
            page.recompute()
        elif isinstance(page, TablePage):
            review = self.review
            frame = core_api.compute(review, key) if review is not None else DataFrameModel().frame
            page.set_frame(frame)
            page.set_caption(core_api.caption(review, key, frame) if review is not None else "")

    def _on_tabs_current_changed(self, index: int) -> None:
        if 0 <= index < len(self.pages):
            self._ensure(list(self.pages)[index])

    def frame(self, key: str):
        self._ensure(key)
        page = self.pages[key]
        return page.frame if isinstance(page, GapMatrixPage) else page.model.frame  # type: ignore[union-attr]

    def current_key(self) -> str:
        return list(self.pages)[self.tabs.currentIndex()]

    def current_view(self) -> QTableView:
        return self.pages[self.current_key()].view  # type: ignore[union-attr]

    def show_table(self, key: str) -> None:
        self.tabs.setCurrentWidget(self.pages[key])

    # -- clipboard -------------------------------------------------------------------------
    def copy_tsv(self) -> str:
        text = to_tsv(selected_frame(self.current_view()))
        QGuiApplication.clipboard().setText(text)
        return text

    def _on_view_copy_requested(self, markdown: bool) -> None:
        self.copy_markdown() if markdown else self.copy_tsv()

    def copy_markdown(self) -> str:
        text = to_markdown(selected_frame(self.current_view()))
        QGuiApplication.clipboard().setText(text)
        return text

    # -- export ----------------------------------------------------------------------------
    def export_current(self) -> Path | None:
        key = self.current_key()
        filters = list(core_api.FORMATS.values())
        path, chosen = dialogs.ask_save_path(
            self, f"Export {core_api.title(key)}", f"{key}.csv", filters
        )
        if path is None:
            return None
        path, fmt = dialogs.with_suffix(path, chosen, core_api.FORMATS)
        try:
            core_api.write_one(self.frame(key), key, path, fmt)
        except (CuratorError, OSError) as exc:
            QMessageBox.warning(self, "Export failed", f"{path}: {exc}")
            return None
        dialogs.remember_folder(path)
        self.status_changed.emit(f"Exported {core_api.title(key)} to {path}")
        return path

    def export_all(self, fmt: str = "csv") -> list[Path]:
        """Every table into a chosen folder, exactly as `curator tables --format FMT` writes them."""
        if self.review is None:
            return []
        folder = dialogs.ask_folder(self, f"Export all tables as {fmt.upper()} into")
        if folder is None:
            return []
        try:
            written = core_api.write_all(self.review, folder, fmt)
        except (CuratorError, OSError) as exc:
            QMessageBox.warning(self, "Export failed", str(exc))
            return []
        dialogs.remember_folder(folder)
        where = written[0] if len(written) == 1 else folder  # one workbook, or a file a table
        self.status_changed.emit(f"Exported every table to {where}")
        return written

    def export_report(self) -> Path | None:
        """The whole report as Markdown, HTML or PDF (by the chosen file type)."""
        if self.review is None:
            return None
        filters = list(REPORT_FILTERS.values())
        path, chosen = dialogs.ask_save_path(self, "Export report", "review.pdf", filters)
        if path is None:
            return None
        path, fmt = dialogs.with_suffix(path, chosen, REPORT_FILTERS)
        try:
            write_report_file(self.review, path, fmt)
        except (CuratorError, OSError) as exc:
            QMessageBox.warning(self, "Export failed", f"{path}: {exc}")
            return None
        dialogs.remember_folder(path)
        self.status_changed.emit(f"Exported the report to {path}")
        return path
