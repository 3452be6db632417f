"""Writing the review's tables (CSV, XLSX, Markdown) and the whole review as Markdown.

Every file goes through the one table writer (`curator.core.report.writer`), which
neutralises formula-like cells and escapes Markdown; the report follows the one report plan
(`curator.core.report.plan`) that the HTML report also draws.
"""

from __future__ import annotations

from pathlib import Path

from curator.core.errors import CuratorError
from curator.core.report.plan import ReportPlan, report_plan
from curator.core.report.tables import TITLES, all_tables, citation_index
from curator.core.report.writer import markdown_table, md_escape, write_csv, write_text, write_xlsx
from curator.core.review import Review

FORMATS = ("csv", "xlsx", "md")
WORKBOOK = "tables.xlsx"


def _out_dir(out: Path) -> Path:
    if out.exists() and not out.is_dir():
        raise CuratorError(f"{out}: exists and is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CuratorError(f"{out}: cannot create the folder ({exc.strerror})") from exc
    return out


def write_tables(review: Review, out: str | Path, fmt: str = "csv") -> list[Path]:
    """Write every table into folder `out`; return the files written."""
    if fmt not in FORMATS:
        raise CuratorError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    folder = _out_dir(Path(out))
    tables = all_tables(review)
    if fmt == "xlsx":
        return [write_xlsx(tables, folder / WORKBOOK)]
    written = []
    for name, frame in tables.items():
        path = folder / f"{name}.{fmt}"
        if fmt == "csv":
            write_csv(frame, path)
        else:
            write_text(path, f"### {TITLES[name]}\n\n{markdown_table(frame)}")
        written.append(path)
    return written


def report_markdown(review: Review) -> str:
    """The whole review as Markdown: title, sections with their tables, reference list."""
    plan = report_plan(review)
    parts = [f"# {md_escape(plan.title)}\n"]
    for section in plan.sections:
        if section.key is not None:
            parts.append(f"## {section.title}\n")
        if section.body.strip():
            parts.append(section.body.strip() + "\n")
        for name in section.tables:
            parts.append(_report_table(plan, name))
    parts.append("## References\n")
    index = citation_index(review)
    for paper_id in index.ordered():
        parts.append(index.reference(paper_id, markdown=True, escape=md_escape) + "\n")
    return "\n".join(parts)


def _report_table(plan: ReportPlan, name: str) -> str:
    text = f"### {TITLES[name]}\n\n{markdown_table(plan.tables[name])}"
    if name == "prisma_flow" and plan.flow_problems:
        text += "\nWhere the counts do not add up:\n\n" + "".join(
            f"- {md_escape(p)}\n" for p in plan.flow_problems
        )
    return text


def write_report(review: Review, out: str | Path) -> Path:
    path = Path(out)
    if path.is_dir():
        raise CuratorError(f"{path}: is a folder; give the report's file name")
    if not path.parent.exists():
        raise CuratorError(f"{path.parent}: no such folder")
    return write_text(path, report_markdown(review))
