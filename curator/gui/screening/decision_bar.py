"""The screening keys and the fixed button bar under the record.

Every key is a QAction on the pane, scoped to it (WidgetWithChildrenShortcut), bound from
preferences (keys.py); each button triggers its action and shows its key. Reason buttons
keep their place when hidden, so the bar's height and the buttons' positions never change.
A label too long for its button (a reason, a platform's long Redo key) is elided, whole in
the button's tooltip.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QSizePolicy, QWidget

from curator.gui.elide import ElidingButton
from curator.gui.screening.keys import ACTIONS, MAX_REASON_KEYS, bindable, load_keys
from curator.gui.style import set_role

DECISIONS = ("include", "maybe", "exclude", "not_retrieved")
NAVIGATION = ("previous", "note", "undo", "redo", "next")


REASONS_PER_ROW = 3


class DecisionBar(QWidget):
    def __init__(self, pane: QWidget, slots: dict[str, Callable[[], None]]):
        super().__init__(pane)
        self.reserved: set[str] = set()  # keys the hosting window binds (keys.bindable)
        self.actions_by_name: dict[str, QAction] = {}
        self.buttons: dict[str, QPushButton] = {}
        for name, slot in slots.items():
            action = QAction(ACTIONS[name][0], pane)
            action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _=False, s=slot: s())
            pane.addAction(action)
            self.actions_by_name[name] = action
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 4, 0, 0)
        for column, name in enumerate(DECISIONS):
            self._button(name).setMinimumHeight(36)
            grid.addWidget(self.buttons[name], 0, column)
        # The reasons three to a row (nine keys, three rows) under the four decisions: at
        # 1280x800 four to a row cut "Wrong intervention" to "Wrong interventio…". Each
        # column's share of the width follows its longest label (`label`).
        self.reasons = reasons = QGridLayout()
        reasons.setContentsMargins(0, 0, 0, 0)
        for n in range(MAX_REASON_KEYS):
            button = self._button(f"reason_{n + 1}")
            set_role(button, "reason")
            policy = button.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            button.setSizePolicy(policy)
            reasons.addWidget(button, n // REASONS_PER_ROW, n % REASONS_PER_ROW)
        grid.addLayout(reasons, 1, 0, 3, 4)
        nav = QHBoxLayout()
        for name in NAVIGATION:  # each as wide as its label and key ("Redo [Ctrl+Shift+Z]")
            button = self._button(name)
            button.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
            nav.addWidget(button)
        grid.addLayout(nav, 4, 0, 1, 4)
        set_role(self.buttons["include"], "include")
        set_role(self.buttons["exclude"], "exclude")

    def _button(self, name: str) -> QPushButton:
        button = ElidingButton("", self)  # a long reason is elided, whole in its tooltip
        button.setFocusPolicy(Qt.NoFocus)
        button.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
        button.clicked.connect(self.actions_by_name[name].trigger)
        self.buttons[name] = button
        return button

    def apply_keys(self) -> None:
        """(Re)bind every action to its key from preferences."""
        keys = load_keys()
        for name, action in self.actions_by_name.items():
            action.setShortcut(bindable(keys[name], self.reserved))

    def label(self, reasons: list[dict], full_text: bool) -> None:
        """Show each button's key, and the stage's reasons on the number buttons."""
        keys = load_keys()
        for name, button in self.buttons.items():
            key = QKeySequence(keys[name]).toString(QKeySequence.NativeText)
            label = ACTIONS[name][0]
            if name.startswith("reason_"):
                n = int(name.split("_")[1])
                found = reasons[n - 1] if n <= len(reasons) else None
                button.setVisible(found is not None)
                label = found["label"] if found else ""
                button.setToolTip(f"Exclude: {label}")
                button.setText(f"[{key}] {label}" if key else label)
                continue
            button.setText(f"{label}  [{key}]" if key else label)
            button.setToolTip(f"{label} ({key})" if key else label)
        self.buttons["not_retrieved"].setEnabled(full_text)
        self._share_reason_columns()

    def _share_reason_columns(self) -> None:
        """Give each reason column a share of the width in proportion to its widest label, so
        "Wrong intervention or exposure" beside "Wrong outcome" is not elided while the short
        one has room to spare (equal thirds cut it at 1280x800)."""
        for column in range(REASONS_PER_ROW):
            widths = [
                self.buttons[f"reason_{n + 1}"].sizeHint().width()
                for n in range(column, MAX_REASON_KEYS, REASONS_PER_ROW)
                if not self.buttons[f"reason_{n + 1}"].isHidden()
            ]
            self.reasons.setColumnStretch(column, max(widths, default=1))
