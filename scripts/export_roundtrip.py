"""Measure how faithfully record exports read back: for each reader, entries read and fields
that differ from what Curator holds (title, authors, year, DOI, venue, abstract).

    PYTHONPATH=. python scripts/export_roundtrip.py [--what included|papers|records]

Runs on the demo's papers and on real fixture imports (../shared/fixtures/formats), with the
readers of tests/core/report/test_record_roundtrip.py; also counts non-unique CSL-JSON ids.
It uses only `export` and the review file, so it also measures older versions of Curator.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path.cwd()))

from curator.core.demo import build_demo  # noqa: E402
from curator.core.importers import import_file  # noqa: E402
from curator.core.names import parse_person  # noqa: E402
from curator.core.report.record_export import export  # noqa: E402
from curator.core.review import Review  # noqa: E402
from tests.core.report import test_record_roundtrip as rt  # noqa: E402


def expected(review: Review, what: str) -> list[dict]:
    """What Curator holds, read from the review file (not from the exporter)."""
    rows = []
    if what == "records":
        query = (
            "SELECT r.title, r.authors, r.year, r.doi, r.venue, r.abstract FROM record_rows r "
            "ORDER BY r.import_id, r.position"
        )
        for row in review.db.query(query):
            authors = [a for a in (row["authors"] or "").split("; ") if a]
            rows.append((row, authors))
    else:
        cond = "p.ft_decision = 'include'" if what == "included" else "1"
        query = (
            "SELECT p.id, p.title, p.year, p.doi, v.name AS venue, p.abstract FROM papers p "
            f"LEFT JOIN venues v ON v.id = p.venue_id WHERE p.merged_into IS NULL AND {cond} "
            "ORDER BY p.id"
        )
        for row in review.db.query(query):
            authors = [
                f"{f}, {g}" if g else f
                for f, g in review.db.execute(
                    "SELECT a.family, a.given FROM paper_authors pa JOIN authors a "
                    "ON a.id = pa.author_id WHERE pa.paper_id = ? ORDER BY pa.position",
                    [row["id"]],
                )
            ]
            rows.append((row, authors))
    person = getattr(rt, "_person", None) or (lambda a: tuple(parse_person(a).__dict__.values()))
    return [
        rt._item(row["title"], [person(a) for a in authors], row["year"], row["doi"],
                 row["venue"], row["abstract"])
        for row, authors in rows
    ]  # fmt: skip


def measure(review: Review, what: str, folder: Path) -> dict[str, str]:
    before = expected(review, what)
    out: dict[str, str] = {}
    for reader, (fmt, read) in rt.READERS.items():
        path = folder / f"out.{fmt}"
        export(review, what, fmt, path)
        try:
            after = read(path)
        except (AssertionError, Exception) as exc:  # a reader that cannot read the file
            out[reader] = f"fails ({type(exc).__name__})"
            continue
        fields: Counter[str] = Counter()
        for want, got in zip(before, after, strict=False):
            for name in rt.FIELDS:
                if reader in rt.TYPESETS_MATH and rt._MATH.search(str(want[name])):
                    continue
                fields[name] += want[name] != got[name]
        differing = ", ".join(f"{k} {v}" for k, v in fields.items() if v) or "none"
        out[reader] = f"{len(after)}/{len(before)} read; differing: {differing}"
    ids = [i["id"] for i in json.loads((folder / "out.csljson").read_text(encoding="utf-8"))]
    out["csl-json ids shared"] = str(sum(n for n in Counter(ids).values() if n > 1))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--what", default="included", help="demo selection (included, papers)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        with build_demo(folder / "demo.curator") as demo:
            print(f"demo, {args.what}:")
            for key, value in measure(demo, args.what, folder).items():
                print(f"  {key}: {value}")
        Review.create(folder / "fixtures.curator").close()
        with Review.open(folder / "fixtures.curator") as review:
            for file in rt.FILES:
                import_file(review, rt.FIXTURES / file, file)
            print("fixture imports, records:")
            for key, value in measure(review, "records", folder).items():
                print(f"  {key}: {value}")


if __name__ == "__main__":
    main()
