"""Accuracy of duplicate detection on the labelled sets, Curator beside bib-dedupe.

Run: `nice env PYTHONPATH=. .venv/bin/python tests/benchmarks/dedup_accuracy.py [--loso]`
(bib-dedupe runs from its own venv, BIBDEDUPE_PYTHON, default /work/bibdedupe-venv/bin/python;
BIBDEDUPE_CACHE=<folder> keeps its results between runs). `--loso`: leave one set out, the
automatic threshold tuned on the other sets (docs/benchmarks-dedup.md).

Each set's records are loaded into a real review file as papers (one per record), Curator's
`dedup.run` merges what it is certain of (candidates for the review queue are not counted as
merged), and the merged groups are scored against the truth. bib-dedupe gets the same records
and its "duplicate" pairs (not its "maybe" pairs) are scored the same way.

Pairwise scores (sets with duplicate groups): over all pairs of records, sensitivity =
true duplicate pairs merged / true duplicate pairs, specificity = non-duplicate pairs kept apart
/ non-duplicate pairs, false merges = non-duplicate pairs merged. Record-level scores (sets
labelled per record): sensitivity = records marked duplicate that were merged with another /
records marked duplicate; false merges = records marked unique that were merged.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from curator.core import dedup
from curator.core.review import Review  # noqa: E402
from tests.benchmarks import dedup_data as data  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("CURATOR_SHARED", ROOT.parent / "shared")) / "fixtures" / "dedup"
if not SHARED.is_dir():
    SHARED = Path("/work/shared/fixtures/dedup")
BIBDEDUPE = os.environ.get("BIBDEDUPE_PYTHON", "/work/bibdedupe-venv/bin/python")
RUNNER = Path(__file__).with_name("bibdedupe_runner.py")


def sets() -> list[tuple[str, list[dict], object]]:
    """(name, records, truth) for every labelled set; truth: groups, or a set of marked IDs."""
    out = []
    special = data.read_csv(SHARED / "bibdedupe_special_cases/records_pre_merged.csv")
    for row in special:
        row["journal"] = row.get("journal") or row.get("booktitle", "")
    out.append(
        (
            "bib-dedupe special cases (CSV)",
            special,
            data.read_groups(SHARED / "bibdedupe_special_cases/merged_record_ids.csv"),
        )
    )
    diabetes = SHARED / "asysd_hair_2023/diabetes"
    out.append(
        (
            "ASySD diabetes (CSV)",
            data.read_csv(diabetes / "records_pre_merged.csv.gz"),
            data.read_groups(diabetes / "merged_record_ids.csv"),
        )
    )
    labelled = data.read_csv(diabetes / "asysd_labelled_test_set.csv.gz", encoding="cp1252")
    for i, row in enumerate(labelled, start=1):
        row["ID"] = f"r{i:05d}"
        row["number"] = row.get("number", "")
    out.append(
        (
            "ASySD labelled test set (source column)",
            labelled,
            {"remove": {r["ID"] for r in labelled if r["source"] == "duplicate"}},
        )
    )
    for name in ("haematology", "stroke"):
        folder = SHARED / "rathbone_2015" / name
        groups = data.read_groups(folder / "merged_record_ids.csv")
        out.append(
            (f"Rathbone {name} (CSV)", data.read_csv(folder / "records_pre_merged.csv"), groups)
        )
        out.append(
            (
                f"Rathbone {name} (EndNote XML)",
                data.read_endnote_xml(folder / f"{name}_endnote.xml.gz"),
                groups,
            )
        )
    taf = data.read_endnote_xml(SHARED / "iebh_dedupe_sweep/tafenoquine.xml.gz")
    out.append(("IEBH tafenoquine (EndNote XML, caption)", taf,
                {"marked": {r["ID"] for r in taf if r["caption"].lower() == "duplicate"}}))  # fmt: skip
    return out


def run_curator(
    records: list[dict], workdir: Path, threshold: float | None = None, floor: float | None = None
) -> tuple[list[list[str]], float, list[tuple[str, str]]]:
    path = workdir / "bench.curator"
    path.unlink(missing_ok=True)
    with Review.create(path, title="benchmark", who="bench") as review:
        ids = data.bulk_load(review, records)
        start = time.perf_counter()
        dedup.run(review, auto_threshold=threshold, queue_floor=floor)
        seconds = time.perf_counter() - start
        groups = data.clusters(review, ids)
        queued = [(ids[q["paper_a"]], ids[q["paper_b"]]) for q in dedup.candidate_queue(review)]
    return groups, seconds, queued


BIBDEDUPE_COLUMNS = (
    "ID",
    "ENTRYTYPE",
    "title",
    "author",
    "year",
    "journal",
    "volume",
    "number",
    "pages",
    "doi",
    "abstract",
)


def write_bibdedupe_input(records: list[dict], path: Path) -> None:
    """The records as the CSV bib-dedupe's runner reads (an entry type for each)."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=BIBDEDUPE_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for rec in records:
            writer.writerow(
                {c: rec.get(c, "") or "" for c in BIBDEDUPE_COLUMNS}
                | {"ENTRYTYPE": rec.get("ENTRYTYPE") or "article"}
            )


