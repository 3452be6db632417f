"""The Library's queries: which papers, in which order, matching which search.

Lists are IDs from SQL (the GUI loads rows as they are painted); sorting re-runs the query.
Full-text search uses the `papers_fts` FTS5 index over title, abstract and authors.
"""

from __future__ import annotations

import re

from curator.core.review import Review

# Where a paper stands in screening, as SQL over the effective decisions per stage.
STAGE_SQL = (
    "CASE WHEN p.ft_decision IS NOT NULL OR p.ta_decision IN ('include', 'maybe') "
    "THEN 'full_text' ELSE 'title_abstract' END"
)
DECISION_SQL = (
    "CASE WHEN p.ft_decision IS NOT NULL THEN p.ft_decision "
    "WHEN p.ta_decision IN ('include', 'maybe') THEN NULL ELSE p.ta_decision END"
)

SORT_COLUMNS = {
    "citation": "p.first_author COLLATE NOCASE {dir}, p.year {dir}",
    "title": "p.title COLLATE NOCASE {dir}",
    "year": "p.year {dir}",
    "venue": "(SELECT name FROM venues WHERE id = p.venue_id) COLLATE NOCASE {dir}",
    "stage": f"({STAGE_SQL} = 'full_text') {{dir}}",  # pipeline order, not alphabetical
    "decision": f"{DECISION_SQL} {{dir}}",
    "added": "p.id {dir}",
}

FILTERS = {
    "all": "1",
    "included": "p.ft_decision = 'include'",
    "excluded": "(p.ft_decision IN ('exclude', 'not_retrieved') OR p.ta_decision = 'exclude')",
    "undecided": "p.ta_decision IS NULL",
    "conflicts": "(p.ta_decision = 'conflict' OR p.ft_decision = 'conflict')",
    "key": "p.is_key = 1",
    # Included papers that no term tags yet (what is left to curate).
    "untagged": "p.ft_decision = 'include' AND NOT EXISTS "
    "(SELECT 1 FROM paper_terms pt WHERE pt.paper_id = p.id)",
}

_TOKEN = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str | None:
    """Turn what a user typed into an FTS5 query: every word must match, as a prefix."""
    tokens = _TOKEN.findall(text)
    if not tokens:
        return None
    return " ".join(f'"{token}"*' for token in tokens)


def paper_ids(
    review: Review,
    *,
    sort: str = "added",
    descending: bool = False,
    search: str = "",
    filter: str = "all",
    term_id: int | None = None,
) -> list[int]:
    """The ids of the (unmerged) papers to list, in order."""
    if sort not in SORT_COLUMNS:
        raise ValueError(f"unknown sort column {sort!r}")
    if filter not in FILTERS:
        raise ValueError(f"unknown filter {filter!r}")
    direction = "DESC" if descending else "ASC"
    where = ["p.merged_into IS NULL", FILTERS[filter]]
    params: list[object] = []
    query = fts_query(search)
    if search.strip() and query is None:
        return []
    if query:
        where.append("p.id IN (SELECT rowid FROM papers_fts WHERE papers_fts MATCH ?)")
        params.append(query)
    if term_id is not None:
        where.append("p.id IN (SELECT paper_id FROM paper_terms WHERE term_id = ?)")
        params.append(term_id)
    order = SORT_COLUMNS[sort].format(dir=direction)
    sql = f"SELECT p.id FROM papers p WHERE {' AND '.join(where)} ORDER BY {order}, p.id {direction}"
    return [row[0] for row in review.db.execute(sql, params)]


def stage_and_decision(ta_decision: str | None, ft_decision: str | None) -> tuple[str, str | None]:
    """The same rule as STAGE_SQL / DECISION_SQL, for one row already in memory."""
    if ft_decision is not None or ta_decision in ("include", "maybe"):
        return "full_text", ft_decision
    return "title_abstract", ta_decision
