"""The paper model: a valid Qt model, rows fetched lazily in chunks, and short citations."""

from __future__ import annotations

from PySide6.QtCore import Qt

from curator.core.library import short_citation
from curator.core.papers import add_paper
from curator.gui.paper_model import COLUMN, COLUMNS, IdRole, PaperModel

from .conftest import add_samples


def test_the_paper_model_passes_qt_model_tester(qtmodeltester, review):
    add_samples(review)
    model = PaperModel()
    model.set_review(review)
    qtmodeltester.check(model, force_py=True)
    # The tester stays connected and checks the resets that searching and sorting make.
    model.set_query(search="neuro")
    assert model.rowCount() == 2
    model.sort(COLUMN["venue"], Qt.SortOrder.DescendingOrder)
    model.set_query(search="", filter="undecided")
    assert model.rowCount() == 2
    model.reload()


def test_rows_are_fetched_in_chunks_when_asked_for(review):
    with review.atomic():
        for number in range(600):
            add_paper(review, title=f"Paper {number:03d}", year=2000 + number % 20, audit=False)
    model = PaperModel()
    model.set_review(review)
    assert model.rowCount() == 600
    assert not any(model.is_fetched(row) for row in range(600))
    assert model.index(0, COLUMN["title"]).data() == "Paper 000"
    assert model.is_fetched(model.CHUNK - 1) and not model.is_fetched(model.CHUNK)
    assert model.index(599, COLUMN["title"]).data() == "Paper 599"
    assert model.is_fetched(599) and not model.is_fetched(model.CHUNK)
    assert model.index(599, 0).data(IdRole) == model.ids[599]
    model.reload()  # after a change, rows are read again
    assert not model.is_fetched(0)


def test_headers_name_the_columns(review):
    model = PaperModel()
    model.set_review(review)
    labels = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert labels == ["Citation", "Title", "Year", "Venue", "Stage", "Decision"]
    assert len(COLUMNS) == 6


def test_short_citations_follow_apa_in_text_style():
    assert short_citation("Beauregard", "Beauregard, M.", 2014) == "Beauregard, 2014"
    assert short_citation("Kleim", "Kleim, J.; Jones, T.", 2008) == "Kleim & Jones, 2008"
    assert (
        short_citation("Månsson", "Månsson, K.; Salami, A.; Frick, A.", 2016)
        == "Månsson et al., 2016"
    )
    assert short_citation("", "", None) == "Anonymous, n.d."
