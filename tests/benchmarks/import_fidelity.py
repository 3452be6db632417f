"""What issue 16's import fidelity costs: a large Scopus CSV and a Scopus BibTeX file, each
imported (no deduplication) by each code checkout given, in a new process per run.

    PYTHONPATH=. .venv/bin/python -m tests.benchmarks.import_fidelity OLD_CHECKOUT . [inproc]

The CSV is bibliometrix's 8-record Scopus sample repeated to 20,000 rows (distinct titles,
EIDs and DOIs; about 250 MB, so a reader process is used unless `inproc` is given); the
BibTeX file is synthesisr's Scopus example repeated to 5,000 entries (distinct keys and
titles). Prints wall seconds per file and checkout.
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

SHARED = Path(os.environ.get("CURATOR_SHARED", Path(__file__).resolve().parents[3] / "shared"))
FORMATS = SHARED / "fixtures" / "formats"

CHILD = """
import sys, time, tempfile
from pathlib import Path
import curator.core.importers.pipeline as pipeline
from curator.core.importers import ImportSpec, import_files
from curator.core.review import Review
if sys.argv[2] == "inproc":
    pipeline.PROCESS_MIN_BYTES = pipeline.PROCESS_MIN_LINES = 1 << 40
review = Review.create(Path(tempfile.mkdtemp()) / "r.curator", title="t", who="bench")
start = time.perf_counter()
reports, _ = import_files(review, [ImportSpec(Path(sys.argv[1]), "S")], deduplicate=False)
print(f"{reports[0].imported} records, {time.perf_counter() - start:.2f} s")
"""


def generate(folder: Path) -> list[Path]:
    csv.field_size_limit(1 << 30)
    with (FORMATS / "bibliometrix/scopus_sample.csv").open(encoding="utf-8", newline="") as f:
        header, *body = list(csv.reader(f))
    title, eid, doi = header.index("Title"), header.index("EID"), header.index("DOI")
    scopus = folder / "scopus.csv"
    with scopus.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for i in range(20_000):
            row = list(body[i % len(body)])
            row[title], row[eid], row[doi] = f"{row[title]} {i}", f"2-s2.0-{i}", f"10.9999/x.{i}"
            writer.writerow(row)
    text = (FORMATS / "synthesisr/Scopus_bib_example.bib").read_text(encoding="utf-8")
    entries = [e for e in re.split(r"(?m)^(?=@)", text) if e.startswith("@")]
    bib = folder / "scopus.bib"
    with bib.open("w", encoding="utf-8") as out:
        for i in range(5_000):
            entry = re.sub(r"^(@\w+\{)[^,]*,", rf"\g<1>k{i},", entries[i % len(entries)], count=1)
            out.write(re.sub(r"(?m)^title=\{", f"title={{T{i} ", entry, count=1) + "\n")
    return [scopus, bib]


def main(checkouts: list[str], mode: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        files = generate(Path(folder))
        for checkout in checkouts:
            for path in files:
                env = {**os.environ, "PYTHONPATH": str(Path(checkout).resolve())}
                found = subprocess.run(
                    [sys.executable, "-c", CHILD, str(path), mode],
                    capture_output=True, text=True, env=env, cwd=checkout, check=True,
                )  # fmt: skip
                print(f"{checkout} {path.name}: {found.stdout.strip()}", flush=True)


if __name__ == "__main__":
    args = sys.argv[1:]
    mode = "inproc" if args and args[-1] == "inproc" else "auto"
    main([a for a in args if a != "inproc"], mode)
