"""Records that look unlike their duplicates, and the near misses that must stay apart.

The records are the real ones from the labelled sets (Rathbone haematology, ASySD diabetes in
../shared/fixtures/dedup), entered as papers: an Embase "[multiple letters]" record and the
letter and reply it holds, the same abstract printed in two journals' supplements under two
DOIs, correction notices titled the Web of Science and the Embase way, and a conference record
whose numbers were shifted one field left.
"""

from __future__ import annotations

import pytest

from curator.core import dedup
from curator.core.dedup.compare import compare
from curator.core.dedup.prepare import prepare
from curator.core.papers import add_paper, get_paper

TITLE = "Atypical hemolytic uremic syndrome associated with group A beta hemolytic streptococcus"
LETTER_AUTHORS = ["Yildiz, B.", "Kural, N.", "Yarar, C."]
REPLY_AUTHORS = ["Shepherd, A. B.", "Palmer, A. L.", "Baliga, R."]
BUNDLE = dict(title=TITLE + " (multiple letters) [1]", authors=LETTER_AUTHORS + REPLY_AUTHORS,
              year=2004, venue="Pediatric Nephrology", volume="19", issue="8", pages="943-945")  # fmt: skip
LETTER = dict(BUNDLE, title=TITLE, authors=LETTER_AUTHORS, pages="943-944")
REPLY = dict(BUNDLE, title=TITLE + " - Reply", authors=REPLY_AUTHORS, pages="945")


def add(review, fields: dict, **changes) -> int:
    row = {k: v for k, v in {**fields, **changes}.items() if v is not None}
    return add_paper(review, **row).id


def outcome(review, a: int, b: int):
    return compare(prepare(get_paper(review, a)), prepare(get_paper(review, b)))


def group_of(review, paper_id: int) -> int:
    merged = get_paper(review, paper_id)["merged_into"]
    return merged if merged is not None else paper_id


# -- an Embase "[multiple letters]" record holds the letter and its reply ---------------------


@pytest.mark.parametrize(
    "reply",
    [
        {},  # a reply typed as a journal article, titled "<letter> - Reply"
        {"title": TITLE + ": reply", "type": "Letter"},  # typed as a letter: kind "comment"
        {"title": "Reply to: " + TITLE, "pages": "945-946"},  # the reply veto would apply
    ],
    ids=["dash reply", "colon reply typed letter", "reply to"],
)
def test_multiple_letters_record_merges_with_the_letter_and_the_reply(review, reply):
    bundle = add(review, BUNDLE)
    letter = add(review, LETTER)
    answer = add(review, REPLY, **reply)
    for item in (letter, answer):
        result = outcome(review, bundle, item)
        assert result.outcome == "duplicate", (result.rule, result.scores)
        assert result.rule == "multiple-letters record and a letter it holds"
    assert dedup.run(review).merged == 2
    assert group_of(review, letter) == group_of(review, answer) == group_of(review, bundle)


def test_without_the_multiple_letters_record_a_letter_and_its_reply_stay_apart(review):
    letter = add(review, LETTER)
    answer = add(review, REPLY, title="Reply to: " + TITLE)
    assert outcome(review, letter, answer).outcome != "duplicate"
    assert dedup.run(review).merged == 0


BUNDLE_NEAR_MISSES = {
    "page outside the bundle's range": {"pages": "947"},
    "an author not in the bundle": {"authors": ["Shepherd, A. B.", "Jones, P."]},
    "another volume": {"volume": "20"},
    "another issue": {"issue": "9"},
    "another journal": {"venue": "Pediatric Infectious Disease Journal"},
    "another title": {"title": "Streptococcal infection and haemolytic uraemic syndrome - Reply"},
    "an erratum": {"title": "Erratum: " + TITLE},
}


@pytest.mark.parametrize("name", sorted(BUNDLE_NEAR_MISSES))
def test_multiple_letters_record_does_not_take_what_it_does_not_hold(review, name):
    bundle = add(review, BUNDLE)
    other = add(review, REPLY, **BUNDLE_NEAR_MISSES[name])
    result = outcome(review, bundle, other)
    assert result.outcome != "duplicate", (result.rule, result.scores)
    assert dedup.run(review).merged == 0


# -- the same text under two DOIs --------------------------------------------------------------

ABSTRACT = (
    "Unlike mice and rats Golden Syrian hamsters fed a high-fat diet with cholesterol "
    "supplementation quickly develop obesity and a human-like dyslipidemia. We compared the "
    "GLP-1 receptor agonist liraglutide with the DPP-4 inhibitor linagliptin in this model. "
    "Liraglutide reduced body weight, food intake and plasma cholesterol and triglycerides, "
    "whereas linagliptin improved glucose tolerance without any effect on body weight. The "
    "hamster is therefore a useful model for the anti-obesity and lipid lowering effects of "
    "incretin based therapies."
)
ABSTRACT_PAPER = dict(
    title="Liraglutide and linagliptin improves glycemic control but show differential "
    "anti-obesity and hypolipidemic efficacy in a novel hamster model of diet-induced obesity "
    "and hypercholesterolemia",
    authors=["Hansen, F.", "Hansen, G.", "Pedersen, P. J.", "Jelsing, J.", "Vrang, N.",
             "Hansen, H. B."],
    year=2012, venue="Appetite", volume="59", pages="e24", abstract=ABSTRACT,
    doi="10.1016/j.appet.2012.05.003",
)  # fmt: skip
OTHER_DOI = "10.1016/j.regpep.2012.05.039"


