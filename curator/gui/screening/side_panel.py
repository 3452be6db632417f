"""Beside the record: its relevance (score and the terms behind it) on top, then tabs for the
eligibility criteria and highlight term lists, progress and the chart, and the stopping
estimate (added by the pane, which owns the context it needs)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from curator.core.changes import Changes
from curator.core.errors import CuratorError
from curator.core.review import STAGE_LABELS, STAGES, Review
from curator.core.screening.counts import Progress
from curator.core.screening.highlighting import set_terms, terms
from curator.gui.ranking import RelevanceView
from curator.gui.screening.chart import InclusionChart
from curator.gui.style import set_role


def split_terms(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


class SidePanel(QWidget):
    changed = Signal(object)  # Changes
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.review: Review | None = None
        criteria_box = QGroupBox("Eligibility criteria", self)
        self.criteria = QPlainTextEdit(criteria_box)
        self.criteria.setPlaceholderText(
            "Write the review's inclusion and exclusion criteria here."
        )
        self.save_criteria = QPushButton("Save criteria", criteria_box)
        self.save_criteria.clicked.connect(self._on_save_criteria_clicked)
        box = QVBoxLayout(criteria_box)
        box.addWidget(self.criteria)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_criteria)
        box.addLayout(row)

        # A short title: a long one sets the side panel's minimum width.
        terms_box = QGroupBox("Highlight terms", self)
        terms_box.setToolTip("Comma-separated; * stands for any letters (rat* finds rats)")
        self.include_terms = QLineEdit(terms_box)
        self.include_terms.setPlaceholderText("Words that suggest a record belongs")
        set_role(self.include_terms, "include")
        self.exclude_terms = QLineEdit(terms_box)
        self.exclude_terms.setPlaceholderText("Words that suggest it does not")
        set_role(self.exclude_terms, "exclude")
        for edit, name in ((self.include_terms, "include"), (self.exclude_terms, "exclude")):
            edit.editingFinished.connect(lambda e=edit, n=name: self._on_terms_edited(e, n))
        form = QFormLayout(terms_box)
        hint = QLabel("Comma-separated; * stands for any letters.", terms_box)
        hint.setWordWrap(True)
        set_role(hint, "hint")
        form.addRow(hint)
        form.addRow("Include", self.include_terms)
        form.addRow("Exclude", self.exclude_terms)

        progress_box = QGroupBox("Your progress", self)
        self.progress = {stage: QLabel(progress_box) for stage in STAGES}
        self.chart = InclusionChart(progress_box)
        box = QVBoxLayout(progress_box)
        for label in self.progress.values():
            label.setWordWrap(True)
            box.addWidget(label)
        box.addWidget(self.chart)
        box.addStretch(1)  # labels and chart stay together on top

        relevance_box = QGroupBox("Relevance of this record", self)
        self.relevance = RelevanceView(relevance_box)
        box = QVBoxLayout(relevance_box)
        box.setContentsMargins(4, 4, 4, 4)
        box.addWidget(self.relevance)

        criteria_tab = QWidget(self)
        tab = QVBoxLayout(criteria_tab)
        tab.setContentsMargins(0, 4, 0, 0)
        tab.addWidget(criteria_box, 1)
        tab.addWidget(terms_box)
        progress_tab = QWidget(self)
        tab = QVBoxLayout(progress_tab)
        tab.setContentsMargins(0, 4, 0, 0)
        tab.addWidget(progress_box, 1)
        self.tabs = QTabWidget(self)
        self.tabs.tabBar().setFocusPolicy(Qt.NoFocus)  # keys stay with the pane
        self.tabs.addTab(criteria_tab, "Criteria")
        self.tabs.addTab(progress_tab, "Progress")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(relevance_box)
        layout.addWidget(self.tabs, 1)

    def add_stopping(self, panel: QWidget) -> None:
        """The stopping guide, as a tab after progress, its title saying where it stands."""
        self.stopping = panel
        self.tabs.addTab(panel, "Stopping")
        panel.summary_changed.connect(
            lambda text: self.tabs.setTabText(self.tabs.indexOf(panel), text)
        )

    def set_review(self, review: Review | None) -> None:
        self.review = review
        self.setEnabled(review is not None)
        self.criteria.setPlainText(review.setting("eligibility_criteria", "") if review else "")
        self.load_terms()

    def load_terms(self) -> None:
        found = terms(self.review) if self.review else {"include": [], "exclude": []}
        self.include_terms.setText(", ".join(found["include"]))
        self.exclude_terms.setText(", ".join(found["exclude"]))

    def show_progress(
        self, progress: dict[str, Progress], curve: list[tuple[int, int]], total: int
    ) -> None:
        for stage, found in progress.items():
            self.progress[stage].setText(
                f"{STAGE_LABELS[stage]}: {found.screened} screened · {found.remaining} remaining · "
                f"{found.included} included" + (f", {found.maybe} maybe" if found.maybe else "")
            )
        self.chart.set_points(curve, total)

    def _on_terms_edited(self, edit: QLineEdit, name: str) -> None:
        if self.review is None:
            return
        wanted = split_terms(edit.text())
        if wanted == terms(self.review)[name]:
            return
        try:
            changes = set_terms(self.review, name, wanted)
        except CuratorError as exc:
            self.failed.emit(str(exc))
            return
        self.changed.emit(changes)

    def _on_save_criteria_clicked(self) -> None:
        if self.review is None:
            return
        self.review.set_setting("eligibility_criteria", self.criteria.toPlainText())
        self.changed.emit(Changes(settings=True))
