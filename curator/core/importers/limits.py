"""The bounds every import reader keeps, and the checks that apply them before the work is
done: decompressed size, line length, Excel sheet size, rows and cell length. Each refusal
names its limit, so a curator knows what to split or fix (issue 18: a 2.9 MB .ris.gz holding
a 3 GB line took 9.8 GB of memory; an XLSX expanding to 27 million rows ran for minutes).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from curator.core.importers.base import ImportFailure

MB = 1 << 20
MAX_DECOMPRESSED = 2048 * MB  # a gzip file's content
MAX_LINE = 64 * MB  # one line of a line-based format (no record comes near it)
MAX_CELL = 10 * MB  # one CSV field or Excel cell (tabular.MAX_FIELD for CSV)
MAX_ROWS = 1_048_576  # rows of an Excel sheet: Excel's own limit
MAX_SHEET = 1024 * MB  # a sheet's XML, uncompressed
MAX_SHARED = 256 * MB  # an Excel workbook's shared strings, uncompressed
MAX_RATIO = 200  # how much a part of a workbook may expand, once it is over BOMB_FLOOR
BOMB_FLOOR = 64 * MB


def size_mb(n: int) -> str:
    return f"{n / MB:,.0f} MB"


class LineMeter:
    """Follows the longest line through a file's chunks (bytes), linear in the file."""

    def __init__(self) -> None:
        self.current = 0  # bytes since the last line break
        self.longest = 0
        self.line = 1  # the line the longest one is on
        self.lines = 1

    def feed(self, chunk: bytes) -> None:
        last = max(chunk.rfind(b"\n"), chunk.rfind(b"\r"))
        if last < 0:
            self.current += len(chunk)
        else:
            first = min(i for i in (chunk.find(b"\n"), chunk.find(b"\r")) if i >= 0)
            self._end(self.current + first)
            self.lines += chunk.count(b"\n") or chunk.count(b"\r")
            self.current = len(chunk) - last - 1
        if self.current > self.longest:
            self.longest, self.line = self.current, self.lines

    def _end(self, length: int) -> None:
        if length > self.longest:
            self.longest, self.line = length, self.lines


def refuse_long_line(meter: LineMeter, first: bytes) -> None:
    """An ImportFailure for a line over MAX_LINE, unless the file (its `first` bytes) is XML
    or JSON, read as a stream of elements or items, where one long line is usual."""
    start = first.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")[:1]
    if meter.longest <= MAX_LINE or start in (b"<", b"[", b"{"):
        return
    raise ImportFailure(
        f"line {meter.line:,} is over {size_mb(meter.longest)} long (the limit for one line is "
        f"{size_mb(MAX_LINE)}); this is no citation export",
        f"line {meter.line:,}",
    )


def refuse_decompressed(total: int) -> None:
    if total > MAX_DECOMPRESSED:
        raise ImportFailure(
            f"it expands to over {size_mb(MAX_DECOMPRESSED)} when decompressed (the limit); "
            "split the export into smaller files"
        )


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="[A-Z]+\d+:?[A-Z]*(\d*)"')


def check_workbook(path: Path) -> None:
    """Refuse a workbook whose sheets or shared strings are beyond the limits, from the ZIP
    directory and the sheet's declared dimension, before any of it is read."""
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                name = info.filename
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    _check_part(info, MAX_SHEET, "a sheet")
                    with archive.open(info) as sheet:
                        head = sheet.read(4096)
                    found = _DIMENSION.search(head)
                    if found and found[1] and int(found[1]) > MAX_ROWS + 1:
                        raise ImportFailure(
                            f"{name} declares {int(found[1]):,} rows (the limit is "
                            f"{MAX_ROWS:,}, Excel's own); split it into smaller files"
                        )
                elif name == "xl/sharedStrings.xml":
                    _check_part(info, MAX_SHARED, "its shared strings")
    except ImportFailure:
        raise
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError) as exc:
        raise ImportFailure(f"not a readable Excel workbook ({exc})") from None
    except Exception as exc:  # zlib.error and the like from a damaged member
        raise ImportFailure(
            f"not a readable Excel workbook ({type(exc).__name__}: {exc})"
        ) from None


def _check_part(info: zipfile.ZipInfo, limit: int, what: str) -> None:
    size, packed = info.file_size, max(1, info.compress_size)
    if size > limit:
        raise ImportFailure(
            f"{what} ({info.filename}) expands to {size_mb(size)} (the limit is "
            f"{size_mb(limit)}); split the workbook"
        )
    if size > BOMB_FLOOR and size / packed > MAX_RATIO:
        raise ImportFailure(
            f"{what} ({info.filename}) expands {size // packed:,}-fold to {size_mb(size)} "
            f"(the limit is {MAX_RATIO}-fold above {size_mb(BOMB_FLOOR)}): a compression bomb"
        )


def bounded_rows(rows: Iterable[list[str]]) -> Iterator[list[str]]:
    """Excel rows, refused past MAX_ROWS or with a cell over MAX_CELL (naming the row)."""
    for number, row in enumerate(rows, 2):  # row 1 is the header
        if number > MAX_ROWS:
            raise ImportFailure(
                f"more than {MAX_ROWS:,} rows (the limit, Excel's own); split the workbook",
                f"row {number:,}",
            )
        for cell in row:
            if len(cell) > MAX_CELL:
                raise ImportFailure(
                    f"a cell of {size_mb(len(cell))} (the limit for one cell is "
                    f"{size_mb(MAX_CELL)})",
                    f"row {number:,}",
                )
        yield row
