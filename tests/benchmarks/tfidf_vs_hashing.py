"""curator.core.ranking.tfidf against scikit-learn's HashingVectorizer: time, memory, WSS@95.

The library side is `HashingVectorizer(ngram_range=(1, 2), alternate_sign=False, norm=None,
strip_accents="unicode")` (lower-casing and the token pattern are its defaults, the ones
tfidf.py reproduces), the same min_df/max_df pruning as `ranking.featurize` (done on the
hashed columns), then the same `TfidfTransformer(sublinear_tf=True)` (`tfidf.weigh`).

Speed: the recombined real abstracts of test_ranking_speed.py (`_texts`) at each size; each
run is a fresh process that loads the texts, then times one vectorise (counts + weighing,
min_df 2 and max_df 0.95 as `featurize` uses at these sizes) and reports CPU and wall
seconds and the peak RSS it added (ru_maxrss after minus before). The two sides alternate,
run after run, so they share the machine's load. Quality: `simulation.simulate` on every
labelled set in ../shared/fixtures/screening with the same priors (1 random include and
1 random exclude per seed) for both feature sets; WSS@95 and recall@10% as `curator simulate`.

    PYTHONPATH=. python -m tests.benchmarks.tfidf_vs_hashing [--sizes 20000 100000]
        [--repeats 2] [--seeds 3] [--no-speed] [--no-wss]
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(os.environ.get("CURATOR_SHARED", REPO.parent / "shared")) / "fixtures"
SIDES = ("tfidf.py", "hashing")


def hashing_counts(texts, *, min_df: int = 1, max_df: float = 1.0):
    """The library's word 1-2-gram counts, pruned by document frequency as count_matrix is."""
    from sklearn.feature_extraction.text import HashingVectorizer

    vectorizer = HashingVectorizer(
        ngram_range=(1, 2), alternate_sign=False, norm=None, strip_accents="unicode"
    )
    counts = vectorizer.transform(texts).tocsr()
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    kept = (df >= min_df) & (df <= max_df * counts.shape[0])
    counts.data[~kept[counts.indices]] = 0
    counts.eliminate_zeros()
    return counts


def vectorise(side: str, texts: list[str]):
    """Counts then tf-idf, with the pruning `ranking.featurize` applies to `len(texts)` records."""
    from curator.core.ranking import model as ranking
    from curator.core.ranking import tfidf

    prune = {"min_df": ranking._min_df(len(texts)), "max_df": ranking.MAX_DF}
    if side == "hashing":
        counts = hashing_counts(texts, **prune)
    else:
        counts, _ = tfidf.count_matrix(texts, **prune)
    return tfidf.weigh(counts)


def child(side: str, texts_file: str) -> None:
    """One timed vectorise in this (fresh) process; prints one JSON line."""
    from curator.core.ranking import tfidf  # noqa: F401  (imports paid before timing)

    texts = pickle.loads(Path(texts_file).read_bytes())
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    wall, cpu = time.perf_counter(), time.process_time()
    matrix = vectorise(side, texts)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "wall": wall,
                "cpu": cpu,
                "peak_mb": (after - before) / 1024,
                "nnz": int(matrix.nnz),
                "load": open("/proc/loadavg").read().split()[0],
            }
        )
    )


def speed(sizes: list[int], repeats: int) -> None:
    from tests.benchmarks.test_ranking_speed import _texts

    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="tfidf-bench-") as tmp:
            texts_file = Path(tmp) / "texts.pickle"
            texts_file.write_bytes(pickle.dumps(_texts(FIXTURES, size)))
            runs: dict[str, list[dict]] = {side: [] for side in SIDES}
            for _ in range(repeats):
                for side in SIDES:
                    out = subprocess.run(
                        [sys.executable, "-m", "tests.benchmarks.tfidf_vs_hashing",
                         "--child", side, str(texts_file)],
                        cwd=REPO, capture_output=True, text=True, check=True,
                    )  # fmt: skip
                    run = json.loads(out.stdout.strip().splitlines()[-1])
                    runs[side].append(run)
                    print(
                        f"{size:,} records, {side}: wall {run['wall']:.2f} s, cpu "
                        f"{run['cpu']:.2f} s, peak +{run['peak_mb']:.0f} MB, nnz {run['nnz']:,}, "
                        f"load {run['load']}",
                        flush=True,
                    )
            ratio = np.median([r["wall"] for r in runs["hashing"]]) / np.median(
                [r["wall"] for r in runs["tfidf.py"]]
            )
            print(f"{size:,} records: hashing / tfidf.py median wall time = {ratio:.2f}x\n")


def wss(seeds: int) -> None:
    from curator.core.ranking import model as ranking
    from curator.core.ranking import simulation

    real_featurize = ranking.featurize

    def hashed_featurize(ids, texts, *, disk=False):
        started = time.perf_counter()
        matrix = vectorise("hashing", list(texts))
        terms = ["(hashed)"] * matrix.shape[1]
        key = f"hashing-{len(texts)}-{hash(tuple(texts))}"
        return ranking.Features(
            np.asarray(ids, dtype=np.int64), matrix, terms, key, time.perf_counter() - started
        )

    totals: dict[str, list[float]] = {side: [] for side in SIDES}
    print("dataset | seed | WSS@95 tfidf.py | WSS@95 hashing | recall@10% tfidf.py | hashing")
    for path in sorted((FIXTURES / "screening").glob("*/*.csv*")):
        data = simulation.read_labelled(path)
        for seed in range(seeds):
            prior = simulation.draw_priors(data.labels, 1, 1, seed)
            result = {}
            for side in SIDES:
                ranking.featurize = real_featurize if side == "tfidf.py" else hashed_featurize
                try:
                    result[side] = simulation.metrics(simulation.simulate(data, prior, seed=seed))
                finally:
                    ranking.featurize = real_featurize
                totals[side].append(result[side]["wss_95"])
            a, b = result["tfidf.py"], result["hashing"]
            print(
                f"{path.name.split('.')[0]} | {seed} | {a['wss_95']:.3f} | {b['wss_95']:.3f} | "
                f"{a['recall_10']:.3f} | {b['recall_10']:.3f}",
                flush=True,
            )
    print(
        f"mean WSS@95 over {len(totals['hashing'])} runs: tfidf.py "
        f"{np.mean(totals['tfidf.py']):.3f}, hashing {np.mean(totals['hashing']):.3f}"
    )


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 100_000])
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--no-wss", action="store_true")
    parser.add_argument("--child", nargs=2, metavar=("SIDE", "TEXTS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child)
        return
    if not FIXTURES.is_dir():
        sys.exit(f"real-data fixtures not found at {FIXTURES} (set CURATOR_SHARED)")
    if not args.no_speed:
        speed(args.sizes, args.repeats)
    if not args.no_wss:
        wss(args.seeds)


if __name__ == "__main__":
    main(sys.argv[1:])
