"""One import, timed in a new process per run, for each code checkout given, in turn.

    CURATOR_SHARED=../shared PYTHONPATH=. .venv/bin/python -m tests.benchmarks.import_ab \\
        100000 /path/to/old/checkout . . /path/to/old/checkout

Generates the import benchmark's RIS file once (test_import_speed.generate), then for each
CHECKOUT (a source tree; repeat one to run it again) starts a Python process that imports
the file into a fresh review with that tree's code (`import_files(..., deduplicate=False)`)
and prints wall seconds, the CPU of the importing process and of its reader process (if
one ran), the review file's size and the load average at the start. `CURATOR_AB_PAUSE`
seconds (default 25) pass between runs so that one run's heat does not land on the next.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.test_import_speed import generate

SHARED = Path(os.environ.get("CURATOR_SHARED", Path(__file__).resolve().parents[3] / "shared"))

CHILD = """
import json, resource, sys, time
from pathlib import Path
from curator.core.importers import ImportSpec, import_files
from curator.core.review import Review
def children():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
source, target = Path(sys.argv[1]), Path(sys.argv[2])
load = open("/proc/loadavg").read().split()[0]
wall, cpu = time.perf_counter(), time.process_time()
with Review.create(target) as review:
    import_files(review, [ImportSpec(source, "bench")], deduplicate=False)
print(json.dumps({"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
                  "reader": children(), "mb": target.stat().st_size / 1e6, "load": load}))
"""


def main(argv: list[str]) -> None:
    n = int(argv[0])
    codes = [Path(c).resolve() for c in argv[1:]] or [Path.cwd()]
    pause = float(os.environ.get("CURATOR_AB_PAUSE", "25"))
    with tempfile.TemporaryDirectory(prefix="import-ab-") as tmp:
        source = generate(Path(tmp) / "bench.ris", n, SHARED / "fixtures")
        print(f"{n:,} records, {source.stat().st_size / 1e6:.1f} MB")
        for run, code in enumerate(codes):
            if run:
                time.sleep(pause)
            target = Path(tmp) / f"run{run}.curator"
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(source), str(target)],
                env=dict(os.environ, PYTHONPATH=str(code)),
                cwd=tmp,
                capture_output=True,
                text=True,
                check=True,
            )
            r = json.loads(out.stdout.strip().splitlines()[-1])
            reader = f"{r['reader']:.2f} s" if r["reader"] else "not used"
            print(
                f"  {code}: wall {r['wall']:.2f} s, CPU {r['cpu']:.2f} s importing, reader "
                f"{reader}, file {r['mb']:.0f} MB, load {r['load']}",
                flush=True,
            )
            target.unlink()


if __name__ == "__main__":
    main(sys.argv[1:])
