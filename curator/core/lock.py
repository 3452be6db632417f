"""Who has a review open: a lock file beside it naming the host, process and person.

SQLite already keeps two writers from corrupting a review; this file is for people. A window
that opens a review writes `NAME.lock` (JSON: host, pid, user, since); a second window, or a
command waiting to write, reads it to say who holds the review ("open in Curator on host
lab-pc, process 4242, since 09:15"). A lock whose process no longer runs on this host is
stale and is taken over with a word; a lock from another host cannot be checked and is
reported as it is, for the person to judge.
"""

from __future__ import annotations

import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from curator.core.timeutil import now


@dataclass(frozen=True)
class Holder:
    host: str
    pid: int
    user: str
    since: str

    def describe(self) -> str:
        return (f"open in Curator on {self.host} (process {self.pid}, {self.user or 'unknown'}) "
                f"since {self.since[:16].replace('T', ' ')} UTC")  # fmt: skip

    @property
    def here(self) -> bool:
        return self.host == socket.gethostname()

    @property
    def alive(self) -> bool:
        """False only when the holder is known to be gone (its process on this host ended)."""
        if not self.here:
            return True
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True


def lock_path(review_path: str | Path) -> Path:
    review_path = Path(review_path)
    return review_path.with_name(f"{review_path.name}.lock")


def holder(review_path: str | Path) -> Holder | None:
    """Who holds the review now (None: nobody, or a stale or unreadable lock)."""
    try:
        data = json.loads(lock_path(review_path).read_text(encoding="utf-8"))
        found = Holder(str(data["host"]), int(data["pid"]), str(data.get("user", "")),
                       str(data.get("since", "")))  # fmt: skip
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if found.here and found.pid == os.getpid():
        return None  # ourselves
    return found if found.alive else None


class ReviewLock:
    """This process's claim on a review; `acquire` returns who else holds it, if anyone."""

    def __init__(self, review_path: str | Path, user: str = ""):
        self.path = lock_path(review_path)
        self.user = user
        self.held = False

    def acquire(self, *, force: bool = False) -> Holder | None:
        """Take the lock unless another live holder has it (then return that holder and take
        nothing, unless `force`). A stale lock is replaced."""
        other = holder(self.path.with_name(self.path.name[: -len(".lock")]))
        if other is not None and not force:
            return other
        record = {"host": socket.gethostname(), "pid": os.getpid(), "user": self.user,
                  "since": now()}  # fmt: skip
        temp = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        try:
            temp.write_text(json.dumps(record), encoding="utf-8")
            os.replace(temp, self.path)
        except OSError:
            temp.unlink(missing_ok=True)
            return None  # a read-only folder: nothing to record, nothing to refuse
        self.held = True
        return None

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("pid") == os.getpid() and data.get("host") == socket.gethostname():
                self.path.unlink()
        except (OSError, ValueError):
            pass
