"""Files written whole or not at all: a temporary name beside the target, renamed when complete.

Every file Curator writes (exports, tables, reports, backups, new reviews) goes through
`atomic_output`: the content is written to a hidden temporary file in the target's folder,
flushed to disk, given the permissions the user's umask asks for (a temporary file is
created 0600), and only then renamed over the target. A crash, a kill or a full disk
leaves the target as it was (absent, or the previous version), never truncated.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from curator.core.errors import CuratorError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def os_error_message(path: Path, exc: OSError) -> str:
    """One sentence for an OS failure on `path`, saying what to do."""
    if exc.errno == errno.ENOSPC:
        return f"{path}: the disk is full; free some space and try again (nothing was written)"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{path}: not allowed to write here; choose another folder (nothing was written)"
    if exc.errno == errno.ENOENT:
        return f"{path.parent}: no such folder"
    return f"{path}: could not write ({exc.strerror or exc}); nothing was written"


def sqlite_error_message(path: Path, exc: Exception) -> str | None:
    """One sentence for an SQLite failure that is about the file or the disk, else None."""
    text = str(exc).lower()
    if "disk is full" in text or "disk i/o" in text:
        return f"{path}: the disk is full or failing; free some space and try again"
    if "readonly" in text or "read-only" in text:
        return f"{path}: the review is read-only here; copy it somewhere writable to change it"
    if "unable to open" in text:
        return f"{path}: cannot be opened (check the folder's permissions)"
    return None


def describe_failure(exc: BaseException) -> str | None:
    """One sentence for a failure of the OS or SQLite that reached the top (the CLI prints
    it, the window shows it), or None for a bug, which keeps its traceback."""
    import sqlite3

    if isinstance(exc, OSError):
        where = Path(exc.filename) if exc.filename else Path(".")
        if exc.errno in (errno.EACCES, errno.EPERM):
            return f"{where}: permission denied; check the file's and folder's permissions"
        if exc.errno == errno.ENOSPC:
            return f"{where}: the disk is full; free some space and try again"
        if exc.errno == errno.EROFS:
            return f"{where}: on a read-only disk; copy it somewhere writable"
        if exc.errno == errno.ENOENT:
            return f"{where}: no such file or folder"
        return f"{where}: {exc.strerror or exc}"
    if isinstance(exc, sqlite3.Error):
        text = str(exc)
        known = sqlite_error_message(Path("the review"), exc)
        if known:
            return known.replace("the review: ", "")
        if "locked" in text or "busy" in text:
            return "the review is busy in another program; try again when it has finished"
        if "malformed" in text or "not a database" in text:
            return ("the review file is damaged; restore a backup with 'curator backups' "
                    "or File ▸ Backups")  # fmt: skip
        return f"the review file could not be used ({text})"
    return None


@contextmanager
def atomic_output(path: str | Path, *, mode: int | None = None) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces `path` whole.

    If the block raises, the temporary file is removed and `path` is untouched. OS errors
    (full disk, permissions) become a CuratorError naming the file. `mode` defaults to
    0o666 less the umask, as `open()` would give a new file.
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise CuratorError(f"{path.parent}: no such folder")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise CuratorError(os_error_message(path, exc)) from exc
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        with open(temp, "rb") as handle:
            os.fsync(handle.fileno())
        os.chmod(temp, mode if mode is not None else 0o666 & ~_umask())
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise CuratorError(os_error_message(path, exc)) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
