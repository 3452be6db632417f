"""APA 7 in-text citations and reference entries, on hand-made works."""

from __future__ import annotations

from curator.core.report.citations import (
    CitationIndex,
    Work,
    authors_text,
    in_text,
    page_range,
    reference,
    suffixes,
)


def w(id: int, *families: str, year: int | None = 2020, title: str = "A title", **kw) -> Work:
    return Work(id=id, authors=tuple((f, "A. B.") for f in families), year=year, title=title, **kw)


def test_in_text_one_two_many_authors():
    assert in_text(w(1, "Beauregard", year=2014)) == "Beauregard, 2014"
    assert in_text(w(2, "Calder", "Hasler", year=2022)) == "Calder & Hasler, 2022"
    assert in_text(w(3, "Månsson", "Salami", "Frick", year=2016)) == "Månsson et al., 2016"


def test_in_text_without_year_or_authors():
    assert in_text(w(1, "Song", year=None)) == "Song, n.d."
    assert in_text(Work(id=2, title="Mental health atlas of the world", year=2019)) == (
        "Mental health atlas of, 2019"
    )


def test_same_author_and_year_get_letters_in_title_order():
    first = w(1, "Hayes", "Andrews", title="Zebra findings")
    second = w(2, "Hayes", "Andrews", title="Apple findings")
    other_year = w(3, "Hayes", "Andrews", year=2021)
    letters = suffixes([first, second, other_year])
    assert letters == {2: "a", 1: "b"}
    index = CitationIndex.build([first, second, other_year])
    assert index.cite(2) == "Hayes & Andrews, 2020a"
    assert index.cite(1) == "Hayes & Andrews, 2020b"
    assert index.cite(3) == "Hayes & Andrews, 2021"
    assert "(2020a)." in index.reference(2)
    assert index.ordered() == [2, 1, 3]


def test_et_al_collision_gets_letters_too():
    a = w(1, "Sened", "Kaduri", "Gamliel", title="B")
    b = w(2, "Sened", "Zilcha-Mano", "Shamay-Tsoory", title="A")
    assert (
        CitationIndex.build([a, b]).cite_many([1, 2])
        == "(Sened et al., 2020b; Sened et al., 2020a)"
    )


def test_authors_text_forms():
    assert authors_text(Work(1, (("Song", "Z."),))) == "Song, Z."
    assert authors_text(Work(1, (("Calder", "A."), ("Hasler", "G.")))) == "Calder, A., & Hasler, G."
    three = Work(1, (("Kleim", "Jeffrey A."), ("Jones", "T."), ("De Villers-Sidani", "É.")))
    assert authors_text(three) == "Kleim, J. A., Jones, T., & De Villers-Sidani, É."
    many = Work(1, tuple((f"Author{i}", "X.") for i in range(1, 23)))
    text = authors_text(many)
    assert text.startswith("Author1, X., Author2, X.,")
    assert "Author19, X., . . . Author22, X." in text
    assert "Author20" not in text


def test_page_ranges_in_full_with_en_dash():
    assert page_range("916-25") == "916–925"
    assert page_range("S225-39") == "S225–S239"
    assert page_range("104 - 112") == "104–112"
    assert page_range("113447") == "113447"
    assert page_range(None) == ""


def test_journal_article_reference():
    work = Work(
        7,
        (("Perry", "J."), ("Bond", "M.")),
        2012,
        "Change in defense mechanisms during long-term dynamic psychotherapy and five-year outcome.",
        "The American journal of psychiatry",
        "169",
        "9",
        "916-25",
        "10.1176/appi.ajp.2012.11091403",
    )
    assert reference(work) == (
        "Perry, J., & Bond, M. (2012). Change in defense mechanisms during long-term dynamic "
        "psychotherapy and five-year outcome. The American Journal of Psychiatry, 169(9), "
        "916–925. https://doi.org/10.1176/appi.ajp.2012.11091403"
    )
    assert "*The American Journal of Psychiatry*, *169*(9)" in reference(work, markdown=True)


def test_reference_without_venue_volume_or_authors():
    chapter = Work(
        1, (("Simpkins", "C."),), 2013, "Neuroplasticity", pages="165-174", type="chapter"
    )
    assert reference(chapter) == "Simpkins, C. (2013). Neuroplasticity (pp. 165–174)."
    bare = Work(2, (), None, "Untitled report", "Some Venue")
    assert reference(bare) == "Untitled report. (n.d.). Some Venue."


def test_apa_order_nothing_precedes_something_then_year():
    solo = w(1, "Hayes", year=2021)
    pair = w(2, "Hayes", "Andrews", year=2019)
    earlier_pair = w(3, "Hayes", "Andrews", year=2018)
    accent = w(4, "Månsson", year=2016)
    mason = w(5, "Mason", year=2017)
    index = CitationIndex.build([mason, accent, pair, solo, earlier_pair])
    assert index.ordered() == [1, 3, 2, 4, 5]


def test_book_and_chapter_forms():
    book = Work(
        1,
        (("Kandel", "E. R."),),
        2006,
        "In search of memory",
        publisher="W. W. Norton",
        type="book",
    )
    assert reference(book) == "Kandel, E. R. (2006). In search of memory. W. W. Norton."
    assert (
        reference(book, markdown=True)
        == "Kandel, E. R. (2006). *In search of memory*. W. W. Norton."
    )
    chapter = Work(
        2,
        (("Simpkins", "C."), ("Simpkins", "A.")),
        2013,
        "Neuroplasticity and neurogenesis",
        "Meditation for therapists",
        pages="165-174",
        doi="10.1007/978-1-4614-4842-6_13",
        publisher="Springer",
        type="CHAP",
    )
    assert reference(chapter, markdown=True) == (
        "Simpkins, C., & Simpkins, A. (2013). Neuroplasticity and neurogenesis. In "
        "*Meditation for therapists* (pp. 165–174). Springer. "
        "https://doi.org/10.1007/978-1-4614-4842-6_13"
    )


def test_markdown_escaping_of_data():
    work = Work(1, (("O_Brien", "A."),), 2020, "Why <b>bold</b> *matters*", "J|x", "3")
    text = reference(
        work, markdown=True, escape=lambda t: t.replace("*", r"\*").replace("<", "&lt;")
    )
    assert "Why &lt;b>bold&lt;/b> \\*matters\\*." in text and "*J|x*, *3*." in text
