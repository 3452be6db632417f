"""Every reader bounded (issue 18): decompressed size, line length, Excel sheet size, rows
and cell length, each refused naming its limit before the work is done, changing nothing."""

from __future__ import annotations

import gzip

import pytest

from curator.core.errors import CuratorError
from curator.core.importers import import_file, limits
from tests.robustness import cases as C
from tests.robustness import seeds as S
from tests.robustness import workbooks as W


def count(review) -> int:
    return review.db.execute("SELECT COUNT(*) FROM records").fetchone()[0]


def test_a_gzip_expanding_past_the_limit_is_refused_naming_it(review, tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_DECOMPRESSED", 2 * limits.MB)
    path = tmp_path / "big.ris.gz"
    path.write_bytes(gzip.compress(S.ris(S.records(12_000)).encode()))  # about 3.5 MB inside
    with pytest.raises(CuratorError, match="over 2 MB when decompressed"):
        import_file(review, path, "S")
    assert count(review) == 0


def test_a_line_past_the_limit_is_refused_naming_line_and_limit(review, tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_LINE", 1 * limits.MB)
    path = tmp_path / "long.ris"
    path.write_text("TY  - JOUR\nTI  - ok\nER  - \n\nTY  - JOUR\nTI  - " + "a" * (3 << 20) + "\n")
    with pytest.raises(CuratorError, match=r"line 6 is over .* limit for one line is 1 MB"):
        import_file(review, path, "S")
    assert count(review) == 0


def test_a_long_line_of_json_is_fine(review, tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_LINE", 1 * limits.MB)
    rows = S.records(3)
    rows[0]["abstract"] = "b" * (2 << 20)
    path = tmp_path / "one-line.json"
    path.write_text(S.csl_json(rows).replace("\n", ""))
    assert import_file(review, path, "S").imported == 3


def test_the_3gb_line_bomb_is_refused_quickly(review, tmp_path):
    path = tmp_path / "bomb.ris.gz"
    C._gzip_line(path, 3 << 30)
    assert path.stat().st_size < 8 << 20
    with pytest.raises(CuratorError, match="limit for one line is 64 MB"):
        import_file(review, path, "S")


def xlsx_rows(n: int, dimension: str = "") -> bytes:
    rows = W.cell_row("Title", "Year") + W.cell_row("A title", "2020") * n
    head = W.SHEET_HEAD.replace(b"<sheetData>", dimension.encode() + b"<sheetData>")
    return W.xlsx(head + rows + W.SHEET_TAIL)


def test_xlsx_rows_past_the_limit_are_refused_naming_it(review, tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ROWS", 5)
    path = tmp_path / "rows.xlsx"
    path.write_bytes(xlsx_rows(8))
    with pytest.raises(CuratorError, match="more than 5 rows"):
        import_file(review, path, "S")
    assert count(review) == 0
    path.write_bytes(xlsx_rows(4))
    assert import_file(review, path, "S").imported == 4


def test_xlsx_declaring_millions_of_rows_is_refused_before_reading(review, tmp_path):
    path = tmp_path / "declared.xlsx"
    path.write_bytes(xlsx_rows(2, '<dimension ref="A1:B27000000"/>'))
    with pytest.raises(CuratorError, match="declares 27,000,000 rows"):
        import_file(review, path, "S")


def test_xlsx_cell_and_shared_strings_limits(review, tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_CELL", 100)
    path = tmp_path / "cell.xlsx"
    path.write_bytes(
        W.xlsx(W.SHEET_HEAD + W.cell_row("Title") + W.cell_row("x" * 200) + W.SHEET_TAIL)
    )
    with pytest.raises(CuratorError, match="limit for one cell"):
        import_file(review, path, "S")
    monkeypatch.setattr(limits, "MAX_SHARED", 10)
    path = tmp_path / "shared.xlsx"
    path.write_bytes(
        W.xlsx(W.SHEET_HEAD + W.cell_row("Title") + W.SHEET_TAIL, b"<sst>" + b"s" * 100 + b"</sst>")
    )
    with pytest.raises(
        CuratorError, match=r"xlsx: its shared strings .* expands to 0 MB \(the limit"
    ):
        import_file(review, path, "S")


def test_an_xlsx_compression_bomb_is_refused_from_its_directory(review, tmp_path):
    path = tmp_path / "bomb.xlsx"
    W.xlsx_cell(path, 200 << 20)  # a 200 MB cell, packed about 1000-fold
    with pytest.raises(CuratorError, match=r"xlsx: a sheet .* compression bomb"):
        import_file(review, path, "S")


def test_reading_a_workbooks_header_checks_the_limits_first(tmp_path):
    """The column-mapping preview reads a workbook's header: a bomb is refused there too
    (it read three million rows looking for the header before)."""
    from curator.core.importers import tabular
    from curator.core.importers.base import ImportFailure

    path = tmp_path / "bomb.xlsx"
    W.xlsx_cell(path, 200 << 20)
    with pytest.raises(ImportFailure, match="compression bomb"):
        tabular.xlsx_header(path)
