"""Screening keys: the actions, their default keys, and the user's remapping (UI settings)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QKeySequenceEdit,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from curator.gui.style import set_role
from curator.gui.ui_settings import SCREENING_KEYS

MAX_REASON_KEYS = 9

# name -> (label, default key)
ACTIONS: dict[str, tuple[str, str]] = {
    "include": ("Include", "I"),
    "exclude": ("Exclude", "E"),
    "maybe": ("Maybe", "M"),
    "not_retrieved": ("Not retrieved", "R"),
    "note": ("Note", "N"),
    "next": ("Next", "J"),
    "previous": ("Previous", "K"),
    "undo": ("Undo", "<Undo>"),  # the platform's standard key, resolved once Qt runs
    "redo": ("Redo", "<Redo>"),
}
STANDARD = {"<Undo>": QKeySequence.StandardKey.Undo, "<Redo>": QKeySequence.StandardKey.Redo}
ACTIONS.update(
    {f"reason_{n}": (f"Exclusion reason {n}", str(n)) for n in range(1, MAX_REASON_KEYS + 1)}
)


def bindable(key: str, reserved: set[str] = frozenset()) -> QKeySequence:  # type: ignore[assignment]
    """The sequence for a pane's own action: empty when the hosting window binds `key`
    itself (its Edit ▸ Undo/Redo), since Qt ignores a key bound twice in one window."""
    sequence = QKeySequence(key)
    return QKeySequence() if sequence.toString() in reserved else sequence


def default_key(name: str) -> str:
    """The default key of an action (standard keys as this platform spells them)."""
    default = ACTIONS[name][1]
    if default in STANDARD:
        return QKeySequence(STANDARD[default]).toString()
    return default


def load_keys() -> dict[str, str]:
    """The key for each action: the user's choice, else the default."""
    return {name: SCREENING_KEYS.value(name, default_key(name)) or "" for name in ACTIONS}


def save_keys(keys: dict[str, str]) -> None:
    for name in ACTIONS:
        default = default_key(name)
        value = keys.get(name, default)
        if value == default:
            SCREENING_KEYS.reset_value(name)
        else:
            SCREENING_KEYS.set_value(name, value)


def clashes(keys: dict[str, str]) -> list[str]:
    """Keys bound to more than one action, described for the user."""
    seen: dict[str, str] = {}
    problems = []
    for name, key in keys.items():
        if not key:
            continue
        if key in seen:
            problems.append(f"{key} is used by both {ACTIONS[seen[key]][0]} and {ACTIONS[name][0]}")
        seen[key] = name
    return problems


class KeyPreferencesDialog(QDialog):
    """Remap the screening keys; OK saves them to the UI settings."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Screening keys")
        self.edits: dict[str, QKeySequenceEdit] = {}
        form = QFormLayout()
        for name, key in load_keys().items():
            edit = QKeySequenceEdit(QKeySequence(key), self)
            edit.setMaximumSequenceLength(1)
            edit.setClearButtonEnabled(True)
            self.edits[name] = edit
            form.addRow(ACTIONS[name][0], edit)
        self.problem = QLabel("", self)
        set_role(self.problem, "error")
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        defaults = QPushButton("Restore defaults", self)
        buttons.addButton(defaults, QDialogButtonBox.ResetRole)
        defaults.clicked.connect(self._restore_defaults)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def keys(self) -> dict[str, str]:
        return {name: edit.keySequence().toString() for name, edit in self.edits.items()}

    def _restore_defaults(self) -> None:
        for name, edit in self.edits.items():
            edit.setKeySequence(QKeySequence(default_key(name)))

    def accept(self) -> None:
        problems = clashes(self.keys())
        if problems:
            self.problem.setText("; ".join(problems))
            return
        save_keys(self.keys())
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> bool:
        """Show the dialog; True when the user saved new keys."""
        return cls(parent).exec() == QDialog.Accepted
