"""The error classes of issue 15, one real-shaped case each: false merges and missed duplicates.

Each case is written as the records come out of the databases (Embase supplements, Web of
Science page fields, MEDLINE title notes, author lists with particles or swapped names) and
entered as papers in a real review file; `dedup.run` must merge, queue or keep them apart.
"""

from __future__ import annotations

import pytest

from curator.core import dedup
from curator.core.dedup.compare import compare
from curator.core.dedup.prepare import normalise_title, prepare
from curator.core.papers import add_paper, get_paper

ARTICLE = {
    "title": "Deferasirox in transfusion-dependent patients with myelodysplastic syndromes",
    "authors": ["Gattermann, Norbert", "Finelli, Carlo", "Della Porta, Matteo"],
    "year": 2010,
    "venue": "Leukemia Research",
    "volume": "34",
    "issue": "9",
    "pages": "1143-1150",
    "doi": "10.1016/j.leukres.2010.03.009",
}


def add(review, fields: dict, **changes) -> int:
    row = {k: v for k, v in {**fields, **changes}.items() if v is not None}
    return add_paper(review, **row).id


def outcome(review, a: int, b: int):
    return compare(prepare(get_paper(review, a)), prepare(get_paper(review, b)))


def merged(review, a: int, b: int) -> bool:
    dedup.run(review)
    return get_paper(review, b)["merged_into"] == a or get_paper(review, a)["merged_into"] == b


def queued(review, a: int, b: int) -> bool:
    return (min(a, b), max(a, b)) in {
        (q["paper_a"], q["paper_b"]) for q in dedup.candidate_queue(review)
    }


# -- 1. a shared DOI that is not one paper ---------------------------------------------------


def test_shared_doi_with_other_journal_volume_and_pages_is_queued_not_merged(review):
    """A congress abstract printed in a journal supplement, carrying the full article's DOI."""
    article = add(review, ARTICLE)
    abstract = add(review, ARTICLE, venue="Blood", volume="114", issue="22 Suppl", pages="3805")
    result = outcome(review, article, abstract)
    assert result.outcome == "candidate", (result.rule, result.scores)
    assert not merged(review, article, abstract)
    assert queued(review, article, abstract)


def test_shared_doi_with_a_mistyped_volume_still_merges(review):
    """One field off is a typing error, not another paper: the DOI still decides."""
    a = add(review, ARTICLE)
    b = add(review, ARTICLE, volume="43", venue="Leuk Res")
    assert merged(review, a, b)


# -- 2. recurring titles -----------------------------------------------------------------


EDITORIAL = {"title": "Editor's Comments", "authors": ["Straub, Detmar W."], "year": 2009,
             "venue": "MIS Quarterly", "volume": "33"}  # fmt: skip


@pytest.mark.parametrize(
    ("title", "first", "second"),
    [
        ("Editor's Comments", {"issue": "1"}, {"issue": "2"}),
        ("Remarks from the editor", {"issue": "3", "pages": "iii"}, {}),
        ("In this issue", {}, {}),
        ("Preface", {"issue": "4"}, {"issue": "4"}),
        ("Erratum", {"issue": "2", "pages": "410"}, {"issue": "5", "pages": "1022"}),
    ],
)
def test_recurring_titles_never_merge_unless_issue_and_pages_agree(review, title, first, second):
    a = add(review, EDITORIAL, title=title, **first)
    b = add(review, EDITORIAL, title=title, **second)
    result = outcome(review, a, b)
    assert result.outcome != "duplicate", (result.rule, result.scores)
    assert not merged(review, a, b)


def test_recurring_title_merges_when_issue_and_pages_agree(review):
    a = add(review, EDITORIAL, issue="2", pages="iii-iv")
    b = add(review, EDITORIAL, issue="2", pages="iii-iv", authors=["Straub, D."])
    assert merged(review, a, b)


# -- 3. missed duplicates ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("pages_a", "pages_b"),
    [("S417-S429", "Suppl-29"), ("2665-2668", "t-8"), ("1-20", "465:1-465:20")],
)
def test_pages_mangled_by_exporters_still_agree(review, pages_a, pages_b):
    base = dict(ARTICLE, doi=None, authors=["Gattermann, N."], venue="Leuk Res", issue=None)
    a = add(review, base, pages=pages_a)
    b = add(review, base, pages=pages_b, venue="Leukemia Research")
    result = outcome(review, a, b)
    assert result.outcome == "duplicate", (result.rule, result.scores)
    assert result.scores["pages"] != 0.0
    assert merged(review, a, b)


