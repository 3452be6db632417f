"""The kill -9 harness: long writes (import of a large file, dedup, screen-import, include-top,
migration of an older copy, a records export) killed at random points, then checked: the
review passes `integrity_check`, each write is all there or not at all, no output file has
its final name unless it is whole, and every backup passes `integrity_check`. Run from the
repository root:

    python -m tests.robustness.kill [--kills 50] [--records 20000] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from tests.robustness import seeds as S

ROOT = Path(__file__).resolve().parents[2]
REVIEW = "review.curator"


def curator(*args: str) -> list[str]:
    return [sys.executable, "-m", "curator", *args]


def environment() -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    env["CURATOR_REVIEWER"] = env.get("CURATOR_REVIEWER", "harness")
    return env


def scalar(path: Path, sql: str) -> object:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def integrity(path: Path) -> str:
    try:
        return str(scalar(path, "PRAGMA integrity_check"))
    except sqlite3.Error as exc:
        return f"error: {exc}"


@dataclass
class Operation:
    """One long write: `prepare(folder)` builds its starting state once, `command` runs it,
    `check(folder)` returns what it found (e.g. "0 records") and the problems (none: sound)."""

    name: str
    prepare: Callable[[Path], None]
    command: list[str]
    check: Callable[[Path], tuple[str, list[str]]]
    duration: float = 0.0


@dataclass
class Kill:
    operation: str
    delay: float
    killed: bool
    state: str  # what the write left, e.g. "0 records" or "version 6"
    problems: list[str]
    backups: int = 0  # backups found and checked whole
    temporaries: int = 0  # temporary files left under their temporary name (never a final one)


# -- starting states -----------------------------------------------------------------------
def _review_with(folder: Path, records: int, *, dedup: bool = True, twice: bool = False) -> None:
    from curator.core.importers import ImportSpec, import_files
    from curator.core.review import Review

    source = folder / "big.ris"
    source.write_text(S.ris(S.records(records)), encoding="utf-8")
    review = Review.create(folder / REVIEW)
    try:
        specs = [ImportSpec(source, "first")]
        if twice:  # the same records again: every paper has a certain duplicate
            specs.append(ImportSpec(source, "second", force=True))
        import_files(review, specs, deduplicate=dedup)
    finally:
        review.close()


def _include_all_ta(folder: Path) -> None:
    from curator.core.review import Review

    review = Review.open(folder / REVIEW)
    rows = ["id,decision"] + [
        f"{pid},include" for (pid,) in review.db.execute("SELECT id FROM papers ORDER BY id")
    ]
    review.close()
    (folder / "decisions.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def _downgrade_to_v4(path: Path) -> None:
    """Make a current review look as Curator's schema version 4 left it (before 0005-0009)."""
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        DROP VIEW record_rows;
        DROP TRIGGER papers_text_kept_by_records;
        DROP TRIGGER papers_text_kept_on_delete;
        DROP TRIGGER records_text_kept_on_move;
        UPDATE records SET
            title = (SELECT title FROM papers WHERE id = records.paper_id),
            abstract = (SELECT abstract FROM papers WHERE id = records.paper_id)
        WHERE text_in_paper = 1;
        ALTER TABLE records DROP COLUMN text_in_paper;
        CREATE INDEX papers_title ON papers(title COLLATE NOCASE);
        CREATE INDEX papers_year ON papers(year);
        CREATE INDEX papers_venue ON papers(venue_id);
        CREATE INDEX papers_first_author ON papers(first_author, year);
        CREATE INDEX papers_ta_decision ON papers(ta_decision);
        CREATE INDEX papers_ft_decision ON papers(ft_decision);
        CREATE INDEX papers_merged_into ON papers(merged_into);
        DROP TABLE papers_fts;
        CREATE VIRTUAL TABLE papers_fts USING FTS5 (title, abstract, authors_text,
            tokenize='unicode61 remove_diacritics 2', content="papers");
        INSERT INTO papers_fts (papers_fts) VALUES ('rebuild');
        ALTER TABLE claims DROP COLUMN grade_start_reason;
        ALTER TABLE claims DROP COLUMN grade_start;
        ALTER TABLE searches DROP COLUMN kind;
        PRAGMA user_version = 4;
        """
    )
    conn.close()


def operations(records: int) -> list[Operation]:
    total = records

    def prep_import(folder: Path) -> None:
        from curator.core.review import Review

        (folder / "big.ris").write_text(S.ris(S.records(records, tag="k")), encoding="utf-8")
        Review.create(folder / REVIEW).close()

    def check_import(folder: Path) -> tuple[str, list[str]]:
        n = scalar(folder / REVIEW, "SELECT COUNT(*) FROM records")
        return f"{n} records", [] if n in (0, total) else [f"{n} of {total} records"]

    def prep_dedup(folder: Path) -> None:
        _review_with(folder, records // 2, dedup=False, twice=True)

    def check_dedup(folder: Path) -> tuple[str, list[str]]:
        review = folder / REVIEW
        problems = []
        live = "FROM merges WHERE undone_at IS NULL"
        n, unique = (
            scalar(review, f"SELECT COUNT(*) {live}"),
            scalar(review, f"SELECT COUNT(DISTINCT dropped_id) {live}"),
        )
        if n != unique:
            problems.append(f"{n - unique} paper(s) merged twice")
        orphans = scalar(
            review,
            "SELECT COUNT(*) FROM records r JOIN papers p ON p.id = "
            "r.paper_id WHERE p.merged_into IS NOT NULL",
        )
        if orphans:
            problems.append(f"{orphans} record(s) left on merged papers")
        if scalar(review, "SELECT COUNT(*) FROM records") != 2 * (records // 2):
            problems.append("records lost")
        return f"{n} merges", problems

    def prep_screen(folder: Path) -> None:
        _review_with(folder, records)
        _include_all_ta(folder)

    def check_screen(folder: Path) -> tuple[str, list[str]]:
        n = scalar(folder / REVIEW, "SELECT COUNT(*) FROM decisions")
        papers = scalar(folder / REVIEW, "SELECT COUNT(*) FROM papers")
        return f"{n} decisions", [] if n in (0, papers) else [f"{n} of {papers} decisions"]

    def prep_top(folder: Path) -> None:
        prep_screen(folder)
        subprocess.run(
            curator("screen-import", REVIEW, "decisions.csv", "-s", "title-abstract"),
            cwd=folder,
            env=environment(),
            check=True,
            capture_output=True,
        )

    def check_top(folder: Path) -> tuple[str, list[str]]:
        papers = scalar(folder / REVIEW, "SELECT COUNT(*) FROM papers")
        n = scalar(folder / REVIEW, "SELECT COUNT(*) FROM decisions WHERE stage = 'full_text'")
        return f"{n} decisions", [] if n in (0, papers) else [f"{n} of {papers} decisions"]

    def prep_migrate(folder: Path) -> None:
        _review_with(folder, records)
        _downgrade_to_v4(folder / REVIEW)

    def check_migrate(folder: Path) -> tuple[str, list[str]]:
        from curator.core.db import schema_version

        version = scalar(folder / REVIEW, "PRAGMA user_version")
        problems = [] if 4 <= version <= schema_version() else [f"schema version {version}"]
        # Each step commits with its version bump, so a kill may leave any version between;
        # opening again must finish the job, keeping one backup per version however often.
        retry = subprocess.run(curator("info", REVIEW), cwd=folder, env=environment(),
                               capture_output=True, text=True)  # fmt: skip
        if (
            retry.returncode != 0
            or scalar(folder / REVIEW, "PRAGMA user_version") != schema_version()
        ):
            problems.append(f"the retry did not finish the migration: {retry.stderr[-300:]}")
        versions = [p.name.split(".v")[-1].split("-")[0] for p in folder.glob(f"{REVIEW}.v*.bak")]
        if len(versions) != len(set(versions)):
            problems.append(
                f"{len(versions)} migration backups for versions {sorted(set(versions))}"
            )
        return f"version {version}", problems

    def prep_export(folder: Path) -> None:
        _review_with(folder, records)

    def check_export(folder: Path) -> tuple[str, list[str]]:
        out = folder / "out.csv"
        if not out.exists():
            return "no output", []
        if out.read_bytes() != (folder / "reference.csv").read_bytes():
            return "partial output", ["out.csv exists but is not the complete export"]
        return "complete output", []

    return [
        Operation(
            "import",
            prep_import,
            curator("import", REVIEW, "big.ris", "--search", "S"),
            check_import,
        ),
        Operation("dedup", prep_dedup, curator("dedup", REVIEW), check_dedup),
        Operation(
            "screen-import",
            prep_screen,
            curator("screen-import", REVIEW, "decisions.csv", "-s", "title-abstract"),
            check_screen,
        ),
        Operation(
            "include-top",
            prep_top,
            curator("include-top", REVIEW, "10", "--by", "manual"),
            check_top,
        ),
        Operation("migration", prep_migrate, curator("info", REVIEW), check_migrate),
        Operation(
            "export",
            prep_export,
            curator("export", REVIEW, "--out", "out.csv", "--format", "csv"),
            check_export,
        ),
    ]


# -- the harness ---------------------------------------------------------------------------
def backups(folder: Path) -> list[Path]:
    """Migration backups beside the review and automatic ones in its backups folder."""
    return list(folder.glob("*.bak")) + list(folder.glob(f"{REVIEW}-backups/*.curator"))


def common_checks(folder: Path) -> list[str]:
    problems = []
    verdict = integrity(folder / REVIEW)
    if verdict != "ok":
        problems.append(f"review: {verdict}")
    for backup in backups(folder):
        verdict = integrity(backup)
        if verdict != "ok":
            problems.append(f"backup {backup.name}: {verdict}")
    return problems


def startup(env: dict[str, str]) -> float:
    """Seconds for `curator --help`: a kill before this lands before any write."""
    began = time.monotonic()
    subprocess.run(curator("--help"), env=env, capture_output=True, check=True)
    return time.monotonic() - began


def run(kills: int, records: int, seed: int = 50, progress: bool = True,
        only: str | None = None) -> list[Kill]:  # fmt: skip
    rng = random.Random(seed)
    env = environment()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # so the temporary folder goes
    base = Path(tempfile.mkdtemp(prefix="curator-kill-"))
    results: list[Kill] = []
    try:
        ops = [op for op in operations(records) if only is None or op.name == only]
        for op in ops:  # build each starting state once and time one whole run
            start = base / op.name / "start"
            start.mkdir(parents=True)
            op.prepare(start)
            trial = base / op.name / "trial"
            shutil.copytree(start, trial)
            began = time.monotonic()
            done = subprocess.run(op.command, cwd=trial, env=env, capture_output=True, text=True)
            op.duration = time.monotonic() - began
            if done.returncode != 0:
                raise SystemExit(f"{op.name} failed unkilled: {done.stderr[-2000:]}")
            if op.name == "export":
                shutil.copy(trial / "out.csv", start / "reference.csv")
            if progress:
                print(f"{op.name}: {op.duration:.1f}s unkilled", file=sys.stderr, flush=True)
        ready = startup(env)
        for number in range(kills):
            op = ops[number % len(ops)]
            folder = base / op.name / f"kill{number}"
            shutil.copytree(base / op.name / "start", folder)
            delay = rng.uniform(min(ready, op.duration / 2), op.duration)
            proc = subprocess.Popen(
                op.command,
                cwd=folder,
                env=env,
                start_new_session=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            try:
                proc.wait(delay)
                killed = False
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                killed = True
            stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
            if proc.stderr:
                proc.stderr.close()
            state, found = op.check(folder)
            problems = common_checks(folder) + found
            if "Traceback" in stderr:
                problems.append("traceback: " + stderr[-300:])
            results.append(
                Kill(
                    op.name,
                    round(delay, 2),
                    killed,
                    state,
                    problems,
                    len(backups(folder)),
                    len(list(folder.rglob("*.part"))),
                )
            )
            if progress:
                print(
                    f"kill {number + 1}/{kills} {op.name} at {delay:.2f}s "
                    f"{'killed' if killed else 'finished'} {state} {problems or 'ok'}",
                    file=sys.stderr,
                    flush=True,
                )
            shutil.rmtree(folder, ignore_errors=True)
        return results
    finally:
        shutil.rmtree(base, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--records", type=int, default=20000)
    parser.add_argument("--only", help="only this operation (import, dedup, migration, ...)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    results = run(args.kills, args.records, only=args.only)
    by_op: dict[str, dict[str, int]] = {}
    for r in results:
        row = by_op.setdefault(r.operation, {"kills": 0, "finished first": 0, "bad": 0})
        row["kills" if r.killed else "finished first"] += 1
        row["bad"] += bool(r.problems)
        row.setdefault("states", {})[r.state] = row.get("states", {}).get(r.state, 0) + 1
    totals = {
        "runs": len(results),
        "killed": sum(r.killed for r in results),
        "bad": sum(bool(r.problems) for r in results),
        "backups_checked": sum(r.backups for r in results),
        "temporaries_left": sum(r.temporaries for r in results),
    }
    print(json.dumps({**totals, "by_operation": by_op}, indent=1))
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=1))
    return 1 if any(r.problems for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