def run_bibdedupe(records: list[dict], workdir: Path) -> tuple[list[list[str]], float]:
    """bib-dedupe's automatic clusters; kept in BIBDEDUPE_CACHE (a folder) by input digest,
    so that Curator's side can be re-run without re-running bib-dedupe."""
    path = workdir / "bibdedupe_input.csv"
    write_bibdedupe_input(records, path)
    cache = os.environ.get("BIBDEDUPE_CACHE")
    cached = None
    if cache:
        digest = hashlib.sha256(path.read_bytes() + BIBDEDUPE.encode()).hexdigest()[:20]
        cached = Path(cache) / f"{digest}.json"
        if cached.is_file():
            found = json.loads(cached.read_text(encoding="utf-8"))
            return found["clusters"], found["seconds"]
    out = subprocess.run(
        [BIBDEDUPE, str(RUNNER), str(path), "1"], capture_output=True, text=True, check=True
    )
    line = out.stdout.strip().splitlines()[-1]
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(line, encoding="utf-8")
    found = json.loads(line)
    return found["clusters"], found["seconds"]


def pairs_of(groups) -> set[tuple[str, str]]:
    return {tuple(sorted(p)) for g in groups for p in combinations(g, 2)}


def score(records: list[dict], truth, groups: list[list[str]]) -> dict:
    n = len(records)
    if isinstance(truth, list):
        true_pairs, found = pairs_of(truth), pairs_of(groups)
        tp, fp = len(true_pairs & found), len(found - true_pairs)
        fn = len(true_pairs - found)
        tn = n * (n - 1) // 2 - tp - fp - fn
        return {"kind": "pairs", "sens": tp / (tp + fn) if tp + fn else 1.0, "spec": tn / (tn + fp),
                "false": fp, "tp": tp, "truth": len(true_pairs)}  # fmt: skip
    merged = {rid for g in groups for rid in g}
    if "marked" in truth:
        marked = truth["marked"]
        unique = {r["ID"] for r in records} - marked
        return {"kind": "records", "sens": len(merged & marked) / len(marked),
                "spec": len(unique - merged) / len(unique), "false": len(merged - marked),
                "tp": len(merged & marked), "truth": len(marked)}  # fmt: skip
    removed = sum(len(g) - 1 for g in groups)
    want = len(truth["remove"])
    return {"kind": "removed", "sens": min(removed, want) / want, "spec": None, "false": None,
            "tp": removed, "truth": want}  # fmt: skip


def fmt(s: dict) -> str:
    if s["kind"] == "not run":
        return "not run | – | – "
    if s["kind"] == "removed":  # labelled per record only: how many each tool removed
        return f"{s['tp']} removed | – | – "
    spec = "–" if s["spec"] is None else f"{s['spec']:.5f}"
    false = "–" if s["false"] is None else str(s["false"])
    return f"{s['sens']:.4f} | {spec} | {false}"


def family(name: str) -> str:
    """The records a set is made of: the CSV and EndNote XML of one Rathbone set, and ASySD's
    two files of the Diabetes records, are one family (left out together)."""
    for key in ("special", "diabetes", "ASySD", "haematology", "stroke", "tafenoquine"):
        if key in name:
            return "diabetes" if key == "ASySD" else key
    return name


def with_queue(truth: list[list[str]], groups, queued) -> float:
    """True pairs merged, or whose two groups a queued pair joins (a person who answers every
    queued pair rightly finds them)."""
    group = {rid: i for i, g in enumerate(groups) for rid in g}
    key = lambda rid: group.get(rid, rid)  # noqa: E731
    joined = {frozenset((key(a), key(b))) for a, b in queued}
    true_pairs = pairs_of(truth)
    seen = sum(
        1 for a, b in true_pairs if key(a) == key(b) or frozenset((key(a), key(b))) in joined
    )
    return seen / len(true_pairs)


