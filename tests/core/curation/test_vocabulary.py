"""Facets and terms: add, rename, merge, reorder, delete with a count, nesting, snapshots."""

from __future__ import annotations

import pytest

from curator.core import library
from curator.core.curation import facets
from curator.core.errors import CuratorError, ValidationError
from tests.curation_data import build


def _names(review, facet):
    return [t["name"] for t in facets.terms(review, facet)]


def test_add_rename_reorder_and_definitions(review):
    topic = facets.facet_id(review, "topic")
    a = facets.add_term(review, topic, "Depression", definition="Mood disorders").id
    b = facets.add_term(review, topic, "Anxiety").id
    with pytest.raises(ValidationError) as err:
        facets.add_term(review, topic, " depression ")
    assert err.value.field == "name"
    facets.update_term(review, a, name="Depression/Anxiety")
    facets.reorder_terms(review, topic, [b, a])
    assert _names(review, topic) == ["Anxiety", "Depression/Anxiety"]
    assert facets.get_term(review, a)["definition"] == "Mood disorders"
    actions = [row["action"] for row in review.audit_log("terms")]
    assert actions == ["insert", "insert", "update", "reorder"]


def test_merge_moves_tags_and_deletes_the_dropped_term(review):
    ids = build(review)
    topic = facets.facet_id(review, "Topic")
    keep = facets.add_term(review, topic, "Depression").id
    drop = facets.add_term(review, topic, "Major depression").id
    facets.tag(review, ids[:2], keep)
    facets.tag(review, ids[1:4], drop)
    facets.merge_terms(review, keep, drop)
    assert facets.tagged_with(review, ids, keep) == set(ids[:4])
    assert _names(review, topic) == ["Depression"]
    assert library.paper_ids(review, term_id=keep) == ids[:4]


def test_merge_across_facets_is_refused(review):
    topic = facets.facet_id(review, "Topic")
    method = facets.facet_id(review, "Methodology")
    a = facets.add_term(review, topic, "A").id
    b = facets.add_term(review, method, "B").id
    with pytest.raises(CuratorError, match="same facet"):
        facets.merge_terms(review, a, b)


def test_delete_reports_usage_and_untags(review):
    ids = build(review)
    method = facets.facet_id(review, "Methodology")
    imaging = facets.term_id(review, method, "Neuroimaging")
    assert facets.term_usage(review, imaging) == 2
    facets.delete_term(review, imaging)
    assert facets.term_id(review, method, "Neuroimaging") is None
    assert all(t["name"] != "Neuroimaging" for p in ids for t in facets.paper_terms(review, p))


def test_nested_terms_and_cycles(review):
    method = facets.facet_id(review, "Methodology")
    topic = facets.facet_id(review, "Topic")
    trial = facets.add_term(review, method, "Trial").id
    rct = facets.add_term(review, method, "RCT", parent_id=trial).id
    other = facets.add_term(review, topic, "Other").id
    assert [(t["name"], d) for t, d in facets.term_tree(review, method)] == [
        ("Trial", 0),
        ("RCT", 1),
    ]
    with pytest.raises(ValidationError, match="itself"):
        facets.update_term(review, trial, parent_id=rct)
    with pytest.raises(ValidationError, match="same facet"):
        facets.update_term(review, other, parent_id=trial)


def test_untagged_filters(review):
    ids = build(review)
    # Price & Duman has no methodology term: no tag at all.
    assert library.paper_ids(review, filter="untagged") == [ids[4]]
    topic = facets.facet_id(review, "Topic")
    facets.tag(review, [ids[4]], facets.add_term(review, topic, "Depression").id)
    assert library.paper_ids(review, filter="untagged") == []
    assert library.paper_ids(review, filter="untagged", search="Price") == []
    excluded = build(review, included=False)[4]
    assert excluded not in library.paper_ids(review, filter="untagged")


def test_facets_add_rename_delete_and_restore(review):
    ids = build(review)
    method = facets.facet_id(review, "Methodology")
    before = facets.snapshot_facets(review, [method])
    facets.delete_facet(review, method)
    assert facets.paper_terms(review, ids[0]) == []
    facets.restore_facets(review, before)
    assert facets.snapshot_facets(review, [method]) == before
    assert [t["name"] for t in facets.paper_terms(review, ids[0])] == ["RCT", "Neuroimaging"]
    new = facets.add_facet(review, "Outcome").id
    with pytest.raises(ValidationError):
        facets.update_facet(review, new, name="methodology")
    facets.update_facet(review, new, name="Outcomes", description="What was measured")
    assert facets.facets(review)[-1]["name"] == "Outcomes"
    assert review.audit_log("facets")[-1]["action"] == "update"


def test_restore_undoes_a_merge_exactly(review):
    ids = build(review)
    method = facets.facet_id(review, "Methodology")
    before = facets.snapshot_facets(review, [method])
    rct = facets.term_id(review, method, "RCT")
    facets.merge_terms(review, rct, facets.term_id(review, method, "Longitudinal"))
    assert facets.tagged_with(review, ids, rct) == {ids[0], ids[1]}
    facets.restore_facets(review, before)
    assert facets.snapshot_facets(review, [method]) == before
    assert review.audit_log("facets")[-1]["action"] == "restore"


def test_shortcut_must_be_unique(review):
    topic = facets.facet_id(review, "Topic")
    a = facets.add_term(review, topic, "A").id
    b = facets.add_term(review, topic, "B").id
    facets.update_term(review, a, shortcut="1")
    with pytest.raises(ValidationError, match="shortcut"):
        facets.update_term(review, b, shortcut="1")
