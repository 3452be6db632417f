"""Which pairs of papers dedup merges, queues or keeps apart (real review files)."""

from __future__ import annotations

import pytest

from curator.core import dedup
from curator.core.dedup.blocking import candidate_pairs
from curator.core.dedup.compare import compare
from curator.core.dedup.fields import first_page
from curator.core.dedup.prepare import normalise_title, prepare
from curator.core.papers import add_paper, get_paper

BASE = {
    "title": "Internet-delivered cognitive behaviour therapy for social anxiety disorder: "
    "a randomised controlled trial",
    "authors": ["Andersson, Gerhard", "Carlbring, Per", "Holmström, Annelie"],
    "year": 2006,
    "venue": "Journal of Consulting and Clinical Psychology",
    "volume": "74",
    "issue": "4",
    "pages": "677-686",
    "doi": "10.1037/0022-006X.74.4.677",
}


def add(review, **changes):
    fields = {**BASE, **changes}
    fields = {k: v for k, v in fields.items() if v is not None}
    return add_paper(review, **fields).id


def outcome(review, a: int, b: int):
    rows = []
    for pid in (a, b):
        paper = get_paper(review, pid)
        rows.append(prepare(paper))
    return compare(*rows)


MUST_MERGE = {
    "case and punctuation": {"title": BASE["title"].upper().replace(":", " -")},
    "accents": {"authors": ["Andersson, Gérhard", "Carlbring, Pér", "Holmstrom, Annelie"]},
    "abbreviated journal": {"venue": "J Consult Clin Psychol"},
    "missing DOI on one side": {"doi": None},
    "initials vs full names": {"authors": ["Andersson G", "Carlbring P", "Holmström A"]},
    "page range written short": {"pages": "677-86"},
    "page range with en dash and pp": {"pages": "pp. 677–686"},
    "British vs American spelling": {"title": BASE["title"].replace("behaviour", "behavior").replace("randomised", "randomized")},
    "DOI as a URL in capitals": {"doi": "https://doi.org/10.1037/0022-006X.74.4.677".upper()},
    "subtitle missing": {"title": "Internet-delivered cognitive behaviour therapy for social anxiety disorder", "doi": None},
    "database language note": {"title": BASE["title"] + ". [Swedish]", "doi": None},
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(MUST_MERGE))
def test_pairs_that_must_merge(review, name):
    a = add(review)
    b = add(review, **MUST_MERGE[name])
    result = outcome(review, a, b)
    assert result.outcome == "duplicate", (result.rule, result.scores)
    run = dedup.run(review)
    assert run.merged == 1
    assert get_paper(review, b)["merged_into"] == a


MUST_NOT_MERGE = {
    "same title, years two apart": {"year": 2008, "doi": None},
    "different DOIs": {"doi": "10.1037/0022-006X.74.4.999"},
    "erratum": {"title": "Erratum: " + BASE["title"], "doi": None, "pages": "700"},
    "correction notice": {"title": "Correction to " + BASE["title"], "doi": None},
    "comment": {"title": "Comment on: " + BASE["title"], "doi": None},
    "reply": {"title": "Reply to " + BASE["title"], "doi": None, "pages": "687"},
    "retraction notice": {"title": "Retraction notice: " + BASE["title"], "doi": None},
    "conference abstract vs article": {"type": "Conference Abstract", "doi": None, "venue": "European Psychiatry", "volume": None, "issue": None, "pages": None},
    "translation": {"language": "Swedish", "doi": None},
    "part 1 vs part 2": {"title": BASE["title"] + " part 2", "doi": None, "pages": None},
    "different population, next issue": {"title": BASE["title"].replace("social anxiety", "panic"), "doi": None, "issue": "5", "pages": "801-810"},
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(MUST_NOT_MERGE))
def test_pairs_that_must_not_merge(review, name):
    a = add(review, language="English") if name == "translation" else add(review)
    b = add(review, **MUST_NOT_MERGE[name])
    result = outcome(review, a, b)
    assert result.outcome != "duplicate", (result.rule, result.scores)
    run = dedup.run(review)
    assert run.merged == 0
    assert get_paper(review, b)["merged_into"] is None


