"""Merging authors and venues: papers follow, aliases keep the old spelling, audited, atomic."""

from __future__ import annotations

import pytest

from curator.core.aliases import (
    add_venue_alias,
    merge_authors,
    merge_venues,
    rename_venue,
    venues,
)
from curator.core.errors import CuratorError, ValidationError
from curator.core.names import PersonName
from curator.core.papers import add_paper, author_id_for, get_paper, venue_id_for


def _author(review, family: str, given: str) -> int:
    return author_id_for(review, PersonName(family, given))


def test_merge_authors_moves_papers_and_keeps_the_spelling_as_alias(review):
    a = add_paper(review, title="A", authors=["Bruijniks, S."]).id
    b = add_paper(review, title="B", authors=["Bruijnicks, S.", "Other, O."]).id
    keep, drop = _author(review, "Bruijniks", "S."), _author(review, "Bruijnicks", "S.")
    merge_authors(review, keep, drop)
    assert [x["id"] for x in get_paper(review, b)["authors"]] == [
        keep,
        _author(review, "Other", "O."),
    ]
    assert get_paper(review, a)["authors"][0]["id"] == keep
    assert (
        review.db.execute("SELECT COUNT(*) FROM authors WHERE id = ?", (drop,)).fetchone()[0] == 0
    )
    # A later import spelling the name the old way lands on the kept author.
    assert _author(review, "Bruijnicks", "S.") == keep
    entry = review.audit_log("authors", drop)[-1]
    assert entry["action"] == "merge" and str(b) in entry["after"]


def test_merge_authors_refuses_nonsense_and_changes_nothing(review):
    keep = _author(review, "A", "A.")
    with pytest.raises(CuratorError, match="into itself"):
        merge_authors(review, keep, keep)
    with pytest.raises(CuratorError, match="no author with id 999"):
        merge_authors(review, keep, 999)
    assert review.db.execute("SELECT COUNT(*) FROM authors").fetchone()[0] == 1


def test_merge_venues_and_aliases(review):
    old = add_paper(review, title="A", venue="Psychother Res").id
    new = add_paper(review, title="B", venue="Psychotherapy Research").id
    keep = get_paper(review, new)["venue_id"]
    drop = get_paper(review, old)["venue_id"]
    merge_venues(review, keep, drop)
    assert get_paper(review, old)["venue"] == "Psychotherapy Research"
    assert venue_id_for(review, "psychother res") == keep
    listed = venues(review)
    assert [(v["name"], v["papers"]) for v in listed] == [("Psychotherapy Research", 2)]
    assert listed[0]["aliases"] == ["Psychother Res", "Psychotherapy Research"]
    assert review.audit_log("venues", drop)[-1]["action"] == "merge"


def test_venue_alias_conflict_and_rename(review):
    one = venue_id_for(review, "Journal One")
    two = venue_id_for(review, "Journal Two")
    with pytest.raises(ValidationError, match="already names the venue 'Journal Two'"):
        add_venue_alias(review, one, "journal two")
    rename_venue(review, one, "Journal 1")
    assert venue_id_for(review, "Journal 1") == one
    assert venue_id_for(review, "Journal One") == one  # the old name still finds it
    assert two != one
    with pytest.raises(ValidationError):
        rename_venue(review, one, "  ")
