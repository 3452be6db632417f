"""The PRISMA2020 CSV template, the box-by-box checks and the HTML report (all Qt-free)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from curator.core import papers
from curator.core.curation import claims, facets, questions
from curator.core.flow.prisma import PrismaFlow, flow, reconcile
from curator.core.flow.template import (
    COLUMNS,
    TEMPLATE_KEYS,
    prisma_csv_frame,
    prisma_csv_text,
    write_prisma_csv,
)
from curator.core.report.html import inline, markdown_blocks, report_html
from curator.core.report.numbers import fill_numbers
from curator.core.screening import decisions as screening

GOLDEN = Path(__file__).resolve().parents[2] / "data" / "golden"

# The `data` column of inst/extdata/PRISMA.csv in github.com/prisma-flowdiagram/PRISMA2020,
# row by row (read there on the day this was written).
R_PACKAGE_KEYS = [
    "NA",
    "previous_studies",
    "previous_reports",
    "NA",
    "database_results",
    "database_specific_results",
    "register_results",
    "register_specific_results",
    "NA",
    "website_results",
    "organisation_results",
    "citations_results",
    "duplicates",
    "excluded_automatic",
    "excluded_other",
    "records_screened",
    "records_excluded",
    "dbr_sought_reports",
    "dbr_notretrieved_reports",
    "other_sought_reports",
    "other_notretrieved_reports",
    "dbr_assessed",
    "dbr_excluded",
    "other_assessed",
    "other_excluded",
    "new_studies",
    "new_reports",
    "total_studies",
    "total_reports",
    "identification",
    "screening",
    "included",
]


def flow_frame(**overrides) -> PrismaFlow:
    """The reference review's reported flow (no facts behind the boxes)."""
    values = {
        "database_results": 1027,
        "database_specific": [("Semantic Scholar", 600), ("PubMed", 427)],
        "duplicates": 431,
        "excluded_automatic": 0,
        "excluded_other": 0,
        "records_screened": 596,
        "records_excluded": 236,
        "sought": 360,
        "not_retrieved": 0,
        "assessed": 360,
        "excluded_reasons": [("Not in the top 50", 300), ("Wrong outcome", 10)],
        "included": 50,
    }
    values.update(overrides)
    return PrismaFlow(**values)


# -- PRISMA2020 CSV template -----------------------------------------------------------------
def test_template_has_the_r_packages_rows_and_columns_in_order():
    assert list(COLUMNS) == [
        "data",
        "node",
        "box",
        "description",
        "boxtext",
        "tooltips",
        "url",
        "n",
    ]
    assert list(TEMPLATE_KEYS) == R_PACKAGE_KEYS


def test_every_prisma_flow_key_lands_in_the_template(review):
    counted = flow(review)
    table = counted.table()
    assert set(table["data"]) <= set(TEMPLATE_KEYS)
    filled = prisma_csv_frame(counted).set_index("data")
    for key, n in zip(table["data"], table["n"], strict=True):
        assert filled.loc[key, "n"] == str(n)


def test_csv_fills_counts_and_hides_boxes_curator_does_not_count(tmp_path):
    path = write_prisma_csv(flow_frame(), tmp_path / "prisma.csv")
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    by_key = {r["data"]: r for r in rows if r["data"] != "NA"}
    assert by_key["database_results"]["n"] == "1027"
    assert by_key["database_specific_results"]["n"] == "Semantic Scholar, 600; PubMed, 427"
    assert by_key["dbr_excluded"]["n"] == "Not in the top 50, 300; Wrong outcome, 10"
    assert by_key["new_reports"]["n"] == "50"
    for hidden in (
        "previous_studies",
        "register_results",
        "website_results",
        "other_excluded",
        "total_studies",
    ):
        assert by_key[hidden]["n"] == "NA"
    assert by_key["identification"]["n"] == "0"  # side boxes keep the template's value


def test_csv_neutralises_formulas_in_names_and_reasons(tmp_path):
    hostile = flow_frame(
        excluded_reasons=[('=HYPERLINK("http://x")', 3)], database_specific=[("@SUM(A1)", 1027)]
    )
    rows = {r["data"]: r for r in csv.DictReader(io.StringIO(prisma_csv_text(hostile)))}
    assert rows["dbr_excluded"]["n"] == '\'=HYPERLINK("http://x"), 3'
    assert rows["database_specific_results"]["n"] == "'@SUM(A1), 1027"


def test_csv_matches_golden_file():
    assert prisma_csv_text(flow_frame()) == (GOLDEN / "prisma2020.csv").read_text(encoding="utf-8")


# -- box checks ---------------------------------------------------------------------------------
def test_the_r_format_keeps_commas_in_names():
    values = flow_frame(excluded_reasons=[("Reason, with comma", 3)]).values()
    assert values["database_specific_results"] == "Semantic Scholar, 600; PubMed, 427"
    assert values["dbr_excluded"] == "Reason, with comma, 3"


