"""Which files the reader process should read: the import step in-process against the reader
process (`batches.ReaderProcess`), on RIS files of short and of long records at several
sizes, to place `pipeline.PROCESS_MIN_BYTES` / `PROCESS_MIN_LINES` where the two cross.

    CURATOR_SHARED=../shared PYTHONPATH=. .venv/bin/python -m tests.benchmarks.reader_rule [ROUNDS]

Short records come from `import_end_to_end.generate` (13 lines, 250 bytes each), long ones
from `test_import_speed.generate` (the real RIS fixtures with their abstracts, about 32
lines and 2.5 KB each). Each measure is a new process importing into a fresh review without
duplicate detection; the two ways alternate, ROUNDS times (default 3); medians are printed.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.benchmarks import import_end_to_end, test_import_speed

FILES = [("short", n) for n in (5_000, 10_000, 20_000, 40_000)] + [
    ("long", n) for n in (1_600, 3_200, 6_400, 12_800)
]

CHILD = """
import sys, tempfile, time
from pathlib import Path
import curator.core.importers.pipeline as pipeline
from curator.core.importers import ImportSpec, import_files
from curator.core.review import Review
never, always = 1 << 40, 0
limit = always if sys.argv[2] == "process" else never
pipeline.PROCESS_MIN_BYTES = pipeline.PROCESS_MIN_LINES = limit
review = Review.create(Path(tempfile.mkdtemp()) / "r.curator", title="t", who="bench")
start = time.perf_counter()
import_files(review, [ImportSpec(Path(sys.argv[1]), "S")], deduplicate=False)
print(time.perf_counter() - start)
"""


def timed(path: Path, way: str) -> float:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), way], check=True, capture_output=True, text=True
    )
    return float(out.stdout.strip())


def main(rounds: int = 3) -> None:
    folder = Path(tempfile.mkdtemp())
    print("| records | n | MB | lines | in-process s | reader process s |")
    print("|---|---:|---:|---:|---:|---:|")
    for kind, n in FILES:
        path = folder / f"{kind}{n}.ris"
        if kind == "short":
            import_end_to_end.generate(path, n)
        else:
            test_import_speed.generate(path, n, import_end_to_end.SHARED)
        lines = path.read_bytes().count(b"\n")
        times: dict[str, list[float]] = {"inproc": [], "process": []}
        for _ in range(rounds):
            for way in times:
                times[way].append(timed(path, way))
        inproc, process = (statistics.median(times[w]) for w in ("inproc", "process"))
        mb = path.stat().st_size / 1e6
        print(f"| {kind} | {n:,} | {mb:.1f} | {lines:,} | {inproc:.2f} | {process:.2f} |")
        path.unlink()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
