"""Curator vs ASReview on every labelled screening set in ../shared/fixtures/screening.

For each dataset and seed, the same prior records (1 random include + 1 random exclude,
drawn by curator.core.ranking.simulation.draw_priors) go to `asreview simulate --prior-idx` (its
default model, ELAS u4, in its own venv) and to `curator simulate --seed`. Both orders are
scored by the same functions (curator.core.ranking.simulation: ASReview Insights' definitions, priors
left out), and wall time is the whole command as a user runs it. Writes the table into
docs/benchmarks.md under `## AI prioritisation` and the raw rows to stdout.

    nice python tests/benchmarks/asreview_side_by_side.py [--seeds 3] [--asreview BIN]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from curator.core.ranking import simulation  # noqa: E402

_SHARED = (
    [Path(os.environ["CURATOR_SHARED"])]
    if "CURATOR_SHARED" in os.environ
    else [
        REPO.parent / "shared",
        REPO.parent.parent / "shared",  # a checkout, or a worktree in wt/
    ]
)
FIXTURES = next((p for p in _SHARED if p.is_dir()), _SHARED[0]) / "fixtures" / "screening"
SECTION = "## AI prioritisation"


def asreview_order(project: Path) -> tuple[np.ndarray, int]:
    """Labels in ASReview's screening order (priors first) and its record count."""
    with zipfile.ZipFile(project) as archive, tempfile.TemporaryDirectory() as tmp:
        archive.extract("results.db", tmp)
        conn = sqlite3.connect(Path(tmp) / "results.db")
        labels = [r[0] for r in conn.execute("SELECT label FROM results ORDER BY rowid")]
        n_records = conn.execute("SELECT COUNT(*) FROM record").fetchone()[0]
        conn.close()
    return np.asarray(labels, dtype=np.int64), n_records


def score(order_labels: np.ndarray, n_records: int, n_prior: int) -> tuple[float, float]:
    labels = np.zeros(n_records, dtype=np.int64)
    rest = order_labels[n_prior:]
    labels[: rest.size] = rest
    # Rounded as `curator simulate` rounds metrics.json, so equal orders compare equal.
    return round(simulation.wss(labels), 4), round(simulation.recall_at(labels), 4)


def run_asreview(
    dataset: Path, seed: int, prior, asreview: str, work: Path, n_labels, n_inc
) -> dict:
    """One `asreview simulate`. With ASREVIEW_CACHE=path its results are kept there and
    reused (for iterating on Curator only; the timings then come from another moment)."""
    cache_path = os.environ.get("ASREVIEW_CACHE")
    cache_file = Path(cache_path) if cache_path else None
    cache = json.loads(cache_file.read_text()) if cache_file and cache_file.exists() else {}
    key = f"{dataset.name}|{seed}|{' '.join(map(str, prior))}"
    if key in cache:
        return cache[key]
    plain = dataset
    if dataset.suffix == ".gz":  # ASReview wants the plain CSV
        plain = work / dataset.name[:-3]
        if not plain.exists():
            with gzip.open(dataset, "rb") as src, plain.open("wb") as dst:
                shutil.copyfileobj(src, dst)
    project = work / f"{dataset.stem}-{seed}.asreview"
    project.unlink(missing_ok=True)
    started = time.perf_counter()
    subprocess.run(
        [
            asreview,
            "simulate",
            str(plain),
            "--prior-idx",
            *map(str, prior),
            "--seed",
            str(seed),
            "-o",
            str(project),
        ],
        check=True,
        capture_output=True,
    )
    asr_seconds = time.perf_counter() - started
    asr_labels, asr_records = asreview_order(project)
    if asr_records != n_labels or asr_labels.sum() != n_inc:
        raise SystemExit(
            f"{dataset.name}: ASReview read {asr_records} records / "
            f"{asr_labels.sum()} includes, Curator {n_labels} / {n_inc}"
        )
    asr_wss, asr_recall = score(asr_labels, asr_records, len(prior))
    found = {
        "asreview_wss": asr_wss,
        "asreview_recall10": asr_recall,
        "asreview_seconds": asr_seconds,
    }
    if cache_file:
        cache = json.loads(cache_file.read_text()) if cache_file.exists() else {}
        cache[key] = found
        cache_file.write_text(json.dumps(cache, indent=1))
    return found


def run(dataset: Path, seed: int, asreview: str, work: Path, curator: bool = True) -> dict:
    data = simulation.read_labelled(dataset)
    prior = simulation.draw_priors(data.labels, 1, 1, seed)
    asr = run_asreview(
        dataset, seed, prior, asreview, work, data.labels.size, int(data.labels.sum())
    )
    if not curator:
        return asr
    out = work / f"{dataset.stem}-{seed}-curator"
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "curator",
            "simulate",
            str(dataset),
            "--prior-included",
            "1",
            "--prior-excluded",
            "1",
            "--seed",
            str(seed),
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"},
    )
    cur_seconds = time.perf_counter() - started
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["prior_rows"] == [int(p) for p in prior]
    return {
        "dataset": dataset.name.split(".")[0],
        "records": int(data.labels.size),
        "includes": int(data.labels.sum()),
        "seed": seed,
        "curator_wss": metrics["wss_95"],
        "curator_recall10": metrics["recall_10"],
        "curator_seconds": cur_seconds,
        "curator_retrain_median": metrics["retrain_seconds_median"],
        **asr,
    }


