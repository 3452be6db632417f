"""Seed files for the import fuzzer: the real fixtures under ../shared/fixtures/formats
(decompressed) and small synthetic files, one per import format, whose record count is known.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures"


@dataclass
class Seed:
    """One input file: its name (the extension matters), bytes, and the records it holds
    when that is known for certain (`expected`), else None."""

    name: str
    data: bytes
    expected: int | None = None
    origin: str = "synthetic"

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix


def records(n: int, *, tag: str = "") -> list[dict]:
    """`n` distinct synthetic records (distinct titles and DOIs, so dedup keeps them)."""
    out = []
    for i in range(n):
        out.append(
            {
                "title": f"Synthetic study {tag}{i} of robustness in review software",
                "authors": [f"Author{i}, Alpha", f"Writer{i}, Beta"],
                "year": 2000 + i % 25,
                "venue": f"Journal of Tests {i % 3}",
                "doi": f"10.9999/fuzz.{tag}{i}",
                "abstract": f"We examined case {i}. Results were stable; nothing was lost.",
            }
        )
    return out


def ris(rows: list[dict]) -> str:
    parts = []
    for r in rows:
        lines = ["TY  - JOUR", f"TI  - {r['title']}"]
        lines += [f"AU  - {a}" for a in r["authors"]]
        lines += [f"PY  - {r['year']}", f"JO  - {r['venue']}", f"DO  - {r['doi']}"]
        lines += [f"AB  - {r['abstract']}", "ER  - ", ""]
        parts.append("\n".join(lines))
    return "\n".join(parts)


def medline(rows: list[dict]) -> str:
    parts = []
    for i, r in enumerate(rows):
        lines = [f"PMID- {31000000 + i}", f"TI  - {r['title']}"]
        lines += [f"FAU - {a}" for a in r["authors"]]
        lines += [f"DP  - {r['year']}", f"JT  - {r['venue']}", f"LID - {r['doi']} [doi]"]
        lines += [f"AB  - {r['abstract'][:30]}", f"      {r['abstract'][30:]}", ""]
        parts.append("\n".join(lines))
    return "\n".join(parts)


def wos(rows: list[dict]) -> str:
    lines = ["FN Clarivate Analytics Web of Science", "VR 1.0"]
    for r in rows:
        lines += ["PT J", f"AU {r['authors'][0]}", f"   {r['authors'][1]}", f"TI {r['title']}"]
        lines += [f"SO {r['venue']}", f"PY {r['year']}", f"DI {r['doi']}", f"AB {r['abstract']}"]
        lines += ["ER", ""]
    return "\n".join(lines + ["EF", ""])


def bibtex(rows: list[dict]) -> str:
    parts = []
    for i, r in enumerate(rows):
        parts.append(
            f"@article{{key{i},\n  title = {{{r['title']}}},\n"
            f"  author = {{{' and '.join(r['authors'])}}},\n  year = {{{r['year']}}},\n"
            f"  journal = {{{r['venue']}}},\n  doi = {{{r['doi']}}},\n"
            f"  abstract = {{{r['abstract']}}}\n}}\n"
        )
    return "\n".join(parts)


def table(rows: list[dict], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(["Title", "Authors", "Year", "Source title", "DOI", "Abstract"])
    for r in rows:
        writer.writerow(
            [r["title"], "; ".join(r["authors"]), r["year"], r["venue"], r["doi"], r["abstract"]]
        )
    return out.getvalue()


def csl_json(rows: list[dict]) -> str:
    items = []
    for i, r in enumerate(rows):
        family = [a.split(", ") for a in r["authors"]]
        items.append(
            {
                "id": f"item{i}",
                "type": "article-journal",
                "title": r["title"],
                "author": [{"family": f, "given": g} for f, g in family],
                "issued": {"date-parts": [[r["year"]]]},
                "container-title": r["venue"],
                "DOI": r["doi"],
                "abstract": r["abstract"],
            }
        )
    return json.dumps(items, indent=1)


def endnote_xml(rows: list[dict]) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<xml><records>"]
    for r in rows:
        authors = "".join(f"<author>{a}</author>" for a in r["authors"])
        out.append(
            '<record><ref-type name="Journal Article">17</ref-type>'
            f"<contributors><authors>{authors}</authors></contributors>"
            f"<titles><title>{r['title']}</title><secondary-title>{r['venue']}"
            "</secondary-title></titles>"
            f"<dates><year>{r['year']}</year></dates>"
            f"<electronic-resource-num>{r['doi']}</electronic-resource-num>"
            f"<abstract>{r['abstract']}</abstract></record>"
        )
    out.append("</records></xml>")
    return "\n".join(out)


def ovid(rows: list[dict]) -> str:
    parts = []
    for i, r in enumerate(rows, 1):
        lines = [f"<{i}. >", "DB  - Ovid MEDLINE(R)", f"TI  - {r['title']}"]
        lines += [f"AU  - {a}" for a in r["authors"]]
        lines += [f"YR  - {r['year']}", f"DO  - {r['doi']}", f"AB  - {r['abstract']}", ""]
        parts.append("\n".join(lines))
    return "\n".join(parts)


def refer(rows: list[dict]) -> str:
    parts = []
    for r in rows:
        lines = ["%0 Journal Article", f"%T {r['title']}"]
        lines += [f"%A {a}" for a in r["authors"]]
        lines += [f"%D {r['year']}", f"%J {r['venue']}", f"%R {r['doi']}", ""]
        parts.append("\n".join(lines))
    return "\n".join(parts)


def xlsx(rows: list[dict]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Title", "Authors", "Year", "Source title", "DOI", "Abstract"])
    for r in rows:
        sheet.append(
            [r["title"], "; ".join(r["authors"]), r["year"], r["venue"], r["doi"], r["abstract"]]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


WRITERS = {
    ".ris": ris,
    ".nbib": medline,
    ".wos.txt": wos,
    ".bib": bibtex,
    ".csv": table,
    ".tsv": lambda rows: table(rows, "\t"),
    ".json": csl_json,
    ".xml": endnote_xml,
    ".ovd": ovid,
    ".enw": refer,
}


def synthetic(n: int = 6, tag: str = "") -> list[Seed]:
    """One small file per format with `n` records each."""
    rows = records(n, tag=tag)
    seeds = [Seed(f"synthetic{ext}", write(rows).encode(), n) for ext, write in WRITERS.items()]
    seeds.append(Seed("synthetic.xlsx", xlsx(rows), n))
    return seeds


def fixture_seeds() -> list[Seed]:
    """Every file under fixtures/formats, decompressed, with the manifest's count (a count
    read by another tool; used only to describe a loss, not to decide one)."""
    base = FIXTURES / "formats"
    if not base.is_dir():
        return []
    counts: dict[str, int] = {}
    with (FIXTURES / "manifest.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            try:
                counts[row["file"]] = int(row["records"])
            except ValueError:
                pass
    seeds = []
    for path in sorted(base.rglob("*")):
        if not path.is_file() or path.name.lower().startswith("readme"):
            continue
        data = path.read_bytes()
        name = path.name
        if name.endswith(".gz"):
            data, name = gzip.decompress(data), name[:-3]
        rel = str(path.relative_to(FIXTURES))
        seeds.append(Seed(name, data, None, origin=rel))
        seeds[-1].manifest = counts.get(rel)  # type: ignore[attr-defined]
    return seeds


def zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()
