"""Each format on small files the tests write: the quirks databases produce, and the
formats Curator names and refuses."""

from __future__ import annotations

import json
import zipfile

import pytest

from curator.core.errors import CuratorError
from curator.core.importers import UnsupportedFormat, detect, import_file, preview


def records(review) -> list[dict]:
    return list(review.db.query("SELECT * FROM record_rows ORDER BY position"))


def write(tmp_path, name: str, content: str | bytes):
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


RIS_QUIRKS = (
    "\ufeffTY  - JOUR\n"
    "AU  - Månsson, Kristoffer N. T.\n"
    "A1  - ignored when AU exists\n"
    "TI  - First record\n"
    "AB  - An abstract that goes on\n"
    "      over a second line\n"
    "DO  - https://doi.org/10.1000/ABC.1\n"
    "PY  - 2016///\n"
    "JO  - J Test\n"
    "ER  - \n"
    "TY - JOUR\n"  # one-space tags
    "TI - Second record\n"
    "M3 - 10.1000/xyz.2\n"
    "AN - 12345\n"
    # no ER: the next TY starts a new record
    "TY  - CHAP\n"
    "T1  - Third record\n"
    "A1  - Smith, J.\n"
    "T2  - A Book\n"
    "SP  - 10\n"
    "EP  - 20\n"
    "PY  - not a year\n"
    "ID  - rec3\n"
)


def test_ris_quirks(review, tmp_path):
    report = import_file(review, write(tmp_path, "quirks.ris", RIS_QUIRKS), "S")
    assert (report.read, report.imported) == (3, 3)
    first, second, third = records(review)
    assert first["doi"] == "10.1000/abc.1" and first["year"] == 2016
    assert first["authors"] == "Månsson, Kristoffer N. T."
    assert first["abstract"] == "An abstract that goes on over a second line"
    assert first["venue"] == "J Test"
    assert second["title"] == "Second record" and second["doi"] == "10.1000/xyz.2"
    assert second["source_id"] == "12345"
    assert third["title"] == "Third record" and third["venue"] == "A Book"
    assert third["pages"] == "10-20" and third["year"] is None and third["source_id"] == "rec3"
    messages = [m for _p, m in report.warnings]
    assert any("no ER line" in m for m in messages)
    assert any("not a year" in m for m in messages)


def test_ris_count_mismatch_is_an_error(review, tmp_path, monkeypatch):
    from curator.core.importers import ris

    monkeypatch.setattr(ris, "parse_records", lambda text: [])
    with pytest.raises(CuratorError, match=r"read 0 records where the file has 1 TY lines"):
        import_file(review, write(tmp_path, "a.ris", "TY  - JOUR\nTI  - x\nER  - \n"), "S")
    assert review.db.execute("SELECT COUNT(*) FROM records").fetchone()[0] == 0


def test_ris_line_endings(review, tmp_path):
    body = "TY  - JOUR\nTI  - Title {n}\nAU  - Doe, J.\nER  - \n"
    text = "".join(body.format(n=n) for n in range(3))
    for name, ending in (("lf.ris", "\n"), ("crlf.ris", "\r\n"), ("cr.ris", "\r")):
        report = import_file(review, write(tmp_path, name, text.replace("\n", ending)), name)
        assert report.read == 3, name
    titles = {r["title"] for r in records(review)}
    assert titles == {"Title 0", "Title 1", "Title 2"}


MEDLINE = """PMID- 11111111
OWN - NLM
TI  - A MEDLINE title that is
      long.
FAU - Andersson, Gerhard
AU  - Andersson G
FAU - Carlbring, Per
DP  - 2019 Mar
JT  - Journal of Things
PT  - Journal Article
PT  - Randomized Controlled Trial
MH  - *Anxiety
AID - 10.1000/med.1 [doi]
PMC - PMC123456

PMID- 22222222
TI  - Second.
LID - 10.1000/med.2 [doi]
"""


def test_medline(review, tmp_path):
    report = import_file(review, write(tmp_path, "pubmed.nbib", MEDLINE), "S")
    assert report.format == "medline" and report.read == 2
    first, second = records(review)
    assert first["pmid"] == first["source_id"] == "11111111"
    assert first["title"] == "A MEDLINE title that is long."
    assert first["authors"] == "Andersson, Gerhard; Carlbring, Per"
    assert (
        first["doi"] == "10.1000/med.1" and first["pmcid"] == "PMC123456" and first["year"] == 2019
    )
    assert json.loads(first["raw"])["_publication_types"] == [
        "Journal Article",
        "Randomized Controlled Trial",
    ]
    assert second["doi"] == "10.1000/med.2"


