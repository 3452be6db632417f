"""An exception nobody caught in the window becomes one sentence in a message box."""

from __future__ import annotations

import errno
import sqlite3
import sys

from curator.core.errors import CuratorError
from curator.gui import failures


def test_the_hook_shows_one_sentence_for_each_kind(qtbot, monkeypatch):
    shown: list[str] = []
    old = sys.excepthook
    try:
        hook = failures.install(None, lambda _p, text: shown.append(text))
        for exc in (
            CuratorError("r.curator: no such file"),
            OSError(errno.ENOSPC, "No space left on device", "/data/t.csv"),
            sqlite3.OperationalError("attempt to write a readonly database"),
            ValueError("a bug"),
        ):
            hook(type(exc), exc, None)
    finally:
        sys.excepthook = old
    assert shown[0] == "r.curator: no such file"
    assert shown[1] == "/data/t.csv: the disk is full; free some space and try again"
    assert "read-only" in shown[2]
    assert shown[3].startswith("Something went wrong (ValueError: a bug)")
    assert all("\n" not in text for text in shown)
