"""Screening keys: the actions, their default keys, and the user's remapping (UI settings).

In the dialog Escape closes it (Cancel) without recording Escape as a key, and a key that
another action (an exclusion-reason digit, say) already uses is refused at once, with a
warning naming that action; the edit keeps its previous key."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
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


class KeyEdit(QKeySequenceEdit):
    """A one-key editor whose Escape (unmodified) means "close the dialog", not a new key."""

    escaped = Signal()

    def event(self, event) -> bool:
        if isinstance(event, QKeyEvent) and _is_escape(event):
            if event.type() == QKeyEvent.Type.KeyPress:
                self.escaped.emit()
            event.accept()
            return True
        return super().event(event)


def _is_escape(event: QKeyEvent) -> bool:
    return event.key() == Qt.Key.Key_Escape and event.modifiers() in (
        Qt.KeyboardModifier.NoModifier,
        Qt.KeyboardModifier.KeypadModifier,
    )


class KeyPreferencesDialog(QDialog):
    """Remap the screening keys; OK saves them to the UI settings."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Screening keys")
        self.edits: dict[str, QKeySequenceEdit] = {}
        self._kept: dict[str, str] = {}  # each action's key as last accepted
        form = QFormLayout()
        for name, key in load_keys().items():
            edit = KeyEdit(QKeySequence(key), self)
            edit.setMaximumSequenceLength(1)
            edit.setClearButtonEnabled(True)
            edit.setAccessibleName(ACTIONS[name][0])
            edit.escaped.connect(self.reject)
            edit.editingFinished.connect(lambda n=name: self._on_key_changed(n))
            self.edits[name] = edit
            self._kept[name] = edit.keySequence().toString()
            form.addRow(ACTIONS[name][0], edit)
        self.problem = QLabel("", self)
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
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

    def conflict(self, name: str, key: str) -> str | None:
        """The action other than `name` that `key` is bound to in the dialog, if any."""
        return next(
            (
                ACTIONS[other][0]
                for other, edit in self.edits.items()
                if other != name and edit.keySequence().toString() == key
            ),
            None,
        )

    def _on_key_changed(self, name: str) -> None:
        """Refuse a key another action holds: keep the previous one and say which action."""
        edit = self.edits[name]
        key = edit.keySequence().toString()
        if key == self._kept[name]:
            return
        holder = self.conflict(name, key) if key else None
        if holder is not None:
            edit.blockSignals(True)
            edit.setKeySequence(QKeySequence(self._kept[name]))
            edit.blockSignals(False)
            kept = self._kept[name] or "no key"
            self.problem.setText(
                f"{key} is already the key of {holder}: {ACTIONS[name][0]} keeps {kept}. "
                f"Choose another key, or change {holder}'s first."
            )
            return
        self._kept[name] = key
        self.problem.setText("")

    def _restore_defaults(self) -> None:
        self._kept = {name: "" for name in self.edits}  # no clash while they all change
        for name, edit in self.edits.items():
            edit.setKeySequence(QKeySequence(default_key(name)))
            self._kept[name] = edit.keySequence().toString()
        self.problem.setText("")

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