WOS = """FN Clarivate Analytics Web of Science
VR 1.0
PT J
AU Owen-Smith, J
   Powell, WW
AF Owen-Smith, Jason
   Powell, Walter W.
TI Knowledge networks as channels
   and conduits
SO ORGANIZATION SCIENCE
PY 2004
BP 5
EP 21
DI 10.1287/orsc.1030.0054
UT WOS:000220015600001
ER

PT J
TI Second
UT WOS:2
ER

EF
"""


def test_wos_plain_text(review, tmp_path):
    report = import_file(review, write(tmp_path, "savedrecs.txt", WOS), "S")
    assert report.format == "wos" and report.read == 2
    first = records(review)[0]
    assert first["authors"] == "Owen-Smith, Jason; Powell, Walter W."
    assert first["title"] == "Knowledge networks as channels and conduits"
    assert first["pages"] == "5-21" and first["source_id"] == "WOS:000220015600001"


BIBTEX = r"""@string{jt = "Journal of Tests"}
@article{mansson2016,
  title = {M{\aa}nsson's {\"U}ber study \& more},
  author = {M{\aa}nsson, Kristoffer and M{\"u}ller, J.},
  journal = jt,
  year = {2016},
  pages = {1--10},
  doi = {10.1000/bib.1},
}
@article{broken,
  title = {Unclosed,
  author = {X}
@book{second, title = {Second}, year = 2001}
"""


def test_bibtex_accents_and_failed_blocks(review, tmp_path):
    report = import_file(review, write(tmp_path, "refs.bib", BIBTEX), "S")
    assert report.format == "bibtex"
    rows = records(review)
    first = rows[0]
    assert first["title"] == "Månsson's Über study & more"
    assert first["authors"] == "Månsson, Kristoffer; Müller, J."
    assert first["pages"] == "1-10" and first["source_id"] == "mansson2016"
    assert report.skipped and "cannot be read" in report.skipped[0][1]
    assert report.read == report.imported + len(report.skipped)


def test_csv_known_headers_and_ids(review, tmp_path):
    text = 'record_id,title,abstract,authors,doi,year\n7,"A title, with comma","Line one\nline two","Smith, J.; Doe, A.",10.1/x,2020\n'
    report = import_file(review, write(tmp_path, "asreview.csv", text), "S")
    assert report.format == "csv" and report.read == 1
    row = records(review)[0]
    assert row["source_id"] == "7" and row["title"] == "A title, with comma"
    assert row["abstract"] == "Line one\nline two" and row["authors"] == "Smith, J.; Doe, A."


def test_csv_unknown_columns_need_a_mapping_that_is_saved(review, tmp_path):
    path = write(tmp_path, "odd.csv", "Paper name;Writers;Published\nOdd one;Roe, R.;1999\n")
    with pytest.raises(CuratorError, match="no title column.*'Paper name'"):
        import_file(review, path, "S")
    mapping = {"Paper name": "title", "Writers": "authors", "Published": "year"}
    import_file(review, path, "S", mapping=mapping)
    row = records(review)[0]
    assert (row["title"], row["authors"], row["year"]) == ("Odd one", "Roe, R.", 1999)
    assert review.setting("import.column_mapping") == mapping
    stored = review.db.execute("SELECT column_mapping FROM imports").fetchone()[0]
    assert json.loads(stored) == mapping
    # the saved mapping serves the next file with the same columns
    other = write(tmp_path, "odd2.csv", "Paper name;Writers;Published\nTwo;Poe, E.;2001\n")
    assert import_file(review, other, "S").imported == 1


