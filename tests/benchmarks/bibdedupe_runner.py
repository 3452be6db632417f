"""Run bib-dedupe on a CSV of records and print its duplicate clusters as JSON.

Runs under bib-dedupe's own virtual environment (/work/bibdedupe-venv, or the interpreter
named by BIBDEDUPE_PYTHON), made with

    python3 -m venv /work/bibdedupe-venv
    /work/bibdedupe-venv/bin/pip install 'bib-dedupe==0.11.*'

(the figures in docs/benchmarks-dedup.md are bib-dedupe 0.11.0 with pandas 3.1.1; 0.7.2 also
runs, with 'pandas>=1.3.4,<2.0', which it imports but lists only in an extra), called by
dedup_accuracy.py and dedup_speed.py as a subprocess so that its dependencies never mix with
Curator's. Input: a CSV in bib-dedupe's layout (ID, ENTRYTYPE, title, author, year, journal,
volume, number, pages, doi, abstract). Output (stdout): {"clusters": [[id, ...], ...],
"maybe": [[id_1, id_2], ...], "seconds": float}. Only pairs bib-dedupe labels "duplicate" are
merged (its documented automatic mode); "maybe" pairs are listed but not merged.
"""

import json
import sys
import time

import bib_dedupe.cluster
import pandas as pd
from bib_dedupe.bib_dedupe import block, match, prep


def main(path: str, cpu: int) -> None:
    records = pd.read_csv(path, dtype=str, keep_default_na=False)
    start = time.perf_counter()
    prepared = prep(records, verbosity_level=0, cpu=cpu)
    pairs = block(prepared, verbosity_level=0, cpu=cpu)
    matched = match(pairs, verbosity_level=0, cpu=cpu)
    duplicates = matched[matched["duplicate_label"] == "duplicate"]
    clusters = bib_dedupe.cluster.get_connected_components(duplicates)
    seconds = time.perf_counter() - start
    maybe = matched[matched["duplicate_label"] == "maybe"][["ID_1", "ID_2"]].values.tolist()
    json.dump(
        {"clusters": [sorted(c) for c in clusters], "maybe": maybe, "seconds": seconds},
        sys.stdout,
    )


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else -1)