@pytest.mark.parametrize(
    ("decorated", "plain"),
    [
        ("[Review] Iron overload in thalassaemia", "Iron overload in thalassemia"),
        ("Iron overload in thalassaemia. [Article in Spanish]", "Iron overload in thalassemia"),
        ("Iron overload &amp;amp; chelation in thalassaemia...", "Iron overload & chelation in thalassemia"),
        ("Iron overload in &lt;i&gt;beta&lt;/i&gt;-thalassaemia", "Iron overload in beta-thalassemia"),
    ],
)  # fmt: skip
def test_title_decorations_are_stripped(review, decorated, plain):
    assert normalise_title(decorated) == normalise_title(plain)
    base = dict(ARTICLE, doi=None, authors=["Taher, A."], volume=None, issue=None, pages=None)
    a = add(review, base, title=plain)
    b = add(review, base, title=decorated)
    assert merged(review, a, b)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (["van der Graaf, Y."], ["Graaf, Y. van der"]),  # particle after the given names
        (["Van der Graaf, Y."], ["Graaf, Y D Van"]),
        (["Nguyen, Thi Minh", "Tran, Van Anh"], ["Thi Minh, Nguyen", "Van Anh, Tran"]),  # swapped
    ],
)
def test_first_author_variants_still_match(review, first, second):
    base = dict(ARTICLE, doi=None, volume=None, issue=None, pages=None)
    a = add(review, base, authors=first)
    b = add(review, base, authors=second)
    result = outcome(review, a, b)
    assert result.outcome == "duplicate", (result.rule, result.scores)
    assert merged(review, a, b)


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("J Natl Cancer Inst", "Journal of the National Cancer Institute"),
        ("Br J Haematol", "British Journal of Hematology"),
        ("JAMA", "Journal of the American Medical Association"),
        ("BMJ", "British Medical Journal"),
    ],
)
def test_journal_abbreviations_match_full_names(review, short, full):
    base = dict(ARTICLE, doi=None, authors=["Gattermann, N."], volume=None, issue=None, pages=None)
    a = add(review, base, venue=short)
    b = add(review, base, venue=full)
    result = outcome(review, a, b)
    assert (result.scores["venue"] or 0) >= 0.9, result.scores
    assert merged(review, a, b)


def test_year_off_by_one_online_and_print_with_the_doi_on_one_side(review):
    """Published online in 2009 with its DOI and no page numbers; in print in 2010, no DOI."""
    online = add(review, ARTICLE, year=2009, volume=None, issue=None, pages=None)
    printed = add(review, ARTICLE, doi=None, venue="Leuk Res")
    result = outcome(review, online, printed)
    assert result.outcome == "duplicate", (result.rule, result.scores)
    assert merged(review, online, printed)


def test_year_off_by_one_without_other_evidence_is_only_queued(review):
    """Same title and author a year apart, no journal in common: a person decides."""
    base = dict(ARTICLE, doi=None, authors=["Gattermann, N."], volume=None, issue=None, pages=None)
    a = add(review, base, year=2009, venue=None)
    b = add(review, base, venue=None)
    assert not merged(review, a, b)
    assert queued(review, a, b)


def test_abstracts_sharing_a_supplements_doi_are_not_even_queued(review):
    """Two abstracts of one congress supplement indexed under the supplement's DOI."""
    supplement = dict(venue="Diabetologia", volume="60", issue="Suppl 1", year=2017,
                      doi="10.1007/s00125-017-4350-z")  # fmt: skip
    a = add(review, supplement, title="Cardiac effects of combined SGLT1/2 inhibition "
            "following myocardial infarction", authors=["Gilbert, R. E.", "Zhang, Y."],
            pages="S548-S549")  # fmt: skip
    b = add(review, supplement, title="No major impact seen with sitagliptin on rates of "
            "cardiovascular death", authors=["Nauck, M. A.", "Pieper, K. S."], pages="S356")  # fmt: skip
    assert outcome(review, a, b).outcome == "distinct"
    assert not merged(review, a, b)
    assert not queued(review, a, b)


def test_a_correction_of_the_article_is_queued_never_merged(review):
    """Web of Science titles a correction "<title> (vol 34, pg 1143, 2010)"; some teams count
    it as a duplicate of its article, so a person decides."""
    article = add(review, ARTICLE, doi=None)
    erratum = add(review, ARTICLE, doi=None, title=ARTICLE["title"] + " (vol 34, pg 1143, 2010)",
                  authors=["Finelli, C."], issue="12", pages="1712")  # fmt: skip
    result = outcome(review, article, erratum)
    assert (result.outcome, result.rule) == ("candidate", "veto: erratum vs article")
    assert not merged(review, article, erratum)
    assert queued(review, article, erratum)


def test_look_alikes_scoring_under_the_queue_floor_are_not_queued(review):
    """Two papers of one group on one topic in other journals: similar titles, every detail
    different. Below the floor (0.7) they are not queued; with the floor at 0 they are."""
    a = add(review, ARTICLE, doi=None)
    b = add(review, ARTICLE, doi=None, title=ARTICLE["title"].replace("Deferasirox", "Deferiprone"),
            authors=["Gattermann, N.", "Rose, C.", "Jensen, P."], venue="Blood",
            volume="116", issue="21", pages="2912")  # fmt: skip
    result = outcome(review, a, b)
    assert result.outcome == "candidate" and result.score < dedup.DEFAULT_QUEUE_FLOOR, result
    dedup.run(review)
    assert not queued(review, a, b)
    dedup.run(review, queue_floor=0.0)
    assert queued(review, a, b)