def test_a_reconciling_flow_flags_nothing():
    assert reconcile(flow_frame()).boxes == {}


@pytest.mark.parametrize(
    ("override", "box"),
    [
        ({"database_specific": [("Semantic Scholar", 600), ("PubMed", 400)]}, "database_results"),
        ({"duplicates": 430}, "records_screened"),
        ({"records_excluded": 200}, "dbr_sought_reports"),
        ({"not_retrieved": 5}, "dbr_assessed"),
        ({"included": 49}, "new_studies"),
    ],
)
def test_each_mismatch_flags_its_box(override, box):
    problems = reconcile(flow_frame(**override)).boxes
    assert list(problems) == [box] or box in problems
    assert "but" in problems[box] or "add up" in problems[box]


# -- HTML report ------------------------------------------------------------------------------
def test_numbers_fill_from_tokens():
    numbers = {"identified": 10, "duplicates": 2, "screened": 8, "eligible": 5, "included": 3}
    text = "In total, {identified} papers were identified, {screened} screened, {included} included; {other} stays."
    assert (
        fill_numbers(text, numbers)
        == "In total, 10 papers were identified, 8 screened, 3 included; {other} stays."
    )


def test_inline_markup_is_escaped_first():
    assert (
        inline("<script>alert(1)</script> **bold**")
        == "&lt;script&gt;alert(1)&lt;/script&gt; <strong>bold</strong>"
    )
    assert (
        inline("see <https://consensus.app>")
        == 'see <a href="https://consensus.app">https://consensus.app</a>'
    )
    assert (
        markdown_blocks("### Sub\n\nText <b>x</b>")
        == "<h3>Sub</h3>\n<p>Text &lt;b&gt;x&lt;/b&gt;</p>"
    )


def small_review(review):
    """Two included papers (one with hostile text), a claim, a question, tagged for the matrix."""
    a = papers.add_paper(
        review,
        title="<img src=x onerror=alert(1)> & more",
        authors=["Smith, Ann"],
        year=2020,
        venue="J <Test>",
    ).id
    b = papers.add_paper(
        review,
        title="Second paper",
        authors=["Jones, Bo", "Lee, Cy"],
        year=2021,
        venue="Other Journal",
    ).id
    c = papers.add_paper(review, title="Excluded paper", authors=["Nobody, N"], year=2019).id
    reason = screening.reasons(review, "full_text")[0]["id"]
    for paper in (a, b, c):
        screening.record_decision(review, paper, "title_abstract", "include")
    screening.record_decision(review, a, "full_text", "include")
    screening.record_decision(review, b, "full_text", "include")
    screening.record_decision(review, c, "full_text", "exclude", reason_id=reason)
    topic = facets.facet_id(review, "Topic")
    attribute = facets.facet_id(review, "Study attribute")
    t1 = facets.ensure_term(review, topic, "Depression")
    t2 = facets.ensure_term(review, topic, "Psychosis")
    s1 = facets.ensure_term(review, attribute, "Neuroimaging")
    s2 = facets.ensure_term(review, attribute, "=cmd|' /C calc'!A0")
    facets.tag(review, [a, b], t1)
    facets.tag(review, [a], s1)
    facets.tag(review, [b], s1)
    facets.tag(review, [c], t2)
    facets.tag(review, [c], s2)
    claims.add_claim(
        review, "Claim <b>one</b>", strength="Strong", reasoning="Because", papers=[a, b]
    )
    questions.add_question(review, "Why <i>not</i>?", "So that")
    questions.set_section(
        review,
        "methods",
        "In total, {identified} papers were identified and {included} were included.",
    )
    return a, b, c


def test_report_html_escapes_all_data_and_fills_the_methods(review):
    small_review(review)
    page = report_html(review)
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt; &amp; more" in page
    assert "Claim &lt;b&gt;one&lt;/b&gt;" in page and "Why &lt;i&gt;not&lt;/i&gt;?" in page
    assert "In total, 0 papers were identified and 2 were included." in page
    for heading in (
        "Claims and Evidence",
        "Research Gaps Matrix",
        "Open Research Questions",
        "References",
    ):
        assert f">{heading}</h" in page
    assert '<td class="gap">GAP</td>' in page
    assert page == report_html(review)  # deterministic


def test_report_html_matches_golden_file(review):
    small_review(review)
    page = report_html(review, flow_figure="flow.svg")
    golden = GOLDEN / "report_small.html"
    assert page == golden.read_text(encoding="utf-8")


def test_an_empty_methods_section_gets_the_numbers_sentence(review):
    small_review(review)
    questions.set_section(review, "methods", "")
    page = report_html(review)
    assert (
        "In total, 0 papers were identified, 0 duplicates were removed, 3 were screened, "
        "3 were deemed eligible, and 2 were included in this review." in page
    )
