"""Speed of duplicate detection on 100,000 records, beside bib-dedupe on the same records.

Run: `nice env PYTHONPATH=. .venv/bin/python tests/benchmarks/dedup_speed.py [N] [BIBDEDUPE_N]`
(defaults 100000 and 10000; bib-dedupe gets the first BIBDEDUPE_N of the same records, with a
time limit, because its time grows much faster than Curator's).

The records are the labelled fixture sets' records (about 4,700, duplicates included),
repeated in "copies" that are different papers: each copy maps every title word and author
surname to another spelling and shifts the page numbers, consistently within the copy, so
the duplicates inside a set stay duplicates and papers of different copies stay different.
Timed: `dedup.run` on a review file holding N papers (reading, blocking, comparing, storing
pairs and auto-merging, one transaction), and bib-dedupe's prep + block + match + cluster.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from curator.core import dedup
from curator.core.review import Review  # noqa: E402
from tests.benchmarks import dedup_accuracy as acc  # noqa: E402
from tests.benchmarks import dedup_data as data  # noqa: E402

SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pu", "da", "fe", "gi", "ho"]


def _alias(word: str, copy: int) -> str:
    if copy == 0 or len(word) < 3:
        return word
    digest = hashlib.blake2b(f"{copy}:{word.lower()}".encode(), digest_size=4).digest()
    return word + SYLLABLES[digest[0] % len(SYLLABLES)] + SYLLABLES[digest[1] % len(SYLLABLES)]


def _vary(text: str, copy: int) -> str:
    return " ".join(_alias(w, copy) for w in text.split())


def _shift(pages: str, copy: int) -> str:
    out, number = [], ""
    for ch in pages + " ":
        if ch.isdigit():
            number += ch
            continue
        if number:
            out.append(str(int(number) + copy * 13))
            number = ""
        out.append(ch)
    return "".join(out).rstrip()


def make_records(n: int) -> list[dict]:
    base = [
        dict(r, ID=f"s{i}_{r['ID']}")
        for i, (name, recs, _truth) in enumerate(acc.sets())
        if "XML" not in name and "labelled" not in name
        for r in recs
    ]
    records, copy = [], 0
    while len(records) < n:
        for rec in base:
            if len(records) >= n:
                break
            new = dict(rec)
            new["ID"] = f"c{copy}_{rec['ID']}"
            new["title"] = _vary(rec.get("title", ""), copy)
            new["author"] = " and ".join(
                _alias(a.split(",")[0], copy) + ("," + a.split(",", 1)[1] if "," in a else "")
                for a in data.split_authors(rec.get("author", ""))
            )
            new["pages"] = _shift(rec.get("pages", ""), copy)
            new["doi"] = f"{rec['doi']}.{copy}" if rec.get("doi") and copy else rec.get("doi", "")
            records.append(new)
        copy += 1
    return records


def time_curator(records: list[dict], workdir: Path) -> tuple[float, dedup.DedupResult]:
    path = workdir / "speed.curator"
    with Review.create(path, title="speed", who="bench") as review:
        data.bulk_load(review, records)
    with Review.open(path, who="bench") as review:
        start = time.perf_counter()
        result = dedup.run(review)
        return time.perf_counter() - start, result


def time_bibdedupe(records: list[dict], workdir: Path, limit: float) -> float | None:
    path = workdir / "speed.csv"
    acc.write_bibdedupe_input(records, path)
    try:
        out = subprocess.run([acc.BIBDEDUPE, str(acc.RUNNER), str(path), "-1"], capture_output=True,
                             text=True, check=True, timeout=limit)  # fmt: skip
    except subprocess.TimeoutExpired:
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])["seconds"]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    bd_n = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    records = make_records(n)
    with tempfile.TemporaryDirectory() as tmp:
        seconds, result = time_curator(records, Path(tmp))
        print(f"Curator: {n} records in {seconds:.1f} s ({result.compared} pairs compared, "
              f"{result.merged} merged, {result.candidates} queued)", flush=True)  # fmt: skip
        (Path(tmp) / "small").mkdir()
        small_seconds, small = time_curator(records[:bd_n], Path(tmp) / "small")
        print(
            f"Curator: {bd_n} records in {small_seconds:.1f} s ({small.merged} merged)", flush=True
        )
        if not Path(acc.BIBDEDUPE).exists():
            print(f"bib-dedupe: not run (none at {acc.BIBDEDUPE}; set BIBDEDUPE_PYTHON)")
            return
        bd = time_bibdedupe(records[:bd_n], Path(tmp), limit=1800)
        print(
            "bib-dedupe:", f"{bd_n} records in {bd:.1f} s" if bd else f"{bd_n} records: over 1800 s"
        )


if __name__ == "__main__":
    main()
