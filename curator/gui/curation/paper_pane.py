"""The pane that curates the selected included paper(s): metadata, terms, key flag and result, notes.

With several papers selected, a term's box shows whether all, some or none have it, and a
click (or the term's shortcut) tags or untags all of them in one undoable edit. Frequent
terms without a shortcut of their own get Alt+1..Alt+9, most used first.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from curator.core.curation import facets
from curator.core.errors import CuratorError
from curator.core.papers import NO_ABSTRACT, get_paper
from curator.core.resolve import paper_citation
from curator.gui.context import AppContext
from curator.gui.curation import edits
from curator.gui.curation.flow_layout import flow_container
from curator.gui.curation.widgets import ErrorLabel, heading, plain_label, shortcut
from curator.gui.focus import chain_tab_order
from curator.gui.style import set_role

KEY_HINT = "Not in the Key Papers table until the paper is flagged Key paper (Ctrl+K)"

AUTO_SHORTCUTS = 9


def term_shortcuts(review) -> dict[int, str]:
    """Each term's shortcut: its own, else Alt+1..9 for the most used terms without one."""
    rows = facets.terms(review)
    own = {t["id"]: t["shortcut"] for t in rows if t["shortcut"]}
    taken = set(own.values())
    free = [f"Alt+{n}" for n in range(1, AUTO_SHORTCUTS + 1) if f"Alt+{n}" not in taken]
    frequent = sorted(
        (t for t in rows if not t["shortcut"] and t["papers"]),
        key=lambda t: (-t["papers"], t["id"]),
    )
    auto = {t["id"]: key for t, key in zip(frequent, free, strict=False)}
    return {**own, **auto}