def test_vetoes_name_their_reason(review):
    a = add(review)
    b = add(review, doi="10.1037/0022-006X.74.4.999")
    assert outcome(review, a, b).rule == "veto: different DOIs"
    c = add(review, title="Erratum: " + BASE["title"], doi=None)
    assert outcome(review, a, c).rule == "veto: erratum vs article"


def test_preprint_and_published_version_are_linked_not_merged(review):
    a = add(review)
    b = add(
        review,
        venue="medRxiv",
        doi="10.1101/2020.01.01.123456",
        volume=None,
        issue=None,
        pages=None,
    )
    assert outcome(review, a, b).outcome == "version"
    result = dedup.run(review)
    assert result.merged == 0 and result.versions == 1
    status = review.db.execute("SELECT status FROM duplicate_pairs").fetchone()[0]
    assert status == "version"


def test_similar_but_uncertain_pair_goes_to_the_queue(review):
    a = add(review)
    b = add(review, year=2007, doi=None, volume=None, issue=None, pages=None, venue=None)
    result = dedup.run(review)
    assert result.merged == 0
    queue = dedup.candidate_queue(review)
    assert [(q["paper_a"], q["paper_b"]) for q in queue] == [(a, b)]
    assert queue[0]["scores"]["title"] == 1.0 and queue[0]["rule"]


def test_each_pair_keeps_field_scores_and_rule(review):
    a = add(review)
    add(review, doi=None, venue="J Consult Clin Psychol")
    dedup.run(review)
    row = review.db.execute("SELECT rule, scores, status, score FROM duplicate_pairs").fetchone()
    assert row[0] == "title + authors" and row[2] == "duplicate" and row[3] >= 0.85
    assert '"venue": 0.95' in row[1] and '"title": 1.0' in row[1]
    assert a


def test_identifiers_decide_when_titles_agree(review):
    a = add(review, doi=None, pmid="16881775")
    b = add(
        review,
        doi=None,
        pmid="16881775",
        title=BASE["title"] + " (in press)",
        authors=[],
        venue=None,
    )
    assert outcome(review, a, b).rule == "same PMID"


def test_normalisation_helpers():
    assert first_page("221-8") == ("221", "228")
    assert first_page("pp. 1297–1306") == ("1297", "1306")
    assert first_page("e0123456") == ("e123456", "")
    assert normalise_title("<i>Effect</i> of X. [Chinese]") == normalise_title("Effect of X")
    assert normalise_title("[Effect of tumour necrosis factor-α]") == normalise_title(
        "Effect of tumor necrosis factor alpha"
    )


def test_blocking_compares_far_fewer_pairs_than_all(review):
    papers = [
        prepare({"id": i, "title": f"Study {w} of topic {i}", "authors_text": f"Author{i}, A.", "year": 2000 + i % 20})
        for i, w in enumerate(["alpha", "beta", "gamma", "delta"] * 250)
    ]  # fmt: skip
    first, _second = candidate_pairs(papers)
    assert len(first) < len(papers) * 30  # all pairs would be ~500,000


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Correction of anaemia with epoetin alfa in chronic kidney disease", "article"),
        ("Correction to: Correction of anaemia with epoetin alfa", "erratum"),
        ("Erratum: Severe deficiency of ADAMTS-13", "erratum"),
        ("Gingival retraction: a comparison of two cords", "article"),
        ("Retraction notice to: Effects of X on Y", "retraction"),
        ("Retraction: Effects of X on Y", "retraction"),
        ("Response to treatment with eculizumab", "article"),
        ("Comment on: Effects of X on Y", "comment"),
    ],
)
def test_kind_of_publication_from_the_title(title, kind):
    assert prepare({"id": 1, "title": title}).kind == kind
