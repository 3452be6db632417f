"""The review file: migrations, schema.sql, backups, refusing newer and foreign files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from curator.core import db as dbmod
from curator.core import library
from curator.core.errors import CuratorError
from curator.core.papers import add_paper
from curator.core.review import Review
from curator.paths import database_dir
from tests.migration_dirs import copy_migrations


def test_migrating_an_empty_file_gives_exactly_schema_sql(tmp_path):
    db = dbmod.connect(tmp_path / "empty.curator")
    applied = dbmod.migrate(db)
    assert applied == list(range(1, dbmod.schema_version() + 1))
    dumped = dbmod.dump_schema(db)
    db.close()
    text = (database_dir() / "schema.sql").read_text(encoding="utf-8")
    body = "".join(line + "\n" for line in text.splitlines() if not line.startswith("--"))
    assert body.strip() == dumped.strip(), (
        "database/schema.sql is stale: run scripts/dump_schema.py"
    )


def test_schema_sql_builds_the_same_schema(tmp_path):
    conn = sqlite3.connect(tmp_path / "from_schema.sqlite")
    conn.executescript((database_dir() / "schema.sql").read_text(encoding="utf-8"))
    conn.close()
    from_sql = dbmod.connect(tmp_path / "from_schema.sqlite")
    migrated = dbmod.connect(tmp_path / "migrated.sqlite")
    dbmod.migrate(migrated)
    assert dbmod.dump_schema(from_sql) == dbmod.dump_schema(migrated)


def test_every_connection_sets_its_pragmas(review):
    assert review.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert review.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert review.db.execute("PRAGMA busy_timeout").fetchone()[0] == dbmod.BUSY_TIMEOUT_MS


def test_version_is_tracked_in_user_version(review):
    assert dbmod.user_version(review.db) == dbmod.schema_version()
    assert dbmod.application_id(review.db) == dbmod.APPLICATION_ID


def test_newer_file_is_refused_naming_both_versions(review_path):
    conn = sqlite3.connect(review_path)
    conn.execute(f"PRAGMA user_version = {dbmod.schema_version() + 5}")
    conn.close()
    with pytest.raises(CuratorError) as err:
        Review.open(review_path)
    message = str(err.value)
    assert str(dbmod.schema_version() + 5) in message
    assert str(dbmod.schema_version()) in message
    assert "newer Curator" in message


def test_older_file_is_backed_up_before_migrating(tmp_path, monkeypatch):
    """A file at version 1 is copied with the backup API, then migrated to a new step."""
    fake = copy_migrations(tmp_path / "database")
    review_file = tmp_path / "old.curator"
    monkeypatch.setattr(dbmod, "database_dir", lambda: fake)
    with Review.create(review_file) as review:
        review.db.execute("INSERT INTO questions (question, position) VALUES ('Kept?', 0)")
    version = dbmod.schema_version()
    (fake / "migrations" / f"{version + 1:04d}_extra.sql").write_text(
        "CREATE TABLE extra_step (id INTEGER PRIMARY KEY);", encoding="utf-8"
    )
    with Review.open(review_file) as review:
        assert dbmod.user_version(review.db) == version + 1
    backups = list(tmp_path.glob(f"old.curator.v{version}-*.bak"))
    assert len(backups) == 1
    copy = sqlite3.connect(backups[0])
    assert copy.execute("PRAGMA user_version").fetchone()[0] == version
    assert copy.execute("SELECT question FROM questions").fetchall() == [("Kept?",)]
    assert (
        copy.execute("SELECT name FROM sqlite_master WHERE name = 'extra_step'").fetchone() is None
    )
    copy.close()


def test_failed_migration_step_rolls_back_whole(tmp_path, monkeypatch):
    fake = copy_migrations(tmp_path / "database")
    monkeypatch.setattr(dbmod, "database_dir", lambda: fake)
    review_file = tmp_path / "r.curator"
    Review.create(review_file).close()
    version = dbmod.schema_version()
    (fake / "migrations" / f"{version + 1:04d}_broken.sql").write_text(
        "CREATE TABLE half_done (id INTEGER);\nTHIS IS NOT SQL;", encoding="utf-8"
    )
    with pytest.raises(CuratorError, match="broken"):
        Review.open(review_file)
    conn = sqlite3.connect(review_file)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == version
    assert (
        conn.execute("SELECT name FROM sqlite_master WHERE name = 'half_done'").fetchone() is None
    )
    conn.close()


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"hello, I am a text file\n", "not an SQLite database"),
        (None, "no such file"),
    ],
)
def test_foreign_files_are_refused(tmp_path, content, expected):
    path = tmp_path / "thing.curator"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CuratorError, match=expected):
        Review.open(path)


def test_plain_sqlite_database_is_not_a_review(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(CuratorError, match="not a Curator review file"):
        Review.open(path)
    assert path.read_bytes() == before


def test_create_refuses_an_existing_file(review_path):
    with pytest.raises(CuratorError, match="already exists"):
        Review.create(review_path)


def test_create_seeds_defaults(review):
    names = [r["name"] for r in review.db.query("SELECT name FROM facets ORDER BY position")]
    assert names == ["Methodology", "Population/Context", "Topic", "Study attribute"]
    assert review.setting("strength_scale") == ["Strong", "Moderate", "Weak", "Very weak"]
    stages = {r["stage"] for r in review.db.query("SELECT stage FROM exclusion_reasons")}
    assert stages == {"title_abstract", "full_text"}


def test_migrations_are_numbered_without_gaps():
    versions = [m.version for m in dbmod.migrations()]
    assert versions == list(range(1, len(versions) + 1))
    assert Path(database_dir() / "schema.sql").is_file()


def test_migration_0005_rebuilds_the_search_index_without_positions(tmp_path, monkeypatch):
    """A review made before 0005 (positional index) finds its papers after migrating."""
    old = copy_migrations(tmp_path / "database", upto=4)
    review_file = tmp_path / "before.curator"
    monkeypatch.setattr(dbmod, "database_dir", lambda: old)
    with Review.create(review_file) as review:
        add_paper(review, title="Neuroplasticity after stroke", abstract="Cortical remapping.")
        add_paper(review, title="Sleep and memory")
    monkeypatch.undo()
    with Review.open(review_file) as review:
        assert dbmod.user_version(review.db) >= 5
        sql = review.db.execute("SELECT sql FROM sqlite_master WHERE name = 'papers_fts'")
        assert "detail=none" in sql.fetchone()[0].replace(" ", "")
        assert library.paper_ids(review, search="remap stroke") == [1]
        assert library.paper_ids(review, search="memory") == [2]
        review.db.execute("INSERT INTO papers_fts (papers_fts) VALUES ('integrity-check')")


def test_a_retried_migration_keeps_one_backup(tmp_path, monkeypatch):
    fake = copy_migrations(tmp_path / "database")
    monkeypatch.setattr(dbmod, "database_dir", lambda: fake)
    review_file = tmp_path / "r.curator"
    Review.create(review_file).close()
    version = dbmod.schema_version()
    (fake / "migrations" / f"{version + 1:04d}_broken.sql").write_text(
        "CREATE TABLE half_done (id INTEGER);\nTHIS IS NOT SQL;", encoding="utf-8"
    )
    for _attempt in range(3):
        with pytest.raises(CuratorError, match="broken"):
            Review.open(review_file)
    backups = list(tmp_path.glob(f"r.curator.v{version}-*.bak"))
    assert len(backups) == 1
    assert not list(tmp_path.glob(".*.part"))
    copy = sqlite3.connect(backups[0])
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    copy.close()


def test_a_full_disk_while_creating_leaves_no_file(tmp_path, monkeypatch):
    target = tmp_path / "new.curator"

    def full(db, path=None):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(dbmod, "migrate", full)
    with pytest.raises(CuratorError, match="disk is full"):
        Review.create(target)
    assert list(tmp_path.iterdir()) == []


def test_a_new_review_is_never_left_half_made(tmp_path, monkeypatch):
    target = tmp_path / "new.curator"

    def fail(self, title):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Review, "_seed", fail)
    with pytest.raises(CuratorError, match="disk is full"):
        Review.create(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    monkeypatch.undo()
    Review.create(target).close()  # the name is free
    assert target.exists()
