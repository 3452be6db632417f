"""Finding a paper from what a curator types: an id, a DOI, or an in-text citation.

"12" or "#12" is a paper id; anything containing a DOI ("10.1038/...", "https://doi.org/...")
is looked up by DOI; otherwise the text is read as an APA in-text citation: "Månsson et al.,
2016", "(Price & Duman, 2019)", "Beauregard 2014", "Sened et al., 2022b". Surnames compare
without accents or case ("Mansson" finds Månsson). One author means a single-author paper,
"A & B" a two-author paper whose second author is B, "et al." three or more. When several
papers still match, a letter after the year picks one in title order (APA's 2016a, 2016b);
otherwise the error lists the candidates. Merged-away papers are never returned.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from curator.core.errors import CuratorError
from curator.core.identifiers import normalise_doi
from curator.core.names import fold
from curator.core.review import Review

_ID = re.compile(r"^#?\s*(\d+)$")
_CITATION = re.compile(r"^(?P<names>.+?)[,\s]+(?P<year>\d{4})(?P<suffix>[a-z])?$")
_ET_AL = re.compile(r"\s+et\s+al\.?$", re.I)


def short_citation(families: Sequence[str], year: int | None) -> str:
    """APA 7 in-text citation without parentheses: "Family", "A & B" or "A et al.", year."""
    names = [f for f in families if f]
    if not names:
        who = "Anon."
    elif len(names) == 1:
        who = names[0]
    elif len(names) == 2:
        who = f"{names[0]} & {names[1]}"
    else:
        who = f"{names[0]} et al."
    return f"{who}, {year if year else 'n.d.'}"


def author_families(review: Review, paper_id: int) -> list[str]:
    return [
        row[0]
        for row in review.db.execute(
            "SELECT a.family FROM paper_authors pa JOIN authors a ON a.id = pa.author_id "
            "WHERE pa.paper_id = ? ORDER BY pa.position",
            (paper_id,),
        )
    ]


def paper_citation(review: Review, paper_id: int) -> str:
    """"Månsson et al., 2016" for a paper in the review."""
    row = review.db.execute("SELECT year FROM papers WHERE id = ?", (paper_id,)).fetchone()
    if row is None:
        raise CuratorError(f"no paper with id {paper_id}")
    return short_citation(author_families(review, paper_id), row[0])


def _describe(review: Review, ids: Sequence[int]) -> str:
    parts = []
    for paper_id in ids[:6]:
        title = review.db.execute("SELECT title FROM papers WHERE id = ?", (paper_id,)).fetchone()[0]
        parts.append(f"#{paper_id} {title[:60]!r}")
    more = f" and {len(ids) - 6} more" if len(ids) > 6 else ""
    return "; ".join(parts) + more


def resolve_paper(review: Review, text: str, *, included_only: bool = False) -> int:
    """The id of the one paper `text` names; a CuratorError says why when none or several do."""
    query = (text or "").strip()
    if not query:
        raise CuratorError("empty paper reference (give an id, a DOI or a citation like 'Smith et al., 2020')")
    scope = "merged_into IS NULL" + (" AND ft_decision = 'include'" if included_only else "")
    where = "included papers" if included_only else "papers"
    match = _ID.match(query)
    if match:
        paper_id = int(match[1])
        if review.db.execute(f"SELECT 1 FROM papers WHERE id = ? AND {scope}", (paper_id,)).fetchone():
            return paper_id
        raise CuratorError(f"no paper with id {paper_id} among the review's {where}")
    doi = normalise_doi(query) if "10." in query else None
    if doi:
        rows = [r[0] for r in review.db.execute(f"SELECT id FROM papers WHERE doi = ? AND {scope}", (doi,))]
        if len(rows) == 1:
            return rows[0]
        if not rows:
            raise CuratorError(f"no paper with DOI {doi} among the review's {where}")
        raise CuratorError(f"DOI {doi} names several papers: {_describe(review, rows)}")
    return _resolve_citation(review, query, scope, where)


def _resolve_citation(review: Review, query: str, scope: str, where: str) -> int:
    cleaned = query.strip().strip("()").strip()
    match = _CITATION.match(cleaned)
    if not match:
        raise CuratorError(
            f"cannot read {query!r} as a paper id, DOI or in-text citation "
            "(expected something like 'Månsson et al., 2016')"
        )
    names, year, suffix = match["names"].strip().rstrip(","), int(match["year"]), match["suffix"]
    et_al = bool(_ET_AL.search(names))
    names = _ET_AL.sub("", names)
    wanted = [fold(n) for n in re.split(r"\s*(?:&|\band\b)\s*", names) if n.strip()]
    if not wanted:
        raise CuratorError(f"{query!r}: no author name before the year")
    candidates = []
    for (paper_id,) in review.db.execute(
        f"SELECT id FROM papers WHERE year = ? AND {scope} ORDER BY title COLLATE NOCASE, id", (year,)
    ):
        families = [fold(f) for f in author_families(review, paper_id)]
        if not families or families[0] != wanted[0]:
            continue
        exact = (
            (et_al and len(families) >= 3)
            or (not et_al and len(wanted) == 2 and len(families) == 2 and families[1] == wanted[1])
            or (not et_al and len(wanted) == 1 and len(families) == 1)
        )
        candidates.append((paper_id, exact))
    exact_ids = [pid for pid, exact in candidates if exact]
    found = exact_ids or [pid for pid, _ in candidates]
    if suffix and len(found) > 1:
        index = ord(suffix) - ord("a")
        if index < len(found):
            return found[index]
    if len(found) == 1:
        return found[0]
    if not found:
        raise CuratorError(f"no paper among the review's {where} matches the citation {query!r}")
    raise CuratorError(
        f"{query!r} matches {len(found)} papers: {_describe(review, found)}; "
        "give the paper id or DOI instead"
    )
