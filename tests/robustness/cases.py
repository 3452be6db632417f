"""The fuzzer's inputs: mutations of seed files (truncations, byte flips, NUL and control
bytes, duplicated and deleted chunks, re-encodings) and the explicit hostile cases (bombs,
hostile XML/JSON/XLSX, CSV quoting traps), each with the record count it demonstrably holds
when that is known.
"""

from __future__ import annotations

import gzip
import random
import struct
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.robustness import seeds as S
from tests.robustness import workbooks as W

CONTROL = bytes([*range(1, 9), 11, 12, *range(14, 32)])


@dataclass
class Case:
    """One fuzz input: `data`, or `build(path)` writing a large file; `expected` records."""

    name: str
    file: str
    data: bytes | None = None
    build: Callable[[Path], None] | None = None
    expected: int | None = None
    heavy: bool = False  # a bomb: only in the full run

    def write(self, folder: Path) -> Path:
        path = folder / self.file
        if self.build is not None:
            self.build(path)
        else:
            path.write_bytes(self.data or b"")
        return path


# -- mutations -------------------------------------------------------------------------------
def _is_text(seed: S.Seed) -> bool:
    return seed.suffix not in (".xlsx",)


def mutations(seed: S.Seed, rng: random.Random) -> Iterator[tuple[str, bytes, int | None]]:
    """(mutation name, bytes, records still demonstrably there) for one seed."""
    data, n = seed.data, seed.expected
    size = len(data)
    cut = rng.randrange(1, max(2, size))
    yield "truncate", data[:cut], None
    flipped = bytearray(data)
    for _ in range(max(1, size // 2000)):
        i = rng.randrange(size)
        flipped[i] ^= 1 << rng.randrange(8)
    yield "byteflip", bytes(flipped), None
    if not _is_text(seed):
        zipped = bytearray(data)
        for _ in range(8):
            zipped[rng.randrange(size)] = rng.randrange(256)
        yield "xlsx-bytes", bytes(zipped), None
        yield from _xlsx_members(data, rng, n)
        return
    for label, pool in (("nul", b"\x00"), ("control", CONTROL)):
        out = bytearray(data)
        for _ in range(rng.randint(1, 6)):
            out.insert(rng.randrange(size), pool[rng.randrange(len(pool))])
        yield label, bytes(out), None
    a = rng.randrange(size)
    b = min(size, a + rng.randint(1, 4096))
    yield "dup-chunk", data[:b] + data[a:b] + data[b:], None
    yield "del-chunk", data[:a] + data[b:], None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return
    yield "utf-16-bom", text.encode("utf-16"), n
    yield "utf-16-le-nobom", text.encode("utf-16-le"), n
    yield "latin-1", text.encode("latin-1", "replace"), n
    yield "gbk", text.encode("gbk", "replace"), n
    yield "crlf", text.replace("\n", "\r\n").encode("utf-8"), n
    yield "bare-cr", text.replace("\n", "\r").encode("utf-8"), n


_XML_JUNK = (b"_x0001_", b"&#1;", b"\x00", b"<", b"&amp", b"]]>", b"<!DOCTYPE x>", b"\xff\xfe")


def _xlsx_members(data: bytes, rng: random.Random, n: int | None):
    """Mutations inside a workbook's XML parts, re-zipped (so the ZIP itself is sound)."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    xml = sorted(name for name in members if name.endswith((".xml", ".rels")))
    for label in ("cut", "junk", "junk", "drop", "escape"):
        changed = dict(members)
        name = rng.choice(xml)
        part = changed[name]
        if label == "cut":
            changed[name] = part[: rng.randrange(len(part))]
        elif label == "junk":
            at = rng.randrange(len(part))
            changed[name] = part[:at] + rng.choice(_XML_JUNK) + part[at:]
        elif label == "drop":
            del changed[name]
        else:  # an OOXML escape of a control character inside every text: still 'n' records
            name = "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in changed else name
            changed[name] = changed[name].replace(b"</t>", b"_x0001_</t>")
        expected = n if label == "escape" else None
        yield f"xlsx-{label}:{name}", S.zip_bytes(changed), expected


def mutated(seeds: list[S.Seed], rng: random.Random) -> Iterator[Case]:
    for index, seed in enumerate(seeds):
        for label, data, expected in mutations(seed, rng):
            yield Case(
                f"{seed.origin}:{seed.name}:{label}", f"m{index}{seed.name}", data, None, expected
            )


# -- explicit hostile cases ------------------------------------------------------------------
def _csv_with_ty(rows: int) -> bytes:
    body = ["Title,Authors,Year,Abstract"]
    for i in range(rows):
        abstract = f'"Background.\nTY  - this line looks like RIS {i}\nER  - and so does this"'
        body.append(f"Paper {i} on things,Doe {i},2020,{abstract}")
    return ("\n".join(body) + "\n").encode()


def _unclosed(delimiter: str, rows: int) -> bytes:
    lines = [delimiter.join(["Title", "Authors", "Year"])]
    for i in range(rows):
        title = f'"Unclosed quote {i}' if i == 1 else f"Title {i}"
        lines.append(delimiter.join([title, f"Doe {i}", "2020"]))
    return ("\n".join(lines) + "\n").encode()


def _nul_late(n: int) -> bytes:
    rows = S.records(n)
    rows[-1]["abstract"] = "Late\x00NUL and \x01control\x1f bytes " + "x" * 5000
    return S.ris(rows).encode()


def _billion_laughs() -> bytes:
    ents = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    ]
    return (
        '<?xml version="1.0"?><!DOCTYPE xml [' + "".join(ents) + "]>"
        "<xml><records><record><titles><title>&lol9;</title></titles></record></records></xml>"
    ).encode()


def _xxe() -> bytes:
    return (
        b'<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<xml><records><record><titles><title>&x;</title></titles></record></records></xml>"
    )


def _deep_json(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def hostile() -> list[Case]:
    """The cases named in issue 18, each small enough for the default test run."""
    six = S.records(6)
    cases = [
        Case("csv-ty-line-3", "ty.csv", _csv_with_ty(3), expected=3),
        Case("csv-ty-line-12", "ty12.csv", _csv_with_ty(12), expected=12),
        Case("csv-unclosed-quote", "unclosed.csv", _unclosed(",", 4), expected=4),
        Case("tsv-unclosed-quote", "unclosed.tsv", _unclosed("\t", 3), expected=3),
        Case("ris-late-nul-and-control", "late.ris", _nul_late(6), expected=6),
        Case(
            "csv-author-control",
            "ctl.csv",
            S.table([{**six[0], "authors": ["Doe\x01, J"]}] + six[1:]).encode(),
            expected=6,
        ),
        Case(
            "csl-trailing-garbage",
            "trail.json",
            S.csl_json(six).encode() + b"\n]garbage{",
            expected=6,
        ),
        Case("csl-second-array", "two.json", S.csl_json(six).encode() + b"\n[]", expected=6),
        Case("json-deep-array", "deep.json", _deep_json(100_000)),
        Case(
            "json-deep-in-item",
            "deepitem.json",
            b'[{"title": "x", "note": ' + _deep_json(50_000) + b"}]",
        ),
        Case(
            "json-lone-surrogate",
            "surrogate.json",
            b'[{"type": "article", "title": "A \\ud800 B"}]',
            expected=1,
        ),
        Case("json-not-a-list", "obj.json", b'{"title": 1}'),
        Case("xml-billion-laughs", "laughs.xml", _billion_laughs()),
        Case("xml-external-entity", "xxe.xml", _xxe()),
        Case("xml-unclosed", "open.xml", S.endnote_xml(six).encode()[:-40]),
        Case("xlsx-truncated", "trunc.xlsx", S.xlsx(six)[:-300]),
        Case("xlsx-bad-deflate", "bad.xlsx", _corrupt_deflate(S.xlsx(six))),
        Case("xlsx-entities", "ent.xlsx", W.xlsx_entities()),
        Case("xlsx-not-xml", "junk.xlsx", W.xlsx(b"this is not xml <<<")),
        Case("only-bom", "bom.ris", b"\xef\xbb\xbf"),
        Case("ris-no-er", "noer.ris", S.ris(six).replace("ER  - \n", "").encode()),
        Case(
            "csv-huge-field",
            "huge.csv",
            b"Title,Abstract\nBig," + b"a" * (20 << 20) + b"\nSmall,b\n",
            expected=None,
        ),
        Case("medline-long-continuation", "long.nbib", _medline_long(2 << 20), expected=1),
        Case("wos-long-continuation", "long.txt", _wos_long(2 << 20), expected=1),
    ]
    return cases


def _corrupt_deflate(data: bytes) -> bytes:
    at = data.find(b"xl/worksheets/sheet1.xml")
    out = bytearray(data)
    for i in range(at + 60, min(len(out), at + 90)):
        out[i] ^= 0x5A
    return bytes(out)


def _medline_long(size: int) -> bytes:
    line = "      " + "word " * 14 + "\n"
    body = "PMID- 1\nTI  - A long abstract\nAB  - start\n" + line * (size // len(line))
    return (body + "\n").encode()


def _wos_long(size: int) -> bytes:
    line = "   " + "word " * 14 + "\n"
    body = "FN Web of Science\nVR 1.0\nPT J\nTI A long abstract\nAB start\n" + line * (
        size // len(line)
    )
    return (body + "ER\nEF\n").encode()


# -- bombs (full run only) -------------------------------------------------------------------
def _gzip_line(path: Path, size: int) -> None:
    """A gzip of an RIS record whose title line is `size` bytes, built without holding it."""
    chunk = b"A" * (1 << 20)
    head = b"TY  - JOUR\nTI  - "
    tail = b"\nER  - \n"
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    crc = zlib.crc32(head)
    with path.open("wb") as out:
        out.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff")
        out.write(compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH))
        block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
        out.write(block)
        crc = zlib.crc32(chunk, crc)
        for _ in range(size // len(chunk) - 1):
            out.write(block)  # after a full flush, the same input compresses the same way
            crc = zlib.crc32(chunk, crc)
        out.write(compressor.compress(tail) + compressor.flush())
        crc = zlib.crc32(tail, crc)
        total = len(head) + (size // len(chunk)) * len(chunk) + len(tail)
        out.write(struct.pack("<II", crc & 0xFFFFFFFF, total & 0xFFFFFFFF))


def _bibtex_long(path: Path) -> None:
    path.write_text(
        "@article{k,\n title={Long},\n abstract={" + "caf\\'e na\\\"ive " * 70_000 + "}\n}\n"
    )


def _bibtex_authors(path: Path) -> None:
    authors = " and ".join(f"Author{i}, A." for i in range(100_000))
    path.write_text("@article{k,\n title={Many},\n author={" + authors + "}\n}\n")


def bombs() -> list[Case]:
    return [
        Case("gzip-3gb-line", "bomb.ris.gz", build=lambda p: _gzip_line(p, 3 << 30), heavy=True),
        Case("xlsx-3m-rows", "rows.xlsx", build=lambda p: W.xlsx_rows(p, 3_000_000), heavy=True),
        Case("xlsx-2gb-cell", "cell.xlsx", build=lambda p: W.xlsx_cell(p, 2 << 30), heavy=True),
        Case("medline-16mb-field", "big.nbib", _medline_long(16 << 20), expected=1, heavy=True),
        Case("wos-16mb-field", "big.txt", _wos_long(16 << 20), expected=1, heavy=True),
        Case("bibtex-1mb-latex", "latex.bib", build=_bibtex_long, expected=1, heavy=True),
        Case("bibtex-100k-authors", "authors.bib", build=_bibtex_authors, expected=1, heavy=True),
        Case(
            "gzip-truncated",
            "cut.ris.gz",
            gzip.compress(S.ris(S.records(50)).encode())[:-200],
            heavy=True,
        ),
    ]


def all_cases(seed: int = 18, *, heavy: bool = True, rounds: int = 1) -> list[Case]:
    """Every fuzz input: mutations of every seed (several rounds), hostile cases, bombs."""
    rng = random.Random(seed)
    pool = S.synthetic(6) + S.synthetic(40, tag="b") + S.fixture_seeds()
    cases: list[Case] = []
    for _round in range(rounds):
        cases.extend(mutated(pool, rng))
    cases.extend(
        Case(f"seed:{s.origin}:{s.name}", f"s{i}{s.name}", s.data, None, s.expected)
        for i, s in enumerate(pool)
    )
    cases.extend(hostile())
    if heavy:
        cases.extend(bombs())
    return cases


def slice_cases(count: int = 40, seed: int = 7) -> list[Case]:
    """The default test run's slice: `count` mutations drawn at random, and the hostile cases."""
    rng = random.Random(seed)
    pool = S.synthetic(6)
    drawn = list(mutated(pool, rng))
    rng.shuffle(drawn)
    return drawn[:count] + hostile()
