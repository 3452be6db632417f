"""Where an import's time goes: the reader alone, the writer alone, and the two side by side.

    CURATOR_SHARED=../shared PYTHONPATH=. .venv/bin/python -m tests.benchmarks.import_floor 100000

Generates the import benchmark's RIS file (test_import_speed.generate), then times, in this
process: reading it into prepared batches (parse, normalise, `writer.prepare`; no database),
and writing those batches, already in memory, into a fresh review (`BulkWriter`, one
transaction, committed), with the wall time of each SQL statement kind summed through a
proxy connection. Last, a pure-CPU loop alone and two at once in separate processes, to see
whether the two vCPUs slow each other. Prints CPU and wall seconds and the load average.
"""

from __future__ import annotations

import collections
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from curator.core import searches
from curator.core.importers import detect, pipeline
from curator.core.importers import writer as writermod
from curator.core.importers.batches import read_batches
from curator.core.review import Review
from tests.benchmarks.test_import_speed import generate

SHARED = Path(os.environ.get("CURATOR_SHARED", Path(__file__).resolve().parents[3] / "shared"))
SPIN = "import time\nc = time.process_time()\nx = 0\nfor i in range(60_000_000): x += i\nprint(round(time.process_time() - c, 2))"


class _Timed:
    """A connection whose execute/executemany add their wall time to `spent` per statement kind."""

    def __init__(self, conn, spent: collections.Counter):
        self.conn, self.spent = conn, spent

    def _timed(self, method, sql, *args):
        started = time.perf_counter()
        try:
            return method(sql, *args)
        finally:
            self.spent[" ".join(sql.split("(")[0].split())[:50]] += time.perf_counter() - started

    def execute(self, sql, *args):
        return self._timed(self.conn.execute, sql, *args)

    def executemany(self, sql, *args):
        return self._timed(self.conn.executemany, sql, *args)


def _load() -> str:
    return (
        " ".join(open("/proc/loadavg").read().split()[:3])
        if os.path.exists("/proc/loadavg")
        else "?"
    )


def main(argv: list[str]) -> None:
    n = int(argv[0]) if argv else 100_000
    with tempfile.TemporaryDirectory(prefix="import-floor-") as tmp:
        source = generate(Path(tmp) / "bench.ris", n, SHARED / "fixtures")
        detected = detect(source)
        print(f"{n:,} records, {source.stat().st_size / 1e6:.1f} MB; load {_load()}")
        cpu, wall = time.process_time(), time.perf_counter()
        batches = list(read_batches(detected, None, pipeline.BATCH))
        print(
            f"reader alone (parse, normalise, prepare): CPU {time.process_time() - cpu:.2f} s, "
            f"wall {time.perf_counter() - wall:.2f} s"
        )
        spent: collections.Counter = collections.Counter()
        with Review.create(Path(tmp) / "floor.curator") as review:
            review.db.execute(f"PRAGMA cache_size = -{pipeline.IMPORT_CACHE_KIB}")
            cpu, wall = time.process_time(), time.perf_counter()
            with review.atomic():
                search = searches.add_search(review, "floor").id
                import_id = (
                    review.db["imports"]
                    .insert(
                        {
                            "search_id": search,
                            "file_name": source.name,
                            "sha256": "-",
                            "format": "ris",
                            "imported_at": "-",
                        }
                    )
                    .last_pk
                )
                writer = writermod.BulkWriter(review, import_id, expected=n)
                writer.conn = _Timed(writer.conn, spent)
                for batch in batches:
                    if batch.rows is not None:
                        writer.write(batch.rows)
                started = time.perf_counter()
                writer.finish()
                spent["finish: trigger and index builds"] = time.perf_counter() - started
                committing = time.perf_counter()
            spent["commit"] = time.perf_counter() - committing
            print(
                f"writer alone (rows in memory, committed): CPU {time.process_time() - cpu:.2f} s, "
                f"wall {time.perf_counter() - wall:.2f} s; load {_load()}"
            )
        for kind, seconds in spent.most_common(8):
            print(f"  {seconds:6.2f} s  {kind}")
        alone = subprocess.run(
            [sys.executable, "-c", SPIN], capture_output=True, text=True, check=True
        )
        both = [
            subprocess.Popen([sys.executable, "-c", SPIN], stdout=subprocess.PIPE, text=True)
            for _ in range(2)
        ]
        print(
            f"a pure-CPU loop alone: {alone.stdout.strip()} s CPU; two at once: "
            f"{', '.join(p.communicate()[0].strip() for p in both)} s CPU each"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
