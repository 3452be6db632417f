"""The Library's queries: which papers, in which order, matching which search.

Lists are IDs from SQL (the GUI loads rows as they are painted); sorting re-runs the query.
Full-text search uses the `papers_fts` FTS5 index over title, abstract and authors.
"""

from __future__ import annotations

import json
import re
import sqlite3

from curator.core.review import Review
from curator.core.screening.decisions import (
    CURRENT_DECISION_SQL,
    CURRENT_STAGE_SQL,
    current_stage_and_decision,
)

# Each paper's current stage and decision (curator.core.screening.decisions: the one rule,
# also used by the counts and the status bar). The indexes of migration 0007 hold exactly
# these expressions.
STAGE_SQL = CURRENT_STAGE_SQL
DECISION_SQL = CURRENT_DECISION_SQL

SORT_COLUMNS = {
    "citation": "p.first_author COLLATE NOCASE {dir}, p.year {dir}",
    "title": "p.title COLLATE NOCASE {dir}",
    "year": "p.year {dir}",
    "venue": "(SELECT name FROM venues WHERE id = p.venue_id) COLLATE NOCASE {dir}",  # _by_venue
    "stage": f"{STAGE_SQL} {{dir}}",
    "decision": f"{DECISION_SQL} {{dir}}",
    "added": "p.id {dir}",
}

# By each paper's current decision (at its latest stage, as the Library's Decision column shows
# it): "included" lists papers whose current decision is include, at title/abstract or full
# text, as `curator.core.screening.counts.review_counts` counts them; a maybe is not included.
FILTERS = {
    "all": "1",
    "included": f"{CURRENT_DECISION_SQL} = 'include'",
    "maybe": f"{CURRENT_DECISION_SQL} = 'maybe'",
    "excluded": f"{CURRENT_DECISION_SQL} IN ('exclude', 'not_retrieved')",
    "undecided": "p.ta_decision IS NULL",
    "conflicts": "(p.ta_decision = 'conflict' OR p.ft_decision = 'conflict')",
    "key": "p.is_key = 1",
    # The papers included in the review (included at full text): what curation, the tables
    # and `curator export --what included` work on.
    "in_review": "p.ft_decision = 'include'",
    # Papers included at full text that no term tags yet (what is left to curate).
    "untagged": "p.ft_decision = 'include' AND NOT EXISTS "
    "(SELECT 1 FROM paper_terms pt WHERE pt.paper_id = p.id)",
}

# The index that holds each sort key for the listed papers (migration 0002). The queries name
# it (INDEXED BY): without fresh statistics SQLite's planner otherwise reads every wide row.
SORT_INDEX = {
    "citation": "papers_list_citation",
    "title": "papers_list_title",
    "year": "papers_list_year",
    "stage": "papers_list_stage",
    "decision": "papers_list_decision",
}
FTS_TOKENIZE = "unicode61 remove_diacritics 2"  # papers_fts's tokenizer (migration 0005)
SCREENING_INDEX = "papers_list_screening"  # (ta_decision, ft_decision, is_key): every filter

# Letters and digits: each is one term of the full-text index, which holds no positions
# (migration 0005, detail=none), so a query may not hold a phrase ("foo_bar" would be two).
_TOKEN = re.compile(r"[^\W_]+")


PREFIX_FROM = 3  # shorter words match whole words only ("ct", "ai"), not every "ka…"


def fts_query(text: str) -> str | None:
    """Turn what a user typed into an FTS5 query: every word must match, as a prefix.

    Words shorter than PREFIX_FROM letters must match whole: a one- or two-letter prefix
    matches nearly every paper and took 300 ms on 100,000 papers with each keystroke.
    """
    tokens = _TOKEN.findall(text)
    if not tokens:
        return None
    return " ".join(f'"{t}"*' if len(t) >= PREFIX_FROM else f'"{t}"' for t in tokens)


def paper_ids(
    review: Review,
    *,
    sort: str = "added",
    descending: bool = False,
    search: str = "",
    filter: str = "all",
    term_id: int | None = None,
    ordered: list[int] | None = None,
) -> list[int]:
    """The ids of the (unmerged) papers to list, in order.

    The order comes from an index-only walk over all listed papers (the 0002 indexes); a
    search, filter or term narrows it to a set of ids found through their own indexes. A
    single query joining both made SQLite read every wide paper row, 5-10x slower at 100,000.
    `ordered` is `ordered_ids(review, sort, descending)` when the caller keeps it (the
    Library does between keystrokes of a search); it must be current.
    """
    if sort not in SORT_COLUMNS:
        raise ValueError(f"unknown sort column {sort!r}")
    if filter not in FILTERS:
        raise ValueError(f"unknown filter {filter!r}")
    direction = "DESC" if descending else "ASC"
    query = fts_query(search)
    if search.strip() and query is None:
        return []
    sets: list[set[int]] = []
    if filter != "all":
        sets.append(
            _ids(
                review,
                f"SELECT p.id FROM papers p INDEXED BY {SCREENING_INDEX} "
                f"WHERE p.merged_into IS NULL AND {FILTERS[filter]}",
            )
        )
    if query:
        sets.append(_matching(review, query))
    if term_id is not None:
        sets.append(_ids(review, "SELECT paper_id FROM paper_terms WHERE term_id = ?", [term_id]))
    if not sets:
        return list(ordered) if ordered is not None else _ordered(review, sort, direction)
    matched = set.intersection(*sets)
    if ordered is not None:
        return [pid for pid in ordered if pid in matched]
    if len(matched) <= SMALL_MATCH:
        # Few papers: sort just them (a temporary sort of a few thousand rows is quick).
        return _ordered(
            review,
            sort,
            direction,
            "p.merged_into IS NULL AND p.id IN (SELECT value FROM json_each(?))",
            [json.dumps(sorted(matched))],
        )
    return [pid for pid in _ordered(review, sort, direction) if pid in matched]