def test_xlsx(review, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Title", "Authors", "Year", "Source title", "DOI"])
    sheet.append(["From Excel", "Doe, J.; Roe, R.", 2021, "Journal X", "10.1000/xl"])
    path = tmp_path / "scopus.xlsx"
    book.save(path)
    report = import_file(review, path, "S")
    assert report.format == "xlsx" and report.read == 1
    row = records(review)[0]
    assert (row["title"], row["year"], row["venue"], row["doi"]) == (
        "From Excel",
        2021,
        "Journal X",
        "10.1000/xl",
    )


ENDNOTE = """<?xml version="1.0" encoding="UTF-8"?><xml><records>
<record><rec-number>42</rec-number><ref-type name="Journal Article">17</ref-type>
<contributors><authors><author><style face="normal" font="default" size="100%">Smith, </style><style face="bold">John</style></author>
<author><style>Doe, A.</style></author></authors></contributors>
<titles><title><style face="normal">Nested </style><style face="italic">style</style> title</title>
<secondary-title><style>Journal Y</style></secondary-title></titles>
<dates><year><style>2015</style></year></dates>
<electronic-resource-num><style>10.1000/en.1</style></electronic-resource-num>
<keywords><keyword><style>one</style></keyword><keyword><style>two</style></keyword></keywords>
</record></records></xml>"""


def test_endnote_xml(review, tmp_path):
    report = import_file(review, write(tmp_path, "library.xml", ENDNOTE), "S")
    assert report.format == "endnote-xml" and report.read == 1
    row = records(review)[0]
    assert row["source_id"] == "42" and row["title"] == "Nested style title"
    assert row["authors"] == "Smith, John; Doe, A." and row["venue"] == "Journal Y"
    assert row["doi"] == "10.1000/en.1" and json.loads(row["keywords"]) == ["one", "two"]


def test_endnote_xml_entity_bomb_is_refused(review, tmp_path):
    bomb = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]><xml><records><record><titles><title>&b;</title></titles></record></records></xml>'
    with pytest.raises(CuratorError, match="library.xml"):
        import_file(review, write(tmp_path, "library.xml", bomb), "S")


def test_csl_json(review, tmp_path):
    items = [{"id": "item1", "type": "article-journal", "title": "CSL title",
              "author": [{"family": "Doe", "given": "Jane"}, {"literal": "WHO"}],
              "issued": {"date-parts": [[2019, 5]]}, "container-title": "J", "DOI": "10.1000/csl"}]  # fmt: skip
    report = import_file(review, write(tmp_path, "items.json", json.dumps(items)), "S")
    assert report.format == "csl-json"
    row = records(review)[0]
    assert (row["source_id"], row["title"], row["authors"], row["year"]) == (
        "item1",
        "CSL title",
        "Doe, Jane; WHO",
        2019,
    )


def test_refer_and_ovid(review, tmp_path):
    refer = "%0 Journal Article\n%A Doe, Jane\n%A Roe, R.\n%T Refer title\n%J J Refer\n%D 2003\n\n%0 Book\n%T Second\n"
    report = import_file(review, write(tmp_path, "refs.enw", refer), "Refer")
    assert report.format == "refer" and report.read == 2
    ovid = "<1. >\nVN  - Ovid Technologies\nDB  - Ovid MEDLINE(R)\nUI  - 30000001\nTI  - Ovid title\nAU  - Doe J\nYR  - 2018\nDO  - https://dx.doi.org/10.1000/ovid\n\n<2. >\nTI  - Second ovid\n"
    report = import_file(review, write(tmp_path, "ovid.cgi", ovid), "Ovid")
    assert report.format == "ovid" and report.read == 2
    row = [r for r in records(review) if r["title"] == "Ovid title"][0]
    assert (row["pmid"], row["doi"], row["year"]) == ("30000001", "10.1000/ovid", 2018)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("paper.pdf", b"%PDF-1.7\n...", "a PDF document"),
        ("page.ris", "<!DOCTYPE html><html><body>hi</body></html>", "HTML web page"),
        (
            "pubmed.xml",
            '<?xml version="1.0"?><PubmedArticleSet><PubmedArticle/></PubmedArticleSet>',
            "PubMed XML",
        ),
        ("notes.txt", "just some words\nwith no structure\n", "not a citation format"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "legacy Microsoft Office"),
    ],
)
def test_unsupported_formats_are_named(review, tmp_path, name, content, message):
    with pytest.raises(CuratorError, match=message):
        import_file(review, write(tmp_path, name, content), "S")


def test_word_document_is_named(tmp_path):
    path = tmp_path / "refs.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    with pytest.raises(UnsupportedFormat, match="Word document"):
        detect(path)


def test_detection_ignores_the_extension(tmp_path):
    path = write(tmp_path, "export.txt", MEDLINE)
    assert detect(path).format == "medline"
    path = write(tmp_path, "really_ris.csv", "TY  - JOUR\nTI  - x\nER  - \n")
    assert detect(path).format == "ris"


def test_preview_reads_only_the_first_records(tmp_path):
    text = "".join(f"TY  - JOUR\nTI  - Title {n}\nER  - \n" for n in range(50))
    detected, first = preview(write(tmp_path, "many.ris", text), limit=3)
    assert detected.format == "ris" and [c.title for c in first] == [
        "Title 0",
        "Title 1",
        "Title 2",
    ]


