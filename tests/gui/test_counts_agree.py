"""Issue 17: every pane and the CLI give the same counts for one screened review.

23 records screened at title/abstract by one reviewer: 18 include, 1 maybe, 4 exclude, the
last decision an exclude. Library filters, the status bar, the screening messages, the
stopping panel, the relevance model's labels, `curator info` and `curator stopping` agree,
and a maybe is never counted as an include."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from curator.cli import cli
from curator.core.papers import add_paper
from curator.core.ranking.model import stage_labels
from curator.core.review import Review
from curator.core.screening.decisions import Decision, record_decisions
from curator.gui.library import LibraryWorkspace
from curator.gui.mainwindow import MainWindow
from curator.gui.paper_model import COLUMN
from curator.gui.screening import ScreeningWorkspace
from curator.gui.screening.dialogs import store_reviewer

KINDS = ["include"] * 18 + ["maybe"] + ["exclude"] * 4


@pytest.fixture
def screened(review_path):
    """The issue's review: decisions interleaved so the last one is an exclude."""
    order = [*KINDS[:10], "exclude", "exclude", "exclude", "maybe", *KINDS[10:18], "exclude"]
    assert sorted(order) == sorted(KINDS)
    with Review.open(review_path, who="ana") as review:
        ids = [
            add_paper(review, title=f"Paper {n}", year=2000 + n, authors=[f"Author{n}, A."]).id
            for n in range(23)
        ]
        record_decisions(
            review, [Decision(p, "title_abstract", k) for p, k in zip(ids, order, strict=True)]
        )
    return review_path, dict(zip(ids, order, strict=True))


@pytest.fixture
def window(qtbot, screened):
    store_reviewer("ana")
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    assert win.open_path(screened[0])
    yield win
    win.context.set_review(None)


def listed(lib: LibraryWorkspace, filter: str) -> list[int]:
    lib.filter.setCurrentIndex(lib.filter.findData(filter))
    return list(lib.model.ids)


def test_every_pane_and_the_cli_agree(window, screened, qtbot):
    path, kinds = screened
    lib = window.workspace(LibraryWorkspace)
    included = listed(lib, "included")
    assert sorted(included) == sorted(p for p, k in kinds.items() if k == "include")
    assert len(listed(lib, "maybe")) == 1
    assert len(listed(lib, "excluded")) == 4
    # Each paper's current decision with its stage: an include at title/abstract is not
    # "Undecided" at full text.
    listed(lib, "included")
    assert lib.model.index(0, COLUMN["stage"]).data() == "Title/abstract"
    assert lib.model.index(0, COLUMN["decision"]).data() == "Include"

    status = window.status.labels
    assert status["papers"].text() == "23 papers"
    assert status["included"].text() == "18 included"
    assert status["title_abstract"].text() == ("Title/abstract: 18 included, 1 maybe, 4 excluded")

    pane = window.workspace(ScreeningWorkspace).pane
    pane.update_progress()
    assert "18 included, 1 maybe" in pane.side.progress["title_abstract"].text()
    messages: list[str] = []
    pane.status_changed.connect(messages.append)
    pane.update_progress()
    assert messages and messages[-1].endswith("23 screened, 0 remaining, 18 included, 1 maybe")
    # no reviewer chosen: the counts are the team's, which the bar already shows on its
    # right; the line says who is missing instead of repeating them (it said "you" while the
    # Reviewer button said "(not set)", then "The team · ..." cut off beside the conflicts)
    from curator.gui.screening.dialogs import store_reviewer, stored_reviewer
    from curator.gui.screening.pane import NO_REVIEWER

    chosen = stored_reviewer()
    store_reviewer("")
    try:
        pane.update_progress()
        assert messages[-1] == NO_REVIEWER
        assert "screened" not in messages[-1]
    finally:
        store_reviewer(chosen)

    pane.stopping.refresh()
    assert pane.stopping.run_label.text() == "1"

    labels = stage_labels(window.context.review, "title_abstract")
    assert sum(labels.values()) == 18 and len(labels) == 22  # the maybe is not learned

    runner = CliRunner()
    info = json.loads(runner.invoke(cli, ["info", str(path), "--json"]).output)
    assert info["papers"] == 23 and info["included"] == 18
    assert info["decisions"]["title_abstract"] == {"exclude": 4, "include": 18, "maybe": 1}
    stopping = runner.invoke(cli, ["stopping", str(path), "--stage", "title-abstract"])
    assert stopping.exit_code == 0, stopping.output
    assert "relevant found 18, excludes in a row 1" in stopping.output
    same = runner.invoke(cli, ["stopping", str(path), "--stage", "title_abstract"])
    assert same.output == stopping.output


def test_the_conflicts_tab_counts_what_the_status_bar_counts(review_path, qtbot):
    """After a team's decisions came along, the Conflicts tab says how many wait there, from
    the same figures as the status bar's "in conflict"; resolving one updates both."""
    with Review.open(review_path, who="ana") as review:
        ids = [add_paper(review, title=f"Paper {n}", year=2001).id for n in range(3)]
        votes = [Decision(p, "title_abstract", "include", reviewer="ana") for p in ids]
        votes += [Decision(p, "title_abstract", "exclude", reviewer="ben") for p in ids[:2]]
        record_decisions(review, votes)
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(review_path)
    screening = window.workspace(ScreeningWorkspace)
    tab = screening.tabs.tabText(screening.tabs.indexOf(screening.conflicts))
    assert tab == "Conflicts (2)"
    assert "2 in conflict" in window.status.labels["title_abstract"].text()
    box = screening.conflicts.stage_box  # the stage that holds them says so too
    assert [box.itemText(i) for i in range(box.count())] == ["Title/abstract (2)", "Full text"]
    record_decisions(
        window.context.review, [Decision(ids[0], "title_abstract", "include", reviewer="ben")]
    )
    from curator.core.changes import Changes

    window.context.notify(Changes(decisions=True))
    assert screening.tabs.tabText(screening.tabs.indexOf(screening.conflicts)) == "Conflicts (1)"
    assert box.itemText(0) == "Title/abstract (1)"
    assert "1 in conflict" in window.status.labels["title_abstract"].text()