SMALL_MATCH = 3000


def ordered_ids(review: Review, sort: str = "added", descending: bool = False) -> list[int]:
    """Every listed paper in the order of `sort` (what `paper_ids` narrows)."""
    if sort not in SORT_COLUMNS:
        raise ValueError(f"unknown sort column {sort!r}")
    return _ordered(review, sort, "DESC" if descending else "ASC")


def _matching(review: Review, query: str) -> set[int]:
    """Ids of the papers the full-text `query` matches."""
    sql = "SELECT rowid FROM papers_fts WHERE papers_fts MATCH ?"
    try:
        return _ids(review, sql, [query])
    except sqlite3.OperationalError:
        # A typed word the index splits in two (a phrase, which it cannot answer): a few
        # letters Python calls letters are separators in its Unicode 6.1 tables. Ask again
        # with the index's own terms of each word.
        return _ids(review, sql, [_as_index_terms(query)])


def _as_index_terms(query: str) -> str:
    """`query` ('"w"* "v"' terms) rewritten as the terms the index's tokenizer makes of them."""
    scratch = sqlite3.connect(":memory:")
    try:
        scratch.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize='{FTS_TOKENIZE}')")
        scratch.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row')")
        terms = []
        for word, star in re.findall(r'"([^"]*)"(\*?)', query):
            scratch.execute("DELETE FROM t")
            scratch.execute("INSERT INTO t (x) VALUES (?)", [word])
            terms += [f'"{t}"{star}' for (t,) in scratch.execute("SELECT term FROM v")]
        return " ".join(terms) or '""'
    finally:
        scratch.close()


def _ids(review: Review, sql: str, params: list[object] | None = None) -> set[int]:
    return {row[0] for row in review.db.execute(sql, params or [])}


def _ordered(
    review: Review,
    sort: str,
    direction: str,
    condition: str | None = None,
    params: list[object] | None = None,
) -> list[int]:
    """Listed papers in order: all of them through the sort's index, or those `condition` picks."""
    params = params or []
    hinted = condition is None
    condition = condition or "p.merged_into IS NULL"
    if sort == "venue":
        return _by_venue(review, condition, params, direction, hinted)
    order = SORT_COLUMNS[sort].format(dir=direction)
    table = (
        f"papers p INDEXED BY {SORT_INDEX[sort]}" if hinted and sort in SORT_INDEX else "papers p"
    )
    sql = f"SELECT p.id FROM {table} WHERE {condition} ORDER BY {order}, p.id {direction}"
    return [row[0] for row in review.db.execute(sql, params)]


def _by_venue(
    review: Review, condition: str, params: list[object], direction: str, hinted: bool
) -> list[int]:
    """Papers in venue-name order (those without a venue first, as NULLs sort in SQLite).

    For the whole library: read (venue, paper) pairs in index order and lay the venues out
    in name order in Python, which avoids sorting 100,000 rows (SQLite's join built a Bloom
    filter over every wide paper row first, 3x slower). A few papers are simply sorted.
    """
    if not hinted:
        sql = (
            f"SELECT p.id FROM papers p LEFT JOIN venues v ON v.id = p.venue_id WHERE {condition} "
            f"ORDER BY v.name COLLATE NOCASE {direction}, v.id {direction}, p.id {direction}"
        )
        return [row[0] for row in review.db.execute(sql, params)]
    by_venue: dict[int | None, list[int]] = {}
    rows = review.db.execute(
        f"SELECT p.venue_id, p.id FROM papers p INDEXED BY papers_list_venue WHERE {condition} "
        f"ORDER BY p.venue_id {direction}, p.id {direction}",
        params,
    )
    for venue_id, paper_id in rows:
        bucket = by_venue.get(venue_id)
        if bucket is None:
            bucket = by_venue[venue_id] = []
        bucket.append(paper_id)
    venues = [
        row[0]
        for row in review.db.execute(
            f"SELECT id FROM venues ORDER BY name COLLATE NOCASE {direction}, id {direction}"
        )
    ]
    order = [None, *venues] if direction == "ASC" else [*venues, None]
    listed: list[int] = []
    for venue_id in order:
        listed.extend(by_venue.get(venue_id, ()))
    return listed


def stage_and_decision(ta_decision: str | None, ft_decision: str | None) -> tuple[str, str | None]:
    """The same rule as STAGE_SQL / DECISION_SQL, for one row already in memory."""
    return current_stage_and_decision(ta_decision, ft_decision)


def short_citation(first_author: str | None, authors_text: str | None, year: int | None) -> str:
    """An APA-style in-text citation from a list row: "Månsson et al., 2016".

    `authors_text` is the "Family, I.; Family, I." list kept on papers; one author gives
    "Family, 2016", two "Family & Other, 2016", three or more "Family et al., 2016".
    """
    when = str(year) if year else "n.d."
    people = [part.split(", ")[0].strip() for part in (authors_text or "").split("; ")]
    people = [p for p in people if p]
    if not people:
        return f"{first_author}, {when}" if first_author else f"Anonymous, {when}"
    if len(people) == 1:
        return f"{people[0]}, {when}"
    if len(people) == 2:
        return f"{people[0]} & {people[1]}, {when}"
    return f"{people[0]} et al., {when}"
