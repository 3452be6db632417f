"""Papers of the Rathbone labelled sets (../shared/fixtures), prepared for detection."""

from __future__ import annotations

from pathlib import Path

from curator.core.dedup.prepare import Prepared, prepare
from tests.benchmarks import dedup_data as data


def rathbone_papers(shared: Path, name: str) -> list[Prepared]:
    records = data.read_csv(shared / "dedup" / "rathbone_2015" / name / "records_pre_merged.csv")
    return [
        prepare({
            "id": i,
            "title": r.get("title"),
            "authors_text": "; ".join(data.split_authors(r.get("author") or "")),
            "year": r.get("year"),
            "venue": r.get("journal"),
            "volume": r.get("volume"),
            "issue": r.get("number"),
            "pages": r.get("pages"),
            "doi": r.get("doi"),
            "type": r.get("type"),
        })
        for i, r in enumerate(records, start=1)
    ]  # fmt: skip
