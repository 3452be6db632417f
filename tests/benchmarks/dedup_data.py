"""Loading the labelled deduplication sets (../shared/fixtures/dedup) for the benchmarks.

Each loader returns (records, truth): records as dicts in bib-dedupe's column layout (ID,
ENTRYTYPE, title, author, year, journal, volume, number, pages, doi, abstract, plus type and
language where the source has them) and the truth as a list of duplicate groups (lists of
IDs), or, for sets labelled per record only, a set of the IDs marked duplicate.

The EndNote XML loader here is a small one written for the benchmark (the import pipeline is
being written on another branch); it reads the fields dedup compares and nothing else.
`bulk_load` puts records into a real review as papers, one paper per record, the way an
import does, with authors written as `Family, I.` like `curator.core.papers`.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from pathlib import Path

import defusedxml.ElementTree as ET

from curator.core.identifiers import normalise_doi, normalise_pmid
from curator.core.names import parse_person
from curator.core.papers import venue_id_for
from curator.core.review import Review
from curator.core.timeutil import now

FIELDS = ("ID", "ENTRYTYPE", "title", "author", "year", "journal", "volume", "number", "pages",
          "doi", "abstract", "type", "language", "pmid")  # fmt: skip


def _open_text(path: Path, encoding: str = "utf-8") -> str:
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return data.decode(encoding)


def read_csv(path: Path, encoding: str = "utf-8") -> list[dict]:
    rows = list(csv.DictReader(io.StringIO(_open_text(path, encoding), newline="")))
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in rows]


def read_groups(path: Path) -> list[list[str]]:
    return [row["merged_ids"].split(";") for row in read_csv(path)]


def _text(node) -> str:
    return "".join(node.itertext()).strip() if node is not None else ""


def read_endnote_xml(path: Path) -> list[dict]:
    """Records from an EndNote XML library: record `id_0000001` is the first <record>."""
    root = ET.fromstring(_open_text(path).encode("utf-8"))
    records = []
    for i, rec in enumerate(root.iter("record"), start=1):
        authors = [_text(a) for a in rec.findall("./contributors/authors/author")]
        venue = _text(rec.find("./titles/secondary-title")) or _text(
            rec.find("./periodical/full-title")
        )
        ref_type = rec.find("ref-type")
        records.append({
            "ID": f"id_{i:07d}",
            "ENTRYTYPE": "article",
            "title": _text(rec.find("./titles/title")),
            "author": " and ".join(authors),
            "year": _text(rec.find("./dates/year")),
            "journal": venue,
            "volume": _text(rec.find("volume")),
            "number": _text(rec.find("number")),
            "pages": _text(rec.find("pages")),
            "doi": _text(rec.find("electronic-resource-num")),
            "abstract": _text(rec.find("abstract")),
            "type": ref_type.get("name", "") if ref_type is not None else "",
            "language": _text(rec.find("language")),
            "caption": _text(rec.find("caption")),
        })  # fmt: skip
    return records


def split_authors(text: str) -> list[str]:
    """Authors as the sets write them: "A, B. and C, D.", "A; B" or ASySD's "Adeli K.Lewis G. F."."""
    if not text:
        return []
    parts = re.split(r"\s+and\s+|;\s*|\n", text)
    out = []
    for part in parts:
        out.extend(p for p in re.split(r"(?<=\.)(?=[A-Z][a-z])", part) if p.strip())
    # "Adeli K." / "Lewis G. F." (family then initials, no comma) -> "Adeli, K."
    return [re.sub(r"^([^,]+?)\s+((?:[A-Z]\.\s*)+)$", r"\1, \2", a.strip()) for a in out]


def bulk_load(review: Review, records: list[dict]) -> dict[int, str]:
    """Insert one paper per record in one transaction; return paper id -> record ID."""
    stamp = now()
    ids: dict[int, str] = {}
    with review.atomic():
        for rec in records:
            people = [
                p
                for p in (parse_person(a) for a in split_authors(rec.get("author", "")))
                if p.family
            ]
            year = re.match(r"\d{4}", rec.get("year") or "")
            cursor = review.db.execute(
                "INSERT INTO papers (title, abstract, year, venue_id, volume, issue, pages, doi, pmid, "
                "type, language, authors_text, first_author, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    rec.get("title") or "",
                    rec.get("abstract") or None,
                    int(year.group(0)) if year else None,
                    venue_id_for(review, rec.get("journal")),
                    rec.get("volume") or None,
                    rec.get("number") or None,
                    rec.get("pages") or None,
                    normalise_doi(rec.get("doi")),
                    normalise_pmid(rec.get("pmid")),
                    rec.get("type") or None,
                    rec.get("language") or None,
                    "; ".join(p.display() for p in people),
                    people[0].family if people else "",
                    stamp,
                    stamp,
                ),
            )
            ids[cursor.lastrowid] = rec["ID"]
    return ids


def clusters(review: Review, ids: dict[int, str]) -> list[list[str]]:
    """The duplicate groups Curator made, as record IDs (papers merged into one)."""
    parent = dict(review.db.execute("SELECT id, merged_into FROM papers").fetchall())

    def root(x: int) -> int:
        while parent.get(x) is not None:
            x = parent[x]
        return x

    groups: dict[int, list[str]] = {}
    for pid, rid in ids.items():
        groups.setdefault(root(pid), []).append(rid)
    return [sorted(g) for g in groups.values() if len(g) > 1]
