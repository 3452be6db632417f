"""The bulk `Screen` of `find_pairs` rules a pair out only where `compare` itself would say
"not similar": checked on titles made to hit each rule that can raise a title's score, and on
every blocked pair of two real labelled sets."""

from __future__ import annotations

import random

import numpy as np
import pytest
from rapidfuzz import fuzz

from curator.core.dedup.blocking import candidate_pairs
from curator.core.dedup.compare import compare
from curator.core.dedup.prepare import prepare
from curator.core.dedup.screen import Screen
from tests.core.dedup.real_sets import rathbone_papers


def paper(pid: int, title: str, **fields) -> object:
    row = {"id": pid, "title": title, "authors_text": "Smith, J.; Jones, K.", "year": 2019}
    row.update(fields)
    return prepare(row)


def worth_comparing(a, b) -> bool:
    return bool(Screen([a, b]).worth_comparing(np.array([0]), np.array([1]))[0])


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
    assert fuzz.ratio(a.title, b.title, processor=None) < 59.5  # the ratio alone rules them out
    assert worth_comparing(a, b)
    assert compare(a, b).rule != "not similar"


def test_a_long_title_not_holding_the_short_one_is_ruled_out():
    a = paper(1, "Sleep quality and memory in older adults in nursing homes")
    b = paper(2, "Tobacco taxes, smoking and alcohol use among adolescents in nine countries: "
                 "a cohort study of schools in rural and urban districts")  # fmt: skip
    assert len(b.title) > 1.5 * len(a.title)
    assert fuzz.partial_ratio(a.title, b.title, processor=None) < 97
    assert not worth_comparing(a, b)
    assert compare(a, b).rule == "not similar"


def test_a_shared_identifier_or_a_missing_title_goes_to_compare():
    a = paper(1, "Sleep and memory", doi="10.1000/abc")
    b = paper(2, "Erratum: dose tables of the trial", doi="10.1000/abc")
    assert worth_comparing(a, b)
    assert worth_comparing(paper(1, "Sleep and memory"), paper(2, ""))


def test_different_titles_are_ruled_out():
    a = paper(1, "Sleep and memory in older adults")
    b = paper(2, "Tobacco taxes and smoking among adolescents")
    assert not worth_comparing(a, b)
    assert compare(a, b).rule == "not similar"


@pytest.mark.parametrize("name", ["haematology", "stroke"])
def test_on_real_records_it_never_rules_out_what_compare_keeps(shared_fixtures, name):
    papers = rathbone_papers(shared_fixtures, name)
    first, second = candidate_pairs(papers)
    rng = random.Random(3)
    others = np.array([rng.sample(range(len(papers)), 2) for _ in range(5000)])
    first, second = np.concatenate([first, others[:, 0]]), np.concatenate([second, others[:, 1]])
    worth = Screen(papers).worth_comparing(first, second)
    for i, j in zip(first[~worth].tolist(), second[~worth].tolist(), strict=True):
        assert compare(papers[i], papers[j]).rule == "not similar", (i, j)
    assert (~worth).sum() > 1000  # the screen does its job on real data too
