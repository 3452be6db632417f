"""Excel workbooks built by hand for the fuzzer: the minimal parts of a valid workbook, a
sheet from rows of inline strings, and bombs written as a stream (millions of rows, a huge
cell) without holding them in memory."""

from __future__ import annotations

from pathlib import Path

from tests.robustness import seeds as S


def xlsx(sheet: bytes, shared: bytes | None = None) -> bytes:
    members = {
        "[Content_Types].xml": (
            b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats'
            b'-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            b'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
            b'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml'
            b'.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            b'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            b"</Relationships>"
        ),
        "xl/workbook.xml": (
            b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets>'
            b"</workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            b'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            b"</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": sheet,
    }
    if shared is not None:
        members["xl/sharedStrings.xml"] = shared
    return S.zip_bytes(members)


SHEET_HEAD = (
    b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
    b'2006/main"><sheetData>'
)
SHEET_TAIL = b"</sheetData></worksheet>"


def cell_row(*values: str) -> bytes:
    cells = "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in values)
    return f"<row>{cells}</row>".encode()


def xlsx_entities() -> bytes:
    sheet = (
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        + SHEET_HEAD[len(b'<?xml version="1.0"?>') :]
        + cell_row("Title", "Year")
        + cell_row("&b;", "2020")
        + SHEET_TAIL
    )
    return xlsx(sheet)


def xlsx_rows(path: Path, rows: int) -> None:
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in xlsx_parts().items():
            archive.writestr(name, data)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            out.write(SHEET_HEAD + cell_row("Title", "Year"))
            row = cell_row("A title", "2020") * 1000
            for _ in range(rows // 1000):
                out.write(row)
            out.write(SHEET_TAIL)


def xlsx_cell(path: Path, size: int) -> None:
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in xlsx_parts().items():
            archive.writestr(name, data)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            out.write(SHEET_HEAD + cell_row("Title", "Abstract"))
            out.write(b'<row><c t="inlineStr"><is><t>T</t></is></c><c t="inlineStr"><is><t>')
            chunk = b"a" * (1 << 20)
            for _ in range(size // len(chunk)):
                out.write(chunk)
            out.write(b"</t></is></c></row>" + SHEET_TAIL)


def xlsx_parts() -> dict[str, bytes]:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(xlsx(b""))) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n != "xl/worksheets/sheet1.xml"}
