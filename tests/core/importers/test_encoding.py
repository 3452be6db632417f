"""Encodings: BOMs, UTF-16 without BOM, the cp1252/Latin-1/GBK fallback, compressed files."""

from __future__ import annotations

import codecs
import gzip

import pytest

from curator.core.errors import CuratorError
from curator.core.importers import import_file
from curator.core.importers.encoding import sniff

RIS = "TY  - JOUR\nTI  - Über Gödel’s naïve café – “quoted”\nAU  - Müller, Jürgen\nER  - \n"


@pytest.mark.parametrize(
    ("encoded", "label"),
    [
        (RIS.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + RIS.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + RIS.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + RIS.encode("utf-16-be"), "utf-16"),
        (codecs.BOM_UTF32_LE + RIS.encode("utf-32-le"), "utf-32"),
        (RIS.encode("utf-16-le"), "utf-16-le"),
        (RIS.encode("cp1252"), "cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf32-bom", "utf16le-nobom", "cp1252"],
)
def test_encodings_round_trip_the_text(review, tmp_path, encoded, label):
    path = tmp_path / "file.ris"
    path.write_bytes(encoded)
    assert sniff(path).encoding == label
    report = import_file(review, path, "S")
    assert ((0, "not UTF-8: read as cp1252") in report.warnings) == (label == "cp1252")
    title, authors = review.db.execute("SELECT title, authors FROM record_rows").fetchone()
    assert title == "Über Gödel’s naïve café – “quoted”"
    assert authors == "Müller, Jürgen"


def test_latin1_when_cp1252_cannot_decode(tmp_path):
    # 0x81 is undefined in cp1252; Latin-1 reads every byte.
    path = tmp_path / "l1.ris"
    path.write_bytes("TY  - JOUR\nTI  - caf\xe9\x81\nER  - \n".encode("latin-1"))
    assert sniff(path).encoding == "latin-1"


def test_short_latin_text_is_not_mistaken_for_gbk(tmp_path):
    # "é" followed by an ASCII letter decodes as GBK too; the pairing rule rejects it.
    path = tmp_path / "short.ris"
    path.write_bytes("TY  - JOUR\nTI  - Résumé de l'été\nER  - \n".encode("cp1252"))
    assert sniff(path).encoding == "cp1252"


def test_gbk_text(tmp_path):
    path = tmp_path / "gbk.bib"
    path.write_bytes(
        "@article{k, title = {测试期刊的标题}, author = {凯撒}, year = {2013}}\n".encode("gbk")
    )
    assert sniff(path).encoding == "gbk"


def test_gzip_is_read_through(review, tmp_path):
    path = tmp_path / "refs.ris.gz"
    path.write_bytes(gzip.compress(RIS.encode("utf-8")))
    report = import_file(review, path, "S")
    assert report.read == 1 and report.format == "ris"


def test_binary_is_refused(tmp_path):
    path = tmp_path / "blob.ris"
    path.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(CuratorError, match="binary data"):
        sniff(path)
