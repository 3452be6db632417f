"""Fixtures for every test: real review files in tmp_path, the shared real-data fixtures."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CURATOR_REVIEWER", "tester")

from curator.core.review import Review  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SHARED_FIXTURES = Path(os.environ.get("CURATOR_SHARED", REPO.parent / "shared")) / "fixtures"


@pytest.fixture(scope="session", autouse=True)
def _feature_cache_dir(tmp_path_factory):
    """Keep the ranking model's on-disk feature cache out of the user's cache folder."""
    saved = os.environ.get("CURATOR_CACHE_DIR")
    os.environ["CURATOR_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if saved is None:
        os.environ.pop("CURATOR_CACHE_DIR", None)
    else:
        os.environ["CURATOR_CACHE_DIR"] = saved


@pytest.fixture(scope="session")
def template_review(tmp_path_factory) -> Path:
    """A freshly created (migrated and seeded) review file, built once per test run."""
    path = tmp_path_factory.mktemp("template") / "template.curator"
    Review.create(path, title="Test review", who="tester").close()
    return path


@pytest.fixture
def review_path(template_review: Path, tmp_path: Path) -> Path:
    """A copy of the template review, for a test to open and change."""
    path = tmp_path / "review.curator"
    shutil.copy(template_review, path)
    return path


@pytest.fixture
def review(review_path: Path):
    opened = Review.open(review_path, who="tester")
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def shared_fixtures() -> Path:
    """`../shared/fixtures` (real exports no one here wrote); skip where it is absent."""
    if not SHARED_FIXTURES.is_dir():
        pytest.skip(f"real-data fixtures not found at {SHARED_FIXTURES} (../shared is absent)")
    return SHARED_FIXTURES
