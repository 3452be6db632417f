"""Automatic backups of a review, kept thinned as Anki and Zotero keep theirs, and restoring one.

Backups live in a folder beside the review, `NAME.curator-backups/`, one file per backup
named by its UTC time (`20261203T141500Z.curator`), so they travel with the review when its
folder is copied. A backup is an SQLite backup-API copy written under a temporary name,
checked with `PRAGMA integrity_check` and only then given its name: a backup that is listed
is whole. `auto_backup` makes one when the newest is older than a day (the window calls it on
opening a review); `thin` keeps the newest of each of the last 7 days, 4 weeks and 6 months.
`restore` first backs up the review as it is now, then copies the chosen backup into it with
the backup API (which is safe for a file in WAL mode), so a restore can itself be undone.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from curator.core import db as dbmod
from curator.core.errors import CuratorError
from curator.core.files import atomic_output

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 6
AUTO_INTERVAL = timedelta(days=1)
_NAME = re.compile(r"^(\d{8}T\d{6}Z)(?:-(\d+))?\.curator$")
_STAMP = "%Y%m%dT%H%M%SZ"


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: datetime
    size: int

    @property
    def label(self) -> str:
        return self.taken.strftime("%Y-%m-%d %H:%M:%S UTC")


def backup_dir(review_path: str | Path) -> Path:
    review_path = Path(review_path)
    return review_path.with_name(f"{review_path.name}-backups")


def list_backups(review_path: str | Path) -> list[Backup]:
    """The review's backups, newest first."""
    folder = backup_dir(review_path)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match:
            taken = datetime.strptime(match[1], _STAMP).replace(tzinfo=UTC)
            found.append((taken, int(match[2] or 0), Backup(path, taken, path.stat().st_size)))
    return [b for _t, _n, b in sorted(found, key=lambda f: f[:2], reverse=True)]


def make_backup(conn: sqlite3.Connection, review_path: str | Path, *,
                when: datetime | None = None) -> Backup:  # fmt: skip
    """Copy the open review (its connection `conn`) into its backups folder; verified."""
    review_path = Path(review_path)
    folder = backup_dir(review_path)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise CuratorError(f"{folder}: cannot make the backups folder ({exc.strerror})") from exc
    when = when or datetime.now(UTC)
    target = dbmod.write_backup(
        conn,
        lambda tail: folder / f"{when.strftime(_STAMP)}{tail}.curator",
        failed=lambda exc: f"{review_path}: the backup failed ({exc})",
        torn=lambda verdict: (
            f"{review_path}: the backup copy failed its integrity check ({verdict})"
        ),
    )
    return Backup(target, when, target.stat().st_size)


def thin(backups: list[Backup], now: datetime | None = None) -> list[Backup]:
    """The backups to delete: all but the newest of each of the last KEEP_DAILY days,
    KEEP_WEEKLY weeks and KEEP_MONTHLY months (the newest backup is always kept)."""
    now = now or datetime.now(UTC)
    keep: set[Path] = set()
    ordered = sorted(backups, key=lambda b: b.taken, reverse=True)
    if ordered:
        keep.add(ordered[0].path)
    for count, bucket in (
        (KEEP_DAILY, lambda t: t.date()),
        (KEEP_WEEKLY, lambda t: t.isocalendar()[:2]),
        (KEEP_MONTHLY, lambda t: (t.year, t.month)),
    ):
        seen: list = []
        for backup in ordered:
            key = bucket(backup.taken)
            if key in seen:
                continue
            if len(seen) == count:
                break
            seen.append(key)
            keep.add(backup.path)
    return [b for b in backups if b.path not in keep]


def auto_backup(conn: sqlite3.Connection, review_path: str | Path, *,
                now: datetime | None = None) -> Backup | None:  # fmt: skip
    """Back up the review if its newest backup is older than a day; thin the old ones.
    Returns the new backup, or None when none was due."""
    now = now or datetime.now(UTC)
    existing = list_backups(review_path)
    if existing and now - existing[0].taken < AUTO_INTERVAL:
        return None
    made = make_backup(conn, review_path, when=now)
    for old in thin([made, *existing], now):
        old.path.unlink(missing_ok=True)
    return made


def _raw_copy(review_path: Path) -> Backup:
    when = datetime.now(UTC)
    target = backup_dir(review_path) / f"damaged-{when.strftime(_STAMP)}.curator"
    target.parent.mkdir(exist_ok=True)
    with atomic_output(target) as temp:
        shutil.copyfile(review_path, temp)
    return Backup(target, when, target.stat().st_size)


def restore(review_path: str | Path, backup: Backup) -> Backup:
    """Put `backup`'s content into the review (closed by the caller); returns the backup of
    the review as it was just before, so the restore can be undone."""
    review_path = Path(review_path)
    try:
        source = sqlite3.connect(f"{backup.path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise CuratorError(f"{backup.path}: cannot be read ({exc})") from exc
    try:
        if dbmod.quick_check(source) is not None:
            raise CuratorError(f"{backup.path}: this backup is damaged; choose another")
        if source.execute("PRAGMA application_id").fetchone()[0] != dbmod.APPLICATION_ID:
            raise CuratorError(f"{backup.path}: not a Curator review backup")
        target = dbmod.connect(review_path)
        try:
            try:
                before = make_backup(target.conn, review_path)
            except CuratorError:  # the review is damaged: keep its bytes as they are
                before = _raw_copy(review_path)
            source.backup(target.conn)
        finally:
            target.close()
    finally:
        source.close()
    return before
