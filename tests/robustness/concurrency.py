"""The concurrency harness: 8 `curator import` and 2 `curator dedup` started at once on one
review, in several rounds. Every run must exit 0 (or, if it exits otherwise, say it waited
for another writer), print no traceback, and leave no paper merged twice (`dropped_id`
unique among live merges) and every record in place. Run from the repository root:

    python -m tests.robustness.concurrency [--rounds 3] [--imports 8] [--dedups 2] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.robustness import seeds as S
from tests.robustness.kill import REVIEW, _review_with, curator, environment, integrity, scalar


def prepare(folder: Path, imports: int, records: int) -> int:
    """A review whose papers all have a pending duplicate, and `imports` files of which half
    the records repeat papers already in the review; returns the records expected in the end."""
    _review_with(folder, records, dedup=False, twice=True)
    shared = S.records(records)
    for i in range(imports):
        rows = shared[i * records // (2 * imports) : (i + 1) * records // (2 * imports)]
        rows = rows + S.records(records // 2, tag=f"c{i}-")
        (folder / f"part{i}.ris").write_text(S.ris(rows), encoding="utf-8")
    return 2 * records + imports * (records // (2 * imports) + records // 2)


def round_(folder: Path, imports: int, dedups: int, expected: int) -> dict:
    env = environment()
    commands = [
        curator("import", REVIEW, f"part{i}.ris", "--search", f"S{i}") for i in range(imports)
    ]
    commands += [curator("dedup", REVIEW) for _ in range(dedups)]
    began = time.monotonic()
    procs = [
        subprocess.Popen(
            c, cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for c in commands
    ]
    runs = []
    for command, proc in zip(commands, procs, strict=True):
        out, err = proc.communicate(timeout=900)
        runs.append(
            {
                "command": command[3],
                "code": proc.returncode,
                "stderr": err[-800:],
                "waited": "waiting" in (out + err).lower(),
            }
        )
    review = folder / REVIEW
    live = "FROM merges WHERE undone_at IS NULL"
    merges = scalar(review, f"SELECT COUNT(*) {live}")
    unique = scalar(review, f"SELECT COUNT(DISTINCT dropped_id) {live}")
    records = scalar(review, "SELECT COUNT(*) FROM records")
    return {
        "seconds": round(time.monotonic() - began, 1),
        "runs": len(runs),
        "exit_0": sum(r["code"] == 0 for r in runs),
        "said_waiting": sum(r["waited"] for r in runs),
        "failed_silently": sum(r["code"] != 0 and not r["waited"] for r in runs),
        "tracebacks": sum("Traceback" in r["stderr"] for r in runs),
        "merges": merges,
        "double_merges": merges - unique,
        "records": records,
        "records_expected": expected,
        "integrity": integrity(review),
        "failures": [r for r in runs if r["code"] != 0 or "Traceback" in r["stderr"]],
    }


def run(rounds: int, imports: int, dedups: int, records: int) -> list[dict]:
    results = []
    base = Path(tempfile.mkdtemp(prefix="curator-concurrency-"))
    try:
        start = base / "start"
        start.mkdir()
        expected = prepare(start, imports, records)
        for number in range(rounds):
            folder = base / f"round{number}"
            shutil.copytree(start, folder)
            result = round_(folder, imports, dedups, expected)
            print(
                f"round {number + 1}: {json.dumps({k: v for k, v in result.items() if k != 'failures'})}",
                file=sys.stderr,
                flush=True,
            )
            results.append(result)
            shutil.rmtree(folder, ignore_errors=True)
        return results
    finally:
        shutil.rmtree(base, ignore_errors=True)


def bad(result: dict) -> bool:
    return bool(
        result["failed_silently"]
        or result["tracebacks"]
        or result["double_merges"]
        or result["integrity"] != "ok"
        or result["records"] != result["records_expected"]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--imports", type=int, default=8)
    parser.add_argument("--dedups", type=int, default=2)
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    results = run(args.rounds, args.imports, args.dedups, args.records)
    for result in results:
        for failure in result["failures"]:
            print(f"{failure['command']} exit {failure['code']}: {failure['stderr']}")
    print(json.dumps([{k: v for k, v in r.items() if k != "failures"} for r in results], indent=1))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 1 if any(bad(r) for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
