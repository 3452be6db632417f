"""The vocabulary editor: facets and their (nestable) terms, with definitions and shortcuts.

Add, rename, merge (papers' tags follow), reorder and delete (saying how many papers use
the term) are each one undoable edit. Keyboard: type a new term and press Enter; Alt+Up/Down
move the selected term; Delete deletes it (after the warning); F2 edits its name.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator.core.changes import Changes
from curator.core.curation import facets
from curator.core.errors import CuratorError
from curator.gui import icons
from curator.gui.context import AppContext
from curator.gui.curation import dialogs, edits
from curator.gui.curation.widgets import ErrorLabel, heading, push_button, shortcut, tool_button

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class VocabularyEditor(QWidget):
    """Facets on the left, the selected facet's terms as a tree on the right."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._build_facets())
        splitter.addWidget(self._build_terms())
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([240, 620])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        context.changed.connect(self._on_context_changed)
        context.review_opened.connect(self._on_review_opened)
        self.reload()

    # -- building -----------------------------------------------------------------------
    def _build_facets(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.addWidget(heading("Facets"))
        self.facet_list = QListWidget()
        self.facet_list.setAccessibleName("Facets")
        self.facet_list.currentItemChanged.connect(lambda *_: self._show_terms())
        layout.addWidget(self.facet_list, 1)
        self.new_facet = QLineEdit(placeholderText="New facet, then Enter")
        self.new_facet.setAccessibleName("New facet")
        self.new_facet.returnPressed.connect(self._on_add_facet)
        layout.addWidget(self.new_facet)
        row = QHBoxLayout()
        row.addStretch(1)
        self.facet_buttons = {
            "rename": tool_button(icons.RENAME, "Rename facet"),
            "delete": tool_button(icons.REMOVE, "Delete facet"),
            "up": tool_button(icons.UP, "Move facet up"),
            "down": tool_button(icons.DOWN, "Move facet down"),
        }
        self.facet_buttons["rename"].clicked.connect(self._on_rename_facet)
        self.facet_buttons["delete"].clicked.connect(self._on_delete_facet)
        self.facet_buttons["up"].clicked.connect(lambda: self._move_facet(-1))
        self.facet_buttons["down"].clicked.connect(lambda: self._move_facet(1))
        for button in self.facet_buttons.values():
            row.addWidget(button)
        layout.addLayout(row)
        self.facet_error = ErrorLabel()
        layout.addWidget(self.facet_error)
        layout.addWidget(heading("Description"))
        self.facet_description = QLineEdit(placeholderText="What this facet describes")
        self.facet_description.setAccessibleName("Facet description")
        self.facet_description.editingFinished.connect(self._on_facet_description)
        layout.addWidget(self.facet_description)
        return box

    def _build_terms(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        self.terms_heading = heading("Terms")
        layout.addWidget(self.terms_heading)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Terms")
        self.tree.setHeaderLabels(["Term", "Papers", "Shortcut", "Definition"])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.tree.currentItemChanged.connect(lambda *_: self._show_term())
        layout.addWidget(self.tree, 1)
        row = QHBoxLayout()
        self.new_term = QLineEdit(placeholderText="New term, then Enter")
        self.new_term.returnPressed.connect(lambda: self._on_add_term(sub=False))
        row.addWidget(self.new_term, 1)
        self.add_sub = push_button(
            "Add as sub-term", icons.ADD, "Add the new term under the selected term"
        )
        self.add_sub.clicked.connect(lambda: self._on_add_term(sub=True))
        row.addWidget(self.add_sub)
        self.term_buttons = {
            "merge": tool_button(icons.MERGE, "Merge the selected term into another"),
            "delete": tool_button(icons.REMOVE, "Delete the selected term (Delete)"),
            "up": tool_button(icons.UP, "Move term up (Alt+Up)"),
            "down": tool_button(icons.DOWN, "Move term down (Alt+Down)"),
        }
        self.term_buttons["merge"].clicked.connect(self._on_merge)
        self.term_buttons["delete"].clicked.connect(self._on_delete_term)
        self.term_buttons["up"].clicked.connect(lambda: self._move_term(-1))
        self.term_buttons["down"].clicked.connect(lambda: self._move_term(1))
        for button in self.term_buttons.values():
            row.addWidget(button)
        layout.addLayout(row)
        shortcut(
            "Alt+Up", self.tree, lambda: self._move_term(-1), Qt.ShortcutContext.WidgetShortcut
        )
        shortcut(
            "Alt+Down", self.tree, lambda: self._move_term(1), Qt.ShortcutContext.WidgetShortcut
        )
        shortcut(
            QKeySequence.StandardKey.Delete,
            self.tree,
            self._on_delete_term,
            Qt.ShortcutContext.WidgetShortcut,
        )
        shortcut(
            QKeySequence("F2"),
            self.tree,
            lambda: self.term_name.setFocus(),
            Qt.ShortcutContext.WidgetShortcut,
        )

        form = QFormLayout()
        self.term_name = QLineEdit()
        self.term_definition = QLineEdit(
            placeholderText="What papers with this term have in common"
        )
        self.term_parent = QComboBox()
        self.term_shortcut = QLineEdit(
            placeholderText="e.g. Alt+1 (toggles the term while tagging)"
        )
        for field in (self.term_name, self.term_definition, self.term_shortcut):
            field.returnPressed.connect(self._on_save_term)
        form.addRow("&Name", self.term_name)
        form.addRow("&Definition", self.term_definition)
        form.addRow("&Parent", self.term_parent)
        form.addRow("Sho&rtcut", self.term_shortcut)
        layout.addLayout(form)
        self.save_term = push_button(
            "Apply", None, "Save the term's name, definition, parent and shortcut"
        )
        self.save_term.clicked.connect(self._on_save_term)
        save_row = QHBoxLayout()
        self.term_error = ErrorLabel()
        save_row.addWidget(self.term_error, 1)
        save_row.addWidget(self.save_term)
        layout.addLayout(save_row)
        return box

    # -- reading ------------------------------------------------------------------------
    def current_facet(self) -> int | None:
        item = self.facet_list.currentItem()
        return item.data(ID_ROLE) if item else None

    def current_term(self) -> int | None:
        item = self.tree.currentItem()
        return item.data(0, ID_ROLE) if item else None

    def select_facet(self, facet: int) -> None:
        for row in range(self.facet_list.count()):
            if self.facet_list.item(row).data(ID_ROLE) == facet:
                self.facet_list.setCurrentRow(row)

    def select_term(self, term: int) -> None:
        for item in self._term_items():
            if item.data(0, ID_ROLE) == term:
                self.tree.setCurrentItem(item)

    def _term_items(self) -> list[QTreeWidgetItem]:
        out, stack = [], [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            out.append(item)
            stack[0:0] = [item.child(i) for i in range(item.childCount())]
        return out

    def _on_review_opened(self, _review) -> None:
        self.reload()

    def reload(self) -> None:
        review = self.context.review
        keep = self.current_facet()
        self.facet_list.blockSignals(True)
        self.facet_list.clear()
        if review is not None:
            for facet in facets.facets(review):
                item = QListWidgetItem(facet["name"])
                item.setData(ID_ROLE, facet["id"])
                item.setToolTip(facet["description"] or "")
                self.facet_list.addItem(item)
        self.facet_list.blockSignals(False)
        if self.facet_list.count():
            self.facet_list.setCurrentRow(0)
            if keep is not None:
                self.select_facet(keep)
        self._show_terms()
        self.setEnabled(review is not None)

    def _show_terms(self) -> None:
        review, facet = self.context.review, self.current_facet()
        keep = self.current_term()
        self.tree.blockSignals(True)
        self.tree.clear()
        if review is None or facet is None:
            self.tree.blockSignals(False)
            self._show_term()
            return
        row = next(f for f in facets.facets(review) if f["id"] == facet)
        self.terms_heading.setText(f"Terms of {row['name']}")
        if not self.facet_description.hasFocus():
            self.facet_description.setText(row["description"] or "")
            self.facet_description.setCursorPosition(0)
        items: dict[int, QTreeWidgetItem] = {}
        for term, _depth in facets.term_tree(review, facet):
            values = [
                term["name"],
                str(term["papers"]),
                term["shortcut"] or "",
                term["definition"] or "",
            ]
            parent = items.get(term["parent_id"])
            item = QTreeWidgetItem(parent, values) if parent else QTreeWidgetItem(self.tree, values)
            item.setData(0, ID_ROLE, term["id"])
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(0, term["definition"] or "")
            items[term["id"]] = item
        self.tree.expandAll()
        self.tree.blockSignals(False)
        if keep in items:
            self.tree.setCurrentItem(items[keep])
        elif items:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._show_term()

    def _show_term(self) -> None:
        review, term = self.context.review, self.current_term()
        facet = self.current_facet()
        self.term_error.show_message(None)
        self.term_parent.clear()
        self.term_parent.addItem("(top level)", None)
        enabled = review is not None and term is not None
        for widget in (
            self.term_name,
            self.term_definition,
            self.term_parent,
            self.term_shortcut,
            self.save_term,
            *self.term_buttons.values(),
        ):
            widget.setEnabled(enabled)
        self.add_sub.setEnabled(enabled)
        if not enabled:
            for field in (self.term_name, self.term_definition, self.term_shortcut):
                field.clear()
            return
        row = facets.get_term(review, term)
        for other in facets.terms(review, facet):
            if other["id"] != term:
                self.term_parent.addItem(other["name"], other["id"])
        self.term_name.setText(row["name"])
        self.term_definition.setText(row["definition"] or "")
        self.term_shortcut.setText(row["shortcut"] or "")
        self.term_parent.setCurrentIndex(max(0, self.term_parent.findData(row["parent_id"])))

    def _on_context_changed(self, changes: Changes) -> None:
        if changes.facets or changes.tags:
            self.reload()

    # -- edits --------------------------------------------------------------------------
    def _edit(self, error_label: ErrorLabel, call, *args, **kwargs) -> Changes | None:
        try:
            changes = call(self.context, *args, **kwargs)
        except CuratorError as exc:
            error_label.show_message(str(exc))
            return None
        error_label.show_message(None)
        return changes

    def _on_add_facet(self) -> None:
        name = self.new_facet.text()
        changes = self._edit(self.facet_error, edits.add_facet, name)
        if changes is not None:
            self.new_facet.clear()
            self.select_facet(changes.id)  # type: ignore[arg-type]

    def _on_rename_facet(self) -> None:
        facet = self.current_facet()
        if facet is None:
            return
        name = dialogs.ask_text(
            self, "Rename facet", "New name:", self.facet_list.currentItem().text()
        )
        if name is not None:
            self._edit(self.facet_error, edits.update_facet, facet, name=name)

    def _on_facet_description(self) -> None:
        facet = self.current_facet()
        if facet is None or self.context.review is None:
            return
        text = self.facet_description.text().strip()
        current = next(f for f in facets.facets(self.context.review) if f["id"] == facet)
        if text != (current["description"] or ""):
            self._edit(self.facet_error, edits.update_facet, facet, description=text)

    def _on_delete_facet(self) -> None:
        facet = self.current_facet()
        if facet is None:
            return
        review = self.context.review
        names = [t["id"] for t in facets.terms(review, facet)]
        tagged = sum(facets.term_usage(review, t) for t in names)
        text = (
            f"Delete the facet {self.facet_list.currentItem().text()!r} with its {len(names)} "
            f"term(s)? {tagged} tag(s) on papers go with it. (Edit > Undo brings it back.)"
        )
        if dialogs.ask_confirm(self, "Delete facet", text):
            self._edit(self.facet_error, edits.delete_facet, facet)

    def _move_facet(self, step: int) -> None:
        row = self.facet_list.currentRow()
        ids = [self.facet_list.item(i).data(ID_ROLE) for i in range(self.facet_list.count())]
        if row < 0 or not 0 <= row + step < len(ids):
            return
        ids[row], ids[row + step] = ids[row + step], ids[row]
        self._edit(self.facet_error, edits.reorder_facets, ids)

    def _on_add_term(self, *, sub: bool) -> None:
        facet = self.current_facet()
        if facet is None:
            return
        parent = self.current_term() if sub else None
        changes = self._edit(
            self.term_error, edits.add_term, facet, self.new_term.text(), parent_id=parent
        )
        if changes is not None:
            self.new_term.clear()
            self.select_term(changes.id)  # type: ignore[arg-type]

    def _on_save_term(self) -> None:
        term = self.current_term()
        if term is None:
            return
        typed = self.term_shortcut.text().strip()
        portable = QKeySequence.SequenceFormat.PortableText
        shortcut = QKeySequence.fromString(typed, portable).toString(portable) if typed else ""
        if typed and (not shortcut or "," in shortcut):
            self.term_error.show_message(f"{typed!r} is not a key combination (try Alt+1)")
            return
        row = facets.get_term(self.context.review, term)
        wanted = {
            "name": self.term_name.text().strip(),
            "definition": self.term_definition.text().strip() or None,
            "parent_id": self.term_parent.currentData(),
            "shortcut": shortcut or None,
        }
        fields = {k: v for k, v in wanted.items() if row[k] != v}
        if fields:
            self._edit(self.term_error, edits.update_term, term, **fields)

    def _on_delete_term(self) -> None:
        term = self.current_term()
        if term is None:
            return
        review = self.context.review
        row = facets.get_term(review, term)
        used = facets.term_usage(review, term)
        children = sum(1 for t in facets.terms(review, row["facet_id"]) if t["parent_id"] == term)
        text = f"Delete the term {row['name']!r}? {used} paper(s) are tagged with it and lose this tag."
        if children:
            text += f" Its {children} sub-term(s) move up a level."
        if dialogs.ask_confirm(self, "Delete term", text):
            self._edit(self.term_error, edits.delete_term, term)

    def _on_merge(self) -> None:
        term, facet = self.current_term(), self.current_facet()
        if term is None:
            return
        review = self.context.review
        others = [t for t in facets.terms(review, facet) if t["id"] != term]
        name = facets.get_term(review, term)["name"]
        choice = dialogs.ask_choice(
            self,
            "Merge term",
            f"Merge {name!r} into (its papers get that term):",
            [f"{t['name']} ({t['papers']} papers)" for t in others],
        )
        if choice is not None:
            keep = others[choice]["id"]
            if self._edit(self.term_error, edits.merge_terms, keep, term) is not None:
                self.select_term(keep)

    def _move_term(self, step: int) -> None:
        term, facet = self.current_term(), self.current_facet()
        if term is None:
            return
        review = self.context.review
        ordered = facets.terms(review, facet)
        parent = next(t["parent_id"] for t in ordered if t["id"] == term)
        siblings = [t["id"] for t in ordered if t["parent_id"] == parent]
        index = siblings.index(term)
        if not 0 <= index + step < len(siblings):
            return
        other = siblings[index + step]
        ids = [t["id"] for t in ordered]
        a, b = ids.index(term), ids.index(other)
        ids[a], ids[b] = ids[b], ids[a]
        self._edit(self.term_error, edits.reorder_terms, facet, ids)
        self.select_term(term)
