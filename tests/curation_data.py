"""Hand-built reviews for the curation tests: a few included papers, a vocabulary, claims."""

from __future__ import annotations

from curator.core.curation import facets
from curator.core.papers import add_paper
from curator.core.review import Review
from curator.core.screening.decisions import record_decision

# (authors, year, title, doi, methodology terms)
PAPERS = (
    (
        ["Månsson, Kristoffer", "Salami, A.", "Frick, A.", "Carlbring, P."],
        2016,
        "Neuroplasticity in response to cognitive behavior therapy for social anxiety disorder",
        "10.1038/tp.2015.218",
        ["RCT", "Neuroimaging"],
    ),
    (
        ["Buchheim, Anna", "Viviani, R.", "Kessler, H."],
        2012,
        "Changes in prefrontal-limbic function in major depression after psychodynamic therapy",
        "10.1371/journal.pone.0033745",
        ["Longitudinal", "Neuroimaging"],
    ),
    (
        ["Piotrkowicz, M.", "Janoska-Jaździk, M.", "Koweszko, T."],
        2021,
        "The influence of psychotherapy on peripheral brain-derived neurotrophic factor",
        "10.3390/jcm10215082",
        ["Systematic review"],
    ),
    (
        ["Beauregard, Mario"],
        2014,
        "Functional neuroimaging studies of the effects of psychotherapy",
        None,
        ["Review"],
    ),
    (
        ["Price, R. B.", "Duman, R."],
        2019,
        "Neuroplasticity in cognitive and psychological mechanisms of depression",
        None,
        [],
    ),
    (
        ["Cuijpers, P.", "Karyotaki, E.", "Andersson, G."],
        2021,
        "Psychotherapy for depression across different age groups: a meta-analysis",
        "10.1002/wps.20860",
        ["Meta-analysis"],
    ),
)


def build(review: Review, *, included: bool = True) -> list[int]:
    """Add PAPERS (included at full text unless told otherwise) and tag their methodology."""
    methodology = facets.facet_id(review, "Methodology")
    ids = []
    for authors, year, title, doi, methods in PAPERS:
        paper_id = add_paper(review, authors=authors, year=year, title=title, doi=doi).id
        ids.append(paper_id)
        if included:
            record_decision(review, paper_id, "title_abstract", "include")
            record_decision(review, paper_id, "full_text", "include")
        for name in methods:
            facets.tag(review, [paper_id], facets.ensure_term(review, methodology, name))
    return ids
