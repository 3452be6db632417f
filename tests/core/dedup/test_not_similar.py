"""`not_similar` (the bulk title pre-check of `find_pairs`) rules a pair out only where
`compare` itself would say "not similar": checked on titles made to hit each rule that can
raise a title's score, and on every blocked pair of two real labelled sets."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from curator.core.dedup.blocking import candidate_pairs
from curator.core.dedup.compare import compare, not_similar
from curator.core.dedup.prepare import prepare


def paper(pid: int, title: str, **fields) -> object:
    row = {"id": pid, "title": title, "authors_text": "Smith, J.; Jones, K.", "year": 2019}
    row.update(fields)
    return prepare(row)


RAISED = [
    # a missing subtitle: the short title starts or ends the long one
    ("Cognitive behavioural therapy for insomnia in older adults",
     "Cognitive behavioural therapy for insomnia in older adults: a randomised controlled "
     "trial with twelve months of follow up in primary care practices of three countries"),
    ("Effects of exercise on sleep quality in adults with chronic pain",
     "A systematic review and meta-analysis of randomised trials with individual patient "
     "data from nine countries. Effects of exercise on sleep quality in adults with chronic pain"),
    # the title inside a longer one (a translation or a note around it)
    ("Sleep quality and memory in older adults in nursing homes",
     "Originalarbeit zur Schlafqualität im Alter: sleep quality and memory in older adults in "
     "nursing homes, eine Kohortenstudie aus drei Bundesländern"),
]  # fmt: skip


@pytest.mark.parametrize(("short", "long_"), RAISED)
def test_titles_a_rule_can_raise_go_to_compare(short, long_):
    a, b = paper(1, short), paper(2, long_)
    ratio = fuzz.ratio(a.title, b.title, processor=None)
    assert ratio < 59.5  # the bulk ratio alone would rule them out
    assert not not_similar(a, b, ratio)
    assert compare(a, b).rule != "not similar"


def test_a_shared_identifier_goes_to_compare():
    a = paper(1, "Sleep and memory", doi="10.1000/abc")
    b = paper(2, "Erratum: dose tables of the trial", doi="10.1000/abc")
    assert not not_similar(a, b, fuzz.ratio(a.title, b.title, processor=None))


def test_different_titles_are_ruled_out():
    a = paper(1, "Sleep and memory in older adults")
    b = paper(2, "Tobacco taxes and smoking among adolescents")
    ratio = fuzz.ratio(a.title, b.title, processor=None)
    assert not_similar(a, b, ratio)
    assert compare(a, b).rule == "not similar"


def _rows(shared: Path, name: str) -> list[dict]:
    from tests.benchmarks import dedup_data as data

    records = data.read_csv(shared / "dedup" / "rathbone_2015" / name / "records_pre_merged.csv")
    return [
        {
            "id": i,
            "title": r.get("title"),
            "authors_text": "; ".join(data.split_authors(r.get("author") or "")),
            "year": r.get("year"),
            "venue": r.get("journal"),
            "volume": r.get("volume"),
            "issue": r.get("number"),
            "pages": r.get("pages"),
            "doi": r.get("doi"),
            "type": r.get("type"),
        }
        for i, r in enumerate(records, start=1)
    ]


@pytest.mark.parametrize("name", ["haematology", "stroke"])
def test_on_real_records_it_never_rules_out_what_compare_keeps(shared_fixtures, name):
    papers = [prepare(row) for row in _rows(shared_fixtures, name)]
    pairs = [(papers[i], papers[j]) for i, j in zip(*candidate_pairs(papers), strict=True)]
    rng = random.Random(3)
    pairs += [tuple(rng.sample(papers, 2)) for _ in range(5000)]
    ruled_out = 0
    for a, b in pairs:
        if not_similar(a, b, fuzz.ratio(a.title, b.title, processor=None)):
            ruled_out += 1
            assert compare(a, b).rule == "not similar", (a.title, b.title)
    assert ruled_out > 1000  # the pre-check does its job on real data too
