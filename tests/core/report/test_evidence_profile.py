"""The Evidence Profile table: rows from the GRADE judgements, in every format and the report."""

from __future__ import annotations

import csv

from openpyxl import load_workbook

from curator.core.curation import claims, grade
from curator.core.report.exports import report_markdown, write_tables
from curator.core.report.html import report_html
from curator.core.report.tables import EVIDENCE_PROFILE_COLUMNS, claims_evidence, evidence_profile
from tests.curation_data import build

COLUMNS = [
    "Claim",
    "Papers",
    "Starting level",
    "Risk of bias",
    "Inconsistency",
    "Indirectness",
    "Imprecision",
    "Publication bias",
    "Upgrades",
    "Certainty",
]


def graded(review) -> list[int]:
    """Three claims: one graded from an RCT, one started low by the curator, one not graded."""
    ids = build(review)
    first = claims.add_claim(
        review,
        "CBT shrinks the amygdala",
        "Strong",
        [ids[0], ids[1]],
        grades={
            "risk_of_bias": ("Not serious", "Blinded raters"),
            "inconsistency": ("Serious", "=1+1 <b>mixed</b> | results"),
            "large_effect": ("No", None),
        },
    ).id
    second = claims.add_claim(
        review,
        "Reviews agree",
        "Weak",
        [ids[3], ids[2]],
        start="low",
        start_reason="The systematic review pools observational studies",
    ).id
    grade.grade_domain(review, second, "large_effect", "Large", "Risk ratio above 2")
    grade.grade_domain(review, second, "dose_response", "Yes", "More sessions, more change")
    claims.add_claim(review, "Not graded", "Weak", [ids[4]])
    return [first, second]


def test_rows_follow_the_judgements(review):
    graded(review)
    table = evidence_profile(review)
    assert list(table.columns) == COLUMNS == EVIDENCE_PROFILE_COLUMNS
    assert table.values.tolist() == [
        [
            "CBT shrinks the amygdala",
            "(Månsson et al., 2016; Buchheim et al., 2012)",
            "High (randomised: 1 RCT)",
            "Not serious: Blinded raters",
            "Serious: =1+1 <b>mixed</b> | results",
            "",
            "",
            "",
            "None",
            "Moderate",
        ],
        [
            "Reviews agree",
            "(Beauregard, 2014; Piotrkowicz et al., 2021)",
            "Low (set by the curator: The systematic review pools observational studies)",
            "",
            "",
            "",
            "",
            "",
            "Large effect: Large: Risk ratio above 2; "
            "Dose-response gradient: Yes: More sessions, more change",
            "High",
        ],
    ]
    # Claims and Evidence keeps its columns and all three claims.
    assert list(claims_evidence(review).columns) == [
        "Claim",
        "Evidence Strength",
        "Reasoning",
        "Papers",
    ]
    assert len(claims_evidence(review)) == 3


def test_an_ungraded_review_has_an_empty_profile_and_no_report_table(review):
    ids = build(review)
    claims.add_claim(review, "Not graded", "Weak", [ids[0]])
    assert evidence_profile(review).empty
    assert "Evidence Profile" not in report_markdown(review)
    assert "Evidence Profile" not in report_html(review)


def test_every_format_carries_the_profile(review, tmp_path):
    graded(review)
    (csv_path,) = [p for p in write_tables(review, tmp_path / "c") if p.stem == "evidence_profile"]
    with csv_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == COLUMNS
    assert [r[-1] for r in rows[1:]] == ["Moderate", "High"]
    assert rows[1][4] == "Serious: =1+1 <b>mixed</b> | results"

    (xlsx_path,) = write_tables(review, tmp_path / "x", "xlsx")
    sheet = load_workbook(xlsx_path)["evidence_profile"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == COLUMNS
    assert values[1][2] == "High (randomised: 1 RCT)" and values[2][-1] == "High"

    (md_path,) = [
        p for p in write_tables(review, tmp_path / "m", "md") if p.stem == "evidence_profile"
    ]
    text = md_path.read_text(encoding="utf-8")
    assert text.startswith("### Evidence Profile (GRADE)\n\n| Claim | Papers | Starting level |")
    # imported or typed text stays text: no HTML, no cell break
    assert "Serious: =1+1 \\<b\\>mixed\\</b\\> \\| results |  |  |  | None | Moderate |" in text


def test_the_report_places_the_profile_after_the_claims(review):
    graded(review)
    text = report_markdown(review)
    assert text.index("### Claims and Evidence") < text.index("### Evidence Profile (GRADE)")
    page = report_html(review)
    assert page.index("<h3>Claims and Evidence</h3>") < page.index(
        "<h3>Evidence Profile (GRADE)</h3>"
    )
    assert "&lt;b&gt;mixed&lt;/b&gt;" in page and "<b>mixed" not in page
    assert "Certainty of the evidence for each graded claim" in page
