"""PRISMA counts entered by hand: stored per box, used by the flow, marked everywhere, and a
difference they leave explained in words rather than flagged (issue 17)."""

from __future__ import annotations

import pytest

from curator.core.errors import ValidationError
from curator.core.flow.entered import entered_counts, entered_note, set_entered
from curator.core.flow.prisma import flow, reconcile
from curator.core.flow.template import ENTERED_MARK, prisma_csv_frame
from curator.core.papers import add_paper
from curator.core.report.exports import report_markdown
from curator.core.screening.decisions import record_decision


@pytest.fixture
def screened(review):
    """Three papers added by hand, all screened: two included at full text, one excluded."""
    ids = [add_paper(review, title=f"Paper {n}", authors=["A, B."], year=2020).id for n in "abc"]
    for pid in ids[:2]:
        record_decision(review, pid, "title_abstract", "include")
        record_decision(review, pid, "full_text", "include")
    record_decision(review, ids[2], "title_abstract", "exclude")
    return review


def test_an_entered_box_replaces_its_count_and_the_rest_stay_counted(screened):
    before = flow(screened)
    assert before.database_results == 0 and before.records_screened == 3
    assert "records_screened" in reconcile(before).boxes  # 0 identified, 3 screened: flagged

    set_entered(screened, {"database_results": 120, "duplicates": "7"}, note="Found in 2019")
    after = flow(screened)
    assert (after.database_results, after.duplicates) == (120, 7)
    assert after.entered == {"database_results", "duplicates"}
    assert (after.records_screened, after.included) == (3, 2)  # still counted
    checked = reconcile(after)
    assert checked.boxes == {}  # the difference involves entered figures: said in words
    assert checked.notes[0] == "Found in 2019"
    assert any(
        note.startswith("120 identified − 7 removed = 113, but 3 screened")
        and "entered by hand" in note
        for note in checked.notes
    )

    set_entered(screened, clear=["duplicates"])
    assert entered_counts(screened) == {"database_results": 120}
    assert entered_note(screened) == "Found in 2019"
    set_entered(screened, clear=["database_results"], note="")
    assert screened.setting("prisma_entered") is None
    assert flow(screened).entered == frozenset()


@pytest.mark.parametrize(
    ("counts", "message"),
    [
        ({"new_studies": 5}, "'new_studies' is not a box that can be entered"),
        ({"records_screened": -1}, "a count cannot be negative"),
        ({"records_screened": "many"}, "'many' is not a whole number"),
    ],
)
def test_bad_input_changes_nothing(screened, counts, message):
    set_entered(screened, {"dbr_assessed": 9})
    with pytest.raises(ValidationError, match=message):
        set_entered(screened, {"database_results": 50, **counts})
    assert entered_counts(screened) == {"dbr_assessed": 9}


def test_entered_counts_are_marked_in_the_csv_and_the_report(screened):
    set_entered(screened, {"database_results": 120})
    rows = prisma_csv_frame(flow(screened)).set_index("data")
    assert rows.loc["database_results", "n"] == "120"
    assert rows.loc["database_results", "description"].endswith(ENTERED_MARK)
    assert not rows.loc["records_screened", "description"].endswith(ENTERED_MARK)
    text = report_markdown(screened)
    assert "Counts entered by hand (not counted from the review's data):" in text
    assert "- Records identified from databases: 120" in text
