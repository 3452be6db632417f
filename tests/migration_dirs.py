"""A copy of database/ holding some or all of the migrations, for tests that make review
files as an older Curator did (point curator.core.db.database_dir at it)."""

from __future__ import annotations

from pathlib import Path

from curator.paths import database_dir


def copy_migrations(target: Path, upto: int | None = None) -> Path:
    """`target`/migrations holding the migrations numbered up to `upto` (all when None);
    returns `target`, to stand in for database_dir()."""
    (target / "migrations").mkdir(parents=True)
    for path in sorted((database_dir() / "migrations").glob("*.sql")):
        if upto is None or int(path.name[:4]) <= upto:
            (target / "migrations" / path.name).write_text(
                path.read_text(encoding="utf-8"), encoding="utf-8"
            )
    return target
