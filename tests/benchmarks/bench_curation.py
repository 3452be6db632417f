"""Curation speed on a review a little larger than the reference one (400 included papers).

Run: PYTHONPATH=. QT_QPA_PLATFORM=offscreen nice .venv/bin/python -m pytest \
     tests/benchmarks/bench_curation.py -q -s
Figures go in docs/benchmarks.md under "## Curation".
"""

from __future__ import annotations

import random
import time

import pytest

from curator.core.curation import claims, facets
from curator.core.curation.evidence import suggest_strength
from curator.core.papers import add_paper
from curator.core.review import Review
from curator.core.screening.decisions import Decision, record_decisions
from curator.gui.context import AppContext

N_PAPERS = 400
TERMS_PER_FACET = 12
SURNAMES = (
    "Andersson",
    "Månsson",
    "Buchheim",
    "Cuijpers",
    "Price",
    "Sened",
    "Kline",
    "Olson",
    "Song",
)


def _timed(label, fn, results):
    start = time.perf_counter()
    out = fn()
    results[label] = time.perf_counter() - start
    return out


@pytest.fixture(scope="module")
def big_review(tmp_path_factory):
    path = tmp_path_factory.mktemp("bench") / "big.curator"
    rng = random.Random(7)
    review = Review.create(path, who="bench")
    with review.atomic():
        ids = []
        for n in range(N_PAPERS):
            authors = [f"{rng.choice(SURNAMES)}, A." for _ in range(rng.randint(1, 5))]
            ids.append(
                add_paper(
                    review,
                    authors=authors,
                    year=1990 + n % 35,
                    audit=False,
                    title=f"Study {n} of psychotherapy and neuroplasticity",
                ).id
            )
        record_decisions(review, [Decision(i, "title_abstract", "include") for i in ids])
        record_decisions(review, [Decision(i, "full_text", "include") for i in ids])
        for facet in facets.facets(review):
            for t in range(TERMS_PER_FACET):
                term = facets.add_term(review, facet["id"], f"{facet['name']} term {t}").id
                facets.tag(review, rng.sample(ids, 60), term)
    review.close()
    return path, ids


def test_curation_speed(big_review, qapp, capsys):
    from curator.gui.curation import ClaimsWorkspace, CurationWorkspace, edits

    path, ids = big_review
    results: dict[str, float] = {}
    context = AppContext()
    context.set_review(Review.open(path, who="bench"))
    review = context.review
    ws = _timed(
        "open the Curation workspace (400 papers, 48 terms)",
        lambda: CurationWorkspace(context),
        results,
    )
    ws.select_papers(ids)
    method = facets.facet_id(review, "Methodology")
    term = facets.terms(review, method)[0]["id"]
    _timed(
        "bulk-tag 400 selected papers (one undoable edit)",
        lambda: edits.tag(context, ids, term),
        results,
    )
    _timed("undo the bulk tag", context.undo_stack.undo, results)
    keep, drop = (t["id"] for t in facets.terms(review, method)[:2])
    _timed(
        "merge two terms (snapshot for undo included)",
        lambda: edits.merge_terms(context, keep, drop),
        results,
    )
    _timed("undo the merge", context.undo_stack.undo, results)
    links = ids[:50]
    claim = _timed(
        "add a claim linking 50 papers",
        lambda: edits.add_claim(context, text="A claim", strength="Strong", papers=links),
        results,
    ).id
    assert claims.get_claim(review, claim)["papers"] == links
    _timed(
        "suggest a strength for 50 linked papers", lambda: suggest_strength(review, links), results
    )
    cws = _timed(
        "open the Claims workspace (picker over 400 papers)",
        lambda: ClaimsWorkspace(context),
        results,
    )
    _timed("load the claim into the form", lambda: cws.form.load(claim), results)
    context.set_review(None)
    with capsys.disabled():
        print()
        for label, seconds in results.items():
            print(f"| {label} | {seconds * 1000:.0f} ms |")
    assert results["bulk-tag 400 selected papers (one undoable edit)"] < 2.0
