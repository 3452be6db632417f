"""A review: an open review file, the person working on it, settings and the audit log."""

from __future__ import annotations

import getpass
import json
import os
import socket
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlite_utils

from curator.core import db as dbmod
from curator.core.errors import CuratorError
from curator.core.files import atomic_output
from curator.core.timeutil import now

# How long a write waits for another process writing the same review before giving up, and
# how long the first, silent try waits before the wait is reported (see Review.atomic).
WRITE_WAIT_LIMIT_S = 600.0
QUIET_WAIT_MS = 200

STAGES = ("title_abstract", "full_text")
STAGE_LABELS = {"title_abstract": "Title/abstract", "full_text": "Full text"}
# The papers column that holds each stage's team decision.
STAGE_COLUMN = {"title_abstract": "ta_decision", "full_text": "ft_decision"}


def stage_column(stage: str) -> str:
    """The papers column of `stage`'s team decision; CuratorError for an unknown stage."""
    if stage not in STAGES:
        raise CuratorError(f"unknown stage {stage!r}; use one of {', '.join(STAGES)}")
    return STAGE_COLUMN[stage]


DEFAULT_FACETS = (
    ("Methodology", "How the study was done (design, measurement)."),
    ("Population/Context", "Who or what was studied, and where."),
    ("Topic", "What the paper is about; the rows of the research gaps matrix."),
    ("Study attribute", "What kind of evidence it gives; the matrix's columns."),
)
DEFAULT_REASONS = {
    "title_abstract": (
        "Wrong population",
        "Wrong intervention or exposure",
        "Wrong outcome",
        "Wrong study design",
        "Off topic",
    ),
    "full_text": (
        "Wrong population",
        "Wrong intervention or exposure",
        "Wrong comparator",
        "Wrong outcome",
        "Wrong study design",
        "Full text not available in a language the team reads",
    ),
}
DEFAULT_STRENGTH_SCALE = ["Strong", "Moderate", "Weak", "Very weak"]
GRADE_STRENGTH_SCALE = ["High", "Moderate", "Low", "Very low"]
DEFAULT_SECTIONS = (
    ("introduction", "Introduction"),
    ("methods", "Methods"),
    ("results", "Results"),
    ("discussion", "Discussion"),
    ("conclusion", "Conclusion"),
    ("research_gaps", "Research Gaps"),
    ("summary", "Summary"),
)


