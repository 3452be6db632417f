"""Files written whole or not at all (curator.core.files.atomic_output)."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from curator.core.errors import CuratorError
from curator.core.files import atomic_output


def test_the_target_appears_only_when_complete(tmp_path):
    target = tmp_path / "out.csv"
    with atomic_output(target) as temp:
        temp.write_text("a,b\n")
        assert not target.exists()
    assert target.read_text() == "a,b\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_a_failure_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old\n")
    with pytest.raises(RuntimeError), atomic_output(target) as temp:
        temp.write_text("half")
        raise RuntimeError("killed")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_a_full_disk_is_one_sentence(tmp_path):
    target = tmp_path / "out.csv"
    with pytest.raises(CuratorError, match="disk is full"), atomic_output(target):
        raise OSError(errno.ENOSPC, "No space left on device")
    assert not target.exists()


def test_the_file_follows_the_umask_not_0600(tmp_path):
    old = os.umask(0o022)
    try:
        with atomic_output(tmp_path / "t.md") as temp:
            temp.write_text("x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "t.md").stat().st_mode) == 0o644


def test_a_missing_folder_is_named(tmp_path):
    with pytest.raises(CuratorError, match="no such folder"), atomic_output(tmp_path / "no" / "x"):
        pass