# Automatic thresholds and queue floors tried when tuning on the other sets (the defaults
# are dedup.DEFAULT_AUTO_THRESHOLD and dedup.DEFAULT_QUEUE_FLOOR).
GRID = (0.75, 0.8, 0.85, 0.9, 0.95)
FLOORS = (0.0, 0.6, 0.65, 0.7, 0.75, 0.8)


def leave_one_set_out() -> None:
    """For each family of records, tuned on the other families: the automatic threshold, the
    lowest of GRID with no false merge on any of them; the queue floor, the highest of FLOORS
    that loses none of their true pairs from the automatic merges and the queue. The left-out
    family is then scored at those values beside bib-dedupe."""
    lines = [
        "| Left-out set | records | threshold / queue floor tuned on the others | Curator sens. "
        "| false merges | queued pairs (% of records) | auto + queue recall | bib-dedupe sens. "
        "| false merges |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        all_sets = sets()
        false_at: dict[tuple[str, float], int] = {}
        seen_at: dict[tuple[str, float], float] = {}
        for name, records, truth in all_sets:
            fam = family(name)
            for value in GRID:
                groups, _secs, _queued = run_curator(records, Path(tmp), value, 0.0)
                found = score(records, truth, groups)["false"] or 0
                false_at[fam, value] = false_at.get((fam, value), 0) + found
            for value in FLOORS:
                groups, _secs, queued = run_curator(records, Path(tmp), None, value)
                if isinstance(truth, list):
                    seen_at[fam, value] = with_queue(truth, groups, queued)
        for name, records, truth in all_sets:
            others = {family(n) for n, _r, _t in all_sets} - {family(name)}
            tuned = next((v for v in GRID if all(false_at[f, v] == 0 for f in others)), GRID[-1])
            floor = max(
                v
                for v in FLOORS
                if all(seen_at[f, v] >= seen_at[f, 0.0] for f in others if (f, 0.0) in seen_at)
            )
            groups, _secs, queued = run_curator(records, Path(tmp), tuned, floor)
            ours = score(records, truth, groups)
            theirs = score(records, truth, run_bibdedupe(records, Path(tmp))[0])
            recall = f"{with_queue(truth, groups, queued):.4f}" if isinstance(truth, list) else "–"
            sens, their_sens = (
                f"{x['tp']}/{x['truth']} removed" if x["kind"] == "removed" else f"{x['sens']:.4f}"
                for x in (ours, theirs)
            )
            lines.append(
                f"| {name} | {len(records)} | {tuned} / {floor} | {sens} "
                f"| {ours['false'] if ours['false'] is not None else '–'} "
                f"| {len(queued)} ({len(queued) / len(records):.1%}) | {recall} | {their_sens} "
                f"| {theirs['false'] if theirs['false'] is not None else '–'} |"
            )
            print(lines[-1], flush=True)
    print("\n".join(lines))


def main() -> None:
    if "--loso" in sys.argv:
        leave_one_set_out()
        return
    if not Path(BIBDEDUPE).exists():
        print(f"no bib-dedupe at {BIBDEDUPE} (set BIBDEDUPE_PYTHON): Curator's figures only")
    lines = [
        "| Set | records | truth | Curator sens. | spec. | false merges | queued pairs "
        "| sens. incl. queue | bib-dedupe sens. | spec. | false merges |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for name, records, truth in sets():
            groups, secs, queued = run_curator(records, Path(tmp))
            ours = score(records, truth, groups)
            if Path(BIBDEDUPE).exists():
                theirs_groups, their_secs = run_bibdedupe(records, Path(tmp))
                theirs = score(records, truth, theirs_groups)
            else:  # Curator's figures alone
                their_secs, theirs = 0.0, {"kind": "not run", "tp": "-"}
            unit = {"pairs": "pairs", "records": "records", "removed": "removed"}[ours["kind"]]
            recall = "–"
            if isinstance(truth, list):  # true pairs merged, or waiting in the queue
                recall = f"{with_queue(truth, groups, queued):.4f}"
            lines.append(
                f"| {name} | {len(records)} | {ours['truth']} {unit} | {fmt(ours)} | {len(queued)} "
                f"| {recall} | {fmt(theirs)} |"
            )
            print(lines[-1], f"  (Curator {secs:.1f}s, bib-dedupe {their_secs:.1f}s,"
                  f" found {ours['tp']}/{theirs['tp']})", flush=True)  # fmt: skip
    print("\n".join(lines))
    if "--write" in sys.argv:
        Path(ROOT / "docs" / "dedup_accuracy_table.md").write_text(
            "\n".join(lines) + "\n", encoding="utf-8"
        )


if __name__ == "__main__":
    main()
