"""The report plan: one order of sections and tables, drawn alike by the Markdown and HTML
reports (their full text is pinned by golden files: demo/review.md, report_small.html)."""

from __future__ import annotations

import re

import pytest

from curator.core.demo import build_demo
from curator.core.report.exports import report_markdown
from curator.core.report.html import report_html
from curator.core.report.plan import report_plan
from curator.core.report.tables import TITLES


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    review = build_demo(tmp_path_factory.mktemp("demo") / "demo.curator")
    yield review
    review.close()


def _expected(plan, *, numbered: bool) -> list[str]:
    """Section headings and table titles in the plan's order, as a renderer should show them."""
    out = []
    for section in plan.sections:
        if section.key is not None and (section.number is not None or not numbered):
            out.append(f"{section.number} {section.title}" if numbered else section.title)
        out += [TITLES[name] for name in section.tables]
    return out


def _markdown_headings(text: str) -> list[str]:
    """Level-2 headings and table titles (headings inside a section's text left out)."""
    found = re.findall(r"^(##|###) (.+)$", text, flags=re.M)
    return [t for level, t in found if level == "##" or t in TITLES.values()][:-1]


def _html_headings(text: str) -> list[str]:
    found = re.findall(r"<(h2|h3)>(.+?)</h[23]>", text)
    return [t for level, t in found if level == "h2" or t in TITLES.values()][:-1]


def test_the_demo_plan_numbers_sections_as_the_reference_review(demo):
    plan = report_plan(demo)
    assert [(s.key, s.number, s.tables) for s in plan.sections] == [
        ("introduction", "1.", ()),
        ("methods", "2.", ("prisma_flow",)),
        ("results", "3.", ("key_papers", "top_contributors")),
        ("discussion", "4.", ("claims_evidence", "evidence_profile")),  # the demo grades two claims
        ("conclusion", "5.", ()),
        ("research_gaps", "5.1", ("research_gaps_matrix",)),
        ("open_questions", "5.2", ("open_questions",)),
        ("summary", None, ()),
    ]
    assert set(plan.tables) == {n for s in plan.sections for n in s.tables}


def test_markdown_and_html_draw_the_same_plan(demo):
    plan = report_plan(demo)
    assert _markdown_headings(report_markdown(demo)) == _expected(plan, numbered=False)
    assert _html_headings(report_html(demo)) == _expected(plan, numbered=True)


def test_a_table_without_its_section_closes_both_reports(review):
    review.db.execute("DELETE FROM report_sections WHERE key IN ('results', 'open_questions')")
    plan = report_plan(review)
    last = plan.sections[-1]
    assert last.key is None and last.tables == ("key_papers", "top_contributors", "open_questions")
    tail = [TITLES[n] for n in last.tables]
    assert _markdown_headings(report_markdown(review))[-3:] == tail
    assert _html_headings(report_html(review))[-3:] == tail
    assert _markdown_headings(report_markdown(review)) == _expected(plan, numbered=False)
    assert _html_headings(report_html(review)) == _expected(plan, numbered=True)
