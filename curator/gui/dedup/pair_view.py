"""Two papers side by side, field by field, with their differences highlighted.

Values are shown as plain text: each is a read-only QTextEdit filled through QTextCursor
(never setHtml), with the words that differ from the other side on a tinted background. Each
row that differs has a choice of which side's value the merged paper keeps. Above the fields,
the pair's reason: the deciding rule and which compared fields agreed and which differed.
A merge already made is shown read-only (`set_choosing(False)`): no choice column, the sides
headed by what the pair dict names them (`headers`: kept, merged into it).
"""

from __future__ import annotations

import difflib

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from curator.core.dedup.queue import display_value
from curator.gui import palette

FIELDS = (("title", "Title"), ("authors", "Authors"), ("year", "Year"), ("venue", "Journal"),
          ("volume", "Volume"), ("issue", "Issue"), ("pages", "Pages"), ("doi", "DOI"),
          ("pmid", "PMID"), ("type", "Type"), ("language", "Language"),
          ("abstract", "Abstract"))  # fmt: skip


class DiffText(QTextEdit):
    """A read-only plain-text value with some words highlighted."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self.max_lines = 12

    def show_words(self, words: list[tuple[str, bool]]) -> None:
        """Show the words (text, differs) in order, separated by spaces."""
        self.clear()
        cursor = QTextCursor(self.document())
        plain, marked = QTextCharFormat(), QTextCharFormat()
        marked.setBackground(palette.DIFFERENCE)
        marked.setForeground(palette.BLACK)
        for i, (word, differs) in enumerate(words):
            if i:
                cursor.insertText(" ", plain)
            cursor.insertText(word, marked if differs else plain)
        self._fit()

    def _fit(self, *_args) -> None:
        line = self.fontMetrics().lineSpacing()
        height = int(self.document().size().height()) + 4
        self.setFixedHeight(max(line + 6, min(height, line * self.max_lines + 6)))
        policy = (
            Qt.ScrollBarPolicy.ScrollBarAsNeeded
            if height > line * self.max_lines
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        self.setVerticalScrollBarPolicy(policy)


def word_diff(a: str, b: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """Each side's words, flagged where they are not in the other side (case-insensitively)."""
    wa, wb = a.split(), b.split()

    def key(word: str) -> str:
        return word.casefold().strip(".,;:()[]")

    matcher = difflib.SequenceMatcher(
        a=[key(w) for w in wa], b=[key(w) for w in wb], autojunk=False
    )
    same_a, same_b = set(), set()
    for block in matcher.get_matching_blocks():
        same_a.update(range(block.a, block.a + block.size))
        same_b.update(range(block.b, block.b + block.size))
    return (
        [(w, i not in same_a) for i, w in enumerate(wa)],
        [(w, i not in same_b) for i, w in enumerate(wb)],
    )


class PairView(QScrollArea):
    """The two papers of a candidate pair; `fields_from()` gives the reviewer's choices."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self._body = QWidget()
        self._grid = QGridLayout(self._body)
        self._grid.setColumnStretch(1, 1)
        self._grid.setColumnStretch(2, 1)
        self._grid.setHorizontalSpacing(12)
        outer = QWidget()
        layout = QVBoxLayout(outer)
        self.reason = QLabel()
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.reason)
        layout.addWidget(self._body)
        layout.addStretch(1)
        self.setWidget(outer)
        self._choices: dict[str, QButtonGroup] = {}
        self._ids: tuple[int, int] | None = None
        self.header_a = self._header("Paper A")
        self.header_b = self._header("Paper B")
        self._grid.addWidget(self.header_a, 0, 1)
        self._grid.addWidget(self.header_b, 0, 2)
        self.header_keep = self._header("Keep")
        self._grid.addWidget(self.header_keep, 0, 3)
        self._choosing = True
        self.values: dict[str, tuple[DiffText, DiffText]] = {}
        self._rows: dict[str, tuple[QWidget, ...]] = {}
        for row, (name, label) in enumerate(FIELDS, start=1):
            caption = QLabel(label)
            caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            left, right = DiffText(), DiffText()
            if name != "abstract":
                left.max_lines = right.max_lines = 4
            self.values[name] = (left, right)
            self._grid.addWidget(caption, row, 0)
            self._grid.addWidget(left, row, 1, Qt.AlignmentFlag.AlignTop)
            self._grid.addWidget(right, row, 2, Qt.AlignmentFlag.AlignTop)
            choice = QWidget()
            box = QHBoxLayout(choice)
            box.setContentsMargins(0, 0, 0, 0)
            group = QButtonGroup(choice)
            for side, text in ((0, "A"), (1, "B")):
                button = QRadioButton(text)
                button.setToolTip(f"The merged paper keeps paper {text}'s {label.lower()}")
                group.addButton(button, side)
                box.addWidget(button)
            group.button(0).setChecked(True)
            self._choices[name] = group
            self._grid.addWidget(choice, row, 3, Qt.AlignmentFlag.AlignTop)
            self._rows[name] = (caption, left, right, choice)

    @staticmethod
    def _header(text: str) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def set_choosing(self, choosing: bool) -> None:
        """Offer the per-field choice of the merged paper's values (the queue), or not (a
        merge already made: read-only)."""
        self._choosing = choosing
        self.header_keep.setVisible(choosing)
        for caption, *_values, choice in self._rows.values():
            choice.setVisible(choosing and not caption.isHidden())

    def show_pair(self, pair: dict | None) -> None:
        """Show a pair from `dedup.pair_details` or a merge from `dedup.merge_details` (None:
        nothing to show)."""
        name_a, name_b = (pair or {}).get("headers", ("Paper A", "Paper B"))
        if pair is None:
            self._ids = None
            for left, right in self.values.values():
                left.clear()
                right.clear()
            self.header_a.setText(name_a)
            self.header_b.setText(name_b)
            self.reason.clear()
            return
        a, b = pair["a"], pair["b"]
        self.reason.setText(f"Why: {pair['reason']}" if pair.get("reason") else "")
        self._ids = (a["id"], b["id"])
        self.header_a.setText(f"{name_a}  (#{a['id']})")
        self.header_b.setText(f"{name_b}  (#{b['id']})")
        for name, (left, right) in self.values.items():
            va, vb = display_value(a, name), display_value(b, name)
            words_a, words_b = word_diff(va, vb)
            left.show_words(words_a)
            right.show_words(words_b)
            group = self._choices[name]
            # Default: keep A's value, or B's where A has none.
            group.button(1 if (not va and vb) else 0).setChecked(True)
            for button in group.buttons():
                button.setEnabled(va != vb)
            shown = bool(va or vb) or name in ("title", "authors", "year")
            for widget in self._rows[name]:  # a field neither paper has is left out
                widget.setVisible(shown)
            self._rows[name][3].setVisible(shown and self._choosing)

    def fields_from(self) -> dict[str, int]:
        """For `dedup.merge`: the fields the reviewer chose to take from paper B."""
        if self._ids is None or not self._choosing:
            return {}
        chosen = {}
        for name, group in self._choices.items():
            if group.checkedId() == 1 and group.button(1).isEnabled():
                chosen[name] = self._ids[1]
        return chosen
