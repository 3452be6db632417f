"""Exports: every selection in every format, and a hypothesis round trip (export, then import
the export into a fresh review: the fields survive)."""

from __future__ import annotations

import csv
import json
import shutil
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curator.core.importers import import_file
from curator.core.importers.base import Citation
from curator.core.importers.writer import BulkWriter
from curator.core.report.record_export import CITATION_FORMATS, EXPORT_FORMATS, export
from curator.core.review import Review
from curator.core.screening.decisions import record_decision

FIELDS = ("title", "authors", "year", "venue", "volume", "issue", "pages", "doi", "abstract")


def seed(review: Review, citations: list[Citation]) -> list[int]:
    with review.atomic():
        review.db.execute("INSERT INTO searches (name, created_at) VALUES ('seed', 'now')")
        review.db.execute(
            "INSERT INTO imports (search_id, file_name, sha256, format, imported_at) "
            "VALUES (1, 'seed.ris', ?, 'ris', 'now')",
            (uuid.uuid4().hex,),
        )
        writer = BulkWriter(review, 1)
        ids = writer.write(citations)
        writer.finish()
    return ids


def test_csv_has_one_row_per_record_with_ids(review, tmp_path):
    path = tmp_path / "refs.ris"
    path.write_text(
        "TY  - JOUR\nID  - src-1\nTI  - One\nAU  - Doe, J.\nPY  - 2001\nJO  - J\nDO  - 10.1000/one\nAN  - 999\nDB  - PubMed\nER  - \n",
        encoding="utf-8",
    )
    report = import_file(review, path, "S")
    out = tmp_path / "out.csv"
    assert export(review, "records", "csv", out) == 1
    (row,) = csv.DictReader(out.open(encoding="utf-8"))
    assert row["source_id"] == "src-1" and row["paper_id"] == str(report.paper_ids[0])
    assert (row["title"], row["authors"], row["year"], row["venue"], row["doi"], row["pmid"]) == (
        "One",
        "Doe, J.",
        "2001",
        "J",
        "10.1000/one",
        "999",
    )


def test_included_and_excluded_papers(review, tmp_path):
    ids = seed(
        review, [Citation(position=n, title=f"Paper {n}", authors=["Doe, Jane"]) for n in (1, 2, 3)]
    )
    reasons = review.db.execute(
        "SELECT id FROM exclusion_reasons WHERE stage = 'title_abstract'"
    ).fetchone()[0]
    record_decision(review, ids[0], "title_abstract", "include")
    record_decision(review, ids[0], "full_text", "include")
    record_decision(review, ids[1], "title_abstract", "exclude", reason_id=reasons)
    for fmt in EXPORT_FORMATS:
        assert export(review, "included", fmt, tmp_path / f"inc.{fmt}") == 1
        assert export(review, "excluded", fmt, tmp_path / f"exc.{fmt}") == 1
    items = json.loads((tmp_path / "inc.csljson").read_text(encoding="utf-8"))
    assert items[0]["title"] == "Paper 1" and items[0]["author"] == [
        {"family": "Doe", "given": "Jane"}
    ]


def test_exports_are_deterministic(review, tmp_path):
    seed(review, [Citation(position=n, title=f"P{n}", year=2000 + n) for n in (1, 2)])
    for fmt in EXPORT_FORMATS:
        export(review, "records", fmt, tmp_path / f"a.{fmt}")
        export(review, "records", fmt, tmp_path / f"b.{fmt}")
        assert (tmp_path / f"a.{fmt}").read_bytes() == (tmp_path / f"b.{fmt}").read_bytes()


# -- the round-trip property -----------------------------------------------------------------
_letters = st.characters(whitelist_categories=("Lu", "Ll", "Nd"), max_codepoint=0x2FF)
word = st.text(_letters, min_size=1, max_size=10)
phrase = st.lists(word, min_size=1, max_size=6).map(" ".join)
punctuated = st.tuples(
    phrase, st.sampled_from(["", ":", "?", " & co", " (2nd ed.)", "'s", " 50%", " -"]), phrase
).map(lambda t: f"{t[0]}{t[1]} {t[2]}")
family = st.text(
    st.characters(whitelist_categories=("Lu", "Ll"), max_codepoint=0x2FF), min_size=2, max_size=12
)
author = st.tuples(family, st.sampled_from(["J.", "Anna", "K. N. T.", "Jean-Paul"])).map(
    lambda t: f"{t[0]}, {t[1]}"
)
citation = st.builds(
    Citation,
    title=punctuated,
    authors=st.lists(author, min_size=1, max_size=4),
    year=st.integers(1900, 2030),
    venue=phrase,
    volume=st.integers(1, 400).map(str),
    issue=st.integers(1, 12).map(str),
    pages=st.tuples(st.integers(1, 500), st.integers(1, 50)).map(lambda t: f"{t[0]}-{t[0] + t[1]}"),
    doi=st.tuples(st.integers(1000, 99999), word).map(lambda t: f"10.{t[0]}/{t[1].lower()}"),
    abstract=st.lists(phrase, min_size=1, max_size=3).map(". ".join),
)


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("rt") / "template.curator"
    Review.create(path).close()
    return path


@pytest.mark.parametrize("fmt", CITATION_FORMATS)
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(items=st.lists(citation, min_size=1, max_size=4))
def test_export_then_import_keeps_the_fields(fmt, items, template, tmp_path):
    run = tmp_path / uuid.uuid4().hex
    run.mkdir()
    for n, item in enumerate(items, 1):
        item.position = n
    shutil.copy(template, run / "a.curator")
    shutil.copy(template, run / "b.curator")
    with Review.open(run / "a.curator") as source:
        seed(source, items)
        export(source, "records", fmt, run / f"out.{fmt}")
        before = [
            dict(r)
            for r in source.db.query(
                f"SELECT {', '.join(FIELDS)} FROM record_rows ORDER BY position"
            )
        ]
    with Review.open(run / "b.curator") as target:
        report = import_file(target, run / f"out.{fmt}", "round trip")
        after = [
            dict(r)
            for r in target.db.query(
                f"SELECT {', '.join(FIELDS)} FROM record_rows ORDER BY position"
            )
        ]
    assert report.read == len(items)
    assert after == before
