"""The self-contained application: built by `packaging/package.sh` (PyInstaller), unpacked
from its .tar.gz into a temporary folder and run there with an environment that names no
Python, virtual environment or source checkout: `curator --version`, the demo review and the
commands that load pandas, scikit-learn and Qt, and the window opening the demo offscreen.

Minutes of build: not part of `make test` (pyproject.toml ignores this file); run it with
`make package-test`. CURATOR_PACKAGE=dist/curator-VERSION-linux-ARCH.tar.gz tests an
artefact already built instead of building one.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import time
import tomllib
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.package]

REPO = Path(__file__).resolve().parents[2]
VERSION = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


@pytest.fixture(scope="module")
def tarball(tmp_path_factory) -> Path:
    given = os.environ.get("CURATOR_PACKAGE")
    if given:
        return Path(given).resolve()
    out = tmp_path_factory.mktemp("package")
    env = {**os.environ, "PY": sys.executable, "DIST": str(out / "dist"), "WORK": str(out / "w")}
    result = subprocess.run(
        ["bash", str(REPO / "packaging" / "package.sh")],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (found,) = (out / "dist").glob("curator-*.tar.gz")
    return found


@pytest.fixture(scope="module")
def app(tarball, tmp_path_factory) -> Path:
    assert tarball.name == f"curator-{VERSION}-linux-{os.uname().machine}.tar.gz"
    where = tmp_path_factory.mktemp("unpacked")
    with tarfile.open(tarball) as archive:
        archive.extractall(where, filter="tar")
    return where / "curator"


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    """No PYTHONPATH, no virtual environment on PATH, a home of its own; Python's own
    variables point nowhere, which the packaged interpreter must not mind."""
    home = tmp_path / "home"
    home.mkdir()
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONHOME": "/nonexistent",
        "PYTHONPATH": "/nonexistent",
    }


def run(app: Path, env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(app / "curator"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_artefact_carries_the_programs_and_the_desktop_files(app):
    assert os.access(app / "curator", os.X_OK) and os.access(app / "curator-gui", os.X_OK)
    assert os.access(app / "install.sh", os.X_OK)
    share = app / "share"
    assert (share / "applications" / "io.github.curator.desktop").is_file()
    assert (share / "mime" / "packages" / "io.github.curator.xml").is_file()
    assert (share / "icons" / "hicolor" / "256x256" / "apps" / "io.github.curator.png").is_file()
    # Nothing in it points back at the build machine's Python.
    for path in app.rglob("*"):
        if path.is_symlink():
            assert path.resolve().is_relative_to(app.resolve()), path


def test_packaged_version_is_the_pyproject_version(app, env, tmp_path):
    result = run(app, env, tmp_path, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"curator, version {VERSION}"


def test_packaged_app_builds_the_demo_and_runs_its_commands(app, env, tmp_path):
    assert run(app, env, tmp_path, "demo", "x.curator").returncode == 0
    info = run(app, env, tmp_path, "info", "x.curator")
    assert info.returncode == 0, info.stderr
    assert "papers" in info.stdout and " 34" in info.stdout
    tables = run(app, env, tmp_path, "tables", "x.curator", "--out", "t", "--format", "xlsx")
    assert tables.returncode == 0, tables.stderr
    assert (tmp_path / "t" / "tables.xlsx").stat().st_size > 0
    report = run(app, env, tmp_path, "report", "x.curator", "--out", "r.pdf")
    assert report.returncode == 0, report.stderr
    assert (tmp_path / "r.pdf").read_bytes()[:5] == b"%PDF-"
    # One exclude by the demo's reviewer, so that the relevance model (scikit-learn) can train.
    (tmp_path / "x.csv").write_text(
        "id,decision,reason,note,reviewer\n1,exclude,,,reference review\n", encoding="utf-8"
    )
    screened = run(
        app, env, tmp_path, "screen-import", "x.curator", "x.csv", "-s", "title-abstract"
    )
    assert screened.returncode == 0, screened.stderr
    ranked = run(app, env, tmp_path, "rank", "x.curator", "--top", "1")
    assert ranked.returncode == 0, ranked.stderr
    assert "ranked 34 papers" in ranked.stdout


def test_packaged_app_refuses_a_file_that_is_not_a_review_with_one_line(app, env, tmp_path):
    notes = tmp_path / "notes.curator"
    notes.write_text("not a review\n", encoding="utf-8")
    result = run(app, env, tmp_path, "open", str(notes))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "not a Curator review" in result.stderr
    assert notes.read_text(encoding="utf-8") == "not a review\n"


def test_packaged_window_opens_the_demo_offscreen(app, env, tmp_path):
    assert run(app, env, tmp_path, "demo", "x.curator").returncode == 0
    settings = Path(env["XDG_CONFIG_HOME"]) / "Curator" / "Curator.conf"
    window = subprocess.Popen(
        [str(app / "curator-gui"), "x.curator"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # The window records a review it opened among the recent files (QSettings).
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and window.poll() is None:
            if settings.is_file() and str(tmp_path / "x.curator") in settings.read_text():
                break
            time.sleep(0.5)
        time.sleep(3)  # and it keeps running with the review open
        assert window.poll() is None, window.communicate()[1]
        assert str(tmp_path / "x.curator") in settings.read_text()
    finally:
        window.terminate()
        _, stderr = window.communicate(timeout=30)
    assert "Traceback" not in stderr, stderr