def test_ris_continuation_lines_rispy_would_crash_on(review, tmp_path):
    text = (
        "TY  - JOUR\nTI  - One\nL2  - http://a\nL2  - http://b\n\n   continued\nER  - \n"
        "TY  - JOUR\n  stray text before any tag\nTI  - Two\nER  - \n"
    )
    report = import_file(review, write(tmp_path, "odd.ris", text), "S")
    assert report.read == 2
    first, second = records(review)
    assert json.loads(first["raw"])["L2"] == ["http://a", "http://b continued"]
    assert second["title"] == "Two" and any(
        "before the first tag" in m for _p, m in report.warnings
    )


def test_ris_records_across_chunk_boundaries(tmp_path):
    from curator.core.importers import ris

    body = "".join(
        f"TY  - JOUR\nTI  - Title {n}\nAB  - {'word ' * 50}\nL2  - a\nL2  - b\nER  - \n"
        for n in range(200)
    )
    path = write(tmp_path, "chunks.ris", body)
    with path.open(encoding="utf-8") as handle:
        batches = list(ris.iter_batches(handle, chunk_chars=997))
    pieces = [p for batch in batches for p in batch]
    assert len(pieces) == 200 and all("\n\n" not in p for p in pieces)
    assert "".join(pieces) == body


def test_trailing_empty_cells_are_not_warnings(review, tmp_path):
    # Web of Science tab-delimited rows end with a tab: an empty cell beyond the last column.
    path = write(
        tmp_path, "savedrecs.txt", "PT\tAU\tTI\tPY\tUT\t\nJ\tDoe, J\tA title\t2001\tWOS:1\t\t\n"
    )
    report = import_file(review, path, "S")
    assert report.format == "tsv" and report.read == 1 and report.warnings == []
    row = records(review)[0]
    assert (row["title"], row["source_id"], row["year"]) == ("A title", "WOS:1", 2001)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Smith, J.; Doe, A.", ["Smith, J.", "Doe, A."]),
        ("Liu R., Adler D.G.", ["Liu R.", "Adler D.G."]),
        ("Massimo Aria|Corrado Cuccurullo", ["Massimo Aria", "Corrado Cuccurullo"]),
        (
            "Joseph Rottman, Erran Carmel, Mary Lacity",
            ["Joseph Rottman", "Erran Carmel", "Mary Lacity"],
        ),
        ("['Marx, Karl', 'Lindgren, Astrid']", ["Marx, Karl", "Lindgren, Astrid"]),
        ("van Dijk, Jan", ["van Dijk, Jan"]),
        ("Smith, John", ["Smith, John"]),
        ("Kogge P. (57193781925); Shalf J. (7004345522)", ["Kogge P.", "Shalf J."]),
    ],
)
def test_csv_author_lists(value, expected):
    from curator.core.importers.tabular import split_authors

    assert split_authors(value) == expected


def test_bibtex_in_batches_keeps_strings_and_line_numbers(review, tmp_path, monkeypatch):
    from curator.core.importers import bibtex

    monkeypatch.setattr(bibtex, "BATCH_ENTRIES", 7)
    entries = "".join(
        f"@article{{k{n},\n  title = {{Title {n}}},\n  journal = jt,\n  year = {{2000}}\n}}\n"
        for n in range(30)
    )
    text = (
        '@string{jt = "Journal of Tests"}\n'
        + entries
        + "@article{bad,\n  title = {x\n\n@article{last, title = {Last}}\n"
    )
    report = import_file(review, write(tmp_path, "big.bib", text), "S")
    rows = records(review)
    assert [r["source_id"] for r in rows[:30]] == [f"k{n}" for n in range(30)]
    assert {r["venue"] for r in rows[:30]} == {"Journal of Tests"}
    assert rows[-1]["source_id"] == "last" and report.read == 32
    bad_line = 2 + 30 * 5  # the line of "@article{bad,"
    assert report.skipped == [
        (31, f"BibTeX block at line {bad_line} cannot be read (BlockAbortedException)")
    ]
    assert json.loads(rows[5]["raw"])["_line"] == 2 + 5 * 5


def test_csl_json_streams_items_across_chunks(review, tmp_path, monkeypatch):
    from curator.core.importers import structured

    monkeypatch.setattr(structured, "CHUNK", 64)
    items = [
        {"id": f"i{n}", "title": f"Title {n} " + "x" * (n * 7), "type": "article"}
        for n in range(40)
    ]
    report = import_file(review, write(tmp_path, "many.json", json.dumps(items, indent=1)), "S")
    assert report.read == 40
    assert [r["source_id"] for r in records(review)] == [f"i{n}" for n in range(40)]
    wrapped = write(tmp_path, "wrapped.json", json.dumps({"items": items[:2]}))
    assert import_file(review, wrapped, "S2").read == 2