class PaperPane(QScrollArea):
    """Curation of the papers `set_papers` names; edits go through undoable commands."""

    error_shown = Signal(str)

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        shortcut_host: QWidget | None = None,
    ):
        super().__init__(parent)
        self.context = context
        # The widget whose children the term and key shortcuts work in (the whole tagging page).
        self.shortcut_host = shortcut_host or self
        self.paper_ids: list[int] = []
        self.boxes: dict[int, QCheckBox] = {}
        self._states: dict[int, Qt.CheckState] = {}
        self._all_key = False
        self._shortcuts: list[QShortcut] = []
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        self.setWidget(body)
        layout = QVBoxLayout(body)
        self.title = heading("")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.meta = plain_label(selectable=True)
        layout.addWidget(self.meta)
        self.abstract = QPlainTextEdit(readOnly=True)
        self.abstract.setAccessibleName("Abstract")
        self.abstract.setMaximumHeight(110)
        layout.addWidget(self.abstract)

        self.key = QCheckBox("&Key paper")
        self.key.setToolTip("Key papers make the review's Key Papers table (Ctrl+K)")
        self.key.clicked.connect(lambda _checked=False: self._toggle_key())
        shortcut(
            QKeySequence("Ctrl+K"),
            self.shortcut_host,
            self._toggle_key,
            Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        layout.addWidget(self.key)
        layout.addWidget(plain_label("Key result (Enter saves)"))
        self.key_result = QLineEdit(placeholderText="The paper's main finding, in one sentence")
        self.key_result.setAccessibleName("Key result")
        self.key_result.editingFinished.connect(self._on_key_result)
        layout.addWidget(self.key_result)
        # A result written for a paper not flagged key is kept but shown in no table: say so.
        self.key_hint = plain_label(KEY_HINT)
        set_role(self.key_hint, "secondary")
        self.key_hint.setVisible(False)
        layout.addWidget(self.key_hint)

        self.facet_area = QVBoxLayout()
        layout.addLayout(self.facet_area)
        layout.addWidget(plain_label("Notes (saved when you leave the box, or Ctrl+Enter)"))
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Notes")
        self.notes.setMaximumHeight(120)
        self.notes.installEventFilter(self)
        layout.addWidget(self.notes)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.new_term_edits: dict[int, QLineEdit] = {}
        self.rebuild_terms()
        self.set_papers([])

    # -- building the term boxes ----------------------------------------------------------
    def rebuild_terms(self) -> None:
        while self.facet_area.count():
            widget = self.facet_area.takeAt(0).widget()
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        for old in self._shortcuts:
            old.setEnabled(False)
            old.deleteLater()
        self._shortcuts, self.boxes, self.new_term_edits = [], {}, {}
        review = self.context.review
        if review is None:
            return
        keys = term_shortcuts(review)
        order: list[QWidget] = []
        for facet in facets.facets(review):
            group = QGroupBox(facet["name"])
            group.setToolTip(facet["description"] or "")
            column = QVBoxLayout(group)
            terms_box, flow = flow_container()
            column.addWidget(terms_box)
            terms = facets.term_tree(review, facet["id"])
            for term, depth in terms:
                label = ("↳ " * min(depth, 1)) + term["name"]
                if term["id"] in keys:
                    label += f"  ({keys[term['id']]})"
                box = QCheckBox(label)
                box.setToolTip(term["definition"] or "")
                box.clicked.connect(lambda _checked=False, t=term["id"]: self.toggle_term(t))
                self.boxes[term["id"]] = box
                flow.addWidget(box)
            add = QLineEdit(
                placeholderText=f"New {facet['name'].lower()} term, Enter tags the paper(s)"
            )
            add.setAccessibleName(f"New {facet['name']} term")
            add.returnPressed.connect(lambda f=facet["id"], e=add: self._on_new_term(f, e))
            self.new_term_edits[facet["id"]] = add
            column.addWidget(add)
            self.facet_area.addWidget(group)
            order += [*(self.boxes[t["id"]] for t, _ in terms), add]
        # Tab goes down the pane as it reads: key result, each facet's terms and new-term
        # box, then the notes (the boxes, made after the notes, would otherwise follow them).
        chain_tab_order([self.key_result, *order, self.notes])
        for term, key in keys.items():
            made = shortcut(
                QKeySequence(key),
                self.shortcut_host,
                lambda t=term: self.toggle_term(t),
                Qt.ShortcutContext.WidgetWithChildrenShortcut,
            )
            self._shortcuts.append(made)
        self._show_states()

    # -- showing papers -------------------------------------------------------------------
    def set_papers(self, paper_ids: list[int], *, save: bool = True) -> None:
        """Show `paper_ids` (saving the notes typed for the paper shown before, unless told not to)."""
        if save:
            self._save_notes()
        self.paper_ids = list(paper_ids)
        review = self.context.review
        single = len(self.paper_ids) == 1
        self.setEnabled(bool(self.paper_ids) and review is not None)
        self.error.show_message(None)
        if not self.paper_ids or review is None:
            self.title.setText("Select an included paper to curate it")
            for widget in (self.meta, self.key_result):
                widget.setText("")
            self.abstract.setPlainText("")
            self.abstract.setVisible(False)  # no empty grey box under "Select a paper"
            self.notes.setPlainText("")
            self._show_states()
            return
        first = get_paper(review, self.paper_ids[0])
        if single:
            self.title.setText(first["title"])
            bits = [paper_citation(review, first["id"])]
            bits += [v for v in (first["venue"], first["doi"] and f"doi:{first['doi']}") if v]
            self.meta.setText(
                "  ·  ".join(bits)
                + "\n"
                + (first["authors_text"] or "")
                + ("" if first["abstract"] else f"\n{NO_ABSTRACT}")
            )
            self.abstract.setPlainText(first["abstract"] or "")
        else:
            self.title.setText(f"{len(self.paper_ids)} papers selected")
            self.meta.setText("Ticking a term tags all of them; clearing it untags all of them.")
            self.abstract.setPlainText("")
        self.abstract.setVisible(single and bool(first["abstract"]))
        self.key_result.setEnabled(single)
        self.notes.setEnabled(single)
        self.key_result.setText((first["key_result"] or "") if single else "")
        self.notes.setPlainText((first["notes"] or "") if single else "")
        self._show_states()

    def _show_states(self) -> None:
        review = self.context.review
        self._states = {}
        count = len(self.paper_ids)
        for term, box in self.boxes.items():
            have = len(facets.tagged_with(review, self.paper_ids, term)) if count else 0
            state = (
                Qt.CheckState.Checked
                if count and have == count
                else Qt.CheckState.PartiallyChecked
                if have
                else Qt.CheckState.Unchecked
            )
            self._states[term] = state
            box.blockSignals(True)
            box.setTristate(state == Qt.CheckState.PartiallyChecked)
            box.setCheckState(state)
            box.blockSignals(False)
        papers = [get_paper(review, p) for p in self.paper_ids] if review is not None else []
        if papers:
            keys = [paper["is_key"] for paper in papers]
            self._all_key = all(keys)
            self.key.blockSignals(True)
            self.key.setTristate(0 < sum(keys) < count)
            self.key.setCheckState(
                Qt.CheckState.Checked
                if all(keys)
                else Qt.CheckState.PartiallyChecked
                if any(keys)
                else Qt.CheckState.Unchecked
            )
            self.key.blockSignals(False)
        result = count == 1 and bool(papers and papers[0]["key_result"])
        self.key_hint.setVisible(result and not self._all_key)

    def refresh(self) -> None:
        """Tags or paper fields changed elsewhere (or by undo): show them again."""
        if self.context.review is None:
            return
        existing = [
            p
            for p in self.paper_ids
            if self.context.review.db.execute("SELECT 1 FROM papers WHERE id = ?", (p,)).fetchone()
        ]
        self.set_papers(existing, save=False)  # runs inside an undo command: push nothing

    # -- edits ----------------------------------------------------------------------------
    def _run(self, call, *args, **kwargs) -> bool:
        if "notes" not in kwargs:
            self._save_notes()  # first, so that typed notes are never lost by a refresh
        try:
            call(self.context, *args, **kwargs)
        except CuratorError as exc:
            self.error.show_message(str(exc))
            self.error_shown.emit(str(exc))
            self._show_states()
            return False
        return True

    def toggle_term(self, term: int) -> None:
        """Tag every selected paper with `term`, or untag them all if all have it."""
        if not self.paper_ids or term not in self.boxes:
            return
        remove = self._states.get(term) == Qt.CheckState.Checked
        self._run(edits.tag, self.paper_ids, term, remove=remove)

    def _on_new_term(self, facet: int, edit: QLineEdit) -> None:
        if self._run(edits.add_term, facet, edit.text(), tag_papers=self.paper_ids):
            edit.clear()

    def _toggle_key(self) -> None:
        """Flag every selected paper as key, or unflag them all if all are key papers."""
        if not self.paper_ids:
            return
        flag = not self._all_key
        self._run(
            edits.set_paper_fields,
            self.paper_ids,
            "Flag key paper" if flag else "Unflag key paper",
            is_key=flag,
        )
        self._show_states()

    def _on_key_result(self) -> None:
        if len(self.paper_ids) != 1 or self.context.review is None:
            return
        text = self.key_result.text().strip() or None
        if get_paper(self.context.review, self.paper_ids[0])["key_result"] != text:
            self._run(edits.set_paper_fields, self.paper_ids, "Edit key result", key_result=text)

    def _save_notes(self) -> None:
        if len(self.paper_ids) != 1 or self.context.review is None:
            return
        try:
            current = get_paper(self.context.review, self.paper_ids[0])["notes"]
        except CuratorError:
            return
        text = self.notes.toPlainText().strip() or None
        if current != text:
            self._run(edits.set_paper_fields, self.paper_ids, "Edit notes", notes=text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is getattr(self, "notes", None):
            if event.type() == QEvent.Type.FocusOut:
                self._save_notes()
            elif (
                event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier
            ):
                self._save_notes()
                return True
        return super().eventFilter(watched, event)
