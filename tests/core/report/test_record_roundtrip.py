"""Round trips of every record export through the readers other tools use: rispy (RIS),
bibtexparser 2 and pybtex (BibTeX), pandoc (BibTeX, BibLaTeX and CSL-JSON) and citeproc-py
(CSL-JSON), on the demo's papers and on real fixture imports. Record counts, titles (case
kept), authors, year, DOI, venue and abstract must come back as Curator holds them.

What the comparison forgives, because it is the reader's typography and not a loss: pandoc's
curly quotes for straight ones and its "J. C." for "J.C."; pybtex's plain-text renderer leaving
`\\$` as written. TeX math (`$\\beta$`) is written as math: bibtexparser gives it back as
written, pandoc and pybtex typeset it, so those two are not compared on fields that hold math.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import bibtexparser
import pybtex.database
import pytest
import rispy
from bibtexparser import middlewares
from citeproc.source.json import CiteProcJSON
from pybtex.richtext import Text

from curator.core.demo import build_demo
from curator.core.importers import import_file
from curator.core.report.record_export import entries, export
from curator.core.report.record_writers import _person
from curator.core.review import Review
from tests.conftest import SHARED_FIXTURES

FIXTURES = SHARED_FIXTURES / "formats"
FILES = (
    "litstudy/scopus.csv",  # Scopus CSV: 56 records without a source key
    "colrev_sources/scopus_bib.bib",
    "citesource_gambling/20221207_gambling-harms_pubmed_176.ris",
    "asysd/wos_test.ris",
    "colrev_sources/ieee_ris.ris",
    "bibliometrix/wos_sample.txt",
    "asreview_demo/baseline_tag-notes.ris",
)
FIELDS = ("title", "authors", "year", "doi", "venue", "abstract")
_QUOTES = str.maketrans(dict.fromkeys('\u2018\u2019\u201c\u201d"', "'"))
_MATH = re.compile(r"\$[^$]*[\\^_{][^$]*\$")


def _text(value) -> str:
    return " ".join(str(value).translate(_QUOTES).split()) if value not in (None, "") else ""


def _given(value: str) -> str:
    return _text(value).replace(". ", ".")


def _unbrace(value: str) -> str:
    return value.replace("{", "").replace("}", "")


def _item(title, authors, year, doi, venue, abstract) -> dict:
    return {
        "title": _text(title),
        "authors": [(_text(f), _given(g)) for f, g in authors],
        "year": _text(year),
        "doi": _text(doi),
        "venue": _text(venue),
        "abstract": _text(abstract),
    }


def expected(review: Review, what: str) -> list[dict]:
    return [
        _item(r["title"], [_person(a) for a in r["authors"]], r["year"], r.get("doi"),
              r.get("venue"), r.get("abstract"))
        for r in entries(review, what)
    ]  # fmt: skip


def read_rispy(path: Path) -> list[dict]:
    return [
        _item(e.get("title") or e.get("primary_title"), [_person(a) for a in e.get("authors", [])],
              e.get("year"), e.get("doi"), e.get("journal_name") or e.get("secondary_title"),
              e.get("abstract"))
        for e in rispy.load(path, encoding="utf-8")
    ]  # fmt: skip


def read_bibtexparser(path: Path) -> list[dict]:
    library = bibtexparser.parse_file(
        str(path),
        append_middleware=[
            middlewares.SeparateCoAuthors(),
            middlewares.SplitNameParts(),
            middlewares.LatexDecodingMiddleware(),
        ],
    )
    assert not library.failed_blocks
    out = []
    for entry in library.entries:
        f = {field.key: field.value for field in entry.fields}
        authors = [
            (_unbrace(" ".join(n.von + n.last)), _unbrace(" ".join(n.first)))
            for n in f.get("author", [])
        ]
        out.append(_item(f.get("title"), authors, f.get("year"), f.get("doi"),
                         f.get("journal") or f.get("booktitle") or f.get("institution"),
                         f.get("abstract")))  # fmt: skip
    return out


def read_pybtex(path: Path) -> list[dict]:
    data = pybtex.database.parse_file(str(path), bib_format="bibtex")
    out = []
    for entry in data.entries.values():
        f = entry.fields

        def text(*names: str, f=f) -> str:
            for name in names:
                if name in f:
                    return Text.from_latex(f[name]).render_as("text").replace("\\$", "$")
            return ""

        authors = [
            (_unbrace(" ".join(p.prelast_names + p.last_names)),
             _unbrace(" ".join(p.first_names + p.middle_names)))
            for p in entry.persons.get("author", [])
        ]  # fmt: skip
        out.append(_item(text("title"), authors, f.get("year"), f.get("doi"),
                         text("journal", "booktitle", "institution"), text("abstract")))  # fmt: skip
    return out


def _csl(items: list[dict]) -> list[dict]:
    out = []
    for i in items:
        authors = [
            (" ".join(x for x in (a.get("non-dropping-particle"), a.get("family")) if x)
             or a.get("literal", ""), a.get("given", ""))
            for a in i.get("author", [])
        ]  # fmt: skip
        year = i.get("issued", {}).get("date-parts", [[""]])[0][0]
        out.append(_item(i.get("title"), authors, year, i.get("DOI"), i.get("container-title"),
                         i.get("abstract")))  # fmt: skip
    return out


def read_pandoc(path: Path, fmt: str) -> list[dict]:
    assert shutil.which("pandoc"), "pandoc is a test requirement (.ci/run installs it)"
    done = subprocess.run(
        ["pandoc", str(path), "-f", fmt, "-t", "csljson"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert not done.stderr.strip(), done.stderr
    return _csl(json.loads(done.stdout))


def read_citeproc(path: Path) -> list[dict]:
    items = json.loads(path.read_text(encoding="utf-8"))
    source = CiteProcJSON(items)
    out = []
    for item in items:
        ref = source[item["id"].lower()]
        issued = ref.get("issued")
        authors = [
            (a.get("family", "") or a.get("literal", ""), a.get("given", ""))
            for a in ref.get("author", [])
        ]
        out.append(_item(ref.get("title"), authors, issued.year if issued else "",
                         ref.get("DOI"), ref.get("container_title"), ref.get("abstract")))  # fmt: skip
    return out


READERS = {
    "rispy": ("ris", read_rispy),
    "bibtexparser": ("bibtex", read_bibtexparser),
    "pybtex": ("bibtex", read_pybtex),
    "pandoc-bibtex": ("bibtex", lambda p: read_pandoc(p, "bibtex")),
    "pandoc-biblatex": ("bibtex", lambda p: read_pandoc(p, "biblatex")),
    "pandoc-csljson": ("csljson", lambda p: read_pandoc(p, "csljson")),
    "citeproc-py": ("csljson", read_citeproc),
}
TYPESETS_MATH = {"pybtex", "pandoc-bibtex", "pandoc-biblatex"}


def differences(reader: str, before: list[dict], after: list[dict]) -> list[str]:
    assert len(after) == len(before), f"{reader}: {len(after)} entries read, {len(before)} written"
    found = []
    for n, (want, got) in enumerate(zip(before, after, strict=True)):
        for name in FIELDS:
            if reader in TYPESETS_MATH and _MATH.search(str(want[name])):
                continue
            if want[name] != got[name]:
                found.append(f"entry {n} {name}: {want[name]!r} read back as {got[name]!r}")
    return found


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.curator"
    build_demo(path).close()
    return path


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> Path:
    if not FIXTURES.is_dir():
        pytest.skip("../shared/fixtures is absent")
    path = tmp_path_factory.mktemp("fixtures") / "f.curator"
    Review.create(path).close()
    with Review.open(path) as review:
        for name in FILES:
            import_file(review, FIXTURES / name, name)
    return path


@pytest.mark.parametrize("reader", READERS)
def test_demo_papers_round_trip(reader, demo, tmp_path):
    fmt, read = READERS[reader]
    with Review.open(demo) as review:
        before = expected(review, "papers")
        assert export(review, "papers", fmt, tmp_path / f"out.{fmt}") == 34
    assert differences(reader, before, read(tmp_path / f"out.{fmt}")) == []


@pytest.mark.slow
@pytest.mark.parametrize("reader", READERS)
def test_fixture_records_round_trip(reader, imported, tmp_path):
    fmt, read = READERS[reader]
    with Review.open(imported) as review:
        before = expected(review, "records")
        assert export(review, "records", fmt, tmp_path / f"out.{fmt}") == len(before) > 300
    assert differences(reader, before, read(tmp_path / f"out.{fmt}")) == []


def test_math_is_written_as_math_and_bibtexparser_keeps_it(imported, tmp_path):
    with Review.open(imported) as review:
        export(review, "records", "bibtex", tmp_path / "out.bib")
        before = expected(review, "records")
    with_math = [n for n, item in enumerate(before) if _MATH.search(item["abstract"])]
    assert with_math  # the Scopus BibTeX holds "$\beta$" and "$Ca^{2+}$"
    after = read_bibtexparser(tmp_path / "out.bib")
    assert [after[n]["abstract"] for n in with_math] == [before[n]["abstract"] for n in with_math]
    text = (tmp_path / "out.bib").read_text(encoding="utf-8")
    assert "$Ca^{2+}$" in text and "/beta" not in text
