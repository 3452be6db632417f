"""Small real screening data for the screening tests: papers added through the core API."""

from __future__ import annotations

from curator.core.papers import add_paper
from curator.core.review import Review

PAPERS = [
    (
        "Neuroplasticity after cognitive-behavioural therapy",
        2016,
        "Månsson, Kristoffer",
        "Psychotherapy changes the brain: neuroplastic effects of CBT in social anxiety.",
        "Translational Psychiatry",
    ),
    (
        "Mice running wheels and hippocampal neurogenesis",
        2005,
        "van Praag, H.",
        "Exercise increases neurogenesis in adult mice. <b>bold</b> stays literal.",
        "Journal of Neuroscience",
    ),
    (
        "Experience-dependent neural plasticity in psychotherapy",
        2014,
        "Beauregard, M.",
        "A review of neural plasticity and the mind in psychotherapy.",
        "Behavioural Brain Research",
    ),
    (
        "Rat models of chronic stress",
        2019,
        "Price, R. B.",
        "Rats were exposed to stress.",
        "Neuropsychopharmacology",
    ),
    (
        "Attachment and psychodynamic therapy: an fMRI study",
        2012,
        "Buchheim, A.",
        "Changes in limbic activation after psychodynamic psychotherapy.",
        "PLoS ONE",
    ),
]


def add_papers(review: Review, papers=PAPERS) -> list[int]:
    ids = []
    for title, year, author, abstract, venue in papers:
        ids.append(
            add_paper(
                review,
                title=title,
                year=year,
                authors=[author],
                abstract=abstract,
                venue=venue,
                keywords=["psychotherapy", "plasticity"],
                doi=f"10.1000/{len(ids)}",
                audit=False,
            ).id
        )
    return ids
