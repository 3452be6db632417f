"""The import dialog's search form: the search a file goes into (new or existing) and, for a
new search, what PRISMA-S asks of it (database, query, date run, hits reported). It shows and
stores the selected file's choices (import_pending.PendingFile); the dialog decides which file
that is and whether anything may still be edited."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QWidget

from curator.gui.import_pending import PendingFile
from curator.gui.style import set_role


class SearchForm(QWidget):
    search_edited = Signal(str)  # the search's name, typed or picked
    details_edited = Signal()  # database, query, date or hits, changed by the curator

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.existing: set[str] = set()  # the review's searches, by name
        self.search_box = QComboBox()
        self.search_box.setEditable(True)
        self.search_box.setInsertPolicy(QComboBox.NoInsert)
        self.search_box.lineEdit().setPlaceholderText("Name of the search, e.g. 'Scopus 2024-05'")
        self.search_box.currentTextChanged.connect(self.search_edited)
        self.database_edit = QLineEdit()
        self.database_edit.setPlaceholderText("Scopus, PubMed, Web of Science…")
        self.query_edit = QLineEdit()
        self.query_edit.setPlaceholderText("The query string as run")
        self.date_edit = QLineEdit()
        self.date_edit.setPlaceholderText("YYYY-MM-DD")
        self.hits_spin = QSpinBox()
        self.hits_spin.setRange(0, 100_000_000)
        self.hits_spin.setSpecialValueText("not given")
        # A count is typed (1,027 hits), not stepped: styled as the other inputs beside it,
        # its arrow buttons drawn zero wide by the style sheet (it was the one unstyled field of
        # the form; styled arrows need images, and NoButtons under a style sheet leaves Qt's
        # edit field one pixel wide). The arrow keys still step it.
        self.hits_spin.setGroupSeparatorShown(True)
        set_role(self.hits_spin, "count")
        self.details = (self.database_edit, self.query_edit, self.date_edit, self.hits_spin)
        for widget in self.details[:3]:
            widget.textEdited.connect(self.details_edited)
        self.hits_spin.valueChanged.connect(self.details_edited)
        self.note = QLabel()
        self.note.setWordWrap(True)

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("&Search:", self.search_box)
        form.addRow("&Database:", self.database_edit)
        form.addRow("&Query:", self.query_edit)
        form.addRow("Date &run:", self.date_edit)
        form.addRow("&Hits reported:", self.hits_spin)
        form.addRow("", self.note)

    def tab_chain(self) -> list[QWidget]:
        return [self.search_box, *self.details]

    def set_searches(self, names: list[str]) -> None:
        """Offer the review's searches (none chosen), without reporting an edit."""
        self.existing = set(names)
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.addItems(sorted(names))
        self.search_box.setCurrentIndex(-1)
        self.search_box.blockSignals(False)

    def search_name(self) -> str:
        return self.search_box.currentText().strip()

    def show_file(self, pending: PendingFile) -> None:
        """Show the file's choices; showing them is not an edit (no signal)."""
        for widget in (self.search_box, *self.details):
            widget.blockSignals(True)
        self.search_box.setEditText(pending.search)
        self.database_edit.setText(pending.database)
        self.query_edit.setText(pending.query)
        self.date_edit.setText(pending.run_on)
        self.hits_spin.setValue(pending.hits)
        for widget in (self.search_box, *self.details):
            widget.blockSignals(False)

    def store(self, pending: PendingFile) -> None:
        """Keep the details as edited in the file's choices."""
        pending.database = self.database_edit.text().strip()
        pending.query = self.query_edit.text().strip()
        pending.run_on = self.date_edit.text().strip()
        pending.hits = self.hits_spin.value()

    def update_state(self, pending: PendingFile | None, editable: bool) -> None:
        """Details only for a new search (an existing one has them); a note saying which."""
        is_new = bool(pending and pending.search and pending.search not in self.existing)
        for widget in self.details:
            widget.setEnabled(is_new and editable)
        self.search_box.setEnabled(pending is not None and editable)
        if pending is None:
            self.note.setText("")
        elif not pending.search:
            self.note.setText("Every file belongs to a search: give it a name.")
        else:
            self.note.setText(
                "A new search." if is_new else "Adds this file to the existing search."
            )
