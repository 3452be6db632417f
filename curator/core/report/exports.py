"""Writing the review's tables (CSV, XLSX, Markdown) and the whole review as Markdown.

Every exported cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
leading apostrophe, so that no spreadsheet runs it as a formula (OWASP "CSV injection");
this includes column headers (facet terms name the matrix's columns) and the XLSX workbook,
where openpyxl would otherwise store such a string as a live formula. Markdown cells are
escaped so that imported text shows as text, never as markup or HTML.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from curator.core.curation.questions import sections
from curator.core.errors import CuratorError
from curator.core.flow.prisma import reconcile
from curator.core.report.tables import TABLES, TITLES, all_tables, citation_index
from curator.core.review import Review

FORMATS = ("csv", "xlsx", "md")
WORKBOOK = "tables.xlsx"
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
# Where each table goes in the report: after the section with this key.
REPORT_PLACES = {
    "prisma_flow": "methods",
    "key_papers": "results",
    "top_contributors": "results",
    "claims_evidence": "discussion",
    "evidence_profile": "discussion",
    "research_gaps_matrix": "research_gaps",
    "open_questions": "open_questions",
}
# Tables the report leaves out while they have no rows (a review that does not grade certainty).
OPTIONAL_IN_REPORT = ("evidence_profile",)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def neutralise(value: object) -> object:
    """A cell value a spreadsheet will show as text: formulas get a leading apostrophe."""
    if isinstance(value, str) and value.startswith(DANGEROUS_START):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    safe = frame.map(neutralise) if len(frame) else frame.copy()
    safe.columns = [neutralise(str(c)) for c in frame.columns]
    return safe


def md_escape(text: object) -> str:
    """Plain text for a Markdown table cell or paragraph: markup escaped, one line."""
    value = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)
    value = re.sub(r"\s*[\r\n]+\s*", " ", value)
    return _MD_SPECIAL.sub(r"\\\1", value)


def markdown_table(frame: pd.DataFrame) -> str:
    """A pipe table: header, separator, one line per row (cells neutralised and escaped)."""
    safe = neutralise_frame(frame)
    lines = [
        "| " + " | ".join(md_escape(c) for c in safe.columns) + " |",
        "|" + "|".join("---" for _c in safe.columns) + "|",
    ]
    for row in safe.itertuples(index=False):
        lines.append("| " + " | ".join(md_escape(v) for v in row) + " |")
    return "\n".join(lines) + "\n"


def _atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Write through a temporary file beside `path`, then move it into place."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        write(Path(temp))
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _out_dir(out: Path) -> Path:
    if out.exists() and not out.is_dir():
        raise CuratorError(f"{out}: exists and is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CuratorError(f"{out}: cannot create the folder ({exc.strerror})") from exc
    return out


def _one_newline(value: object) -> object:
    if isinstance(value, str) and "\r" in value:
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """UTF-8, "\n" line ends; a cell holding a line break is quoted (CR becomes LF first)."""
    safe = neutralise_frame(frame)
    if len(safe):
        safe = safe.map(_one_newline)
    _atomic_write(
        path, lambda temp: safe.to_csv(temp, index=False, encoding="utf-8", lineterminator="\n")
    )


def write_xlsx(tables: dict[str, pd.DataFrame], path: Path) -> None:
    """One workbook, a sheet per table; every string cell stored as text, never a formula."""
    from openpyxl import Workbook

    def write(temp: Path) -> None:
        book = Workbook()
        book.remove(book.active)
        for name, frame in tables.items():
            sheet = book.create_sheet(name[:31])
            safe = neutralise_frame(frame)
            sheet.append([str(c) for c in safe.columns])
            for row in safe.itertuples(index=False):
                sheet.append([v if isinstance(v, (int, float)) else str(v) for v in row])
            for cells in sheet.iter_rows():
                for cell in cells:
                    if isinstance(cell.value, str):
                        cell.data_type = "s"  # belt and braces: never a formula
        book.save(temp)

    _atomic_write(path, write)


def write_tables(review: Review, out: str | Path, fmt: str = "csv") -> list[Path]:
    """Write every table into folder `out`; return the files written."""
    if fmt not in FORMATS:
        raise CuratorError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    folder = _out_dir(Path(out))
    tables = all_tables(review)
    if fmt == "xlsx":
        path = folder / WORKBOOK
        write_xlsx(tables, path)
        return [path]
    written = []
    for name, frame in tables.items():
        path = folder / f"{name}.{fmt}"
        if fmt == "csv":
            write_csv(frame, path)
        else:
            text = f"### {TITLES[name]}\n\n{markdown_table(frame)}"
            _atomic_write(path, lambda temp, text=text: temp.write_text(text, encoding="utf-8"))
        written.append(path)
    return written


def report_tables(review: Review) -> dict[str, pd.DataFrame]:
    """The tables the report shows (not References, not an empty optional table)."""
    tables = {name: make(review) for name, make in TABLES.items() if name != "references"}
    return {n: f for n, f in tables.items() if not (n in OPTIONAL_IN_REPORT and f.empty)}


def report_places(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    """`REPORT_PLACES` for the tables the report shows."""
    return {name: key for name, key in REPORT_PLACES.items() if name in tables}


def report_markdown(review: Review) -> str:
    """The whole review as Markdown: title, sections with their tables, reference list."""
    # report_numbers -> flow_checks -> prisma_template imports this module's neutralise.
    from curator.core.report.numbers import methods_numbers, section_text

    tables = report_tables(review)
    places = report_places(tables)
    placed: dict[str, list[str]] = {}
    for name, key in places.items():
        placed.setdefault(key, []).append(name)
    keys = {s["key"] for s in sections(review)}
    numbers = methods_numbers(review)
    parts = [f"# {md_escape(review.title)}\n"]
    for section in sections(review):
        parts.append(f"## {section['title']}\n")
        body = section_text(review, section["key"], section["body"], numbers)
        if body.strip():
            parts.append(body.strip() + "\n")
        for name in placed.get(section["key"], []):
            parts.append(_report_table(review, name, tables[name]))
    for name, key in places.items():
        if key not in keys:
            parts.append(_report_table(review, name, tables[name]))
    parts.append("## References\n")
    index = citation_index(review)
    for paper_id in index.ordered():
        parts.append(index.reference(paper_id, markdown=True, escape=md_escape) + "\n")
    return "\n".join(parts)


def _report_table(review: Review, name: str, frame: pd.DataFrame) -> str:
    text = f"### {TITLES[name]}\n\n{markdown_table(frame)}"
    if name == "prisma_flow":
        problems = reconcile(review)
        if problems:
            text += "\nWhere the counts do not add up:\n\n" + "".join(
                f"- {md_escape(p)}\n" for p in problems
            )
    return text


def write_report(review: Review, out: str | Path) -> Path:
    path = Path(out)
    if path.is_dir():
        raise CuratorError(f"{path}: is a folder; give the report's file name")
    if not path.parent.exists():
        raise CuratorError(f"{path.parent}: no such folder")
    text = report_markdown(review)
    _atomic_write(path, lambda temp: temp.write_text(text, encoding="utf-8"))
    return path
