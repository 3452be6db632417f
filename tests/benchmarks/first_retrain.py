"""The first retrain after opening a review, in a fresh process, with and without a feature cache.

Builds a review file of N records (the recombined real abstracts of test_ranking_speed.py)
with D title/abstract decisions (5% includes, random), then, for each code checkout given,
starts a new Python process per run (a new session: nothing in memory) that imports the
ranking model and times `ranking.rank_review` on the file: reading the texts, hashing them,
vectorising or reading the on-disk feature cache, training and scoring. "cold" runs start
with an empty cache folder; "warm" runs find the entry the previous run left (a checkout
without the disk cache simply vectorises again). Prints CPU (time.process_time) and wall
seconds and the load average of each run.

    CURATOR_SHARED=../shared PYTHONPATH=. nice \\
        .venv/bin/python -m tests.benchmarks.first_retrain 20000 2000 OLD_CHECKOUT .
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from curator.core.review import Review
from curator.core.screening.decisions import Decision, record_decisions
from curator.core.timeutil import now

SHARED = Path(os.environ.get("CURATOR_SHARED", Path(__file__).resolve().parents[3] / "shared"))

CHILD = """
import json, sys, time
wall, cpu = time.perf_counter(), time.process_time()
from curator.core.ranking import model as ranking
from curator.core.review import Review
imported = (time.perf_counter() - wall, time.process_time() - cpu)
with Review.open(sys.argv[1]) as review:
    wall, cpu = time.perf_counter(), time.process_time()
    result = ranking.rank_review(review, "title_abstract")
    retrain = (time.perf_counter() - wall, time.process_time() - cpu)
    row = int(result.model.features.row_of(int(result.order()[0])))
    wall, cpu = time.perf_counter(), time.process_time()
    result.model.explain(row)
    explain = (time.perf_counter() - wall, time.process_time() - cpu)
print(json.dumps({"import": imported, "retrain": retrain, "explain": explain,
                  "load": open("/proc/loadavg").read().split()[0]}))
"""


def build(path: Path, records: int, decisions: int) -> Path:
    from tests.benchmarks.test_ranking_speed import _texts

    texts = _texts(SHARED / "fixtures", records)
    stamp = now()
    with Review.create(path, title="first retrain", who="bench") as review:
        with review.atomic():
            review.db.conn.executemany(
                "INSERT INTO papers (title, abstract, created_at, updated_at) VALUES (?, ?, ?, ?)",
                ((t[:80], t[80:], stamp, stamp) for t in texts),
            )
        ids = [r[0] for r in review.db.execute("SELECT id FROM papers ORDER BY id")]
        rng = random.Random(0)
        chosen = rng.sample(ids, decisions)
        labels = ["include" if i < max(1, decisions // 20) else "exclude" for i in range(decisions)]
        record_decisions(
            review, [Decision(p, "title_abstract", d) for p, d in zip(chosen, labels, strict=True)]
        )
    return path


def run(code: Path, review: Path, cache: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(code), CURATOR_CACHE_DIR=str(cache))
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(review)],
        env=env,
        cwd=code,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> None:
    records, decisions = int(argv[0]), int(argv[1])
    codes = [Path(c).resolve() for c in argv[2:]] or [Path.cwd()]
    with tempfile.TemporaryDirectory(prefix="first-retrain-") as tmp:
        review = build(Path(tmp) / "bench.curator", records, decisions)
        print(f"{records:,} records, {decisions:,} decisions")
        for code in codes:
            cache = Path(tmp) / f"cache-{code.name}"
            for mode in ("cold", "warm", "cold", "warm"):
                if mode == "cold":
                    shutil.rmtree(cache, ignore_errors=True)
                r = run(code, review, cache)
                print(
                    f"  {code}: {mode}: first retrain cpu {r['retrain'][1]:.2f} s, "
                    f"wall {r['retrain'][0]:.2f} s (import cpu {r['import'][1]:.2f} s, "
                    f"wall {r['import'][0]:.2f} s; first explanation {r['explain'][0]:.3f} s) "
                    f"load {r['load']}",
                    flush=True,
                )


if __name__ == "__main__":
    main(sys.argv[1:])
