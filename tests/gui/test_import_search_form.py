"""The import dialog's search form on its own: showing a file's choices is not an edit, what
the curator types is kept in the file's choices, and only a new search takes details."""

from __future__ import annotations

from pathlib import Path

from curator.gui.import_pending import PendingFile
from curator.gui.import_search_form import SearchForm


def test_showing_a_file_is_silent_and_typing_is_stored(qtbot):
    form = SearchForm()
    qtbot.addWidget(form)
    edits = []
    form.search_edited.connect(edits.append)
    form.details_edited.connect(lambda: edits.append("details"))
    pending = PendingFile(Path("a.ris"), search="Scopus", database="Scopus", hits=1027)
    form.show_file(pending)
    assert edits == [] and form.search_name() == "Scopus" and form.hits_spin.text() == "1,027"
    form.update_state(pending, editable=True)
    qtbot.keyClicks(form.query_edit, "cbt AND mri")
    assert edits[-1] == "details"
    form.store(pending)
    assert (pending.database, pending.query, pending.hits) == ("Scopus", "cbt AND mri", 1027)
    form.search_box.setEditText("WoS")
    assert edits[-1] == "WoS"


def test_details_only_for_a_new_search(qtbot):
    form = SearchForm()
    qtbot.addWidget(form)
    form.set_searches(["PubMed"])
    assert form.search_name() == ""  # offered, not chosen
    existing, new = PendingFile(Path("a.ris"), search="PubMed"), PendingFile(Path("b.ris"))
    form.update_state(existing, editable=True)
    assert not form.database_edit.isEnabled() and "existing search" in form.note.text()
    form.update_state(new, editable=True)
    assert not form.database_edit.isEnabled() and "give it a name" in form.note.text()
    new.search = "Scopus"
    form.update_state(new, editable=True)
    assert form.database_edit.isEnabled() and form.note.text() == "A new search."
    form.update_state(new, editable=False)  # importing, or done
    assert not form.database_edit.isEnabled() and not form.search_box.isEnabled()
