"""Automatic backups: verified copies beside the review, thinned, listed and restorable."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from curator.core import backups
from curator.core.backups import Backup
from curator.core.review import Review

T0 = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)


def test_auto_backup_once_a_day_and_verified(review):
    first = backups.auto_backup(review.db.conn, review.path, now=T0)
    assert first is not None and first.path.parent == backups.backup_dir(review.path)
    assert backups.auto_backup(review.db.conn, review.path, now=T0 + timedelta(hours=23)) is None
    second = backups.auto_backup(review.db.conn, review.path, now=T0 + timedelta(hours=25))
    assert second is not None
    assert [b.path for b in backups.list_backups(review.path)] == [second.path, first.path]
    copy = sqlite3.connect(first.path)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT value FROM settings WHERE key = 'title'").fetchone() is not None
    copy.close()
    assert not list(backups.backup_dir(review.path).glob(".*.part"))


def test_backups_taken_in_the_same_second_get_a_counter(review):
    """The name is taken with db.write_backup, shared with the migration's backups."""
    first = backups.make_backup(review.db.conn, review.path, when=T0)
    second = backups.make_backup(review.db.conn, review.path, when=T0)
    assert (first.path.name, second.path.name) == ("20261203T120000Z.curator",
                                                   "20261203T120000Z-1.curator")  # fmt: skip
    assert [b.path for b in backups.list_backups(review.path)] == [second.path, first.path]


def test_thinning_keeps_seven_days_four_weeks_six_months(tmp_path):
    made = [Backup(tmp_path / f"{i}.curator", T0 - timedelta(days=i), 1) for i in range(0, 400)]
    gone = {b.path for b in backups.thin(made, now=T0)}
    kept = sorted((b for b in made if b.path not in gone), key=lambda b: b.taken, reverse=True)
    ages = [(T0 - b.taken).days for b in kept]
    assert ages[:7] == list(range(7))  # one a day for the last week
    assert len(kept) <= 7 + 4 + 6
    assert max(ages) >= 120  # the newest of each of the last six months (July to December)
    assert max(ages) < 200


def test_restore_brings_back_the_content_and_keeps_the_present(review_path: Path):
    with Review.open(review_path) as review:
        review.set_setting("title", "Before")
        taken = backups.make_backup(review.db.conn, review.path, when=T0)
        review.set_setting("title", "After")
    before = backups.restore(review_path, taken)
    with Review.open(review_path) as review:
        assert review.title == "Before"
    now_copy = sqlite3.connect(before.path)
    assert "After" in now_copy.execute("SELECT value FROM settings WHERE key='title'").fetchone()[0]
    now_copy.close()


def test_cli_lists_takes_and_restores(review_path: Path):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "curator", "backups", str(review_path), *args],
                              capture_output=True, text=True, timeout=120)  # fmt: skip

    assert "no backups yet" in run().stdout
    assert run("--now").returncode == 0
    with Review.open(review_path) as review:
        review.set_setting("title", "Changed later")
    listing = run()
    assert listing.returncode == 0 and "  1  " in listing.stdout
    restored = run("--restore", "1")
    assert restored.returncode == 0, restored.stderr
    with Review.open(review_path) as review:
        assert review.title != "Changed later"
    missing = run("--restore", "9")
    assert missing.returncode == 1 and "there is no backup 9" in missing.stderr
    assert "Traceback" not in missing.stderr
