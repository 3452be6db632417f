"""PRISMA 2020 flow counts, counted from the review's data, and a check that they add up.

The counts are keyed as the PRISMA2020 R package / Shiny app keys its template (`data,n`),
so the official tool can draw the diagram from `prisma_flow.csv`. How each box is counted:

- `database_results`: imported records of the database searches (a search's `kind`,
  curator.core.searches.KINDS; every search is one unless marked otherwise).
- `database_specific_results`: the same per database ("Database, n; Database, n"), the
  database being a search's `database` (its name when that is empty), in search order;
  searches with no imported records are left out (their count is unknown, not 0).
- `register_results`, `register_specific_results`: the same for searches marked as registers
  (only when there is one: otherwise the box is not drawn).
- `website_results`, `organisation_results`, `citations_results`: records of the searches
  marked as other methods, each kind only when there is such a search. The papers whose
  records all come from other methods form the "other methods" column: `other_sought_reports`,
  `other_notretrieved_reports`, `other_assessed` and `other_excluded` are counted over them
  as the `dbr_` boxes are over the rest; every box below identification in the databases and
  registers column leaves them out. `new_studies` counts the included papers of both.
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

Boxes the data cannot count (records found before Curator, a review screened elsewhere) can be
entered by hand (`curator.core.flow.entered`): `flow()` uses the entered figure for such a box
and lists it in `PrismaFlow.entered`; every other box stays counted. Where a box that does not
add up involves an entered figure, `reconcile()` explains it in words (a note) rather than
flagging the box, since the data cannot say where the difference went.

`reconcile()` is the one "does it add up" check. It lists every place where the boxes do not
add up (papers still undecided, conflicts, papers added by hand rather than imported, ...):
each is a real state of the review that the curator may want to resolve before publishing the
diagram; and it names the diagram boxes whose count does not follow from the boxes above them.
When the curator recorded an early stop of a stage (curator.core.ranking.stopping.record_stop),
the records left unscreened are not a loose end but a decision: reconcile says how many were
left and why, quoting the curator's reason and the stopping test, instead of "no decision yet".
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

from curator.core.flow.entered import ENTERABLE, entered_counts, entered_note
from curator.core.ranking.stopping import stop_record
from curator.core.review import STAGES, Review
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
# The PRISMA2020 key of each other method's records (curator.core.searches.OTHER_KINDS).
OTHER_KEYS = {
    "website": "website_results",
    "organisation": "organisation_results",
    "citation": "citations_results",
}
NO_REASON = "No reason recorded"
# The PrismaFlow field of each PRISMA2020 key that can be entered by hand.
FIELD_OF = {
    "database_results": "database_results",
    "duplicates": "duplicates",
    "excluded_automatic": "excluded_automatic",
    "excluded_other": "excluded_other",
    "records_screened": "records_screened",
    "records_excluded": "records_excluded",
    "dbr_sought_reports": "sought",
    "dbr_notretrieved_reports": "not_retrieved",
    "dbr_assessed": "assessed",
}
assert set(FIELD_OF) == set(ENTERABLE)
_LIVE = "p.merged_into IS NULL"
_DBR_KINDS = "('database', 'register')"


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
    # Registers (None: no search is a register) and other methods (by kind, only the kinds
    # some search has); the other-methods column's boxes.
    register_results: int | None = None
    register_specific: list[tuple[str, int]] = field(default_factory=list)
    other_results: dict[str, int] = field(default_factory=dict)
    other_sought: int = 0
    other_not_retrieved: int = 0
    other_assessed: int = 0
    other_excluded_reasons: list[tuple[str, int]] = field(default_factory=list)
    other_included: int = 0  # of `included`, the papers found through other methods

    @property
    def other_excluded(self) -> int:
        return sum(n for _reason, n in self.other_excluded_reasons)

    @property
    def identified(self) -> int:
        """Records identified from databases and registers."""
        return self.database_results + (self.register_results or 0)

    # The boxes (PRISMA2020 keys) whose figure was entered by hand, and the curator's note.
    entered: frozenset[str] = frozenset()
    entered_note: str = ""

    def is_entered(self, key: str) -> bool:
        return key in self.entered

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
        values = {key: str(numbers[key]) for key in KEYS}
        if self.register_results is not None:
            values["register_results"] = str(self.register_results)
            values["register_specific_results"] = _pairs(self.register_specific)
        for kind, n in self.other_results.items():
            values[OTHER_KEYS[kind]] = str(n)
        if self.other_results:
            values["other_sought_reports"] = str(self.other_sought)
            values["other_notretrieved_reports"] = str(self.other_not_retrieved)
            values["other_assessed"] = str(self.other_assessed)
            values["other_excluded"] = _pairs(self.other_excluded_reasons)
        return values

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


@dataclass
class _Column:
    """The screening counts of one column of the diagram (a set of papers)."""

    automatic: int
    ta: dict[str, int]
    ft: dict[str, int]
    stale: int
    reasons: list[tuple[str, int]]


def _column(review: Review, papers: str) -> _Column:
    """Count the screening boxes over the live papers matching the SQL condition `papers`."""
    db = review.db
    live = f"{_LIVE} AND {papers}"
    marks = ",".join("?" * len(AUTOMATIC_SOURCES))
    automatic = _one(
        review,
        f"SELECT COUNT(*) FROM papers p WHERE {live} AND p.ta_decision = 'exclude' AND NOT EXISTS ("
        " SELECT 1 FROM screening_status s JOIN decisions d ON d.id = s.decision_id"
        " WHERE s.paper_id = p.id AND s.stage = 'title_abstract' AND s.decision != 'cleared'"
        f" AND COALESCE(d.source, '') NOT IN ({marks}))",
        AUTOMATIC_SOURCES,
    )
    ta = dict(
        db.execute(
            f"SELECT COALESCE(p.ta_decision, 'undecided'), COUNT(*) FROM papers p WHERE {live} "
            "GROUP BY 1"
        ).fetchall()
    )
    ft = dict(
        db.execute(
            f"SELECT COALESCE(p.ft_decision, 'none'), COUNT(*) FROM papers p WHERE {live} "
            "AND (p.ta_decision IN ('include', 'maybe') OR p.ft_decision IS NOT NULL) GROUP BY 1"
        ).fetchall()
    )
    forward = ",".join("?" * len(FORWARD))
    stale = _one(
        review,
        f"SELECT COUNT(*) FROM papers p WHERE {live} AND p.ft_decision IS NOT NULL "
        f"AND (p.ta_decision IS NULL OR p.ta_decision NOT IN ({forward}))",
        FORWARD,
    )
    return _Column(automatic, ta, ft, stale, _exclusion_reasons(review, papers))


def flow(review: Review) -> PrismaFlow:
    """Count every PRISMA box from the review file."""
    db = review.db
    per: dict[str, dict[str, int]] = {"database": {}, "register": {}}
    other: dict[str, int] = {}
    for kind, name, n in db.execute(
        "SELECT s.kind, COALESCE(NULLIF(TRIM(s.database), ''), s.name), COUNT(r.id) "
        "FROM searches s JOIN imports i ON i.search_id = s.id JOIN records r ON r.import_id = i.id "
        "GROUP BY s.id ORDER BY s.position, s.id"
    ):
        if kind in per:
            per[kind][name] = per[kind].get(name, 0) + n
        else:
            other[kind] = other.get(kind, 0) + n
    kinds = {k for (k,) in db.execute("SELECT DISTINCT kind FROM searches")}
    for kind in OTHER_KEYS:
        if kind in kinds:
            other.setdefault(kind, 0)
    other = {kind: other[kind] for kind in OTHER_KEYS if kind in other}
    if other:  # papers all of whose records come from other methods
        other_ids = (
            f"SELECT c.paper_id FROM ({_root_sql()}) c JOIN records r ON r.id = c.record_id "
            "JOIN imports i ON i.id = r.import_id JOIN searches s ON s.id = i.search_id "
            f"GROUP BY c.paper_id HAVING SUM(s.kind IN {_DBR_KINDS}) = 0"
        )
        dbr_records = (
            "(SELECT r.id FROM records r JOIN imports i ON i.id = r.import_id "
            f"JOIN searches s ON s.id = i.search_id WHERE s.kind IN {_DBR_KINDS})"
        )
        in_dbr, dbr_papers = f"r.id IN {dbr_records}", f"p.id NOT IN ({other_ids})"
        other_papers = f"p.id IN ({other_ids})"
    else:
        in_dbr, dbr_papers, other_papers = "1", "1", "0"
    records = _one(review, f"SELECT COUNT(*) FROM records r WHERE {in_dbr}")
    roots = f"SELECT DISTINCT paper_id FROM ({_root_sql()})"
    papers_from_records = _one(review, f"SELECT COUNT(*) FROM ({roots})")
    dbr_roots = (  # the same count unless other methods' records are to be left out
        _one(
            review,
            f"SELECT COUNT(DISTINCT c.paper_id) FROM ({_root_sql()}) c "
            f"JOIN records r ON r.id = c.record_id WHERE {in_dbr}",
        )
        if other
        else papers_from_records
    )
    unlinked = _one(review, f"SELECT COUNT(*) FROM records r WHERE r.paper_id IS NULL AND {in_dbr}")
    live = _one(review, f"SELECT COUNT(*) FROM papers p WHERE {_LIVE}")
    dbr = _column(review, dbr_papers)
    oth = _column(review, other_papers) if other else None
    screened = sum(n for k, n in dbr.ta.items() if k != "undecided") - dbr.automatic
    stops = {}
    for stage in STAGES:
        if stop := stop_record(review, stage):
            stops[stage] = stop
    other_included = oth.ft.get("include", 0) if oth else 0
    counted = PrismaFlow(
        database_results=sum(per["database"].values()),
        database_specific=list(per["database"].items()),
        duplicates=records - unlinked - dbr_roots,
        excluded_automatic=dbr.automatic,
        excluded_other=unlinked,
        records_screened=screened,
        records_excluded=dbr.ta.get("exclude", 0) - dbr.automatic,
        sought=sum(dbr.ft.values()),
        not_retrieved=dbr.ft.get("not_retrieved", 0),
        assessed=sum(n for k, n in dbr.ft.items() if k not in ("none", "not_retrieved")),
        excluded_reasons=dbr.reasons,
        included=dbr.ft.get("include", 0) + other_included,
        papers_from_records=papers_from_records,
        papers_without_records=live - papers_from_records,
        ta_undecided=dbr.ta.get("undecided", 0),
        ta_conflict=dbr.ta.get("conflict", 0),
        ft_awaiting=dbr.ft.get("none", 0),
        ft_maybe=dbr.ft.get("maybe", 0),
        ft_conflict=dbr.ft.get("conflict", 0),
        ft_stale=dbr.stale,
        stops=stops,
        register_results=sum(per["register"].values()) if "register" in kinds else None,
        register_specific=list(per["register"].items()),
        other_results=other,
        other_sought=sum(oth.ft.values()) if oth else 0,
        other_not_retrieved=oth.ft.get("not_retrieved", 0) if oth else 0,
        other_assessed=(
            sum(n for k, n in oth.ft.items() if k not in ("none", "not_retrieved")) if oth else 0
        ),
        other_excluded_reasons=oth.reasons if oth else [],
        other_included=other_included,
    )
    entered = entered_counts(review)
    return replace(
        counted,
        **{FIELD_OF[key]: n for key, n in entered.items()},
        entered=frozenset(entered),
        entered_note=entered_note(review),
    )


def _exclusion_reasons(review: Review, papers: str = "1") -> list[tuple[str, int]]:
    rows = review.db.execute(
        "WITH latest AS (SELECT s.paper_id, MAX(s.decision_id) AS decision_id"
        " FROM screening_status s JOIN papers p ON p.id = s.paper_id"
        f" WHERE {_LIVE} AND {papers} AND p.ft_decision = 'exclude' AND s.stage = 'full_text'"
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
    above it (flagged on the diagram), and `pending` per box whose shortfall is exactly the
    work still to do at that stage (papers undecided, conflicts unresolved, reports awaiting
    a decision): shown on the diagram as in progress, not as an error. All empty when the
    flow adds up."""

    notes: list[str]
    boxes: dict[str, str]
    pending: dict[str, str] = field(default_factory=dict)


