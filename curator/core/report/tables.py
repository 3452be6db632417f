"""The review's tables as pandas DataFrames: pure functions of the review file.

Each function reads the review and returns a DataFrame whose columns and rows come in a
stable, documented order, so that the GUI, the CLI and the exports show the same table.
"Included" papers are the unmerged papers whose full-text decision is include; in-text
citations and their a/b letters are worked out over the cited set (included papers, key
papers and papers linked to claims), see `curator.core.report.citations`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

import pandas as pd

from curator.core.changes import Changes
from curator.core.curation import claims as claims_core
from curator.core.curation import grade
from curator.core.db import in_lists
from curator.core.errors import ValidationError
from curator.core.flow.labels import prisma_table
from curator.core.names import fold
from curator.core.report.citations import CitationIndex, Work
from curator.core.review import Review

GAP = "GAP"
KEY_ORDER_SETTING = "key_paper_order"
KEY_PAPERS_COLUMNS = ["Paper", "Methodology", "Population/Context", "Key Results"]
TOP_CONTRIBUTORS_COLUMNS = ["Type", "Name", "Papers"]
CLAIMS_COLUMNS = ["Claim", "Evidence Strength", "Reasoning", "Papers"]
QUESTIONS_COLUMNS = ["Question", "Why"]
EVIDENCE_PROFILE_COLUMNS = [
    "Claim",
    "Papers",
    "Starting level",
    *(claims_core.GRADE_LABELS[key] for key in grade.DOWN_DOMAINS),
    "Upgrades",
    "Certainty",
]
REFERENCES_COLUMNS = ["Citation", "Reference"]


# -- which papers, and how they are cited ------------------------------------------------
_INCLUDED = "p.merged_into IS NULL AND p.ft_decision = 'include'"


def included_ids(review: Review) -> list[int]:
    return [
        row[0]
        for row in review.db.execute(f"SELECT p.id FROM papers p WHERE {_INCLUDED} ORDER BY p.id")
    ]


def cited_ids(review: Review) -> list[int]:
    """Included papers, key papers and papers linked to claims (unmerged), by id."""
    return [
        row[0]
        for row in review.db.execute(
            "SELECT id FROM papers WHERE merged_into IS NULL AND (ft_decision = 'include' "
            "OR is_key = 1 OR id IN (SELECT paper_id FROM claim_papers)) ORDER BY id"
        )
    ]


def load_works(review: Review, ids: list[int]) -> list[Work]:
    """The citation data of the papers `ids` (authors in order, venue name)."""
    authors: dict[int, list[tuple[str, str]]] = defaultdict(list)
    works = []
    for chunk, marks in in_lists(ids):
        for paper_id, family, given in review.db.execute(
            "SELECT pa.paper_id, a.family, COALESCE(a.given, a.initials) FROM paper_authors pa "
            f"JOIN authors a ON a.id = pa.author_id WHERE pa.paper_id IN ({marks}) "
            "ORDER BY pa.paper_id, pa.position",
            chunk,
        ):
            authors[paper_id].append((family, given or ""))
        for row in review.db.query(
            "SELECT p.id, p.year, p.title, p.volume, p.issue, p.pages, p.doi, p.url, p.type, p.publisher, "
            f"v.name AS venue FROM papers p LEFT JOIN venues v ON v.id = p.venue_id "
            f"WHERE p.id IN ({marks})",
            chunk,
        ):
            works.append(Work(authors=tuple(authors[row["id"]]), **row))
    return works


def citation_index(review: Review) -> CitationIndex:
    return CitationIndex.build(load_works(review, cited_ids(review)))


def _index_for(review: Review, ids: list[int], index: CitationIndex | None) -> CitationIndex:
    index = index or citation_index(review)
    missing = [p for p in ids if p not in index.works]
    if missing:  # a paper outside the cited set: cite it without disturbing the letters
        index.works.update({w.id: w for w in load_works(review, missing)})
    return index


def _facet_terms(review: Review, facet: str) -> dict[int, list[str]]:
    """Per paper, the names of its terms in `facet`, in the facet's term order."""
    found: dict[int, list[str]] = defaultdict(list)
    for paper_id, name in review.db.execute(
        "SELECT pt.paper_id, t.name FROM paper_terms pt JOIN terms t ON t.id = pt.term_id "
        "JOIN facets f ON f.id = t.facet_id WHERE f.name = ? COLLATE NOCASE "
        "ORDER BY t.position, t.id",
        (facet,),
    ):
        found[paper_id].append(name)
    return found