def test_same_text_under_two_dois_merges(review):
    a = add(review, ABSTRACT_PAPER)
    b = add(review, ABSTRACT_PAPER, doi=OTHER_DOI, venue="Regulatory Peptides", volume="177",
            abstract=ABSTRACT.upper().replace(",", ""))  # fmt: skip
    result = outcome(review, a, b)
    assert (result.outcome, result.rule) == ("duplicate", "same text under two DOIs")
    assert dedup.run(review).merged == 1
    assert get_paper(review, b)["merged_into"] == a


SAME_TEXT_NEAR_MISSES = {
    "short abstract": {"abstract": " ".join(ABSTRACT.split()[:40])},
    "abstract differs by a word": {"abstract": ABSTRACT.replace("rats", "gerbils")},
    "no abstract on one side": {"abstract": None},
    "one author differs": {"authors": ABSTRACT_PAPER["authors"][:-1] + ["Holst, J. J."]},
    "one author missing": {"authors": ABSTRACT_PAPER["authors"][:-1]},
    "title differs by a word": {"title": ABSTRACT_PAPER["title"].replace("novel", "new")},
    "next year": {"year": 2013},
    "different PMIDs too": {"pmid": "22222222"},
    "an erratum": {"title": "Erratum: " + ABSTRACT_PAPER["title"]},
}


@pytest.mark.parametrize("name", sorted(SAME_TEXT_NEAR_MISSES))
def test_different_dois_still_veto_anything_less_than_the_same_text(review, name):
    a = add(review, ABSTRACT_PAPER, pmid="11111111" if name == "different PMIDs too" else None)
    b = add(review, ABSTRACT_PAPER, doi=OTHER_DOI, **SAME_TEXT_NEAR_MISSES[name])
    result = outcome(review, a, b)
    assert result.outcome == "distinct" and result.rule.startswith("veto"), result.rule
    assert dedup.run(review).merged == 0


def test_single_author_same_text_is_not_enough(review):
    a = add(review, ABSTRACT_PAPER, authors=["Hansen, F."])
    b = add(review, ABSTRACT_PAPER, authors=["Hansen, F."], doi=OTHER_DOI)
    assert outcome(review, a, b).rule == "veto: different DOIs"
    assert dedup.run(review).merged == 0


# -- correction notices titled with the corrected article's citation ---------------------------

ARTICLE = dict(
    title="Eculizumab for atypical hemolytic-uremic syndrome",
    authors=["Nurnberger, J.", "Philipp, T.", "Witzke, O."],
    year=2009, venue="New England Journal of Medicine", volume="360", issue="5", pages="542-544",
)  # fmt: skip
WOS_ERRATUM = dict(ARTICLE, title="Eculizumab for Atypical Hemolytic-Uremic Syndrome "
                   "(vol 360, pg 542, 2009)", authors=["Philipp, T."], issue="23", pages="2487")  # fmt: skip
EMBASE_ERRATUM = dict(WOS_ERRATUM, title="Eculizumab for atypical hemolytic-uremic syndrome "
                      "(New England Journal of Medicine (2009) 360 (542-544))", pages="2487-2487")  # fmt: skip


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        (WOS_ERRATUM["title"], "erratum"),
        (EMBASE_ERRATUM["title"], "erratum"),
        ("Long-term effect of eculizumab on kidney function (vol 85, pg 553, 2010)", "erratum"),
        ("Outcomes of the 2009 (H1N1) pandemic in 360 patients (Europe)", "article"),
        ("Volume reduction (vol 2) in 2010 patients", "article"),
    ],
)
def test_correction_citation_in_the_title_marks_an_erratum(title, kind):
    assert prepare({"id": 1, "title": title}).kind == kind


def test_two_notices_of_one_correction_merge_but_not_with_the_article(review):
    article = add(review, ARTICLE)
    wos = add(review, WOS_ERRATUM)
    embase = add(review, EMBASE_ERRATUM)
    assert outcome(review, wos, embase).outcome == "duplicate"
    assert outcome(review, article, wos).rule == "veto: erratum vs article"
    assert outcome(review, article, embase).rule == "veto: erratum vs article"
    assert dedup.run(review).merged == 1
    assert get_paper(review, embase)["merged_into"] == wos
    assert get_paper(review, wos)["merged_into"] is None


# -- numbers shifted one field left -----------------------------------------------------------

CONFERENCE = dict(
    title="The treatment of atypical hus", authors=["Loirat, C."], year=2011,
    venue="Pediatric Nephrology.Conference: 44th Annual Scientific Meeting of the European "
    "Society for Paediatric Nephrology Cavtat, Dubrovnik Croatia.",
    volume="26", issue="9", pages="1746-1746",
)  # fmt: skip


def test_numbers_shifted_one_field_left_still_match(review):
    a = add(review, CONFERENCE)
    b = add(review, CONFERENCE, volume=None, issue="26", pages="9")
    result = outcome(review, a, b)
    assert result.outcome == "duplicate" and result.score >= 0.85, (result.rule, result.scores)
    assert dedup.run(review).merged == 1


@pytest.mark.parametrize(
    "changes",
    [{"volume": None, "issue": "26", "pages": "10"}, {"volume": "25", "issue": "26", "pages": "9"}],
    ids=["pages are not the issue", "volume present"],
)
def test_numbers_that_only_look_shifted_do_not_merge(review, changes):
    a = add(review, CONFERENCE)
    b = add(review, CONFERENCE, **changes)
    assert outcome(review, a, b).outcome != "duplicate"
    assert dedup.run(review).merged == 0
