"""The whole review as one HTML document, laid out like the reference review.

Draws the report plan (`curator.core.report.plan`: sections in the review's order, numbered
as the reference review numbers them, each table after its section) with a FIGURE caption
per table, the flow diagram as FIGURE 1 in the Methods, and the APA 7 reference list.

Every piece of data is HTML-escaped; the curator's section text is read as a small subset
of Markdown (headings, paragraphs, **bold**, *italics*, <https://...> links), after
escaping, so no text from the data or the sections can inject markup. The Methods' numbers
are filled from the data (`curator.core.report.numbers`).
"""

from __future__ import annotations

import html
import re

import pandas as pd

from curator.core.report.plan import report_plan
from curator.core.report.tables import GAP, TITLES, citation_index
from curator.core.review import Review

CAPTIONS = {
    "prisma_flow": "Flow of papers through the search and selection process.",
    "key_papers": "Comparison of key studies.",
    "top_contributors": "Authors & journals that appeared most frequently in the included papers.",
    "claims_evidence": "Key claims and support evidence identified in these papers.",
    "evidence_profile": "Certainty of the evidence for each graded claim (GRADE), domain by domain.",
    "research_gaps_matrix": "Distribution of research across topics and study attributes, highlighting underexplored areas.",
    "open_questions": "Key open questions for advancing research.",
}
STYLE = """
body { font-family: 'DejaVu Serif', Georgia, serif; max-width: 52em; margin: 2em auto; line-height: 1.45; color: #111; }
h1 { font-size: 1.6em; } h2 { font-size: 1.3em; margin-top: 1.6em; } h3 { font-size: 1.1em; }
table { border-collapse: collapse; margin: 1em 0 0.3em 0; font-size: 0.9em; width: 100%; }
th, td { border: 1px solid #999; padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #e8eef6; }
td.n { text-align: center; } td.gap { text-align: center; color: #a00000; font-weight: bold; background: #fde2cf; }
p.caption { font-size: 0.85em; color: #333; margin-bottom: 1.5em; }
p.ref { padding-left: 2em; text-indent: -2em; margin: 0.3em 0; }
ul.problems { color: #a00000; }
img.figure { max-width: 100%; }
p.figure { line-height: 100%; }
"""


def inline(text: str) -> str:
    """Escape, then turn **bold**, *italics* and <https://...> links into markup."""
    out = html.escape(text, quote=True)
    out = re.sub(r"&lt;(https?://[^\s&]+)&gt;", r'<a href="\1">\1</a>', out)
    out = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)
    out = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<em>\1</em>", out)
    return out


def markdown_blocks(text: str, level: int = 3) -> str:
    """A section's text: blank-line paragraphs and `#` headings (shifted to `level`)."""
    parts = []
    for block in re.split(r"\n\s*\n", text.strip()):
        block = block.strip()
        if not block:
            continue
        heading = re.match(r"^(#{1,6})\s+(.*)$", block)
        if heading and "\n" not in block:
            depth = min(6, level + len(heading.group(1)) - 3)
            parts.append(f"<h{depth}>{inline(heading.group(2))}</h{depth}>")
        else:
            parts.append(f"<p>{inline(' '.join(block.splitlines()))}</p>")
    return "\n".join(parts)


def table_html(frame: pd.DataFrame) -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for row in frame.itertuples(index=False, name=None):
        cells = []
        for value in row:
            text = (
                "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
            )
            if text == GAP:
                cells.append(f'<td class="gap">{GAP}</td>')
            elif isinstance(value, int) or text.isdigit():
                cells.append(f'<td class="n">{html.escape(text)}</td>')
            else:
                cells.append(f"<td>{html.escape(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'<table width="100%" cellspacing="0" cellpadding="4">\n<thead><tr>{head}</tr></thead>\n'
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
    )


def _html_escape_ref(text: str) -> str:
    return html.escape(text, quote=True).replace("*", "&#42;")


def report_html(review: Review, *, flow_figure: str | None = None) -> str:
    """The review as a standalone HTML page. `flow_figure` is an image URL (a data: URI or a
    file name) of the drawn flow diagram; without it the PRISMA counts appear as a table."""
    plan = report_plan(review)
    tables = plan.tables
    figure = 0

    def table_block(name: str) -> str:
        nonlocal figure
        figure += 1
        caption = f'<p class="caption"><strong>FIGURE {figure}</strong> {html.escape(CAPTIONS.get(name, TITLES[name]))}</p>'
        if name == "prisma_flow":
            body = (
                f'<p class="figure"><img class="figure" src="{html.escape(flow_figure, quote=True)}" alt="PRISMA 2020 flow diagram"></p>'
                if flow_figure
                else table_html(tables[name])
            )
            if plan.flow_problems:
                body += (
                    '\n<ul class="problems">'
                    + "".join(f"<li>{html.escape(p)}</li>" for p in plan.flow_problems)
                    + "</ul>"
                )
            return f"<h3>{html.escape(TITLES[name])}</h3>\n{body}\n{caption}"
        return f"<h3>{html.escape(TITLES[name])}</h3>\n{table_html(tables[name])}\n{caption}"

    parts = [f"<h1>{html.escape(plan.title)}</h1>"]
    for section in plan.sections:
        if section.key is not None and section.number is not None:
            parts.append(f"<h2>{section.number} {html.escape(section.title)}</h2>")
        if section.body.strip():
            parts.append(markdown_blocks(section.body))
        for name in section.tables:
            parts.append(table_block(name))
    parts.append("<h2>References</h2>")
    index = citation_index(review)
    for paper_id in index.ordered():
        entry = index.reference(paper_id, markdown=True, escape=_html_escape_ref)
        entry = re.sub(r"\*(.+?)\*", r"<em>\1</em>", entry)
        parts.append(f'<p class="ref">{entry}</p>')
    body_html = "\n".join(p for p in parts if p)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(review.title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n{body_html}\n</body>\n</html>\n"
    )
