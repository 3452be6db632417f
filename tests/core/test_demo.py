"""The demo review: built from database/demo, and compared with the reference review's text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from curator.core.demo import build_demo, load_demo_data
from curator.core.errors import CuratorError
from curator.core.flow.prisma import flow, reconcile
from curator.core.report.tables import (
    claims_evidence,
    included_ids,
    key_papers,
    references,
    top_contributors,
)

SEED_NAME = "000_ddfbfbc8e853a4c9.txt"
# Where the review's text disagrees with its own reference list, Curator follows the list
# (docs/reference-review.md lists every case).
TEXT_TO_DATA = {"Bruijnicks et al., 2021": "Bruijniks et al., 2021", "Mcewen, 2016": "McEwen, 2016"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    review = build_demo(tmp_path_factory.mktemp("demo") / "demo.curator")
    yield review
    review.close()


@pytest.fixture(scope="module")
def seed(shared_fixtures: Path) -> str:
    path = shared_fixtures.parent / "seed" / SEED_NAME
    if not path.is_file():
        pytest.skip(f"reference review not found at {path} (../shared is absent)")
    return path.read_text(encoding="utf-8")


def _rows_after(text: str, header: str) -> list[list[str]]:
    """The tab-separated rows that follow `header` up to the first line without a tab."""
    lines = text[text.index(header) + len(header) :].splitlines()[1:]
    rows = []
    for line in lines:
        if "\t" not in line:
            break
        rows.append([cell.strip() for cell in line.split("\t")])
    return rows


def _cites(cell: str) -> list[str]:
    return [TEXT_TO_DATA.get(c.strip(), c.strip()) for c in cell.strip("()").split(";")]


def test_demo_holds_the_review(demo):
    db = demo.db
    assert len(included_ids(demo)) == 34
    assert db.execute("SELECT COUNT(*) FROM claims").fetchone()[0] == 6
    assert db.execute("SELECT COUNT(*) FROM questions").fetchone()[0] == 3
    assert db.execute("SELECT COUNT(*) FROM papers WHERE is_key = 1").fetchone()[0] == 5
    searches = list(db.query("SELECT * FROM searches ORDER BY position"))
    assert len(searches) == 8 and all(s["hits_reported"] is None for s in searches)
    assert demo.setting("reported_flow")["identified"] == 1027
    keys = [r[0] for r in db.execute("SELECT key FROM report_sections ORDER BY position")]
    assert keys == [
        "introduction",
        "methods",
        "results",
        "discussion",
        "conclusion",
        "research_gaps",
        "open_questions",
        "summary",
    ]
    untagged = db.execute(
        "SELECT COUNT(*) FROM papers WHERE id NOT IN (SELECT paper_id FROM paper_terms)"
    ).fetchone()[0]
    assert untagged == 0
    # No records were imported for the demo, and the check says so rather than inventing them.
    assert reconcile(flow(demo)).notes == [
        "34 paper(s) were not imported from any search record (added by hand), so "
        "identification does not account for them"
    ]


def test_repeated_author_counts_once(demo):
    mason = demo.db.execute(
        "SELECT id FROM papers WHERE title LIKE 'Brain connectivity%'"
    ).fetchone()[0]
    authors = [
        r[0]
        for r in demo.db.execute(
            "SELECT a.family FROM paper_authors pa JOIN authors a ON a.id = pa.author_id "
            "WHERE pa.paper_id = ? ORDER BY pa.position",
            (mason,),
        )
    ]
    assert authors == ["Mason", "Peters", "Peters", "Williams", "Kumari", "Kumari"]
    table = top_contributors(demo, n=200)
    peters = table[table["Name"] == "E. Peters"]["Papers"].tolist()
    assert peters == ["(Mason et al., 2017)"]


def test_psychotherapy_research_spellings_are_one_journal(demo):
    rows = demo.db.execute(
        "SELECT DISTINCT v.name FROM papers p JOIN venues v ON v.id = p.venue_id "
        "WHERE p.title LIKE 'Inter-brain plasticity as a mechanism%' OR p.title LIKE 'Neuroimaging for%'"
    ).fetchall()
    assert rows == [("Psychotherapy Research",)]


def test_building_over_an_existing_file_is_refused(tmp_path):
    path = tmp_path / "d.curator"
    path.write_bytes(b"precious")
    with pytest.raises(CuratorError, match="already exists"):
        build_demo(path)
    assert path.read_bytes() == b"precious"


def test_a_broken_demo_leaves_no_file(tmp_path, monkeypatch):
    import curator.core.demo as demo_module

    data = load_demo_data()
    data["tags"].append({"paper": "nobody2000", "facet": "Topic", "term": "x", "support": ""})
    monkeypatch.setattr(demo_module, "load_demo_data", lambda: data)
    with pytest.raises(CuratorError, match="unknown paper 'nobody2000'"):
        build_demo(tmp_path / "d.curator")
    assert not (tmp_path / "d.curator").exists()


# -- against the reference review's own text --------------------------------------------------
def test_claims_and_evidence_match_the_review(demo, seed):
    expected = _rows_after(seed, "Claim\tEvidence Strength\tReasoning\tPapers")
    assert len(expected) == 6
    table = claims_evidence(demo)
    for ours, theirs in zip(table.values.tolist(), expected, strict=True):
        assert ours[:3] == theirs[:3]
        assert _cites(ours[3]) == _cites(theirs[3])


def test_key_papers_match_the_review(demo, seed):
    expected = _rows_after(seed, "Paper\tMethodology\tPopulation/Context\tKey Results")
    assert len(expected) == 5
    for ours, theirs in zip(key_papers(demo).values.tolist(), expected, strict=True):
        assert ours[0] == theirs[0]
        assert ours[3] == theirs[3]
        # Term names are capitalised ("Longitudinal"); the review writes some in lower case.
        assert ours[1].casefold() == theirs[1].casefold()
        assert ours[2].casefold() == theirs[2].casefold()


def test_journal_contributors_match_the_review(demo, seed):
    expected = [r for r in _rows_after(seed, "Type\tName\tPapers") if r[0] == "Journal"]
    assert len(expected) == 3
    ours = top_contributors(demo)
    ours = ours[ours["Type"] == "Journal"].values.tolist()
    for row, theirs in zip(ours, expected, strict=True):
        assert row[1] == re.sub(r"</?i>", "", theirs[1])
        # The review lists a row's papers in no stated order; Curator uses reference order.
        assert sorted(_cites(row[2])) == sorted(_cites(theirs[2]))


def test_reference_list_matches_the_reviews_references(demo, seed):
    block = seed[seed.index("## References") :]
    theirs = {}
    for line in block.splitlines():
        line = line.lstrip("- ").strip()
        doi = re.search(r"<?\[?https://doi\.org/([^>\]\s]+)", line)
        if not doi:
            continue
        authors = line[: line.index(" (")]
        year = re.search(r"\((\d{4})\)", line).group(1)
        theirs[doi.group(1).replace("\\", "").lower()] = (authors, year)
    ours = {}
    for reference in references(demo)["Reference"]:
        doi = reference.rsplit("https://doi.org/", 1)[1]
        authors = reference[: reference.index(" (")]
        year = re.search(r"\((\d{4})\)", reference).group(1)
        ours[doi] = (authors, year)
    assert len(theirs) == 34
    assert ours == theirs


def _as_the_review_prints(ref: dict) -> str:
    """A reference from references.json laid out as the review's list lays it out."""
    authors = ref["authors"]
    text = authors[0] if len(authors) == 1 else ", ".join(authors[:-1]) + ", & " + authors[-1]
    text += f" ({ref['year']}). {ref['title']}. "
    text += f"*{ref['venue']}*" if ref["venue"] else "\\*\\*"
    volume_issue = " ".join(x for x in (ref["volume"], ref["issue"]) if x)
    parts = [p for p in (volume_issue, ref["pages"]) if p]
    return text + (", " + ", ".join(parts) if parts else "") + ". "


def test_transcription_matches_the_reference_list_verbatim(seed):
    block = seed[seed.index("## References") :]
    printed = [line.lstrip("- ").strip() for line in block.splitlines() if "doi.org" in line]
    references_json = load_demo_data()["references"]
    assert len(printed) == len(references_json) == 34
    for ref, line in zip(references_json, printed, strict=True):
        assert line.startswith(_as_the_review_prints(ref)), ref["key"]


def test_two_worked_grade_profiles_agree_with_the_review(demo):
    from curator.core.curation import claims, grade
    from curator.core.report.tables import evidence_profile

    rows = claims.claims(demo)
    assert [r["strength"] for r in rows] == ["Strong", "Strong", *["Moderate"] * 4]
    worked = [n for n, claim in enumerate(rows, 1) if grade.is_graded(claim)]
    assert worked == [2, 4]
    for number in worked:
        claim = rows[number - 1]
        assert len(claim["grades"]) == 8  # a full profile: every domain judged, with a reason
        assert all(g["judgement"] and g["reason"] for g in claim["grades"].values())
        shown = grade.claim_profile(demo, claim)
        assert shown.strength == claim["strength"] and not shown.notes
    assert evidence_profile(demo)["Certainty"].tolist() == ["High", "Moderate"]