def reconcile(f: PrismaFlow) -> Reconciliation:
    """Every way in which the PRISMA boxes do not add up, in words and by box.

    A difference that involves a figure entered by hand is a note, not a flagged box: the
    data cannot say where it went, so the note says the figures were entered."""
    notes: list[str] = []
    boxes: dict[str, str] = {}
    pending: dict[str, str] = {}

    def flag(
        box: str,
        top: tuple[int, str],
        less: tuple[int, str],
        expected: tuple[int, str],
        involved: tuple[str, ...],
        note: str | None = None,
        to_do: tuple[int, str] = (0, ""),
    ) -> None:
        """Flag `box` when `top` less `less` is not `expected` (each a count and its word),
        unless a figure was entered (a note says so) or the gap is exactly the work
        `to_do` there (count, words): then it is in progress, not wrong."""
        gap = top[0] - less[0] - expected[0]
        if not gap:
            return
        text = (
            f"{top[0]} {top[1]} − {less[0]} {less[1]} = {top[0] - less[0]}, "
            f"but {expected[0]} {expected[1]}"
        )
        hand = [ENTERABLE[k].lower() for k in involved if f.is_entered(k)]
        if hand:
            notes.append(f"{text} (entered by hand: {_join(hand)})")
            return
        if to_do[0] and gap == to_do[0]:
            pending[box] = to_do[1]
            return
        boxes[box] = text
        if note:
            notes.append(note)

    ta_stop = early_stop("title_abstract", f.stops.get("title_abstract"), f.ta_undecided)
    ft_stop = early_stop("full_text", f.stops.get("full_text"), f.ft_awaiting)
    if f.entered_note:
        notes.append(f.entered_note)
    if f.database_specific and not f.is_entered("database_results"):
        per_db = sum(n for _name, n in f.database_specific)
        if per_db != f.database_results:
            boxes["database_results"] = (
                f"the databases add up to {per_db}, not {f.database_results}"
            )
    if f.papers_without_records and not f.is_entered("database_results"):
        notes.append(
            f"{f.papers_without_records} paper(s) were not imported from any search record "
            "(added by hand), so identification does not account for them"
        )
    removed = f.duplicates + f.excluded_automatic + f.excluded_other
    flag(
        "records_screened",
        (f.identified, "identified"),
        (removed, "removed"),
        (f.records_screened, "screened"),
        (
            "database_results",
            "duplicates",
            "excluded_automatic",
            "excluded_other",
            "records_screened",
        ),
        to_do=(
            f.ta_undecided,
            f"{f.ta_undecided} left unscreened (stopped early)"
            if ta_stop
            else f"{f.ta_undecided} still to screen",
        ),
    )
    if ta_stop:
        notes.append(ta_stop)
    elif f.ta_undecided:
        notes.append(f"{f.ta_undecided} paper(s) have no title/abstract decision yet")
    if f.ta_conflict:
        notes.append(f"{f.ta_conflict} paper(s) have conflicting title/abstract decisions")
    flag(
        "dbr_sought_reports",
        (f.records_screened, "screened"),
        (f.records_excluded, "excluded"),
        (f.sought, "sought"),
        ("records_screened", "records_excluded", "dbr_sought_reports"),
        f"screened ({f.records_screened}) is not excluded ({f.records_excluded}) plus "
        f"reports sought ({f.sought})",
        to_do=(f.ta_conflict, f"{f.ta_conflict} conflict(s) to resolve"),
    )
    if f.ft_stale:
        notes.append(
            f"{f.ft_stale} paper(s) have a full-text decision but are no longer included or "
            "maybe at title/abstract"
        )
    if f.sought - f.not_retrieved != f.assessed:
        involved = ("dbr_sought_reports", "dbr_notretrieved_reports", "dbr_assessed")
        if not ft_stop and not any(f.is_entered(k) for k in involved):
            notes.append(f"{f.ft_awaiting} report(s) sought have no full-text decision yet")
        flag(
            "dbr_assessed",
            (f.sought, "sought"),
            (f.not_retrieved, "not retrieved"),
            (f.assessed, "assessed"),
            involved,
            to_do=(
                f.ft_awaiting,
                f"{f.ft_awaiting} left unassessed (stopped early)"
                if ft_stop
                else f"{f.ft_awaiting} awaiting a full-text decision",
            ),
        )
    if ft_stop:
        notes.append(ft_stop)
    if f.ft_maybe or f.ft_conflict:
        notes.append(
            f"{f.ft_maybe} full-text 'maybe' and {f.ft_conflict} full-text conflict(s) "
            "are assessed but neither included nor excluded"
        )
    via_dbr = f.included - f.other_included
    flag(
        "new_studies",
        (f.assessed, "assessed"),
        (f.dbr_excluded, "excluded"),
        (via_dbr, "reports included"),
        ("dbr_assessed",),
        f"assessed ({f.assessed}) is not excluded ({f.dbr_excluded}) plus included ({via_dbr})",
        to_do=(
            f.ft_maybe + f.ft_conflict,
            f"{f.ft_maybe + f.ft_conflict} maybe or in conflict at full text",
        ),
    )
    if f.other_results and f.other_sought - f.other_not_retrieved != f.other_assessed:
        boxes["other_assessed"] = (
            f"{f.other_sought} sought − {f.other_not_retrieved} not retrieved = "
            f"{f.other_sought - f.other_not_retrieved}, but {f.other_assessed} assessed"
        )
    if f.other_results and f.other_assessed - f.other_excluded != f.other_included:
        notes.append(
            f"other methods: assessed ({f.other_assessed}) is not excluded "
            f"({f.other_excluded}) plus included ({f.other_included})"
        )
    return Reconciliation(notes, boxes, pending)


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
