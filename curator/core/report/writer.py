"""The one table writer: a table as CSV, XLSX or Markdown, every cell safe to open.

Every export Curator writes (the review's tables, records, screening decisions, the PRISMA
template, dedup pairs, simulation curves) goes through here. A string cell that begins with
`=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe, so that no
spreadsheet runs it as a formula (OWASP "CSV injection"); this includes column headers
(facet terms name the matrix's columns) and the XLSX workbook, where openpyxl would otherwise
store such a string as a live formula. Numbers stay numbers. Markdown cells are escaped so
that imported text shows as text, never as markup or HTML. `restore` undoes the apostrophe
where Curator reads back a file it wrote (`screen-import`), and nothing else.

Files are UTF-8 with "\\n" line ends, written to a temporary name beside the target and
renamed when complete.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from curator.core.files import atomic_output

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def neutralise(value: object) -> object:
    """A cell value a spreadsheet will show as text: formulas get a leading apostrophe."""
    if isinstance(value, str) and value.startswith(DANGEROUS_START):
        return "'" + value
    return value


def restore(text: str) -> str:
    """A cell read back from a file Curator wrote: the apostrophe `neutralise` added removed.

    Only an apostrophe followed by a formula-like start is removed; any other text, including
    a value that merely begins with an apostrophe, is returned unchanged."""
    if text.startswith("'") and text[1:].startswith(DANGEROUS_START):
        return text[1:]
    return text


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    safe = frame.map(neutralise) if len(frame) else frame.copy()
    safe.columns = [neutralise(str(c)) for c in frame.columns]
    return safe


def frame(rows: Iterable[Sequence[Any]], columns: Sequence[str]) -> pd.DataFrame:
    """Rows as a table for the writer; values kept as they are (an int stays an int, None
    becomes an empty cell), never coerced to floats by pandas."""
    return pd.DataFrame(list(rows), columns=list(columns), dtype=object)


def md_escape(text: object) -> str:
    """Plain text for a Markdown table cell or paragraph: markup escaped, one line."""
    value = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)
    value = re.sub(r"\s*[\r\n]+\s*", " ", value)
    return _MD_SPECIAL.sub(r"\\\1", value)


def markdown_table(table: pd.DataFrame) -> str:
    """A pipe table: header, separator, one line per row (cells neutralised and escaped)."""
    safe = neutralise_frame(table)
    lines = [
        "| " + " | ".join(md_escape(c) for c in safe.columns) + " |",
        "|" + "|".join("---" for _c in safe.columns) + "|",
    ]
    for row in safe.itertuples(index=False):
        lines.append("| " + " | ".join(md_escape(v) for v in row) + " |")
    return "\n".join(lines) + "\n"


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Write through a temporary file beside `path`, then move it into place (see
    `curator.core.files.atomic_output`: whole or not at all, permissions from the umask)."""
    with atomic_output(path) as temp:
        write(temp)


def write_text(path: str | Path, text: str) -> Path:
    """Text (Markdown, a report) written as UTF-8 through a temporary file."""
    path = Path(path)
    atomic_write(path, lambda temp: temp.write_text(text, encoding="utf-8", newline=""))
    return path


def _csv_cell(value: object) -> object:
    """`neutralise`, then CR and CRLF made LF: one pass over the cells, the CSV's hot loop."""
    if isinstance(value, str):
        if value.startswith(DANGEROUS_START):
            value = "'" + value
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def csv_text(table: pd.DataFrame) -> str:
    """The table as CSV text: a header line, then one line per row, quoted only where needed;
    a cell holding a line break is quoted (CR becomes LF first); formulas neutralised."""
    safe = table.map(_csv_cell) if len(table) else table.copy()
    safe.columns = [neutralise(str(c)) for c in table.columns]
    return safe.to_csv(index=False, lineterminator="\n")


def write_csv(table: pd.DataFrame, path: str | Path) -> Path:
    """The table as a UTF-8 CSV file (see `csv_text`)."""
    return write_text(path, csv_text(table))


_WHOLE_NUMBER = re.compile(r"^(0|-?[1-9][0-9]{0,14})$")
_MAX_WIDTH = 60


def _xlsx_value(value: object) -> object:
    """A cell for the workbook: numbers (and whole numbers written as text, like PRISMA's
    counts) as numbers, everything else as text."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return value
    text = "" if value is None or (isinstance(value, float) and value != value) else str(value)
    if _WHOLE_NUMBER.match(text):
        return int(text)
    return text


def write_xlsx(tables: dict[str, pd.DataFrame], path: str | Path) -> Path:
    """One workbook, a sheet per table: a bold header row frozen above an autofilter,
    columns as wide as their text (up to a limit, long text wrapped), numbers stored as
    numbers, every string cell stored as text, never a formula."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    def write(temp: Path) -> None:
        book = Workbook()
        book.remove(book.active)
        for name, table in tables.items():
            sheet = book.create_sheet(name[:31])
            safe = neutralise_frame(table)
            sheet.append([str(c) for c in safe.columns])
            for row in safe.itertuples(index=False):
                sheet.append([_xlsx_value(v) for v in row])
            widths = [len(str(c)) for c in safe.columns]
            for cells in sheet.iter_rows(min_row=2):
                for cell in cells:
                    if isinstance(cell.value, str):
                        cell.data_type = "s"  # belt and braces: never a formula
                        longest = max((len(line) for line in cell.value.split("\n")), default=0)
                        if longest > _MAX_WIDTH:
                            cell.alignment = Alignment(wrap_text=True, vertical="top")
                    else:
                        longest = len(str(cell.value)) if cell.value is not None else 0
                    widths[cell.column - 1] = max(widths[cell.column - 1], longest)
            for cell in sheet[1]:
                cell.font = Font(bold=True)
                cell.data_type = "s"
            for index, width in enumerate(widths, 1):
                sheet.column_dimensions[get_column_letter(index)].width = min(width, _MAX_WIDTH) + 2
            sheet.freeze_panes = "A2"
            if safe.columns.size:
                sheet.auto_filter.ref = sheet.dimensions
        book.save(temp)

    path = Path(path)
    atomic_write(path, write)
    return path
