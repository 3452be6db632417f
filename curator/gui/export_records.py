"""File ▸ Export Records: the dialog that writes papers or records as RIS, BibTeX, CSL-JSON,
CSV or ASReview's labelled CSV, off the GUI thread with progress and cancel.

What to write: every paper, the included or the excluded ones (at the final decision or at a
chosen stage), the papers selected or listed in the Library (its current search and filter),
or every imported record. The stage also decides ASReview's `label_included`. The export runs
through the one background-task helper (gui.tasks) as `export_job`, with its own connection
to the review (a connection belongs to its thread); it never touches a widget.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from curator.core.errors import CuratorError
from curator.core.report.record_export import EXPORT_SUFFIXES, count, export
from curator.core.review import STAGE_LABELS, Review
from curator.core.tasks import TaskState
from curator.gui.context import AppContext
from curator.gui.tasks import Task

FORMATS = (  # key, label; each written to its record_export.EXPORT_SUFFIXES extension
    ("ris", "RIS (Zotero, EndNote, Mendeley)"),
    ("bibtex", "BibTeX (LaTeX, pandoc, JabRef)"),
    ("csljson", "CSL-JSON (pandoc, Zotero)"),
    ("csv", "CSV (spreadsheets)"),
    ("asreview", "ASReview labelled CSV (label_included)"),
)
STAGES = ((None, "Final decision"), *STAGE_LABELS.items())
PROGRESS_STEPS = 1000
SHOW_PROGRESS_AFTER_MS = 500  # short exports finish before a progress bar would flash


def export_job(state: TaskState, review_path: Path, what: str, fmt: str, out: Path,
               stage: str | None = None, paper_ids: Sequence[int] | None = None) -> tuple[int, str]:  # fmt: skip
    """The job (gui.tasks): opens its own connection to the review, writes the file whole,
    returns (entries written, path). A cancel ends in "export cancelled; nothing was written"."""
    with Review.open(review_path) as review:
        written = export(review, what, fmt, out, stage=stage, paper_ids=paper_ids, state=state)
    return written, str(out)


class ExportRecordsDialog(QDialog):
    """Choose what, at which stage, in which format and where; then export with progress."""

    export_done = Signal()  # after the job finished or failed

    def __init__(self, context: AppContext, parent: QWidget | None = None, *,
                 selected_ids: Sequence[int] = (), listed_ids: Sequence[int] | None = None,
                 listed_label: str = ""):  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle("Export Records")
        self.context = context
        self.selected_ids = list(selected_ids)
        self.listed_ids = list(listed_ids) if listed_ids is not None else None
        self.job: Task | None = None

        self.scope = QComboBox(objectName="ExportScope")
        self.scope.addItem("All papers", "papers")
        self.scope.addItem("Included papers", "included")
        self.scope.addItem("Excluded papers", "excluded")
        self.scope.addItem(f"Papers selected in the Library ({len(self.selected_ids)})", "selected")
        if not self.selected_ids:
            self.scope.model().item(3).setEnabled(False)
        listed = len(self.listed_ids) if self.listed_ids is not None else 0
        label = (
            f"Papers listed in the Library ({listed}{', ' + listed_label if listed_label else ''})"
        )
        self.scope.addItem(label, "listed")
        if self.listed_ids is None:
            self.scope.model().item(4).setEnabled(False)
        self.scope.addItem(
            "Every imported record (one per record, before deduplication)", "records"
        )
        self.stage = QComboBox(objectName="ExportStage")
        for key, text in STAGES:
            self.stage.addItem(text, key)
        self.format = QComboBox(objectName="ExportFormat")
        for key, text in FORMATS:
            self.format.addItem(text, key)
        self.path = QLineEdit(objectName="ExportPath")
        self.path.setPlaceholderText("The file to write")
        choose = QPushButton("&Choose…")
        choose.clicked.connect(self._on_choose_clicked)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(choose)
        self.summary = QLabel(objectName="ExportSummary")
        self.progress = QProgressBar(objectName="ExportProgress")
        self.progress.setRange(0, PROGRESS_STEPS)
        self.progress.hide()
        self.status = QLabel(objectName="ExportStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(
            "&Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self._on_cancel_clicked)

        form = QFormLayout()
        form.addRow("&Which:", self.scope)
        form.addRow("At &stage:", self.stage)
        form.addRow("&Format:", self.format)
        to_file = QLabel("&To file:")
        to_file.setBuddy(self.path)
        form.addRow(to_file, where)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._progress_timer = QTimer(self, singleShot=True, interval=SHOW_PROGRESS_AFTER_MS)
        self._progress_timer.timeout.connect(self.progress.show)
        for combo in (self.scope, self.stage, self.format):
            combo.currentIndexChanged.connect(self._on_choice_changed)
        self.path.textChanged.connect(self._on_path_changed)
        self._suggest_path()
        self._on_choice_changed()
        self.resize(560, 0)

    @classmethod
    def ask(cls, context: AppContext, parent: QWidget | None = None, **kwargs) -> None:
        """Show the dialog (tests replace this to drive the dialog directly)."""
        if context.review is None:
            return
        cls(context, parent, **kwargs).exec()

    # -- the choice -------------------------------------------------------------------------
    def selection(self) -> tuple[str, str | None, list[int] | None]:
        """(what, stage, paper ids) for curator.core.report.record_export.export."""
        scope = self.scope.currentData()
        stage = self.stage.currentData()
        if scope == "selected":
            return "papers", stage, self.selected_ids
        if scope == "listed":
            return "papers", stage, self.listed_ids
        return scope, stage, None

    def _suggest_path(self) -> None:
        review = self.context.review
        if review is not None and not self.path.text():
            suffix = EXPORT_SUFFIXES[self.format.currentData()]
            self.path.setText(
                str(Path(review.path).with_name(f"{review.path.stem}-papers{suffix}"))
            )

    def _on_path_changed(self, *_args) -> None:
        """A typed path cannot change what is written: its suffix follows the format, and
        Export needs a path (no count query per key press)."""
        text = self.path.text().strip()
        suffix = EXPORT_SUFFIXES[self.format.currentData()]
        if (
            text
            and Path(text).suffix.lower() != suffix
            and Path(text).suffix.lower() in set(EXPORT_SUFFIXES.values())
        ):
            self.path.blockSignals(True)
            self.path.setText(str(Path(text).with_suffix(suffix)))
            self.path.blockSignals(False)
        self.export_button.setEnabled(bool(self.path.text().strip()) and self.job is None)

    def _on_choice_changed(self, *_args) -> None:
        what, stage, ids = self.selection()
        fmt = self.format.currentData()
        self.stage.setEnabled(what in ("included", "excluded") or fmt == "asreview")
        self._on_path_changed()
        review = self.context.review
        noun = "record" if what == "records" else "paper"
        try:
            n = count(review, what, stage, ids) if review is not None else 0
            self.summary.setText(f"{n} {noun}{'' if n == 1 else 's'} will be written.")
        except CuratorError as exc:
            self.summary.setText(str(exc))

    def _on_choose_clicked(self) -> None:
        suffix = EXPORT_SUFFIXES[self.format.currentData()]
        name, _filter = QFileDialog.getSaveFileName(
            self, "Export records to", self.path.text(), f"*{suffix}"
        )
        if name:
            self.path.setText(name)

    # -- running ----------------------------------------------------------------------------
    def start(self) -> None:
        """Run the export on the thread pool; the dialog stays open with progress."""
        review = self.context.review
        out = self.path.text().strip()
        if review is None or not out or self.job is not None:
            return
        what, stage, ids = self.selection()
        self.job = Task(export_job, review.path, what, self.format.currentData(), Path(out),
                        stage, ids, parent=self)  # fmt: skip
        self.job.progressed.connect(self._on_job_progressed)
        self.job.succeeded.connect(self._on_job_finished)
        self.job.failed.connect(self._on_job_failed)
        self.job.cancelled.connect(
            lambda: self._on_job_failed("export cancelled; nothing was written")
        )
        self.progress.setValue(0)
        self._progress_timer.start()
        self.status.setText("Exporting…")
        self.export_button.setEnabled(False)
        self.job.start()

    def _on_job_progressed(self, percent: float, message: str) -> None:
        self.progress.setValue(int(PROGRESS_STEPS * percent / 100))
        self.status.setText(f"Exporting… {message}")

    def _on_job_finished(self, result: tuple[int, str]) -> None:
        written, path = result
        self._finish()
        self.status.setText(f"Wrote {written} to {path}.")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Close")

    def _on_job_failed(self, message: str) -> None:
        self._finish()
        self.status.setText(message)

    def _finish(self) -> None:
        self._progress_timer.stop()
        self.progress.hide()
        self.job = None
        self._on_choice_changed()
        self.export_done.emit()

    def _on_cancel_clicked(self) -> None:
        if self.job is not None:
            self.job.cancel()  # the job reports "export cancelled; nothing was written"
            return
        self.reject()
