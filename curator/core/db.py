"""The review file: connecting, schema migrations, backups and refusing foreign files.

One review is one SQLite file. Its schema comes from the ordered migrations under
`database/migrations/` (`NNNN_name.sql`), tracked by `PRAGMA user_version`; each step and
its version bump run in one transaction. Every connection sets foreign keys on, WAL and a
busy timeout. A file from a newer Curator is refused, and an existing file is copied with the
SQLite backup API before it is migrated.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from curator.core.errors import CuratorError
from curator.core.files import atomic_output, sqlite_error_message
from curator.paths import database_dir

# "CURA" in ASCII: marks a SQLite file as a Curator review (PRAGMA application_id).
APPLICATION_ID = 0x43555241
BUSY_TIMEOUT_MS = 5000
# Page size of new review files. Imported records are a few KB each (abstracts): with 4 KB
# pages most spilled into overflow pages; 16 KB pages made a 100,000-record import's file
# 20% smaller and its import faster (docs/benchmarks.md, Import). Set before WAL, on create.
PAGE_SIZE = 16384

# Values per `IN (...)` list: SQLite caps the parameters of one statement (999 before 3.32).
IN_LIST_SIZE = 500


def in_lists(values: Sequence) -> Iterator[tuple[Sequence, str]]:
    """`values` in slices small enough for one `IN (...)` list, each with its placeholders:
    `for chunk, marks in in_lists(ids): db.execute(f"... WHERE id IN ({marks})", chunk)`."""
    for start in range(0, len(values), IN_LIST_SIZE):
        chunk = values[start : start + IN_LIST_SIZE]
        yield chunk, ",".join("?" * len(chunk))


_FTS_SHADOW = ("data", "idx", "docsize", "config", "content")
_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """The schema migrations shipped with this Curator, in order."""
    found = []
    for path in sorted((database_dir() / "migrations").glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if not match:
            continue
        found.append(Migration(int(match[1]), match[2], path.read_text(encoding="utf-8")))
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..n without gaps, found {versions}")
    return found


def schema_version() -> int:
    """The schema version this Curator writes."""
    return len(migrations())


def connect(path: str | Path, *, new: bool = False) -> sqlite_utils.Database:
    """Open a connection with the pragmas every Curator connection uses (`new`: an empty file
    being created, which gets `PAGE_SIZE`)."""
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    db = sqlite_utils.Database(conn)
    try:
        if new:
            db.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        db.enable_wal()
        db.execute("PRAGMA synchronous = NORMAL")
    except BaseException:
        conn.close()
        raise
    return db


def user_version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def application_id(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA application_id").fetchone()[0]


def _is_sqlite_file(path: Path) -> bool:
    with path.open("rb") as handle:
        header = handle.read(16)
    return header == b"SQLite format 3\x00" or header == b""


def check_file(path: Path) -> None:
    """Raise a CuratorError unless `path` is an existing review this Curator can open."""
    if not path.exists():
        raise CuratorError(f"{path}: no such file")
    if path.is_dir():
        raise CuratorError(f"{path}: is a folder, not a Curator review file")
    if not _is_sqlite_file(path):
        raise CuratorError(f"{path}: not a Curator review file (not an SQLite database)")


def quick_check(conn: sqlite3.Connection) -> str | None:
    """What SQLite's quick_check finds wrong with a file (up to five problems), or None when
    it is sound; a file too damaged to check says why."""
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check(5)").fetchall()]
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return None if rows == ["ok"] else "; ".join(rows)


def copy_checked(conn: sqlite3.Connection, temp: Path) -> str:
    """Copy the open database `conn` into the file `temp` with the backup API, as one
    self-contained file (rollback journal, not WAL); return `PRAGMA integrity_check`'s
    verdict on the copy ("ok" when whole). sqlite3.Error from the copy propagates."""
    dest = sqlite3.connect(str(temp))
    try:
        conn.backup(dest)
        verdict = dest.execute("PRAGMA integrity_check").fetchone()[0]
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()
    return verdict


def _audit_mark(conn: sqlite3.Connection) -> tuple | None:
    try:
        return conn.execute("SELECT count(*), max(id) FROM audit").fetchone()
    except sqlite3.DatabaseError:
        return None


def _verified_backup(db: sqlite_utils.Database, path: Path, version: int) -> Path | None:
    """An earlier backup of this same file at `version` that is whole, if one exists: a
    migration retried after a kill or a failure reuses it instead of adding another."""
    mark = _audit_mark(db.conn)
    for candidate in sorted(path.parent.glob(f"{path.name}.v{version}-*.bak"), reverse=True):
        try:
            conn = sqlite3.connect(f"{candidate.resolve().as_uri()}?mode=ro", uri=True)
            try:
                same = (
                    conn.execute("PRAGMA user_version").fetchone()[0] == version
                    and conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
                    and quick_check(conn) is None
                    and _audit_mark(conn) == mark
                )
            finally:
                conn.close()
        except sqlite3.DatabaseError:
            continue
        if same:
            return candidate
    return None


def backup(db: sqlite_utils.Database, path: Path, version: int) -> Path:
    """Copy the open database next to `path` with the SQLite backup API; return the copy.

    The copy is written under a temporary name, checked with `PRAGMA integrity_check` and
    only then renamed to `NAME.vN-TIMESTAMP.bak`, so a backup that exists is whole. A
    whole backup of the same content at the same version is reused, not copied again.
    """
    existing = _verified_backup(db, path, version)
    if existing is not None:
        return existing
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return write_backup(
        db.conn,
        lambda tail: path.with_name(f"{path.name}.v{version}-{stamp}{tail}.bak"),
        failed=lambda exc: (
            f"{path}: could not back it up before migrating ({exc}); nothing was changed"
        ),
        torn=lambda verdict: (
            f"{path}: its backup copy failed the integrity check ({verdict}); nothing was changed"
        ),
    )


def write_backup(conn: sqlite3.Connection, name: Callable[[str], Path], *,
                 failed: Callable[[sqlite3.Error], str], torn: Callable[[str], str]) -> Path:  # fmt: skip
    """Copy the open database `conn` to `name("")`, or `name("-1")`, `name("-2")`… when that
    is taken, with `copy_checked`: under a temporary name, renamed only once the copy is whole,
    so a backup that exists is whole. The migration's backups and core.backups' share it;
    `failed` and `torn` word their CuratorError when SQLite fails or the copy is not whole."""
    target, counter = name(""), 1
    while target.exists():
        target, counter = name(f"-{counter}"), counter + 1
    with atomic_output(target) as temp:
        try:
            verdict = copy_checked(conn, temp)
        except sqlite3.Error as exc:
            raise CuratorError(failed(exc)) from exc
        if verdict != "ok":
            raise CuratorError(torn(verdict))
    return target


def migrate(db: sqlite_utils.Database, path: Path | None = None) -> list[int]:
    """Bring the schema up to date; return the versions applied.

    A file whose version is newer than this Curator's is refused. When the file already
    holds a schema and a step is due, a backup is taken first (if `path` is given).
    """
    steps = migrations()
    current = user_version(db)
    latest = len(steps)
    if current > latest:
        where = f"{path}: " if path else ""
        raise CuratorError(
            f"{where}this review was written by a newer Curator (file schema version "
            f"{current}, this Curator reads up to version {latest}); please update Curator"
        )
    due = [m for m in steps if m.version > current]
    if due and current > 0 and path is not None:
        backup(db, path, current)
    for step in due:
        script = step.sql
        if step.version == 1:
            script = f"PRAGMA application_id = {APPLICATION_ID};\n" + script
        try:
            db.conn.executescript(
                f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {step.version};\nCOMMIT;"
            )
        except sqlite3.Error as exc:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise CuratorError(f"migration {step.version:04d}_{step.name} failed: {exc}") from exc
    return [m.version for m in due]


def review_version(path: Path) -> int:
    """The schema version of the review at `path`, read without changing it; a CuratorError
    saying why when it is not a Curator review. open_database looks with it before it writes
    anything; the window looks once before opening, to bring the file up to date and check it."""
    check_file(path)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise CuratorError(f"{path}: not a Curator review file ({exc})") from exc
    if version == 0 or app_id != APPLICATION_ID:
        raise CuratorError(f"{path}: not a Curator review file")
    return version


def open_database(path: str | Path, *, create: bool = False) -> sqlite_utils.Database:
    """Open (or with `create`, make) a review file and migrate it to the current schema."""
    path = Path(path)
    if create:
        if path.exists():
            raise CuratorError(f"{path}: already exists; choose another name")
        if not path.parent.exists():
            raise CuratorError(f"{path.parent}: no such folder")
    else:
        review_version(path)  # refuses a file that is not a review, changing nothing
    try:
        db = connect(path, new=create)
    except sqlite3.DatabaseError as exc:
        raise CuratorError(
            sqlite_error_message(path, exc) or f"{path}: not a Curator review file ({exc})"
        ) from exc
    try:
        migrate(db, path)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise CuratorError(
            sqlite_error_message(path, exc) or f"{path}: not a Curator review file ({exc})"
        ) from exc
    except BaseException:
        db.close()
        raise
    return db


def dump_schema(db: sqlite_utils.Database) -> str:
    """The schema as SQL, one statement per object in a stable order (for `schema.sql`)."""
    rows = db.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
        "AND name NOT LIKE 'sqlite_%' ORDER BY CASE type WHEN 'table' THEN 0 "
        "WHEN 'index' THEN 1 WHEN 'trigger' THEN 2 ELSE 3 END, name"
    ).fetchall()
    virtual = [name for _t, name, sql in rows if sql.upper().startswith("CREATE VIRTUAL")]
    shadow = {f"{v}_{suffix}" for v in virtual for suffix in _FTS_SHADOW}
    return "".join(f"{sql.strip()};\n\n" for _type, name, sql in rows if name not in shadow)
