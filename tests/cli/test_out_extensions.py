"""Every command with --out refuses an extension it cannot write (one line, exit 1, nothing
written), and every output follows the umask (issue 17)."""

from __future__ import annotations

import os
import stat

import pytest
from click.testing import CliRunner

from curator.cli import cli
from curator.core.demo import build_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.curator"
    build_demo(path).close()
    return path


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.mark.parametrize(
    ("args", "out", "message"),
    [
        (["report"], "r.docx", "r.docx: curator report cannot write a .docx file"),
        (["report", "--format", "md"], "r.html", "--format md cannot write a .html file"),
        (["report"], "report", "cannot write a file without an extension"),
        (["tables"], "t.xlsx", "t.xlsx: curator tables writes a folder of files"),
        (["simulate"], "m.json", "m.json: curator simulate writes a folder of files"),
        (["flow"], "f.gif", "f.gif: use a .svg, .png, .pdf or .csv file name"),
        (["export", "--format", "ris"], "x.csv", "export --format ris cannot write a .csv"),
        (["screen-export", "--stage", "title-abstract"], "d.txt", "give a .csv file name"),
        (["packet-export", "--stage", "title_abstract"], "p.csv", "give a .curator file name"),
    ],
)
def test_an_unwritable_extension_is_refused(demo, tmp_path, args, out, message):
    result = run(args[0], demo, *args[1:], "--out", tmp_path / out)
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [result.output.strip()]
    assert message in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def umask_022():
    before = os.umask(0o022)
    yield
    os.umask(before)


def test_outputs_follow_the_umask(demo, tmp_path, umask_022, qapp):
    commands = [
        ("report", "r.md"),
        ("report", "r.html"),
        ("flow", "f.csv"),
        ("flow", "f.svg"),
        ("export", "x.ris", "--format", "ris"),
        ("screen-export", "s.csv", "--stage", "full-text"),
    ]
    for name, out, *rest in commands:
        result = run(name, demo, "--out", tmp_path / out, *rest)
        assert result.exit_code == 0, result.output
    assert run("tables", demo, "--out", tmp_path / "tables").exit_code == 0
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(written) > len(commands)
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path
