"""The Linux desktop files: the desktop entry and AppStream metainfo pass their validators, the
metainfo release is pyproject.toml's version, the icons have their sizes, and installing the
staged files into a temporary prefix makes `xdg-mime` call a review file a Curator review.

Needs appstream, desktop-file-utils, shared-mime-info, xdg-utils and libfile-mimeinfo-perl
(`xdg-mime`'s generic back end); `.ci/run` installs them.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import struct
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from configparser import ConfigParser
from pathlib import Path

import pytest

from curator import __version__
from curator.core.db import APPLICATION_ID
from curator.core.demo import build_demo

REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "packaging" / "linux"
ICONS = REPO / "resources" / "icons"
ID = "io.github.curator"
MIME = "application/x-curator-review"
# The Desktop Menu Specification's main categories.
MAIN_CATEGORIES = {
    "AudioVideo", "Audio", "Video", "Development", "Education", "Game", "Graphics",
    "Network", "Office", "Science", "Settings", "System", "Utility",
}  # fmt: skip


def tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is not installed (apt-get install it; see .ci/run)"
    return path


def pyproject_version() -> str:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]


def desktop_entry() -> ConfigParser:
    parser = ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(LINUX / f"{ID}.desktop", encoding="utf-8")
    return parser


def metainfo() -> ET.Element:
    return ET.parse(LINUX / f"{ID}.metainfo.xml").getroot()


def test_desktop_entry_passes_the_validator_without_hints():
    result = subprocess.run(
        [tool("desktop-file-validate"), str(LINUX / f"{ID}.desktop")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and result.stdout == "" and result.stderr == "", result.stdout


def test_desktop_entry_has_one_main_category_and_opens_a_review_file():
    entry = desktop_entry()["Desktop Entry"]
    categories = [c for c in entry["Categories"].split(";") if c]
    assert len(MAIN_CATEGORIES.intersection(categories)) == 1
    assert entry["Exec"] == "curator-gui %f"
    assert entry["MimeType"] == f"{MIME};"
    assert entry["Icon"] == ID


def test_metainfo_passes_appstreamcli_validate():
    result = subprocess.run(
        [tool("appstreamcli"), "validate", "--no-net", str(LINUX / f"{ID}.metainfo.xml")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_metainfo_release_is_the_version_in_pyproject():
    releases = metainfo().findall("releases/release")
    assert releases, "the metainfo lists no release"
    assert releases[0].get("version") == pyproject_version() == __version__


def test_metainfo_names_the_desktop_entry_the_file_type_and_a_shipped_screenshot():
    root = metainfo()
    assert root.findtext("id") == ID
    assert root.findtext("launchable") == f"{ID}.desktop"
    assert root.findtext("provides/mediatype") == MIME
    assert root.find("content_rating").get("type").startswith("oars-")
    homepage = root.findtext("url[@type='homepage']")
    for image in root.findall("screenshots/screenshot/image"):
        url = image.text.strip()
        assert url.startswith(
            "https://raw.githubusercontent.com/" + homepage.split("github.com/")[1]
        )
        relative = url.split("/main/", 1)[1]
        assert (REPO / relative).is_file(), f"{relative} is not in the repository"


def test_mime_type_magic_is_the_review_files_application_id():
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    root = ET.parse(LINUX / f"{ID}.xml").getroot()
    (mime_type,) = root.findall("m:mime-type", ns)
    assert mime_type.get("type") == MIME
    assert mime_type.find("m:glob", ns).get("pattern") == "*.curator"
    outer = mime_type.find("m:magic/m:match", ns)
    inner = outer.find("m:match", ns)
    assert (outer.get("value"), outer.get("offset")) == ("SQLite format 3", "0")
    assert (inner.get("type"), inner.get("offset")) == ("big32", "68")
    assert int(inner.get("value"), 16) == APPLICATION_ID


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def test_icons_come_in_every_size_and_for_windows_and_macos():
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        assert png_size(ICONS / f"curator-{size}.png") == (size, size)
    ico = (ICONS / "curator.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1) and count >= 5
    widths = {ico[6 + 16 * i] or 256 for i in range(count)}
    assert {16, 32, 48, 256} <= widths
    icns = (ICONS / "curator.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)


def xdg_env(home: Path, data_home: Path) -> dict[str, str]:
    """A plain session (no desktop named, so xdg-mime asks shared-mime-info through
    `mimetype`) whose own data folder is `data_home`."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(data_home),
        "XDG_DATA_DIRS": "/usr/local/share:/usr/share",
        "LANG": "C.UTF-8",
    }


def filetype(path: Path, env: dict[str, str]) -> str:
    result = subprocess.run(
        [tool("xdg-mime"), "query", "filetype", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture(scope="module")
def demo_review(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.curator"
    build_demo(path).close()
    return path


def test_installed_mime_type_names_a_demo_review_by_glob_and_by_magic(demo_review, tmp_path):
    tool("update-mime-database")
    tool("mimetype")  # libfile-mimeinfo-perl: xdg-mime's shared-mime-info back end
    # A stand-in for the packaged folder: install.sh needs the programs and the staged files.
    app = tmp_path / "curator"
    app.mkdir()
    for name in ("curator", "curator-gui"):
        (app / name).write_text("#!/bin/sh\n", encoding="utf-8")
        (app / name).chmod(0o755)
    subprocess.run(["sh", str(LINUX / "stage.sh"), str(app)], check=True)
    prefix = tmp_path / "prefix"
    env = xdg_env(tmp_path / "home", prefix / "share")

    before = filetype(demo_review, env)
    assert before == "application/vnd.sqlite3"  # what a desktop sees without Curator's type

    result = subprocess.run(
        ["sh", str(app / "install.sh"), "--prefix", str(prefix)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    share = prefix / "share"
    assert (share / "mime" / "packages" / f"{ID}.xml").is_file()
    assert (share / "icons" / "hicolor" / "48x48" / "apps" / f"{ID}.png").is_file()
    assert (share / "metainfo" / f"{ID}.metainfo.xml").is_file()
    installed_entry = (share / "applications" / f"{ID}.desktop").read_text(encoding="utf-8")
    assert f'Exec="{prefix / "lib" / "curator" / "curator-gui"}" %f' in installed_entry
    assert (prefix / "bin" / "curator").resolve() == prefix / "lib" / "curator" / "curator"

    assert filetype(demo_review, env) == MIME  # by the *.curator glob
    renamed = tmp_path / "review-without-suffix"
    shutil.copyfile(demo_review, renamed)
    assert filetype(renamed, env) == MIME  # by the application_id magic
    plain = tmp_path / "plain-sqlite"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.close()
    assert filetype(plain, env) == "application/vnd.sqlite3"  # other SQLite files stay so

    result = subprocess.run(
        ["sh", str(app / "install.sh"), "--prefix", str(prefix), "--uninstall"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert not (prefix / "lib" / "curator").exists()
    assert not (share / "applications" / f"{ID}.desktop").exists()
    assert filetype(demo_review, env) == "application/vnd.sqlite3"
