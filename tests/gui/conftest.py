"""GUI test fixtures: UI settings in tmp_path, the app's names and style, a review with papers."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from curator.core.papers import add_paper
from curator.core.review import Review
from curator.core.screening.decisions import record_decision
from curator.gui import ui_settings
from curator.gui.app import application

SAMPLE = (
    dict(
        title="Neuroplasticity in response to cognitive behavior therapy for social anxiety disorder",
        authors=["Månsson, Kristoffer N. T.", "Salami, Alireza", "Frick, Andreas"],
        year=2016,
        venue="Translational Psychiatry",
        volume="6",
        doi="10.1038/tp.2015.218",
        abstract="Grey matter volume and amygdala responsivity decreased after internet CBT.",
        keywords=["CBT", "amygdala"],
    ),
    dict(
        title="Functional neuroimaging studies of the effects of psychotherapy",
        authors=["Beauregard, Mario"],
        year=2014,
        venue="Dialogues in Clinical Neuroscience",
        volume="16",
        pages="75-81",
        abstract="A review of neuroimaging studies of psychotherapy in mood and anxiety disorders.",
    ),
    dict(
        title="Principles of experience-dependent neural plasticity",
        authors=["Kleim, Jeffrey A.", "Jones, Theresa A."],
        year=2008,
        venue="Journal of Speech, Language, and Hearing Research",
        pmid="18230848",
        abstract="Ten principles of experience-dependent plasticity relevant to rehabilitation.",
    ),
    dict(
        title="Zebrafish models of anxiety",
        authors=["Zed, Anna"],
        year=2020,
        venue="Animal Cognition",
        abstract="Nothing about psychotherapy here.",
    ),
)


@pytest.fixture(autouse=True)
def qsettings_in_tmp(tmp_path: Path, qapp):
    """Every GUI test gets its own settings file under tmp_path, never the user's. A stray
    QSettings() (not through ui_settings) would write under tmp_path / "stray"."""
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "stray"))
    ui_settings.use_file(tmp_path / "settings" / "curator.ini")
    yield tmp_path / "settings"


@pytest.fixture(autouse=True)
def review_guard_here_and_now(monkeypatch):
    """The window's check-and-back-up job on opening a review runs synchronously in tests,
    so it never outlives the test that opened the review."""
    from curator.gui.review_guard import ReviewGuard

    monkeypatch.setattr(ReviewGuard, "threaded", False)


@pytest.fixture(scope="session")
def qapp_cls():
    from PySide6.QtWidgets import QApplication

    return QApplication


@pytest.fixture(scope="session")
def qapp(qapp_args, qapp_cls, pytestconfig):  # noqa: ARG001 - pytest-qt's fixture, styled
    return application(list(qapp_args) or ["pytest"])


def add_samples(review: Review) -> list[int]:
    """The SAMPLE papers (ids in order); the first is included, the last excluded."""
    ids = [add_paper(review, **dict(paper)).id for paper in SAMPLE]
    record_decision(review, ids[0], "title_abstract", "include")
    record_decision(review, ids[0], "full_text", "include")
    record_decision(review, ids[-1], "title_abstract", "exclude")
    return ids


@pytest.fixture
def sample_path(review_path: Path) -> Path:
    """A review file holding the SAMPLE papers (closed, ready to open in the window)."""
    with Review.open(review_path) as review:
        add_samples(review)
    return review_path


@pytest.fixture
def dedup_workspace(qtbot, review_path):
    """The Duplicates workspace over a review of its own (empty), shown at 1200 x 760."""
    from curator.gui.context import AppContext
    from curator.gui.dedup.workspace import DedupWorkspace

    context = AppContext()
    context.set_review(Review.open(review_path, who="tester"))
    view = DedupWorkspace(context)
    qtbot.addWidget(view)
    view.resize(1200, 760)
    view.show()
    yield view
    context.set_review(None)