def default_reviewer() -> str:
    """The name decisions and audit entries are recorded under unless one is given."""
    name = os.environ.get("CURATOR_REVIEWER", "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers)
        return "reviewer"


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def writer_tag() -> str:
    """Who this process is, as another process waiting for it is told: pid and host."""
    return f"pid {os.getpid()} on {socket.gethostname()}"


class Review:
    """An open review file. Use `Review.create` or `Review.open`; close it when done.

    `on_wait` is called with one sentence when a write has to wait for another process
    writing the same review (the CLI prints it, the window shows it); `Review.default_on_wait`
    is used by reviews opened without one.
    """

    default_on_wait: Callable[[str], None] | None = None
    # The CLI sets this: the first write of each opened review runs quick_check first, so a
    # damaged file is refused before anything is written into it (the window checks on open).
    check_before_write = False

    def __init__(self, db: sqlite_utils.Database, path: Path, who: str | None = None):
        self.db = db
        self.path = path
        self.who = who or default_reviewer()
        self.on_wait: Callable[[str], None] | None = None
        self._checked = False

    # -- opening and closing -------------------------------------------------------------
    @classmethod
    def create(cls, path: str | Path, *, title: str | None = None, who: str | None = None):
        """Make a new review file at `path` and open it.

        The file is built under a temporary name and renamed when it is complete, so a full
        disk or a kill leaves no half-made file blocking the name.
        """
        path = Path(path)
        if path.exists():
            raise CuratorError(f"{path}: already exists; choose another name")
        with atomic_output(path) as temp:
            temp.unlink()
            review = cls(dbmod.open_database(temp, create=True), temp, who)
            try:
                with review.atomic():
                    review._seed(title or path.stem)
            finally:
                review.close()
        return cls.open(path, who=who)

    @classmethod
    def open(cls, path: str | Path, *, who: str | None = None) -> Review:
        path = Path(path)
        return cls(dbmod.open_database(path), path, who)

    def close(self) -> None:
        self.db.close()
        self.closed = True

    closed = False  # True once close() ran: work that finishes later must not use it

    def damage(self) -> str | None:
        """What SQLite's quick_check finds wrong with the file, or None when it is sound."""
        return dbmod.quick_check(self.db.conn)

    def refuse_if_damaged(self) -> None:
        """A CuratorError, before any write, when the file is damaged."""
        found = self.damage()
        if found:
            raise CuratorError(
                f"{self.path}: the review file is damaged ({found[:200]}); nothing was changed. "
                f"Restore a backup ('curator backups {self.path.name}') or copy the file "
                "and open the copy read-only"
            )

    def __enter__(self) -> Review:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _seed(self, title: str) -> None:
        self.set_setting("title", title, audit=False)
        self.set_setting("strength_scale", DEFAULT_STRENGTH_SCALE, audit=False)
        self.set_setting("eligibility_criteria", "", audit=False)
        for position, (name, description) in enumerate(DEFAULT_FACETS):
            self.db["facets"].insert(
                {"name": name, "description": description, "position": position}
            )
        for stage, labels in DEFAULT_REASONS.items():
            for position, label in enumerate(labels):
                self.db["exclusion_reasons"].insert(
                    {"stage": stage, "label": label, "position": position}
                )
        for position, (key, title_) in enumerate(DEFAULT_SECTIONS):
            self.db["report_sections"].insert({"key": key, "title": title_, "position": position})
        self.audit("create", "review", None, None, {"title": title})

    # -- transactions and the audit log --------------------------------------------------
    @contextmanager
    def atomic(self) -> Iterator[sqlite_utils.Database]:
        """One transaction (a savepoint when nested): all of it commits or none of it.

        The outermost one starts with `BEGIN IMMEDIATE`, so it takes the write lock before it
        reads: two processes writing one review take turns instead of one failing with
        "database is locked" at its first write. While another writer holds the lock, this
        one waits (saying so through `on_wait` once) for up to WRITE_WAIT_LIMIT_S.
        """
        if self.db.conn.in_transaction:
            with self.db.atomic() as db:  # a savepoint inside the open transaction
                yield db
            return
        if Review.check_before_write and not self._checked:
            self._checked = True
            self.refuse_if_damaged()
        self._begin_immediate()
        try:
            yield self.db
        except BaseException:
            if self.db.conn.in_transaction:
                self.db.conn.execute("ROLLBACK")
            raise
        try:
            self.db.conn.execute("COMMIT")
        except BaseException:
            if self.db.conn.in_transaction:
                self.db.conn.execute("ROLLBACK")
            raise

    def _begin_immediate(self) -> None:
        """Take the write lock: a first, short try in silence; then, having said once that it
        waits, tries with the normal busy timeout until WRITE_WAIT_LIMIT_S has passed."""
        conn = self.db.conn
        deadline = time.monotonic() + WRITE_WAIT_LIMIT_S
        conn.execute(f"PRAGMA busy_timeout = {QUIET_WAIT_MS}")
        try:
            while True:
                try:
                    conn.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.OperationalError as exc:
                    if not _is_busy(exc):
                        raise
                    if time.monotonic() >= deadline:
                        raise CuratorError(
                            f"{self.path}: another program has been writing this review for "
                            f"{WRITE_WAIT_LIMIT_S / 60:.0f} minutes; nothing was changed, "
                            "try again when it has finished"
                        ) from exc
                if conn.execute("PRAGMA busy_timeout").fetchone()[0] == QUIET_WAIT_MS:
                    self._say_waiting()
                    conn.execute(f"PRAGMA busy_timeout = {dbmod.BUSY_TIMEOUT_MS}")
        finally:
            conn.execute(f"PRAGMA busy_timeout = {dbmod.BUSY_TIMEOUT_MS}")

    def _say_waiting(self) -> None:
        notify = self.on_wait or Review.default_on_wait
        if notify is None:
            return
        from curator.core.lock import holder

        who = holder(self.path)
        notify(f"{self.path.name}: waiting for another program writing this review"
               + (f" (it is {who.describe()})" if who else "")
               + f"; this is {writer_tag()}")  # fmt: skip

    def audit(
        self,
        action: str,
        table: str,
        row_id: object,
        before: Any = None,
        after: Any = None,
    ) -> None:
        """Append an entry to the audit log (call inside the change's transaction)."""
        self.db.execute(
            "INSERT INTO audit (at, who, action, table_name, row_id, before, after) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                now(),
                self.who,
                action,
                table,
                None if row_id is None else str(row_id),
                None if before is None else json.dumps(before, ensure_ascii=False, default=str),
                None if after is None else json.dumps(after, ensure_ascii=False, default=str),
            ),
        )

    def audit_log(self, table: str | None = None, row_id: object = None) -> list[dict]:
        where, params = [], []
        if table is not None:
            where.append("table_name = ?")
            params.append(table)
        if row_id is not None:
            where.append("row_id = ?")
            params.append(str(row_id))
        sql = "SELECT * FROM audit"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return list(self.db.query(sql + " ORDER BY id", params))

    # -- settings ------------------------------------------------------------------------
    def setting(self, key: str, default: Any = None) -> Any:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else json.loads(row[0])

    def set_setting(self, key: str, value: Any, *, audit: bool = True) -> None:
        before = self.setting(key)
        with self.atomic():
            self.db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, json.dumps(value, ensure_ascii=False)),
            )
            if audit:
                self.audit("update", "settings", key, before, value)

    def clear_setting(self, key: str) -> None:
        """Remove a setting (audited); readers then get their default."""
        before = self.setting(key)
        with self.atomic():
            self.db.execute("DELETE FROM settings WHERE key = ?", (key,))
            self.audit("delete", "settings", key, before, None)

    def store_setting(self, key: str, value: Any) -> None:
        """Set a setting, or remove it when `value` is None (as undo of a first set needs)."""
        if value is None:
            self.clear_setting(key)
        else:
            self.set_setting(key, value)

    @property
    def title(self) -> str:
        return self.setting("title", self.path.stem)
