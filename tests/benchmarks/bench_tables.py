"""Benchmark: every table, the three export formats and the report on a large review.

Run: PYTHONPATH=. .venv/bin/python -m pytest tests/benchmarks/bench_tables.py -q -s
Builds 20,000 papers (5,000 included, 6 authors each from a pool of 8,000, 400 venues,
2,000 records imported per search in 10 searches, tags in four facets, 50 claims of 10
papers) with direct SQL, then times each table function and each export.
"""

from __future__ import annotations

import random
import time

from curator.core.report.exports import write_report, write_tables
from curator.core.report.tables import TABLES
from curator.core.review import Review

PAPERS, INCLUDED, AUTHORS, VENUES = 20_000, 5_000, 8_000, 400


def _build(review: Review) -> None:
    rng = random.Random(7)
    db = review.db
    stamp = "2026-01-01T00:00:00Z"
    with review.atomic():
        db.conn.executemany(
            "INSERT INTO venues (id, name) VALUES (?, ?)",
            [(v, f"Journal {v}") for v in range(1, VENUES + 1)],
        )
        db.conn.executemany(
            "INSERT INTO authors (id, family, given, initials, key) VALUES (?, ?, 'A.', 'A', ?)",
            [(a, f"Author{a}", f"author{a} a") for a in range(1, AUTHORS + 1)],
        )
        db.conn.executemany(
            "INSERT INTO papers (id, title, year, venue_id, volume, pages, doi, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, '12', '100-110', ?, ?, ?)",
            [
                (
                    p,
                    f"Paper number {p} on a topic",
                    rng.randint(1990, 2025),
                    rng.randint(1, VENUES),
                    f"10.1000/{p}",
                    stamp,
                    stamp,
                )
                for p in range(1, PAPERS + 1)
            ],
        )
        db.conn.executemany(
            "INSERT INTO paper_authors (paper_id, position, author_id) VALUES (?, ?, ?)",
            [(p, i, rng.randint(1, AUTHORS)) for p in range(1, PAPERS + 1) for i in range(6)],
        )
        for s in range(10):
            db.execute(
                "INSERT INTO searches (id, name, database, created_at) VALUES (?, ?, ?, ?)",
                (s + 1, f"S{s}", f"DB{s % 4}", stamp),
            )
            db.execute(
                "INSERT INTO imports (id, search_id, file_name, sha256, format, imported_at) "
                "VALUES (?, ?, 'f.ris', '0', 'ris', ?)",
                (s + 1, s + 1, stamp),
            )
            db.conn.executemany(
                "INSERT INTO records (import_id, position, paper_id) VALUES (?, ?, ?)",
                [(s + 1, i, rng.randint(1, PAPERS)) for i in range(2_000)],
            )
        reason = db.execute(
            "SELECT id FROM exclusion_reasons WHERE stage = 'full_text' LIMIT 1"
        ).fetchone()[0]
        rows = []
        for p in range(1, PAPERS + 1):
            if p <= INCLUDED:
                rows += [(p, "title_abstract", "include", None), (p, "full_text", "include", None)]
            elif p <= INCLUDED * 2:
                rows += [
                    (p, "title_abstract", "include", None),
                    (p, "full_text", "exclude", reason),
                ]
            else:
                rows.append((p, "title_abstract", "exclude", None))
        db.conn.executemany(
            "INSERT INTO decisions (paper_id, stage, reviewer, decision, reason_id, created_at) "
            f"VALUES (?, ?, 'r', ?, ?, '{stamp}')",
            rows,
        )
        for facet_id in range(1, 5):
            db.conn.executemany(
                "INSERT INTO terms (facet_id, name, position) VALUES (?, ?, ?)",
                [(facet_id, f"Term {facet_id}.{t}", t) for t in range(8)],
            )
        terms = [r[0] for r in db.execute("SELECT id FROM terms")]
        db.conn.executemany(
            "INSERT OR IGNORE INTO paper_terms (paper_id, term_id) VALUES (?, ?)",
            [(p, rng.choice(terms)) for p in range(1, INCLUDED + 1) for _ in range(4)],
        )
        db.execute("UPDATE papers SET is_key = 1, key_result = 'Result' WHERE id <= 20")
        for c in range(50):
            claim = db.execute(
                "INSERT INTO claims (text, strength, position, created_at, updated_at) "
                "VALUES (?, 'Strong', ?, ?, ?)",
                (f"Claim {c}", c, stamp, stamp),
            ).lastrowid
            db.conn.executemany(
                "INSERT OR IGNORE INTO claim_papers (claim_id, paper_id, position) VALUES (?, ?, ?)",
                [(claim, rng.randint(1, INCLUDED), i) for i in range(10)],
            )


def test_tables_and_exports_on_a_large_review(tmp_path):
    review = Review.create(tmp_path / "big.curator")
    _build(review)
    print(f"\n{PAPERS} papers, {INCLUDED} included, {AUTHORS} authors, {VENUES} venues")
    for name, make in TABLES.items():
        start = time.perf_counter()
        frame = make(review)
        print(f"  {name:<22} {time.perf_counter() - start:6.3f} s  ({len(frame)} rows)")
    for fmt in ("csv", "xlsx", "md"):
        start = time.perf_counter()
        write_tables(review, tmp_path / fmt, fmt)
        print(f"  tables --format {fmt:<5}  {time.perf_counter() - start:6.3f} s")
    start = time.perf_counter()
    write_report(review, tmp_path / "review.md")
    print(f"  report                 {time.perf_counter() - start:6.3f} s")
    review.close()
