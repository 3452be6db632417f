"""File ▸ Import: pick several export files, see each one's detected format, encoding and
first records, assign each to a new or existing search, then import them with a progress bar
and Cancel. Reading the previews (detection hashes the whole file) and the import run off the
GUI thread (curator.gui.tasks; the jobs are in import_worker.py), so a big file never freezes
the dialog. Imported text is shown as plain text only."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator.core.errors import CuratorError
from curator.core.importers import ImportSpec
from curator.core.importers.detect import first_records
from curator.core.importers.exporters import DATABASES
from curator.core.importers.pipeline import saved_mapping
from curator.core.searches import searches
from curator.gui.context import AppContext
from curator.gui.focus import chain_tab_order
from curator.gui.import_mapping import ImportOptionsPanel
from curator.gui.import_pending import PendingFile, describe, preview_heading
from curator.gui.import_search_form import SearchForm
from curator.gui.import_worker import PROGRESS_STEPS, read_previews, run_import
from curator.gui.tasks import Task

FILE_FILTER = (
    "Citation exports (*.ris *.txt *.nbib *.ciw *.bib *.csv *.tsv *.xlsx *.xml *.json *.enw *.ovd *.cgi *.gz);;"
    "All files (*)"
)
COLUMNS = ("File", "Format", "Encoding", "Search")
WANTED_SIZE = QSize(1180, 740)  # room for the files, the column mapping and the preview


def default_size(available: QSize) -> QSize:
    """The dialog's first size: WANTED_SIZE, within the screen's free area (1280x800 too)."""
    return WANTED_SIZE.boundedTo(available - QSize(40, 40))


class ImportDialog(QDialog):
    import_finished = Signal(object)  # list[ImportReport]

    showing: ImportDialog | None = None  # the dialog open now (one at a time)

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.files: list[PendingFile] = []
        self.task: Task | None = None  # the import, while it runs
        self.reading: set[Task] = set()  # preview jobs still reading files
        self.reports: list = []
        self.setWindowTitle("Import search results")
        screen = (
            parent.screen() if parent is not None else None
        ) or QGuiApplication.primaryScreen()
        self.resize(default_size(screen.availableGeometry().size()) if screen else WANTED_SIZE)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.Interactive)
        header.resizeSection(3, 150)
        header.setMinimumSectionSize(60)
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)

        self.add_button = QPushButton("&Add files…")
        self.add_button.clicked.connect(self._on_add_clicked)
        self.remove_button = QPushButton("&Remove")
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.table.installEventFilter(self)  # Delete removes the selected file
        file_buttons = QHBoxLayout()
        file_buttons.addWidget(self.add_button)
        file_buttons.addWidget(self.remove_button)
        file_buttons.addStretch()

        self.search_form = SearchForm()
        self.search_form.search_edited.connect(self._on_search_edited)
        self.search_form.details_edited.connect(self._on_search_details_edited)

        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setPlaceholderText(
            "Add export files (RIS, PubMed .nbib, Web of Science, BibTeX, CSV, Excel, EndNote XML, CSL-JSON), or drop them on this window, to see their first records here."
        )

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.search_form)
        self.options = ImportOptionsPanel()
        self.options.changed.connect(self._on_options_changed)
        self.preview_label = QLabel("First records:")
        right_layout.addWidget(self.preview_label)
        right_layout.addWidget(self.preview, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(file_buttons)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.options, 3)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([620, 560])

        self.force_box = QCheckBox("Import files that were already imported &again")
        self.progress = QProgressBar()
        self.progress.setRange(0, PROGRESS_STEPS)
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setTextFormat(Qt.PlainText)
        self.import_button = QPushButton("&Import")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        bottom = QHBoxLayout()
        bottom.addWidget(self.force_box)
        bottom.addStretch()
        bottom.addWidget(self.progress, 3)
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addLayout(bottom)
        self._set_tab_order()
        self.setAcceptDrops(True)  # the window behind is blocked while this one is open
        self._reload_searches()
        self._update_state()

    def _set_tab_order(self) -> None:
        """Tab goes as the eye does: the files, their columns and decisions (left), the search
        and the preview (right), then the buttons; Tab leaves a table instead of walking its
        cells (arrows move in it), so a 45-column mapping is one stop, not 135."""
        self.preview.setTabChangesFocus(True)
        for table in (self.table, self.options.view):
            table.setTabKeyNavigation(False)
        chain = [self.add_button, self.remove_button, self.table, *self.options.tab_chain(),
                 *self.search_form.tab_chain(), self.preview, self.force_box,
                 self.import_button, self.cancel_button]  # fmt: skip
        chain_tab_order(chain)

    # -- for the main window and tests ---------------------------------------------------------
    @classmethod
    def ask(
        cls, context: AppContext, parent: QWidget | None = None, paths: list[Path] | None = None
    ) -> list:
        """Show the dialog modally; return the import reports ([] when nothing was imported).
        While one is open (an import may be running in it), it is brought forward instead."""
        if cls.showing is not None:
            cls.showing.bring_forward(paths)
            return []
        dialog = cls(context, parent)
        if paths:
            dialog.add_files(paths)
        cls.showing = dialog
        try:
            dialog.exec()
        finally:
            cls.showing = None
        return dialog.reports

    def bring_forward(self, paths: list[Path] | None = None) -> None:
        """Raise this dialog, saying an import is under way (files dropped meanwhile are
        added when it has not started yet)."""
        self.show()
        self.raise_()
        self.activateWindow()
        if self.task is not None:
            self.status.setText("An import is running: it is shown here. " + self.status.text())
        elif paths and not self.reports:
            self.add_files(paths)

    def add_files(self, paths: list[Path], *, threaded: bool = True) -> None:
        """Add the files, then detect each one's format and read its first records off the
        GUI thread (nothing is written); their rows say "reading…" meanwhile."""
        known = {f.path for f in self.files}
        default = self.search_form.search_name()
        added = []
        for path in map(Path, paths):
            if path in known:
                continue
            known.add(path)
            pending = PendingFile(path, search=default or path.stem)
            self.files.append(pending)
            self._add_row(pending)
            added.append(pending)
        if self.files:
            self.table.selectRow(len(self.files) - 1)
        if added:
            task = Task(read_previews, [p.path for p in added], parent=self)
            task.succeeded.connect(lambda found: self._on_previews_read(added, found))
            task.failed.connect(
                lambda message: self._on_previews_read(
                    added, [(None, [], message, None, None)] * len(added)
                )
            )
            task.ended.connect(lambda: self._on_previews_ended(task))
            self.reading.add(task)
            task.start(threaded=threaded)
        self._update_state()

    def _on_previews_read(self, added: list[PendingFile], found: list) -> None:
        for pending, preview in zip(added, found, strict=True):
            pending.detected, pending.first, pending.error = preview[:3]
            pending.count, pending.columns, pending.exporter = preview[3:]
            pending.reading = False
            if pending.exporter in DATABASES and not pending.database:
                pending.database = pending.exporter  # a Scopus CSV came from Scopus
            row = next((i for i, f in enumerate(self.files) if f is pending), None)
            if row is not None:  # not removed meanwhile
                self._fill_row(row, pending)
        self._on_table_selection_changed()

    def _on_previews_ended(self, task: Task) -> None:
        self.reading.discard(task)
        self._update_state()

    def _add_row(self, pending: PendingFile) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self._fill_row(row, pending)

    def _fill_row(self, row: int, pending: PendingFile) -> None:
        detected = pending.detected
        values = (
            pending.path.name,
            "reading…"
            if pending.reading
            else f"{detected.label} from {pending.exporter}"
            if detected and pending.exporter
            else detected.label
            if detected
            else "cannot be read",
            (detected.source.encoding_label or "") if detected else "",
            pending.search,
        )
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(pending.error or str(pending.path))
            self.table.setItem(row, column, item)

    def selected(self) -> PendingFile | None:
        rows = self.table.selectionModel().selectedRows()
        return self.files[rows[0].row()] if rows else None

    def _reload_searches(self) -> None:
        review = self.context.review
        self.search_form.set_searches([s["name"] for s in searches(review)] if review else [])

    # -- slots -----------------------------------------------------------------------------------
    def _on_add_clicked(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Add export files", "", FILE_FILTER)
        if paths:
            self.add_files([Path(p) for p in paths])

    @staticmethod
    def _dropped_files(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        return [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_files(event) and self.task is None and not self.reports:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """Files dropped on the dialog are added, as with Add files…"""
        paths = self._dropped_files(event)
        if not paths or self.task is not None or self.reports:
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_files(paths)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.KeyPress
            and event.matches(QKeySequence.Delete)
        ):
            self._on_remove_clicked()
            return True
        return super().eventFilter(watched, event)

    def _on_remove_clicked(self) -> None:
        if self.task is not None or self.reports:
            return
        rows = self.table.selectionModel().selectedRows()
        if rows:
            index = rows[0].row()
            self.table.removeRow(index)
            del self.files[index]
        self._update_state()

    def _on_table_selection_changed(self) -> None:
        pending = self.selected()
        self._show_options(pending)
        self.preview_label.setText(preview_heading(pending))
        if pending is None:
            self.preview.clear()
        else:
            self.search_form.show_file(pending)
            if pending.reading:
                self.preview.setPlainText(f"Reading {pending.path.name}…")
            elif pending.error:
                self.preview.setPlainText(pending.error)
            else:
                notes = "\n".join(pending.detected.notes) if pending.detected else ""
                text = "\n\n".join(describe(c) for c in pending.first) or "(no records found)"
                self.preview.setPlainText((notes + "\n\n" if notes else "") + text)
        self._update_state()

    def _show_options(self, pending: PendingFile | None) -> None:
        review = self.context.review
        saved = saved_mapping(review) if review is not None else {}
        if pending is None or pending.error:
            self.options.show_file(None, [], {}, None, None)
        else:
            self.options.show_file(pending.columns, pending.first, pending.mapping,
                                   pending.decisions, pending.reviewer, saved)  # fmt: skip

    def _on_options_changed(self) -> None:
        pending = self.selected()
        if pending is None:
            return
        mapping = self.options.mapping()
        pending.decisions, pending.reviewer = self.options.decisions(), self.options.reviewer()
        if mapping != pending.mapping:  # read the first records again the new way
            pending.mapping = mapping
            if pending.detected is None:  # still being read: the preview will use it
                return
            try:
                saved = saved_mapping(self.context.review) if self.context.review else {}
                pending.first = first_records(pending.detected, {**saved, **mapping}, limit=5)
            except CuratorError as exc:
                pending.first = []
                self.preview.setPlainText(str(exc))
                return
            self.preview.setPlainText("\n\n".join(describe(c) for c in pending.first))

    def _on_search_edited(self, text: str) -> None:
        pending = self.selected()
        if pending is not None:
            pending.search = text.strip()
            self.table.item(self.files.index(pending), 3).setText(pending.search)
        self._update_state()

    def _on_search_details_edited(self) -> None:
        pending = self.selected()
        if pending is not None:
            self.search_form.store(pending)

    def _on_cancel_clicked(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.status.setText("Cancelling…")
            self.cancel_button.setEnabled(False)
        else:
            self.reject()

    # -- state -----------------------------------------------------------------------------------
    def _update_state(self) -> None:
        pending = self.selected()
        running = self.task is not None
        self.search_form.update_state(pending, editable=not running and not self.reports)
        problems = [f for f in self.files if f.reading or f.error or not f.search]
        self.import_button.setEnabled(
            bool(self.files) and not problems and not running and not self.reports
        )
        self.add_button.setEnabled(not running and not self.reports)
        self.options.setEnabled(not running and not self.reports)  # used when the import starts
        self.force_box.setEnabled(not running and not self.reports)
        self.remove_button.setEnabled(pending is not None and not running and not self.reports)
        if not running and not self.reports:
            broken = [f for f in self.files if f.error]
            reading = [f for f in self.files if f.reading]
            self.status.setText(
                f"Reading {len(reading)} file(s)…"
                if reading
                else f"{len(broken)} file(s) cannot be read; remove them to import the rest."
                if broken
                else ""
            )

    def specs(self) -> list[ImportSpec]:
        force = self.force_box.isChecked()
        return [
            ImportSpec(f.path, f.search, database=f.database or None, query=f.query or None,
                       run_on=f.run_on or None, hits_reported=f.hits or None, force=force,
                       detected=f.detected, mapping=f.mapping or None, decisions=f.decisions,
                       reviewer=f.reviewer)
            for f in self.files
        ]  # fmt: skip

    # -- running ---------------------------------------------------------------------------------
    def start_import(self, *, threaded: bool = True) -> None:
        review = self.context.review
        if review is None or not self.files:
            return
        self.task = Task(run_import, review.path, self.specs(), review.who, parent=self)
        self.task.progressed.connect(self._on_task_progressed)
        self.task.succeeded.connect(self._on_task_succeeded)
        self.task.failed.connect(self._on_task_failed)
        self.task.cancelled.connect(self._on_task_cancelled)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.status.setText("Importing…")
        self._update_state()
        self.task.start(threaded=threaded)

    def _on_task_progressed(self, percent: float, message: str) -> None:
        self.progress.setValue(int(PROGRESS_STEPS * percent / 100))
        self.status.setText(message)

    def _finish(self) -> None:
        self.task = None
        self.cancel_button.setEnabled(True)
        self._update_state()

    def _on_task_succeeded(self, result) -> None:
        reports, changes = result
        self.reports = list(reports)
        self._finish()
        self.progress.setValue(PROGRESS_STEPS)
        lines = []
        for report in self.reports:
            lines.append(report.summary())
            lines += [f"  {report.not_kept_line()}"] if report.not_kept else []
            lines += [report.decisions] if report.decisions else []
            lines += [f"  {line}" for line in report.warning_lines()]
            lines += [f"  skipped record {p}: {m}" for p, m in report.skipped[:50]]
            if report.dedup:
                lines.append(report.dedup)
        self.preview_label.setText("Import report:")
        self.preview.setPlainText("\n".join(lines))
        self.status.setText(
            f"Imported {sum(r.imported for r in self.reports)} records from {len(self.reports)} file(s)."
        )
        self.cancel_button.setText("Close")
        self.import_button.setDefault(False)
        self.cancel_button.setDefault(True)  # Enter closes once Import has done its work
        self.cancel_button.clicked.disconnect()
        self.cancel_button.clicked.connect(self.accept)
        self.context.notify(changes)
        self.import_finished.emit(self.reports)

    def _on_task_failed(self, message: str) -> None:
        self._finish()
        self.progress.setVisible(False)
        self.status.setText("Nothing was imported.")
        self.preview_label.setText("Why:")
        self.preview.setPlainText(message)

    def _on_task_cancelled(self) -> None:
        self._finish()
        self.progress.setVisible(False)
        self.status.setText("Import cancelled; nothing was imported.")

    def reject(self) -> None:
        if self.task is not None:  # never leave an import running behind a closed dialog
            self.task.cancel()
            self.task.wait()
        for task in list(self.reading):
            task.cancel()
        super().reject()
