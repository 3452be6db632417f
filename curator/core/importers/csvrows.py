"""CSV rows with an unclosed quote caught: Python's csv reader would read the rest of the file
as one cell of one record and say nothing; here that is refused, naming the line where the
quote opened (the import then changes nothing)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TextIO

from curator.core.importers.base import ImportFailure


class RecordLines:
    """The lines of a text stream, keeping those of the record being read."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.current: list[str] = []

    def __iter__(self) -> RecordLines:
        return self

    def __next__(self) -> str:
        line = next(self.stream)
        self.current.append(line)
        return line


def closed_rows(reader, lines: RecordLines, first_line: int = 2) -> Iterator[list[str]]:
    """The reader's rows; an ImportFailure naming the line where a quote opened that is never
    closed (Python's csv would make the rest of the file one silent record). `first_line` is
    the file's line number of the reader's first line (after the header and any preamble)."""
    carry = None
    while True:
        if carry is None:
            start, lines.current = reader.line_num + first_line, []
            try:
                row = next(reader)
            except StopIteration:
                return
            span = lines.current
        else:
            start, row, span = carry
            carry = None
        if len(span) > 1 and "".join(span).count('"') % 2:  # a multi-line record, quotes odd
            following, lines.current = reader.line_num + first_line, []
            try:
                carry = (following, next(reader), lines.current)
            except StopIteration:  # it ran to the end of the file inside a quote
                raise ImportFailure(
                    f"a quote opened on line {start} is never closed, so every later row "
                    f"({len(span) - 1} line(s)) would become part of one cell; close the quote "
                    "and import again",
                    f"line {start}",
                ) from None
        yield row
