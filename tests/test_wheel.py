"""The built wheel carries database/ and resources/ and works from a fresh virtual environment."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(REPO),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (found,) = out.glob("*.whl")
    return found


def test_wheel_contains_migrations_and_resources(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "curator/_database/migrations/0001_initial.sql" in names
    assert "curator/_database/schema.sql" in names
    assert "curator/_resources/style.qss" in names
    assert any(n.startswith("curator/_resources/icons/") for n in names)


def test_installed_wheel_runs_a_headless_command(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    # Dependencies come from the test environment (no network needed); the package itself
    # comes only from the wheel.
    site = Path(sysconfig.get_paths()["purelib"])
    target_site = Path(
        subprocess.check_output(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            text=True,
        ).strip()
    )
    (target_site / "test_deps.pth").write_text(f"{site}\n")
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stderr
    curator_cmd = env_dir / "bin" / "curator"
    review = tmp_path / "fresh.curator"
    env = {"PATH": str(env_dir / "bin"), "HOME": str(tmp_path), "CURATOR_REVIEWER": "tester"}
    made = subprocess.run(
        [str(curator_cmd), "new", str(review)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert made.returncode == 0, made.stderr
    info = subprocess.run(
        [str(curator_cmd), "info", str(review), "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert info.returncode == 0, info.stderr
    assert json.loads(info.stdout)["papers"] == 0
    where = subprocess.run(
        [str(python), "-c", "from curator.paths import database_dir; print(database_dir())"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert str(env_dir) in where.stdout, "the installed package must use its own bundled database/"
