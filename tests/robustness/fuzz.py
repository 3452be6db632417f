"""The import fuzzer: every case imported into a fresh review in a forked worker bounded by
time and memory, each outcome classified (imported, refused, traceback, silent loss, over
time, over memory). Run from the repository root:

    python -m tests.robustness.fuzz [--quick] [--json OUT] [--only SUBSTRING]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import select
import shutil
import signal
import sys
import tempfile
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tests.robustness.cases import Case, all_cases, slice_cases

TIME_LIMIT = 30.0
MEMORY_LIMIT = 1 << 30
CONTROL = {chr(c) for c in [*range(0, 9), 11, 12, *range(14, 32)]}


@dataclass
class Outcome:
    case: str
    kind: str  # imported, refused, traceback, silent-loss, lost-reported, over-time, over-memory
    records: int | None = None
    expected: int | None = None
    warnings: int = 0
    skipped: int = 0
    message: str = ""
    seconds: float = 0.0
    peak_mb: float = 0.0
    size: int = 0
    stored_control: int = 0  # records stored with NUL or control characters
    notes: list[str] = field(default_factory=list)


def template(folder: Path) -> Path:
    """An empty review, made once and copied for each case."""
    from curator.core.review import Review

    path = folder / "template.curator"
    Review.create(path).close()
    return path


def _import(path: Path, review_path: Path) -> dict:
    """In the worker: import `path` into the review at `review_path`; a dict describing it."""
    from curator.core.errors import CuratorError
    from curator.core.files import describe_failure
    from curator.core.importers import ImportSpec, import_files
    from curator.core.review import Review

    review = Review.open(review_path)
    try:
        reports, _ = import_files(review, [ImportSpec(path, "fuzz")])
    except CuratorError as exc:
        return {"kind": "refused", "message": str(exc)}
    except MemoryError:
        return {"kind": "over-memory", "message": "MemoryError"}
    except Exception as exc:  # noqa: BLE001 - a traceback is exactly what is being counted
        known = describe_failure(exc)
        if known:
            return {"kind": "refused", "message": known}
        tail = traceback.format_exception(exc)[-3:]
        return {"kind": "traceback", "message": "".join(tail).strip()[-600:]}
    report = reports[0]
    dirty = 0
    for row in review.db.execute("SELECT title, abstract, authors, venue FROM record_rows"):
        if any(v and CONTROL.intersection(str(v)) for v in row):
            dirty += 1
    count = review.db.execute("SELECT COUNT(*) FROM records").fetchone()[0]
    review.close()
    return {
        "kind": "imported",
        "records": count,
        "warnings": len(report.warnings),
        "skipped": len(report.skipped),
        "stored_control": dirty,
    }


def run_case(
    case: Case,
    folder: Path,
    review_template: Path,
    time_limit: float = TIME_LIMIT,
    memory_limit: int = MEMORY_LIMIT,
) -> Outcome:
    """Import `case` in a forked child limited to `time_limit` s and `memory_limit` bytes."""
    work = Path(tempfile.mkdtemp(dir=folder))
    try:
        path = case.write(work)
        review_path = work / "review.curator"
        shutil.copy(review_template, review_path)
        outcome = Outcome(case.name, "traceback", expected=case.expected, size=path.stat().st_size)
        read_end, write_end = os.pipe()
        started = time.monotonic()
        pid = os.fork()
        if pid == 0:  # the worker
            os.close(read_end)
            code = 0
            try:
                os.setpgid(0, 0)
                resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
                result = _import(path, review_path)
            except MemoryError:
                result = {"kind": "over-memory", "message": "MemoryError"}
            except BaseException as exc:  # noqa: BLE001
                result = {"kind": "traceback", "message": repr(exc)[-600:]}
            try:
                with os.fdopen(write_end, "w") as out:
                    json.dump(result, out)
            except BaseException:  # noqa: BLE001
                code = 3
            os._exit(code)
        os.close(write_end)
        chunks: list[bytes] = []
        timed_out = False
        while True:
            left = time_limit - (time.monotonic() - started)
            if left <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([read_end], [], [], min(left, 1.0))
            if ready:
                data = os.read(read_end, 65536)
                if not data:
                    break
                chunks.append(data)
        if timed_out:
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        _, status, usage = os.wait4(pid, 0)
        os.close(read_end)
        outcome.seconds = round(time.monotonic() - started, 2)
        outcome.peak_mb = round(usage.ru_maxrss / 1024, 1)
        if timed_out:
            outcome.kind = "over-time"
            return outcome
        try:
            result = json.loads(b"".join(chunks) or b"{}")
        except ValueError:
            result = {}
        if not result:
            signalled = os.WIFSIGNALED(status) and os.WTERMSIG(status)
            outcome.kind = (
                "over-memory" if signalled in (signal.SIGKILL, signal.SIGSEGV) else "traceback"
            )
            outcome.message = f"worker died (status {status})"
            return outcome
        outcome.kind = result["kind"]
        outcome.message = result.get("message", "")
        outcome.records = result.get("records")
        outcome.warnings = result.get("warnings", 0)
        outcome.skipped = result.get("skipped", 0)
        outcome.stored_control = result.get("stored_control", 0)
        if (
            outcome.kind == "imported"
            and case.expected is not None
            and (outcome.records or 0) < case.expected
        ):  # records missing: said only as skips or warnings, or not at all
            outcome.kind = "lost-reported" if outcome.warnings else "silent-loss"
        return outcome
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(cases: list[Case], *, progress: bool = False) -> list[Outcome]:
    import curator.core.dedup  # noqa: F401 - imported once here, not in every worker
    import curator.core.importers  # noqa: F401

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # so the temporary folder goes
    folder = Path(tempfile.mkdtemp(prefix="curator-fuzz-"))
    try:
        review_template = template(folder)
        outcomes = []
        for number, case in enumerate(cases, 1):
            outcome = run_case(case, folder, review_template)
            outcomes.append(outcome)
            if progress and (outcome.kind not in ("imported", "refused") or number % 100 == 0):
                print(
                    f"[{number}/{len(cases)}] {outcome.kind:12} {case.name} "
                    f"{outcome.seconds}s {outcome.message[:200]!r}",
                    file=sys.stderr,
                    flush=True,
                )
        return outcomes
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def summary(outcomes: list[Outcome]) -> dict:
    kinds: dict[str, int] = {}
    for o in outcomes:
        kinds[o.kind] = kinds.get(o.kind, 0) + 1
    slowest = max(outcomes, key=lambda o: o.seconds)
    largest = max(outcomes, key=lambda o: o.peak_mb)
    return {
        "inputs": len(outcomes),
        "outcomes": kinds,
        "stored_control": sum(1 for o in outcomes if o.stored_control),
        "slowest": {"case": slowest.case, "seconds": slowest.seconds},
        "largest_memory": {"case": largest.case, "peak_mb": largest.peak_mb},
        "total_seconds": round(sum(o.seconds for o in outcomes), 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the bombs")
    parser.add_argument("--slice", action="store_true", help="only the default test run's slice")
    parser.add_argument("--only", help="only cases whose name contains this")
    parser.add_argument("--json", type=Path, help="write every outcome to this JSON file")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--rounds", type=int, default=1, help="mutation rounds per seed")
    args = parser.parse_args(argv)
    if args.slice:
        cases = slice_cases()
    else:
        cases = all_cases(args.seed, heavy=not args.quick, rounds=args.rounds)
    if args.only:
        cases = [c for c in cases if args.only in c.name]
    outcomes = run(cases, progress=True)
    result = summary(outcomes)
    print(json.dumps(result, indent=1))
    bad = [o for o in outcomes if o.kind not in ("imported", "refused") or o.stored_control]
    for o in bad:
        print(
            f"{o.kind:12} {o.case} {o.seconds}s {o.peak_mb}MB records={o.records}/"
            f"{o.expected} control={o.stored_control} {o.message[:300]!r}"
        )
    if args.json:
        args.json.write_text(json.dumps([asdict(o) for o in outcomes], indent=1))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
