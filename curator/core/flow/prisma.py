"""PRISMA 2020 flow counts, counted from the review's data, and a check that they add up.

The counts are keyed as the PRISMA2020 R package / Shiny app keys its template (`data,n`),
so the official tool can draw the diagram from `prisma_flow.csv`. How each box is counted:

- `database_results`: imported records (every row of `records`), over all searches.
- `database_specific_results`: the same per database ("Database, n; Database, n"), the
  database being a search's `database` (its name when that is empty), in search order;
  searches with no imported records are left out (their count is unknown, not 0).
- `duplicates`: records that did not become a paper of their own: records minus the distinct
  unmerged papers their `paper_id`s lead to (following `papers.merged_into`), so records
  merged at import time and papers merged later by deduplication both count.
- `excluded_automatic`: papers excluded at title/abstract only by automation (every current
  decision on them has a `source` in AUTOMATIC_SOURCES); they are not counted as screened.
- `excluded_other`: records linked to no paper at all (removed for other reasons).
- `records_screened`: unmerged papers with a title/abstract decision (include, exclude,
  maybe or conflict), less `excluded_automatic`.
- `records_excluded`: papers excluded at title/abstract by a person.
- `dbr_sought_reports`: papers that went on to full text (title/abstract include or maybe,
  or any full-text decision).
- `dbr_notretrieved_reports`: full-text decision `not_retrieved`.
- `dbr_assessed`: papers with any other full-text decision (include, exclude, maybe, conflict).
- `dbr_excluded`: full-text exclusions by reason ("Reason, n; Reason, n"), reasons in the
  review's order; a paper's reason is that of the latest current exclusion on it.
- `new_studies`, `new_reports`: papers included at full text (one report per study).

`PrismaFlow` is the one typed flow: the tables, the diagram, the report's numbers and the
PRISMA2020 CSV all take it, and `PrismaFlow.values()` is the one place it becomes the R
package's text (`"Database, n; Database, n"`).

`reconcile()` is the one "does it add up" check. It lists every place where the boxes do not
add up (papers still undecided, conflicts, papers added by hand rather than imported, ...):
each is a real state of the review that the curator may want to resolve before publishing the
diagram; and it names the diagram boxes whose count does not follow from the boxes above them.
When the curator recorded an early stop of a stage (curator.core.ranking.stopping.record_stop),
the records left unscreened are not a loose end but a decision: reconcile says how many were
left and why, quoting the curator's reason and the stopping test, instead of "no decision yet".
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from curator.core.ranking.stopping import stop_record
from curator.core.review import Review
from curator.core.screening.decisions import FORWARD

AUTOMATIC_SOURCES = ("automation", "auto", "ranking")
KEYS = (
    "database_results",
    "database_specific_results",
    "duplicates",
    "excluded_automatic",
    "excluded_other",
    "records_screened",
    "records_excluded",
    "dbr_sought_reports",
    "dbr_notretrieved_reports",
    "dbr_assessed",
    "dbr_excluded",
    "new_studies",
    "new_reports",
)
NO_REASON = "No reason recorded"
_LIVE = "p.merged_into IS NULL"


@dataclass(frozen=True)
class PrismaFlow:
    """The PRISMA counts, with the per-database and per-reason breakdowns as lists.

    The facts after `included` have no box of their own: the reconciliation explains with them
    why boxes do not add up. They default to none, so a flow can also be built from reported
    figures alone.
    """

    database_results: int
    database_specific: list[tuple[str, int]]
    duplicates: int
    excluded_automatic: int
    excluded_other: int
    records_screened: int
    records_excluded: int
    sought: int
    not_retrieved: int
    assessed: int
    excluded_reasons: list[tuple[str, int]]
    included: int
    papers_from_records: int = 0
    papers_without_records: int = 0
    ta_undecided: int = 0
    ta_conflict: int = 0
    ft_awaiting: int = 0
    ft_maybe: int = 0
    ft_conflict: int = 0
    ft_stale: int = 0  # full-text decision on a paper no longer sent on at title/abstract
    # The recorded early stops (curator.core.ranking.stopping.stop_record), by stage.
    stops: dict[str, dict] = field(default_factory=dict)

    @property
    def dbr_excluded(self) -> int:
        return sum(n for _reason, n in self.excluded_reasons)

    def values(self) -> dict[str, str]:
        """Each PRISMA2020 key (`KEYS`) and its count as the R package writes it."""
        numbers = {
            "database_results": self.database_results,
            "database_specific_results": _pairs(self.database_specific),
            "duplicates": self.duplicates,
            "excluded_automatic": self.excluded_automatic,
            "excluded_other": self.excluded_other,
            "records_screened": self.records_screened,
            "records_excluded": self.records_excluded,
            "dbr_sought_reports": self.sought,
            "dbr_notretrieved_reports": self.not_retrieved,
            "dbr_assessed": self.assessed,
            "dbr_excluded": _pairs(self.excluded_reasons),
            "new_studies": self.included,
            "new_reports": self.included,
        }
        return {key: str(numbers[key]) for key in KEYS}

    def table(self) -> pd.DataFrame:
        """The counts as a two-column table (`data`, `n`), one row per box."""
        values = self.values()
        return pd.DataFrame(
            {"data": list(values), "n": list(values.values())}, columns=["data", "n"]
        )


def _pairs(items: list[tuple[str, int]]) -> str:
    return "; ".join(f"{name}, {n}" for name, n in items)


def _one(review: Review, sql: str, params: tuple = ()) -> int:
    return review.db.execute(sql, params).fetchone()[0] or 0


def _root_sql() -> str:
    """SQL giving, for each record, the unmerged paper its paper_id leads to."""
    return (
        "WITH RECURSIVE chain(record_id, paper_id, merged_into, depth) AS ("
        " SELECT r.id, p.id, p.merged_into, 0 FROM records r JOIN papers p ON p.id = r.paper_id"
        " UNION ALL SELECT c.record_id, p.id, p.merged_into, c.depth + 1 FROM chain c"
        " JOIN papers p ON p.id = c.merged_into WHERE c.depth < 100)"
        " SELECT record_id, paper_id FROM chain WHERE merged_into IS NULL"
    )


def flow(review: Review) -> PrismaFlow:
    """Count every PRISMA box from the review file."""
    db = review.db
    records = _one(review, "SELECT COUNT(*) FROM records")
    per_db: dict[str, int] = {}
    for name, n in db.execute(
        "SELECT COALESCE(NULLIF(TRIM(s.database), ''), s.name), COUNT(r.id) FROM searches s "
        "JOIN imports i ON i.search_id = s.id JOIN records r ON r.import_id = i.id "
        "GROUP BY s.id ORDER BY s.position, s.id"
    ):
        per_db[name] = per_db.get(name, 0) + n
    roots = f"SELECT DISTINCT paper_id FROM ({_root_sql()})"
    papers_from_records = _one(review, f"SELECT COUNT(*) FROM ({roots})")
    unlinked = _one(review, "SELECT COUNT(*) FROM records WHERE paper_id IS NULL")
    linked = records - unlinked
    duplicates = linked - papers_from_records
    live = _one(review, f"SELECT COUNT(*) FROM papers p WHERE {_LIVE}")
    marks = ",".join("?" * len(AUTOMATIC_SOURCES))
    automatic = _one(
        review,
        f"SELECT COUNT(*) FROM papers p WHERE {_LIVE} AND p.ta_decision = 'exclude' AND NOT EXISTS ("
        " SELECT 1 FROM screening_status s JOIN decisions d ON d.id = s.decision_id"
        " WHERE s.paper_id = p.id AND s.stage = 'title_abstract' AND s.decision != 'cleared'"
        f" AND COALESCE(d.source, '') NOT IN ({marks}))",
        AUTOMATIC_SOURCES,
    )
    ta = dict(
        db.execute(
            f"SELECT COALESCE(p.ta_decision, 'undecided'), COUNT(*) FROM papers p WHERE {_LIVE} "
            "GROUP BY 1"
        ).fetchall()
    )
    ft = dict(
        db.execute(
            f"SELECT COALESCE(p.ft_decision, 'none'), COUNT(*) FROM papers p WHERE {_LIVE} "
            "AND (p.ta_decision IN ('include', 'maybe') OR p.ft_decision IS NOT NULL) GROUP BY 1"
        ).fetchall()
    )
    forward = ",".join("?" * len(FORWARD))
    stale = _one(
        review,
        f"SELECT COUNT(*) FROM papers p WHERE {_LIVE} AND p.ft_decision IS NOT NULL "
        f"AND (p.ta_decision IS NULL OR p.ta_decision NOT IN ({forward}))",
        FORWARD,
    )
    screened = sum(n for k, n in ta.items() if k != "undecided") - automatic
    stops = {}
    for stage in ("title_abstract", "full_text"):
        if stop := stop_record(review, stage):
            stops[stage] = stop
    return PrismaFlow(
        database_results=records,
        database_specific=list(per_db.items()),
        duplicates=duplicates,
        excluded_automatic=automatic,
        excluded_other=unlinked,
        records_screened=screened,
        records_excluded=ta.get("exclude", 0) - automatic,
        sought=sum(ft.values()),
        not_retrieved=ft.get("not_retrieved", 0),
        assessed=sum(n for k, n in ft.items() if k not in ("none", "not_retrieved")),
        excluded_reasons=_exclusion_reasons(review),
        included=ft.get("include", 0),
        papers_from_records=papers_from_records,
        papers_without_records=live - papers_from_records,
        ta_undecided=ta.get("undecided", 0),
        ta_conflict=ta.get("conflict", 0),
        ft_awaiting=ft.get("none", 0),
        ft_maybe=ft.get("maybe", 0),
        ft_conflict=ft.get("conflict", 0),
        ft_stale=stale,
        stops=stops,
    )


def _exclusion_reasons(review: Review) -> list[tuple[str, int]]:
    rows = review.db.execute(
        "WITH latest AS (SELECT s.paper_id, MAX(s.decision_id) AS decision_id"
        " FROM screening_status s JOIN papers p ON p.id = s.paper_id"
        f" WHERE {_LIVE} AND p.ft_decision = 'exclude' AND s.stage = 'full_text'"
        " AND s.decision = 'exclude' GROUP BY s.paper_id)"
        " SELECT r.label, COUNT(*) FROM latest l JOIN decisions d ON d.id = l.decision_id"
        " LEFT JOIN exclusion_reasons r ON r.id = d.reason_id"
        " GROUP BY d.reason_id ORDER BY r.id IS NULL, r.position, r.id"
    ).fetchall()
    return [(label or NO_REASON, n) for label, n in rows]


def prisma_flow(review: Review) -> pd.DataFrame:
    """The review's PRISMA 2020 counts as the `data,n` table (the Tables workspace's tab)."""
    return flow(review).table()


def early_stop(stage: str, stop: dict | None, unscreened_now: int) -> str | None:
    """The sentence for a recorded early stop of `stage`, or None when none is recorded."""
    if not stop:
        return None
    where = "Title/abstract" if stage == "title_abstract" else "Full-text"
    at = str(stop.get("at") or "")[:10]
    text = (
        f"{where} screening stopped early{f' on {at}' if at else ''}: "
        f"{unscreened_now} record(s) were left unscreened"
    )
    if stop.get("unscreened") is not None and stop["unscreened"] != unscreened_now:
        text += f" ({stop['unscreened']} when the stop was recorded)"
    text += f". Reason: {stop.get('reason') or 'none given'}"
    test = stop.get("test")
    if test and test.get("sample_size"):
        verdict = "rejected" if test.get("can_stop") else "not rejected"
        text += (
            f". Stopping test (Callaghan & Müller-Hansen 2020): random sample of "
            f"{test['sample_size']} with {test['sample_relevant']} relevant; recall below "
            f"{test['target']:.0%} {verdict} (p = {test['p_value']:.3f})"
        )
    return text + "."


@dataclass(frozen=True)
class Reconciliation:
    """What does not add up in a flow: `notes` in words (the Flow workspace's notes, the
    CLI, the reports), `boxes` per diagram box whose count does not follow from the boxes
    above it (flagged on the diagram). Both empty when the flow adds up."""

    notes: list[str]
    boxes: dict[str, str]


def reconcile(f: PrismaFlow) -> Reconciliation:
    """Every way in which the PRISMA boxes do not add up, in words and by box."""
    notes: list[str] = []
    boxes: dict[str, str] = {}
    ta_stop = early_stop("title_abstract", f.stops.get("title_abstract"), f.ta_undecided)
    ft_stop = early_stop("full_text", f.stops.get("full_text"), f.ft_awaiting)
    if f.database_specific:
        per_db = sum(n for _name, n in f.database_specific)
        if per_db != f.database_results:
            boxes["database_results"] = (
                f"the databases add up to {per_db}, not {f.database_results}"
            )
    if f.papers_without_records:
        notes.append(
            f"{f.papers_without_records} paper(s) were not imported from any search record "
            "(added by hand), so identification does not account for them"
        )
    removed = f.duplicates + f.excluded_automatic + f.excluded_other
    if f.database_results - removed != f.records_screened:
        boxes["records_screened"] = (
            f"{f.database_results} identified − {removed} removed = "
            f"{f.database_results - removed}, but {f.records_screened} screened"
        )
    if ta_stop:
        notes.append(ta_stop)
    elif f.ta_undecided:
        notes.append(f"{f.ta_undecided} paper(s) have no title/abstract decision yet")
    if f.ta_conflict:
        notes.append(f"{f.ta_conflict} paper(s) have conflicting title/abstract decisions")
    if f.records_screened - f.records_excluded != f.sought:
        notes.append(
            f"screened ({f.records_screened}) is not excluded ({f.records_excluded}) plus "
            f"reports sought ({f.sought})"
        )
        boxes["dbr_sought_reports"] = (
            f"{f.records_screened} screened − {f.records_excluded} excluded = "
            f"{f.records_screened - f.records_excluded}, but {f.sought} sought"
        )
    if f.ft_stale:
        notes.append(
            f"{f.ft_stale} paper(s) have a full-text decision but are no longer included or "
            "maybe at title/abstract"
        )
    if f.sought - f.not_retrieved != f.assessed:
        if not ft_stop:
            notes.append(
                f"{f.ft_awaiting} report(s) sought have no full-text decision yet "
                f"(sought {f.sought} = not retrieved {f.not_retrieved} + assessed {f.assessed} "
                "does not hold)"
            )
        boxes["dbr_assessed"] = (
            f"{f.sought} sought − {f.not_retrieved} not retrieved = "
            f"{f.sought - f.not_retrieved}, but {f.assessed} assessed"
        )
    if ft_stop:
        notes.append(ft_stop)
    if f.ft_maybe or f.ft_conflict:
        notes.append(
            f"{f.ft_maybe} full-text 'maybe' and {f.ft_conflict} full-text conflict(s) "
            "are assessed but neither included nor excluded"
        )
    if f.assessed - f.dbr_excluded != f.included:
        notes.append(
            f"assessed ({f.assessed}) is not excluded ({f.dbr_excluded}) plus included "
            f"({f.included})"
        )
        boxes["new_studies"] = (
            f"{f.assessed} assessed − {f.dbr_excluded} excluded = "
            f"{f.assessed - f.dbr_excluded}, but {f.included} reports included"
        )
    return Reconciliation(notes, boxes)