# -- the tables -----------------------------------------------------------------------
def key_papers(review: Review) -> pd.DataFrame:
    """Paper (in-text citation), Methodology, Population/Context, Key Results.

    Rows: key papers in the curator's order (setting `key_paper_order`), any others after
    them in reference-list order. Terms are joined with ", " in their facet's order.
    """
    ids = [
        r[0]
        for r in review.db.execute("SELECT id FROM papers WHERE is_key = 1 AND merged_into IS NULL")
    ]
    index = _index_for(review, ids, None)
    order = {pid: i for i, pid in enumerate(review.setting(KEY_ORDER_SETTING, []) or [])}
    apa = {pid: i for i, pid in enumerate(index.ordered(ids))}
    ids.sort(key=lambda p: (order.get(p, len(order)), apa[p]))
    methods = _facet_terms(review, "Methodology")
    contexts = _facet_terms(review, "Population/Context")
    results = dict(
        review.db.execute("SELECT id, COALESCE(key_result, '') FROM papers WHERE is_key = 1")
    )
    rows = [
        [f"({index.cite(p)})", ", ".join(methods[p]), ", ".join(contexts[p]), results.get(p, "")]
        for p in ids
    ]
    return pd.DataFrame(rows, columns=KEY_PAPERS_COLUMNS)


def _initialled(family: str, initials: str) -> str:
    return " ".join([*(f"{i}." for i in initials), family])


def _mean_year(years: list[int]) -> float:
    known = [y for y in years if y]
    return sum(known) / len(known) if known else 0.0


def top_contributors(review: Review, n: int = 3) -> pd.DataFrame:
    """The `n` most frequent authors, then the `n` most frequent journals, of included papers.

    An author counts once per paper however often the paper lists them (authors are one
    person by surname + initials, and through merges); a journal is a venue after aliases.
    Ties are broken, in turn, by: more first-authored papers (authors only), the more recent
    mean publication year, then the name alphabetically (accents and case folded), then id.
    Papers in a row are in reference-list order.
    """
    ids = included_ids(review)
    index = _index_for(review, ids, None)
    years = {w.id: w.year for w in index.works.values()}
    by_author: dict[int, set[int]] = defaultdict(set)
    first: dict[int, int] = defaultdict(int)
    names: dict[int, tuple[str, str]] = {}
    for paper_id, position, author_id, family, initials in review.db.execute(
        "SELECT pa.paper_id, pa.position, a.id, a.family, a.initials FROM paper_authors pa "
        f"JOIN authors a ON a.id = pa.author_id JOIN papers p ON p.id = pa.paper_id WHERE {_INCLUDED}"
    ):
        by_author[author_id].add(paper_id)
        names[author_id] = (family, initials)
        if position == 0:
            first[author_id] += 1
    authors = sorted(
        by_author,
        key=lambda a: (
            -len(by_author[a]),
            -first[a],
            -_mean_year([years[p] for p in by_author[a]]),
            fold(names[a][0]),
            fold(names[a][1]),
            a,
        ),
    )[: max(n, 0)]
    by_venue: dict[int, set[int]] = defaultdict(set)
    venue_names: dict[int, str] = {}
    for paper_id, venue_id, name in review.db.execute(
        f"SELECT p.id, v.id, v.name FROM papers p JOIN venues v ON v.id = p.venue_id WHERE {_INCLUDED}"
    ):
        by_venue[venue_id].add(paper_id)
        venue_names[venue_id] = name
    venues = sorted(
        by_venue,
        key=lambda v: (
            -len(by_venue[v]),
            -_mean_year([years[p] for p in by_venue[v]]),
            fold(venue_names[v]),
            v,
        ),
    )[: max(n, 0)]
    rows = [
        ["Author", _initialled(*names[a]), index.cite_many(index.ordered(by_author[a]))]
        for a in authors
    ]
    rows += [
        ["Journal", venue_names[v], index.cite_many(index.ordered(by_venue[v]))] for v in venues
    ]
    return pd.DataFrame(rows, columns=TOP_CONTRIBUTORS_COLUMNS)


def claims_evidence(review: Review) -> pd.DataFrame:
    """Claim, Evidence Strength, Reasoning, Papers (linked papers in the claim's order)."""
    claims = list(review.db.query("SELECT * FROM claims ORDER BY position, id"))
    links: dict[int, list[int]] = defaultdict(list)
    for claim_id, paper_id in review.db.execute(
        "SELECT claim_id, paper_id FROM claim_papers ORDER BY claim_id, position, paper_id"
    ):
        links[claim_id].append(paper_id)
    index = _index_for(review, sorted({p for ps in links.values() for p in ps}), None)
    rows = [
        [c["text"], c["strength"] or "", c["reasoning"] or "", index.cite_many(links[c["id"]])]
        for c in claims
    ]
    return pd.DataFrame(rows, columns=CLAIMS_COLUMNS)


def _judged(entry: dict) -> str:
    judgement, reason = entry.get("judgement") or "", entry.get("reason") or ""
    return f"{judgement}: {reason}" if judgement and reason else judgement