def table(rows: list[dict], seeds: int, asreview_version: str) -> str:
    lines = [
        SECTION,
        "",
        f"Side by side on every labelled set in `../shared/fixtures/screening`, {seeds} seeds each; "
        "each seed draws 1 random include and 1 random exclude as prior records (the same rows "
        f"for both tools). ASReview LAB {asreview_version}, default model (ELAS u4: TF-IDF 1-2-grams "
        "+ LinearSVC, balanced, max query, retrain after every record), run by "
        "`asreview simulate --prior-idx I J --seed S`. Curator: `curator simulate --prior-included 1 "
        "--prior-excluded 1 --seed S` (retrains after every decision). Both orders are scored by the "
        "same code (ASReview Insights' definitions: WSS@95 and recall after screening 10% of the "
        "records, prior records left out). Mean over seeds, min-max in brackets. Wall time is the "
        "mean of the whole command (process start, reading, simulating until the last include is "
        "found, writing results); the two tools run one after the other for each seed, on a 2-core "
        "machine shared with other jobs, under `nice`.",
        "",
        "Reproduce: `nice .venv/bin/python tests/benchmarks/asreview_side_by_side.py --asreview "
        "/path/to/asreview-venv/bin/asreview` (rewrites this table; `--no-write` only prints it).",
        "",
        "| dataset | records | includes | WSS@95 Curator | WSS@95 ASReview | recall@10% Curator "
        "| recall@10% ASReview | wall s Curator | wall s ASReview |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    names = sorted({r["dataset"] for r in rows})

    def stat(group: list[dict], key: str, spread: bool = True) -> str:
        values = np.array([r[key] for r in group])
        if not spread:
            return f"{values.mean():.1f}"
        return f"{values.mean():.3f} ({values.min():.3f}-{values.max():.3f})"

    wins = 0
    for name in names:
        group = [r for r in rows if r["dataset"] == name]
        cur = np.mean([r["curator_wss"] for r in group])
        asr = np.mean([r["asreview_wss"] for r in group])
        wins += cur >= asr
        lines.append(
            f"| {name} | {group[0]['records']} | {group[0]['includes']} | "
            f"{'**' if cur >= asr else ''}{stat(group, 'curator_wss')}{'**' if cur >= asr else ''} | "
            f"{stat(group, 'asreview_wss')} | {stat(group, 'curator_recall10')} | "
            f"{stat(group, 'asreview_recall10')} | {stat(group, 'curator_seconds', False)} | "
            f"{stat(group, 'asreview_seconds', False)} |"
        )
    all_cur = np.mean([r["curator_wss"] for r in rows])
    all_asr = np.mean([r["asreview_wss"] for r in rows])
    lines += [
        "",
        f"Curator's mean WSS@95 is at or above ASReview's on {wins} of {len(names)} datasets "
        f"(bold); over all runs {all_cur:.3f} vs {all_asr:.3f}. Median Curator retrain: "
        f"{np.median([r['curator_retrain_median'] for r in rows]) * 1000:.0f} ms.",
        "",
    ]
    return "\n".join(lines)


def write_section(text: str) -> None:
    path = REPO / "docs" / "benchmarks.md"
    path.parent.mkdir(exist_ok=True)
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    kept = ""
    if SECTION in old:
        head, _, tail = old.partition(SECTION)
        section, *rest = tail.split("\n## ", 1)
        if "\n### " in section:  # hand-written subsections (speed, model choice) stay
            kept = "\n### " + section.split("\n### ", 1)[1]
        old = head + ("## " + rest[0] if rest else "")
    path.write_text(old.rstrip("\n") + "\n\n" + text + kept.rstrip("\n") + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--asreview", default="/work/asreview-venv/bin/asreview")
    parser.add_argument("--only", help="substring of the dataset file names to run")
    parser.add_argument("--no-write", action="store_true", help="print, do not touch docs/")
    parser.add_argument("--asreview-only", action="store_true", help="only fill the ASReview cache")
    parser.add_argument("--from-log", help="make the table from the rows printed by an earlier run")
    args = parser.parse_args()
    datasets = sorted(p for p in FIXTURES.glob("*/*.csv*") if not args.only or args.only in p.name)
    version = subprocess.run(
        [args.asreview, "--version"], capture_output=True, text=True
    ).stdout.strip()
    rows = []
    if args.from_log:  # rebuild the table from the JSON rows a previous run printed
        for line in Path(args.from_log).read_text().splitlines():
            if line.startswith("{") and '"curator_wss"' in line:
                row = json.loads(line)
                row["asreview_wss"] = round(row["asreview_wss"], 4)
                row["asreview_recall10"] = round(row["asreview_recall10"], 4)
                rows.append(row)
        datasets = []
    with tempfile.TemporaryDirectory() as tmp:
        for dataset in datasets:
            for seed in range(args.seeds):
                row = run(dataset, seed, args.asreview, Path(tmp), not args.asreview_only)
                rows.append(row)
                print(json.dumps(row), flush=True)
    if args.asreview_only:
        return
    text = table(rows, args.seeds, version.split()[-1] if version else "?")
    print(text)
    if not args.no_write:
        write_section(text)


if __name__ == "__main__":
    main()
