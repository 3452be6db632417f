"""What each record export holds: unique stable keys, every field Curator keeps (publisher,
ISSN, editors, notes, keywords), the journal where Zotero and EndNote look, brace-protected
BibTeX, ASReview's labels, and the selections (papers, stage, the Library's ids)."""

from __future__ import annotations

import csv
import json

import bibtexparser
import pytest
import rispy

from curator.core.demo import build_demo
from curator.core.errors import CuratorError
from curator.core.importers import import_file
from curator.core.report.record_export import count, export
from curator.core.report.record_writers import bibtex_name, entry_keys, latex_escape
from curator.core.screening.decisions import record_decision

RIS = """TY  - JOUR
TI  - A Bayesian model of Petri nets
AU  - van de Schoot, Rens
AU  - Phillips J.C.
ED  - Editor, Ed
PY  - 2020
JO  - Clinical Psychology Review
VL  - 3
SP  - 10
EP  - 20
PB  - Elsevier
SN  - 0272-7358
N1  - Read twice
KW  - bayes
DO  - 10.1000/x1
ER  -
TY  - JOUR
TI  - Second paper
AU  - Doe, Jane
PY  - 2021
JO  - Journal
ER  -
"""


@pytest.fixture
def imported(review, tmp_path):
    path = tmp_path / "in.ris"
    path.write_text(RIS, encoding="utf-8")
    import_file(review, path, "S")
    return review


def test_csl_json_holds_every_field(imported, tmp_path):
    export(imported, "records", "csljson", tmp_path / "o.json")
    item = json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))[0]
    assert item["publisher"] == "Elsevier" and item["ISSN"] == "0272-7358"
    assert item["editor"] == [{"family": "Editor", "given": "Ed"}]
    assert item["note"] == "Read twice" and item["keyword"] == "bayes"
    assert item["author"][1] == {"family": "Phillips", "given": "J.C."}
    export(imported, "papers", "csljson", tmp_path / "p.json")
    paper = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))[0]
    assert (paper["publisher"], paper["ISSN"], paper["editor"][0]["family"]) == (
        "Elsevier",
        "0272-7358",
        "Editor",
    )


def test_ris_has_the_journal_in_jo_and_t2_and_the_same_fields(imported, tmp_path):
    export(imported, "records", "ris", tmp_path / "o.ris")
    entry = rispy.load(tmp_path / "o.ris", encoding="utf-8")[0]
    assert entry["journal_name"] == entry["secondary_title"] == "Clinical Psychology Review"
    assert (entry["publisher"], entry["issn"], entry["notes"]) == (
        "Elsevier",
        "0272-7358",
        ["Read twice"],
    )
    assert entry["authors"] == ["van de Schoot, Rens", "Phillips, J.C."]


def test_bibtex_protects_case_and_names(imported, tmp_path):
    export(imported, "records", "bibtex", tmp_path / "o.bib")
    text = (tmp_path / "o.bib").read_text(encoding="utf-8")
    assert "title = {{A Bayesian model of Petri nets}}" in text
    assert "{van de Schoot}, Rens and Phillips, J.C." in text
    entry = bibtexparser.parse_string(text).entries[0]
    assert (entry["publisher"], entry["issn"], entry["note"]) == (
        "Elsevier",
        "0272-7358",
        "Read twice",
    )


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("50% & co_2 #1", r"50\% \& co\_2 \#1"),
        ("AUD$510-$544", r"AUD\$510-\$544"),
        (r"the $\beta$ cell and $Ca^{2+}$", r"the $\beta$ cell and $Ca^{2+}$"),
        ("''quoted'' -- a~b", r"'{}'quoted'{}' -{}- a\textasciitilde{}b"),
        ("one { open", "one ( open"),
    ],
)
def test_latex_escaping_is_only_where_needed(text, written):
    assert latex_escape(text) == written


def test_bibtex_names():
    assert bibtex_name("van de Schoot, Rens") == "{van de Schoot}, Rens"
    assert bibtex_name("Phillips J.C.") == "Phillips, J.C."
    assert bibtex_name("World Health Organization, ") == "{World Health Organization}"
    assert bibtex_name("[No author name available]") == "{[No author name available]}"
    assert bibtex_name("Centre X, 2325, rue Y") == "{Centre X}, {2325, rue Y}"


def test_keys_are_unique_and_stable():
    rows = [
        {"source_id": "same", "record_id": 1, "authors": ["Doe, J."], "year": 2020},
        {"source_id": "same", "record_id": 2, "authors": ["Doe, J."], "year": 2020},
        {"source_id": "own-key", "record_id": 3, "authors": [], "year": None},
        {"source_id": None, "paper_id": 7, "authors": ["Müller, K."], "year": 2019},
        {"source_id": "Doe2020-r1", "record_id": 4, "authors": [], "year": None},
    ]
    keys = entry_keys(rows)
    assert keys == ["Doe2020-r1", "Doe2020-r2", "own-key", "Muller2019-p7", "Doe2020-r1-2"]
    assert entry_keys(rows) == keys and len(set(keys)) == len(keys)


def test_scopus_csv_without_keys_gets_unique_csl_ids(review, tmp_path, shared_fixtures):
    import_file(review, shared_fixtures / "formats/litstudy/scopus.csv", "Scopus")
    assert export(review, "records", "csljson", tmp_path / "o.json") == 58
    ids = [item["id"] for item in json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))]
    assert len(set(ids)) == 58


def test_the_demo_exports_its_papers(tmp_path):
    with build_demo(tmp_path / "d.curator") as demo:
        assert export(demo, "records", "ris", tmp_path / "r.ris") == 0
        assert export(demo, "papers", "ris", tmp_path / "p.ris") == 34
        assert len(rispy.load(tmp_path / "p.ris", encoding="utf-8")) == 34


def test_selection_by_stage_ids_and_asreview_labels(imported, tmp_path):
    ids = [r[0] for r in imported.db.execute("SELECT id FROM papers ORDER BY id")]
    record_decision(imported, ids[0], "title_abstract", "include")
    record_decision(imported, ids[1], "title_abstract", "exclude")
    assert count(imported, "included", "title_abstract") == 1
    assert count(imported, "included", "full_text") == 0
    assert count(imported, "excluded", "title_abstract") == 1
    assert count(imported, "papers", paper_ids=[ids[1]]) == 1
    assert export(imported, "papers", "asreview", tmp_path / "a.csv", stage="title_abstract") == 2
    rows = list(csv.DictReader((tmp_path / "a.csv").open(encoding="utf-8")))
    assert [(r["title"], r["label_included"]) for r in rows] == [
        ("A Bayesian model of Petri nets", "1"),
        ("Second paper", "0"),
    ]
    export(imported, "papers", "asreview", tmp_path / "b.csv")  # final decision: not yet
    assert [r["label_included"] for r in csv.DictReader((tmp_path / "b.csv").open())] == ["", "0"]
    assert export(imported, "papers", "ris", tmp_path / "one.ris", paper_ids=[ids[0]]) == 1


def test_bad_stage_changes_nothing(imported, tmp_path):
    with pytest.raises(CuratorError, match="unknown stage"):
        export(imported, "included", "ris", tmp_path / "x.ris", stage="later")
    assert not (tmp_path / "x.ris").exists()


def test_existing_file_is_replaced_whole(imported, tmp_path):
    out = tmp_path / "o.ris"
    out.write_text("old", encoding="utf-8")
    export(imported, "records", "ris", out)
    assert out.read_text(encoding="utf-8").startswith("TY  - JOUR")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
