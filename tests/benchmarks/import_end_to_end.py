"""What a user waits for: `curator import` from the shell, beside rispy's bare parse of the
same file, in one run (issue 16, item 6).

    PYTHONPATH=. .venv/bin/python -m tests.benchmarks.import_end_to_end [N] [ROUNDS] [CHECKOUT]

Writes N (default 50,000) short, distinct RIS records (title, one to four authors, year,
journal, volume, issue, pages, DOI), drawing title words, family names and journals from the
real RIS fixtures in ../shared with their real frequencies and a fixed seed (`vocabulary`),
so the file is the same every run, then, ROUNDS times (default 2),
each in a new process:

- rispy: `rispy.load` of the file (the bare parse, timed inside the process);
- `curator new` + `curator import REVIEW FILE --search S` (wall time of the command, which
  reads, stores, commits and runs duplicate detection on the new papers);
- the same import without duplicate detection (`import_files(..., deduplicate=False)` in a
  new process), to show where the time goes.

CHECKOUT (default: this one) is the source tree whose Curator the commands run, to compare
an older checkout on the same file. Prints each run and the median ratios to rispy. Targets (issue 16): end to end at most 8x
rispy; the import step alone is measured at 100,000 records by test_import_speed.py.
"""

from __future__ import annotations

import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import rispy

from tests.benchmarks.test_import_speed import real_records

SHARED = (
    Path(os.environ.get("CURATOR_SHARED", Path(__file__).resolve().parents[3] / "shared"))
    / "fixtures"
)


def vocabulary(shared: Path) -> tuple[list[str], list[str], list[str]]:
    """Title words, first authors' family names and journal names of the real RIS fixtures
    (test_import_speed.RIS_SOURCES), each as often as it occurs there: drawing from them
    gives titles, names and journals with real frequencies, not a handful of repeats."""
    words, families, journals = [], [], []
    for text in real_records(shared):
        entry = rispy.loads(text)[0]
        words += re.findall(r"[^\W\d_]{2,}", entry.get("title") or entry.get("primary_title") or "")
        families += [a.split(",")[0].strip() for a in entry.get("authors") or [] if a.strip()]
        journal = entry.get("secondary_title") or entry.get("journal_name")
        if journal:
            journals.append(journal)
    return words, families, journals


def generate(path: Path, n: int, shared: Path = SHARED, seed: int = 20261203) -> Path:
    words, families, journals = vocabulary(shared)
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            title = " ".join(rng.choice(words) for _ in range(rng.randint(6, 14)))
            authors = [
                f"{rng.choice(families)}, {chr(65 + rng.randrange(26))}."
                for _ in range(rng.randint(1, 4))
            ]
            first = rng.randint(1, 900)
            lines = ["TY  - JOUR", f"TI  - {title.capitalize()}"]
            lines += [f"AU  - {a}" for a in authors]
            lines += [
                f"PY  - {rng.randint(1990, 2025)}",
                f"JO  - {rng.choice(journals)}",
                f"VL  - {rng.randint(1, 80)}",
                f"IS  - {rng.randint(1, 12)}",
                f"SP  - {first}",
                f"EP  - {first + rng.randint(3, 20)}",
                f"DO  - 10.5555/e2e.{i}",
                "ER  - ",
                "",
            ]
            out.write("\n".join(lines) + "\n")
    return path


RISPY = """
import sys, time, rispy
start = time.perf_counter()
with open(sys.argv[1], encoding="utf-8") as handle:
    n = len(rispy.load(handle))
print(time.perf_counter() - start, n)
"""

NO_DEDUP = """
import sys, time
from pathlib import Path
start = time.perf_counter()
from curator.core.importers import ImportSpec, import_files
from curator.core.review import Review
with Review.create(Path(sys.argv[2])) as review:
    import_files(review, [ImportSpec(Path(sys.argv[1]), "bench")], deduplicate=False)
print(time.perf_counter() - start)
"""


def run(args: list[str], checkout: Path) -> tuple[float, str, float]:
    """Wall seconds, standard output and peak resident memory (MB) of one command."""
    env = dict(os.environ, PYTHONPATH=str(checkout))
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(args, stdout=out, stderr=err, cwd=checkout, env=env)
        _pid, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode:
            raise RuntimeError(f"{args[:4]} failed: {err.read().decode()[-2000:]}")
        return seconds, out.read().decode(), usage.ru_maxrss / 1024


def main(n: int = 50_000, rounds: int = 2, checkout: str = ".") -> None:
    tree = Path(checkout).resolve()
    python = sys.executable
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        source = generate(tmp / "short.ris", n)
        mb = source.stat().st_size / 1e6
        load = open("/proc/loadavg").read().split()[0]
        print(f"{n} short distinct RIS records, {mb:.1f} MB; {tree}; load {load} at the start")
        e2e, step = [], []
        for r in range(rounds):
            _, out, rispy_mb = run([python, "-c", RISPY, str(source)], tree)
            bare = float(out.split()[0])
            review = tmp / f"r{r}.curator"
            new_s, _, _ = run([python, "-m", "curator", "new", str(review)], tree)
            cli_s, out, cli_mb = run(
                [python, "-m", "curator", "import", str(review), str(source), "--search", "S"],
                tree,
            )
            dedup_line = next((x for x in out.splitlines() if x.startswith("duplicates")), "")
            plain = tmp / f"p{r}.curator"
            _, out, _ = run([python, "-c", NO_DEDUP, str(source), str(plain)], tree)
            no_dedup = float(out.strip())
            e2e.append((new_s + cli_s) / bare)
            step.append(no_dedup / bare)
            print(
                f"round {r + 1}: rispy {bare:.2f} s; curator new + import {new_s:.2f} + "
                f"{cli_s:.2f} s = {(new_s + cli_s) / bare:.1f}x ({dedup_line}); "
                f"import without dedup (new process) {no_dedup:.2f} s = {no_dedup / bare:.1f}x; "
                f"review {review.stat().st_size / 1e6:.0f} MB; peak memory: curator import "
                f"{cli_mb:.0f} MB, rispy {rispy_mb:.0f} MB"
            )
        print(
            f"median: end to end {statistics.median(e2e):.1f}x rispy (target <= 8x); "
            f"without dedup {statistics.median(step):.1f}x"
        )


if __name__ == "__main__":
    args = sys.argv[1:]
    main(*(int(a) for a in args[:2]), *args[2:3])
