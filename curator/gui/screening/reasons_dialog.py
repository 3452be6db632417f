"""Edit a stage's exclusion reasons: add, rename, retire and reorder (their numbers are keys)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from curator.core.changes import Changes
from curator.core.errors import CuratorError
from curator.core.review import STAGE_LABELS, Review
from curator.core.screening.decisions import add_reason, reasons, reorder_reasons, update_reason
from curator.gui.style import set_role


class ReasonsDialog(QDialog):
    """The reasons of one stage, in key order; changes are saved as they are made."""

    def __init__(self, review: Review, stage: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.review, self.stage = review, stage
        self.changes = Changes()
        self.setWindowTitle(f"Exclusion reasons: {STAGE_LABELS[stage].lower()}")
        self.list = QListWidget(self)  # a handful of reasons: an item widget is fine here
        self.problem = QLabel(self)
        set_role(self.problem, "error")
        buttons = QVBoxLayout()
        for text, slot in (
            ("Add…", self.add),
            ("Rename…", self.rename),
            ("Retire", self.retire),
            ("Move up", lambda: self.move(-1)),
            ("Move down", lambda: self.move(1)),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        close = QDialogButtonBox(QDialogButtonBox.Close, self)
        close.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Reasons 1–9 are the number keys when screening.", self))
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addWidget(close)
        self.reload()

    def reload(self, select: int | None = None) -> None:
        self.list.clear()
        for number, found in enumerate(reasons(self.review, self.stage), start=1):
            item = QListWidgetItem(f"{number}. {found['label']}")
            item.setData(Qt.UserRole, found["id"])
            self.list.addItem(item)
            if found["id"] == select:
                self.list.setCurrentItem(item)

    def _current(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.UserRole) if item else None

    def _run(self, action) -> None:
        try:
            self.changes = self.changes | action()
            self.problem.clear()
        except CuratorError as exc:
            self.problem.setText(str(exc))

    def add(self) -> None:
        label, ok = QInputDialog.getText(self, "Add a reason", "Reason:")
        if ok:
            self._run(lambda: add_reason(self.review, self.stage, label))
            self.reload(self.changes.id)

    def rename(self) -> None:
        reason_id = self._current()
        if reason_id is None:
            return
        old = self.list.currentItem().text().split(". ", 1)[1]
        label, ok = QInputDialog.getText(self, "Rename the reason", "Reason:", text=old)
        if ok:
            self._run(lambda: update_reason(self.review, reason_id, label=label))
            self.reload(reason_id)

    def retire(self) -> None:
        """Hide a reason from screening; decisions that used it keep it."""
        reason_id = self._current()
        if reason_id is not None:
            self._run(lambda: update_reason(self.review, reason_id, active=False))
            self.reload()

    def move(self, step: int) -> None:
        reason_id = self._current()
        if reason_id is None:
            return
        every = [r["id"] for r in reasons(self.review, self.stage, active_only=False)]
        index = every.index(reason_id)
        target = index + step
        if 0 <= target < len(every):
            every[index], every[target] = every[target], every[index]
            self._run(lambda: reorder_reasons(self.review, self.stage, every))
            self.reload(reason_id)

    @classmethod
    def ask(cls, review: Review, stage: str, parent: QWidget | None = None) -> Changes:
        dialog = cls(review, stage, parent)
        dialog.exec()
        return dialog.changes
