"""Decisions brought along from ASReview, Rayyan and Covidence files (issue 16 item 5): read
from the imported records, recorded at the chosen stage, and out again through screen-export
exactly as the other tool had them."""

from __future__ import annotations

import csv

import pytest

from curator.core.errors import CuratorError
from curator.core.importers import import_file
from curator.core.screening.carried import LABELS_FACET, carried
from curator.core.screening.decisions import reasons
from curator.core.screening.decisions_csv import export_csv
from tests.core.importers.test_fidelity import COVIDENCE, RAYYAN, write

# A Rayyan RIS export, in the layout of rayyanR's test/MLJ_includes/articles.ris.
RAYYAN_RIS = (
    "TY  - JOUR\nAN  - rayyan-1\nTI  - Included by both\nY1  - 2023\nAU  - Jones, Matt L.\n"
    'N1  - RAYYAN-INCLUSION: {"Matt"=>"Included", "Laura"=>"Included"} | RAYYAN-LABELS: lol,rofl\n'
    "ER  -\n\n"
    "TY  - JOUR\nAN  - rayyan-2\nTI  - Excluded by both\nY1  - 2025\nAU  - Bell, T.\n"
    'N1  - RAYYAN-INCLUSION: {"Matt"=>"Excluded", "Laura"=>"Excluded"} | '
    "RAYYAN-EXCLUSION-REASONS: wrong outcome\nER  -\n\n"
    "TY  - JOUR\nAN  - rayyan-3\nTI  - Not screened\nY1  - 2025\nAU  - Noble, D.\nER  -\n"
)


def exported(review, tmp_path, stage: str, reviewer: str | None = None) -> dict[str, tuple]:
    """title -> (decision, reason) as `screen-export` writes them."""
    out = tmp_path / f"out-{stage}-{reviewer}.csv"
    export_csv(review, stage, out, reviewer=reviewer)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        return {row["title"]: (row["decision"], row["reason"]) for row in csv.DictReader(handle)}


def test_asreview_labelled_csv_round_trip(review, shared_fixtures, tmp_path):
    path = shared_fixtures / "formats/asreview_demo/generic_labels.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        truth = {r["title"]: r["label_included"] for r in csv.DictReader(handle)}
    report = import_file(review, path, "S", decisions="title_abstract", reviewer="Ann")
    assert report.decisions == "decisions brought along (title/abstract): 3 exclude, 3 include"
    out = exported(review, tmp_path, "title_abstract", "Ann")
    assert {t: d for t, (d, _) in out.items()} == {
        t: {"1": "include", "0": "exclude"}[v] for t, v in truth.items()
    }


def test_asreview_ris_notes_round_trip_and_not_seen_stays_undecided(
    review, shared_fixtures, tmp_path
):
    path = shared_fixtures / "formats/asreview_demo/baseline_tag-notes_labels.ris"
    import_file(review, path, "S", decisions="title_abstract", reviewer="Ann")
    out = exported(review, tmp_path, "title_abstract", "Ann")
    for title, (decision, _) in out.items():
        if 'is labeled "relevant"' in title:
            assert decision == "include"
        elif 'is labeled "irrelevant"' in title:
            assert decision == "exclude"
        else:
            assert decision == ""


def test_rayyan_csv_keeps_each_reviewer_reasons_and_labels(review, tmp_path):
    report = import_file(
        review, write(tmp_path, "rayyan.csv", RAYYAN), "S", decisions="title_abstract"
    )
    assert "exclusion reasons added: wrong publication type" in report.decisions
    assert "labels: sheep, games" in report.decisions
    # six votes on three records: the line says whose, and where the conflict is to be seen
    assert report.decisions.startswith(
        "decisions brought along (title/abstract): 3 exclude, 3 include, by 2 reviewers "
        "(Laura, Matt) on 3 record(s), who disagree on 1 (Screening ▸ Conflicts)"
    )
    for who in ("Matt", "Laura"):
        out = exported(review, tmp_path, "title_abstract", who)
        assert out["Exploring simulation games"] == ("include", "")
        assert out["Airborne antimicrobial resistance"] == ("exclude", "wrong publication type")
    assert exported(review, tmp_path, "title_abstract", "Laura")["Community dynamics"][0] == (
        "exclude"
    )
    assert exported(review, tmp_path, "title_abstract")["Community dynamics"][0] == ""  # conflict
    tagged = list(
        review.db.query(
            "SELECT t.name, p.title FROM paper_terms pt JOIN terms t ON t.id = pt.term_id "
            "JOIN facets f ON f.id = t.facet_id JOIN papers p ON p.id = pt.paper_id "
            "WHERE f.name = ? ORDER BY t.name",
            [LABELS_FACET],
        )
    )
    assert [r["name"] for r in tagged] == ["games", "sheep"]


