"""The agreement report: per stage and pair of reviewers, agreement, Cohen's kappa, PABAK."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from curator.core.review import STAGE_LABELS
from curator.core.screening.agreement import agreement_report
from curator.gui.context import AppContext

HEADERS = (
    "Stage",
    "Reviewers",
    "Both decided",
    "Agreement",
    "Cohen's kappa",
    "PABAK",
    "Disagreements",
)


class AgreementView(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.model = QStandardItemModel(0, len(HEADERS), self)
        self.model.setHorizontalHeaderLabels(HEADERS)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.setEditTriggers(QTableView.NoEditTriggers)
        note = QLabel(
            "Decisions are compared as forward (include, maybe) or out (exclude, not retrieved). "
            "With extreme prevalence (most records excluded) kappa can be low although reviewers "
            "almost always agree; PABAK corrects for prevalence and bias.",
            self,
        )
        note.setWordWrap(True)
        self.empty = QLabel("No two reviewers have decided the same records yet.", self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(note)

    def reload(self) -> None:
        self.model.removeRows(0, self.model.rowCount())
        report = agreement_report(self.context.review) if self.context.review else []
        for item in report:
            cells = [
                STAGE_LABELS[item.stage],
                f"{item.reviewer_a} · {item.reviewer_b}",
                str(item.n),
                f"{item.observed:.1%}",
                "undefined" if item.kappa is None else f"{item.kappa:.3f}",
                f"{item.pabak:.3f}",
                str(item.disagreements),
            ]
            row = [QStandardItem(c) for c in cells]
            for cell in row[2:]:
                cell.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            self.model.appendRow(row)
        self.empty.setVisible(not report)
