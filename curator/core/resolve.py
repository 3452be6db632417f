"""Finding a paper from what a curator types (an id, a DOI, or an in-text citation) and back.

"12" or "#12" is a paper id; anything containing a DOI ("10.1038/...", "https://doi.org/...")
is looked up by DOI; otherwise the text is read as an APA in-text citation: "Månsson et al.,
2016", "(Price & Duman, 2019)", "Beauregard 2014", "Sened et al., 2022b". Surnames compare
without accents or case ("Mansson" finds Månsson). One author means a single-author paper,
"A & B" a two-author paper whose second author is B, "et al." three or more. A letter after
the year picks the paper the review's tables give that letter (`curator.core.report.citations`);
when several papers still match, the error lists them. Merged-away papers are never returned.

Citations shown for papers (`citations_for`) are the tables' own, letters included.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from curator.core.errors import CuratorError
from curator.core.identifiers import normalise_doi
from curator.core.names import fold
from curator.core.report.citations import CitationIndex
from curator.core.report.tables import citation_index, load_works
from curator.core.review import Review

_ID = re.compile(r"^#?\s*(\d+)$")
_CITATION = re.compile(r"^(?P<names>.+?)[,\s]+(?P<year>\d{4})(?P<suffix>[a-z])?$")
_ET_AL = re.compile(r"\s+et\s+al\.?$", re.I)


def citation_index_for(review: Review, ids: Iterable[int] = ()) -> CitationIndex:
    """The tables' citation index (cited papers, a/b letters), extended with `ids` if outside it."""
    index = citation_index(review)
    missing = [p for p in ids if p not in index.works]
    if missing:  # cite them without disturbing the letters of the cited set
        index.works.update({work.id: work for work in load_works(review, missing)})
    return index


def citations_for(review: Review, ids: Sequence[int]) -> dict[int, str]:
    """ "Månsson et al., 2016" for each of `ids`, as the review's tables cite them."""
    index = citation_index_for(review, ids)
    return {paper_id: index.cite(paper_id) for paper_id in ids if paper_id in index.works}


def paper_citation(review: Review, paper_id: int) -> str:
    """One paper's in-text citation (use `citations_for` for many)."""
    found = citations_for(review, [paper_id])
    if paper_id not in found:
        raise CuratorError(f"no paper with id {paper_id}")
    return found[paper_id]


def _describe(review: Review, ids: Sequence[int]) -> str:
    parts = []
    for paper_id in ids[:6]:
        title = review.db.execute("SELECT title FROM papers WHERE id = ?", (paper_id,)).fetchone()[
            0
        ]
        parts.append(f"#{paper_id} {title[:60]!r}")
    more = f" and {len(ids) - 6} more" if len(ids) > 6 else ""
    return "; ".join(parts) + more


def resolve_paper(review: Review, text: str, *, included_only: bool = False) -> int:
    """The id of the one paper `text` names; a CuratorError says why when none or several do."""
    query = (text or "").strip()
    if not query:
        raise CuratorError(
            "empty paper reference (give an id, a DOI or a citation like 'Smith et al., 2020')"
        )
    scope = "merged_into IS NULL" + (" AND ft_decision = 'include'" if included_only else "")
    where = "included papers" if included_only else "papers"
    match = _ID.match(query)
    if match:
        paper_id = int(match[1])
        if review.db.execute(
            f"SELECT 1 FROM papers WHERE id = ? AND {scope}", (paper_id,)
        ).fetchone():
            return paper_id
        raise CuratorError(f"no paper with id {paper_id} among the review's {where}")
    doi = normalise_doi(query) if "10." in query else None
    if doi:
        rows = [
            r[0]
            for r in review.db.execute(f"SELECT id FROM papers WHERE doi = ? AND {scope}", (doi,))
        ]
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
    ids = [
        r[0]
        for r in review.db.execute(
            f"SELECT id FROM papers WHERE year = ? AND {scope} ORDER BY title COLLATE NOCASE, id",
            (year,),
        )
    ]
    index = citation_index_for(review, ids)
    candidates = []
    for paper_id in ids:
        families = [fold(family) for family, _given in index.works[paper_id].authors]
        if not families or families[0] != wanted[0]:
            continue
        exact = (
            (et_al and len(families) >= 3)
            or (not et_al and len(wanted) == 2 and len(families) == 2 and families[1] == wanted[1])
            or (not et_al and len(wanted) == 1 and len(families) == 1)
        )
        candidates.append((paper_id, exact))
    found = [pid for pid, exact in candidates if exact] or [pid for pid, _ in candidates]
    if suffix and len(found) > 1:
        lettered = [pid for pid in found if index.letters.get(pid) == suffix]
        if len(lettered) == 1:
            return lettered[0]
    if len(found) == 1:
        return found[0]
    if not found:
        raise CuratorError(f"no paper among the review's {where} matches the citation {query!r}")
    raise CuratorError(
        f"{query!r} matches {len(found)} papers: {_describe(review, found)}; "
        "give the paper id or DOI instead"
    )