def test_rayyan_as_one_named_reviewer_skips_disagreements(review, tmp_path):
    report = import_file(
        review, write(tmp_path, "rayyan.csv", RAYYAN), "S", decisions="title_abstract",
        reviewer="Ann",
    )  # fmt: skip
    assert report.decisions.endswith("1 record(s) not recorded: the file's reviewers disagree")
    out = exported(review, tmp_path, "title_abstract", "Ann")
    assert out["Community dynamics"] == ("", "")
    assert out["Exploring simulation games"] == ("include", "")


def test_rayyan_ris_round_trip(review, tmp_path):
    import_file(
        review, write(tmp_path, "articles.ris", RAYYAN_RIS), "S", decisions="title_abstract",
        reviewer="Matt",
    )  # fmt: skip
    out = exported(review, tmp_path, "title_abstract", "Matt")
    assert out == {
        "Included by both": ("include", ""),
        "Excluded by both": ("exclude", "Wrong outcome"),  # the review's reason, any case
        "Not screened": ("", ""),
    }


def test_covidence_full_text_exclusions_with_their_reasons(review, tmp_path):
    report = import_file(
        review, write(tmp_path, "covidence.csv", COVIDENCE), "S", decisions="full_text",
        reviewer="Ann",
    )  # fmt: skip
    assert "2 exclude" in report.decisions
    assert "exclusion reasons added: Conference abstract only" in report.decisions
    # the title/abstract includes it adds are said, not only done
    assert report.decisions.endswith(
        "2 record(s) also recorded as included at title/abstract (they reached full text in "
        "the file)"
    )
    assert [r["label"] for r in reasons(review, "full_text")][-1] == "Conference abstract only"
    out = exported(review, tmp_path, "full_text", "Ann")
    assert out == {
        "Internet-delivered CBT for social anxiety": ("exclude", "Wrong population"),
        "Group therapy for panic": ("exclude", "Conference abstract only"),
    }
    ta = exported(review, tmp_path, "title_abstract", "Ann")
    assert set(ta.values()) == {("include", "")}  # they reached full text


def test_without_the_option_nothing_is_decided(review, tmp_path):
    import_file(review, write(tmp_path, "rayyan.csv", RAYYAN), "S")
    assert review.db.execute("SELECT COUNT(*) FROM decisions").fetchone()[0] == 0


def test_a_bad_stage_or_reviewer_changes_nothing(review, tmp_path):
    path = write(tmp_path, "rayyan.csv", RAYYAN)
    with pytest.raises(CuratorError, match="unknown stage"):
        import_file(review, path, "S", decisions="everything")
    with pytest.raises(CuratorError, match="reviewer"):
        import_file(review, path, "S", decisions="title_abstract", reviewer="(consensus)")
    assert review.db.execute("SELECT COUNT(*) FROM records").fetchone()[0] == 0


@pytest.mark.parametrize(
    ("raw", "decision", "reasons_"),
    [
        ({"included": "1"}, "include", ()),
        ({"label_included": "0"}, "exclude", ()),
        ({"N1": ["ASReview_not_seen"]}, None, None),
        ({"Notes": "Exclusion reason: Wrong comparator; "}, "exclude", ("Wrong comparator",)),
        ({"title": "no decision here"}, None, None),
    ],
)
def test_what_a_record_carries(raw, decision, reasons_):
    found = carried(raw)
    if reasons_ is None:
        assert found is None
    else:
        assert (found.decision, found.reasons) == (decision, reasons_)


def test_every_column_decisions_are_read_from_is_reported_as_decisions(review, tmp_path):
    """A column the decisions are read from ("Final decision", "Reason for exclusion") is
    not in the report's list of columns not kept: the import reads it."""
    text = (
        "Title,Authors,Published Year,Final decision,Reason for exclusion\n"
        'Kept by both,"Smith, J.",2020,Include,\n'
        'Dropped at screening,"Lee, K.",2021,Exclude,Wrong population\n'
    )
    report = import_file(
        review, write(tmp_path, "team.csv", text), "S", decisions="title_abstract",
        reviewer="Ann",
    )  # fmt: skip
    assert "Final decision" not in report.not_kept
    assert "Reason for exclusion" not in report.not_kept
    assert exported(review, tmp_path, "title_abstract", "Ann") == {
        "Kept by both": ("include", ""),
        "Dropped at screening": ("exclude", "Wrong population"),
    }