def evidence_profile(review: Review) -> pd.DataFrame:
    """GRADE evidence profile of each claim the curator has graded (a domain judged or a start set).

    Claim, Papers (in link order), Starting level (and why), one column per domain that rates
    down ("Serious: reason"; empty when not judged), Upgrades (the domains that rate up, or
    "None"), Certainty (High .. Very low, see `curator.core.curation.grade`). Claims in order.
    """
    graded = [c for c in claims_core.claims(review) if grade.is_graded(c)]
    index = _index_for(review, sorted({p for c in graded for p in c["papers"]}), None)
    rows = []
    for claim in graded:
        shown = grade.claim_profile(review, claim)
        start = f"{shown.start.capitalize()} ({shown.start_why})" if shown.start else ""
        ups = [
            f"{claims_core.GRADE_LABELS[key]}: {_judged(shown.grades[key])}"
            for key in grade.UP_DOMAINS
            if grade.STEPS.get(shown.grades.get(key, {}).get("judgement") or "")
        ]
        judged_up = any(shown.grades.get(k, {}).get("judgement") for k in grade.UP_DOMAINS)
        rows.append(
            [
                claim["text"],
                index.cite_many(claim["papers"]),
                start,
                *(_judged(shown.grades.get(key, {})) for key in grade.DOWN_DOMAINS),
                "; ".join(ups) or ("None" if judged_up else ""),
                shown.certainty or "",
            ]
        )
    return pd.DataFrame(rows, columns=EVIDENCE_PROFILE_COLUMNS)


def research_gaps_matrix(
    review: Review, rows: str = "Topic", columns: str = "Study attribute"
) -> pd.DataFrame:
    """Included papers tagged with both terms, per row term × column term; 0 shows as GAP.

    The first column is named after the row facet and holds its terms; the other columns
    are the column facet's terms; both in their facet's order. An unknown facet is an error.
    """
    from curator.core.curation.facets import facet_id

    row_facet, col_facet = facet_id(review, rows), facet_id(review, columns)
    row_name = review.db.execute("SELECT name FROM facets WHERE id = ?", (row_facet,)).fetchone()[0]
    row_terms = review.db.execute(
        "SELECT id, name FROM terms WHERE facet_id = ? ORDER BY position, id", (row_facet,)
    ).fetchall()
    col_terms = review.db.execute(
        "SELECT id, name FROM terms WHERE facet_id = ? ORDER BY position, id", (col_facet,)
    ).fetchall()
    included = set(included_ids(review))
    tagged: dict[int, set[int]] = defaultdict(set)
    for paper_id, term in review.db.execute("SELECT paper_id, term_id FROM paper_terms"):
        if paper_id in included:
            tagged[term].add(paper_id)
    names = [name for _id, name in col_terms]
    table = []
    for row_id, row_term in row_terms:
        cells = [len(tagged[row_id] & tagged[col_id]) for col_id, _name in col_terms]
        table.append([row_term, *(n if n else GAP for n in cells)])
    return pd.DataFrame(table, columns=[row_name, *names], dtype=object)


def research_gaps_papers(review: Review, row_term: int, column_term: int) -> list[int]:
    """The included papers behind one matrix cell, in reference-list order."""
    both = {
        r[0]
        for r in review.db.execute(
            "SELECT a.paper_id FROM paper_terms a JOIN paper_terms b ON a.paper_id = b.paper_id "
            "WHERE a.term_id = ? AND b.term_id = ?",
            (row_term, column_term),
        )
    } & set(included_ids(review))
    return citation_index(review).ordered(both)


def open_questions(review: Review) -> pd.DataFrame:
    rows = review.db.execute(
        "SELECT question, COALESCE(why, '') FROM questions ORDER BY position, id"
    )
    return pd.DataFrame([list(r) for r in rows], columns=QUESTIONS_COLUMNS)


def references(review: Review, *, markdown: bool = False) -> pd.DataFrame:
    """Citation and APA 7 reference of every cited paper, in APA order."""
    index = citation_index(review)
    rows = [[index.cite(p), index.reference(p, markdown=markdown)] for p in index.ordered()]
    return pd.DataFrame(rows, columns=REFERENCES_COLUMNS)


def set_key_order(review: Review, paper_ids: list[int]) -> Changes:
    """Put the key papers in this order (the Key Papers table's row order)."""
    if len(set(paper_ids)) != len(paper_ids):
        raise ValidationError("a paper is listed twice in the key papers' order", "key_order")
    for paper_id in paper_ids:
        if not review.db.execute("SELECT 1 FROM papers WHERE id = ?", (paper_id,)).fetchone():
            raise ValidationError(f"no paper with id {paper_id}", "key_order")
    with review.atomic():
        review.set_setting(KEY_ORDER_SETTING, [int(p) for p in paper_ids])
    return Changes(papers=True, settings=True)


TABLES: dict[str, Callable[[Review], pd.DataFrame]] = {
    "prisma_flow": prisma_table,
    "key_papers": key_papers,
    "top_contributors": top_contributors,
    "claims_evidence": claims_evidence,
    "evidence_profile": evidence_profile,
    "research_gaps_matrix": research_gaps_matrix,
    "open_questions": open_questions,
    "references": references,
}
TITLES = {
    "prisma_flow": "PRISMA 2020 flow",
    "key_papers": "Key Papers",
    "top_contributors": "Top Contributors",
    "claims_evidence": "Claims and Evidence",
    "evidence_profile": "Evidence Profile (GRADE)",
    "research_gaps_matrix": "Research Gaps Matrix",
    "open_questions": "Open Research Questions",
    "references": "References",
}


def all_tables(review: Review) -> dict[str, pd.DataFrame]:
    return {name: make(review) for name, make in TABLES.items()}
