"""Every real export file in ../shared/fixtures imports with the manifest's record count."""

from __future__ import annotations

import csv
import hashlib
import json

import pytest

from curator.core.importers import detect, import_file
from curator.core.importers.detect import Reading
from curator.core.importers.writer import full_raw
from tests.conftest import SHARED_FIXTURES

# Where the manifest's independent count is not the number of records in the file.
COUNT_FIXES = {
    # The manifest counts %0 lines; 4 of the 6 Refer records (blank-line separated) have none.
    "formats/colrev_sources/ais_enl.txt": 6,
}
EXPECTED_FORMAT = {
    "ris": "ris",
    "medline/nbib": "medline",
    "wos-plaintext": "wos",
    "bibtex": "bibtex",
    "csv": "csv",
    "tsv": "tsv",
    "endnote-xml": "endnote-xml",
    "ovid-tagged": "ovid",
    "endnote-tagged(%)": "refer",
    "other": "medline",  # ERIC .nbib: MEDLINE tags without PMID
}


def _rows() -> list[dict]:
    manifest = SHARED_FIXTURES / "manifest.csv"
    if not manifest.is_file():
        return [{"file": "absent", "format": "", "records": "0"}]
    with manifest.open(encoding="utf-8") as handle:
        return [
            row
            for row in csv.DictReader(handle)
            if row["file"].startswith("formats/") or row["format"] == "endnote-xml"
        ]


@pytest.mark.parametrize("row", _rows(), ids=lambda row: row["file"])
def test_real_file_imports_with_its_record_count(row, shared_fixtures, review):
    path = shared_fixtures / row["file"]
    report = import_file(review, path, "Search")
    expected = COUNT_FIXES.get(row["file"], int(row["records"]))
    assert report.read == expected
    assert report.format == EXPECTED_FORMAT[row["format"]]
    assert report.imported + len(report.skipped) == report.read
    stored = review.db.execute("SELECT COUNT(*) FROM records").fetchone()[0]
    assert stored == report.imported
    assert review.db.execute("SELECT COUNT(*) FROM papers").fetchone()[0] == report.imported
    imported = review.db["imports"].get(report.import_id)
    assert imported["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert imported["records_read"] == expected


def _records(review) -> list[dict]:
    return list(review.db.query("SELECT * FROM record_rows ORDER BY position"))


@pytest.mark.parametrize(
    ("name", "position", "expected"),
    [
        (
            "formats/asreview_demo/_baseline.ris",
            1,
            {"source_id": "000-463-679-101-319", "year": 2012, "doi": "10.1007/s11307-012-0572-0"},
        ),
        (
            "formats/asreview_demo/pubmed_endnote.txt",
            1,
            {"pmid": "21553931", "doi": "10.2165/11586800-000000000-00000"},
        ),
        (
            "formats/colrev_sources/psycinfo_ris.ris",
            1,
            {"title": "Primary Title", "pmid": "33355555", "source_id": "2020-55555-005"},
        ),
        (
            "formats/synthesisr/PubMed_example.txt",
            1,
            {
                "pmid": "28441597",
                "doi": "10.1016/j.scitotenv.2017.04.075",
                "year": 2017,
                "venue": "The Science of the total environment",
            },
        ),
        (
            "formats/wosfile/wos_plaintext.txt",
            1,
            {"source_id": "WOS:000220015600001", "doi": "10.1287/orsc.1030.0054", "year": 2004},
        ),
        (
            "formats/oa_expertsearch/Embase_citavi_r3001-3002.ovd",
            1,
            {"source_id": "621381829", "doi": "10.1186/s12919-018-0099-8", "year": 2018},
        ),
        (
            "formats/misc/bibtexparser_gbk_test.bib",
            1,
            {"authors": "凯撒", "venue": "测试期刊", "source_id": "凯撒2013"},
        ),
        ("formats/colrev_sources/pubmed_csv.csv", 1, {}),
        ("formats/wosfile/wos_tab_delimited_win_utf16.txt", 1, {"doi": "10.1287/orsc.1030.0054"}),
    ],
)
def test_real_file_fields(shared_fixtures, review, name, position, expected):
    import_file(review, shared_fixtures / name, "Search")
    record = _records(review)[position - 1]
    assert record["title"]
    for key, value in expected.items():
        assert record[key] == value, key


def test_gbk_bibtex_is_read_as_gbk(shared_fixtures, review):
    report = import_file(review, shared_fixtures / "formats/misc/bibtexparser_gbk_test.bib", "S")
    assert report.encoding == "gbk"


def test_multi_line_and_bare_cr_fields(shared_fixtures, review):
    import_file(review, shared_fixtures / "formats/rispy_edge/example_multiline.ris", "S")
    abstracts = [r["abstract"] for r in _records(review)]
    assert all("last line" in (a or "") for a in abstracts)
    # rispy_edge/example_multiline's third record has continuation lines without indent.
    assert "second line" in abstracts[2]


def test_dedup_endnote_xml_keeps_rec_numbers(shared_fixtures, review):
    report = import_file(
        review, shared_fixtures / "dedup/rathbone_2015/stroke/stroke_endnote.xml.gz", "S"
    )
    assert report.read == 1292
    first = _records(review)[0]
    assert first["source_id"] and first["title"] and first["authors"]


@pytest.mark.parametrize("row", _rows(), ids=lambda row: row["file"])
def test_raw_fields_come_back_whole(row, shared_fixtures, review):
    """`raw` stores only what no column holds; `full_raw` gives back every field the reader
    produced, value for value (the abstract and title are not stored a third time)."""
    path = shared_fixtures / row["file"]
    import_file(review, path, "Search")
    with Reading(detect(path)) as reading:
        read = {
            c.position: json.loads(json.dumps(c.raw, ensure_ascii=False, default=str))
            for c in reading.citations
        }
    stored = _records(review)
    for record in stored:
        assert full_raw(record) == read[record["position"]], record["position"]
        if record["abstract"] and len(record["abstract"]) > 40:
            assert record["abstract"] not in record["raw"]
