"""The window around an open review: lock, integrity check, automatic backup, File ▸ Backups."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
from pathlib import Path

import pytest

from curator.core import backups
from curator.core.lock import lock_path
from curator.core.review import Review
from curator.gui import review_guard
from curator.gui.actions import ActionKey
from curator.gui.mainwindow import MainWindow


@pytest.fixture
def window(qtbot):
    win = MainWindow()
    qtbot.addWidget(win)
    yield win
    win.close()


def test_opening_backs_up_and_locks_and_closing_unlocks(window, review_path: Path):
    assert window.open_path(review_path)
    listed = backups.list_backups(review_path)
    assert len(listed) == 1
    data = json.loads(lock_path(review_path).read_text())
    assert data["pid"] == os.getpid() and data["host"] == socket.gethostname()
    assert window.actions[ActionKey.BACKUPS].isEnabled()
    window.close_review()
    assert not lock_path(review_path).exists()
    window.open_path(review_path)  # a second open the same day makes no second backup
    assert len(backups.list_backups(review_path)) == 1


def test_a_review_open_elsewhere_asks_first(window, review_path: Path, monkeypatch):
    other = subprocess.Popen(["sleep", "30"])
    try:
        lock_path(review_path).write_text(json.dumps(
            {"host": socket.gethostname(), "pid": other.pid, "user": "ana", "since": "2026-12-03T09:15:00"}))  # fmt: skip
        asked = []
        monkeypatch.setattr(
            review_guard, "ask_open_held", lambda _w, who: asked.append(who) or False
        )
        assert window.open_path(review_path) is False
        assert window.context.review is None
        assert asked and asked[0].user == "ana" and "process" in asked[0].describe()
    finally:
        other.kill()
        other.wait()
    # the holder has gone: its lock is stale and the review opens without asking
    assert window.open_path(review_path)
    assert json.loads(lock_path(review_path).read_text())["pid"] == os.getpid()


def _damage(path: Path) -> None:
    """Scribble over one index page, as a failing disk would: reads still work, quick_check
    does not pass."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'records' "
        "ORDER BY rootpage DESC LIMIT 1"
    ).fetchone()[0]
    conn.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page)
        handle.write(b"\x0d" + b"\xff" * 40)


def test_a_damaged_review_offers_the_newest_backup(window, review_path: Path, monkeypatch):
    with Review.open(review_path) as review:
        review.set_setting("title", "Whole")
        backups.make_backup(review.db.conn, review.path)
    _damage(review_path)
    offered = []
    monkeypatch.setattr(review_guard, "ask_damaged",
                        lambda _w, _p, damage, newest: offered.append((damage, newest)) or "restore")  # fmt: skip
    assert window.open_path(review_path)
    assert offered and offered[0][1] is not None
    assert not window.guard.read_only
    assert window.context.review.title == "Whole"
    assert window.context.review.damage() is None
    kept = [p.name for p in backups.backup_dir(review_path).iterdir()]
    assert any(name.startswith("damaged-") for name in kept)


def test_a_damaged_review_can_be_opened_read_only(window, review_path: Path, monkeypatch):
    _damage(review_path)
    monkeypatch.setattr(review_guard, "ask_damaged", lambda *_a: "read-only")
    assert window.open_path(review_path)
    assert window.guard.read_only
    with pytest.raises(sqlite3.OperationalError, match="readonly|read-only|query_only"):
        window.context.review.db.execute(
            "INSERT INTO questions (question, position) VALUES ('x', 9)"
        )
    monkeypatch.setattr(review_guard, "ask_damaged", lambda *_a: "cancel")
    window.close_review()
    assert window.open_path(review_path) is False


def test_backups_dialog_backs_up_now_and_restores(window, review_path: Path, monkeypatch, qtbot):
    window.open_path(review_path)
    dialog = review_guard.BackupsDialog(window.guard, window)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1
    window.context.review.set_setting("title", "Changed after")
    dialog.back_up_now()
    assert dialog.list.count() == 2
    dialog.list.setCurrentRow(1)  # the older one, from opening
    monkeypatch.setattr(review_guard, "ask_confirm_restore", lambda *_a: True)
    dialog.restore_selected()
    assert window.context.review.title != "Changed after"
    assert len(backups.list_backups(review_path)) == 3  # the present was kept first


def test_opening_finishes_duplicate_detection_left_pending(window, review_path: Path, tmp_path):
    """An import killed between its transaction and its duplicate detection leaves the new
    papers marked pending; opening the review in the window finishes the detection."""
    from curator.core import dedup
    from curator.core.papers import add_paper

    title = "Guided internet-based treatment of depression in primary care: a randomised trial"
    with Review.open(review_path) as review:
        a = add_paper(review, title=title, authors=["Berger, Thomas"], year=2011, venue="BMJ",
                      volume="342", pages="d1234", doi="10.1136/bmj.d1234").id  # fmt: skip
        b = add_paper(review, title=title.upper(), authors=["Berger T"], year=2011, venue="BMJ",
                      volume="342", pages="d1234", doi="10.1136/bmj.d1234").id  # fmt: skip
        with review.atomic():
            dedup.mark_pending(review, [a, b])
    assert window.open_path(review_path)
    review = window.context.review
    assert dedup.pending_ids(review) == []
    assert review.db.execute("SELECT COUNT(*) FROM merges").fetchone()[0] == 1


def test_a_waiting_write_is_said_in_the_status_bar(window):
    # the window installs the message for every review it opens
    Review.default_on_wait("r.curator: waiting for another program writing this review")
    assert window.status.currentMessage().startswith("R.curator: waiting for another program")
