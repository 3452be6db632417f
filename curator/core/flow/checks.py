"""Reading the PRISMA flow table box by box, and which boxes do not add up.

Works on the `data,n` table that `curator.core.flow.prisma.prisma_flow` returns, so the diagram,
the CLI and the tests agree on one arithmetic. Each check names the box it flags (the box
whose count disagrees with the boxes above it) and says, in numbers, what does not hold.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from curator.core.flow.template import counts


def parse_pairs(text: str) -> list[tuple[str, int | None]]:
    """ "Name, n; Name, n" (the R package's format) as (name, n) pairs; n None when not a number."""
    pairs: list[tuple[str, int | None]] = []
    for part in (text or "").split(";"):
        part = part.strip()
        if not part:
            continue
        name, sep, number = part.rpartition(",")
        if not sep:
            pairs.append((part, None))
            continue
        try:
            pairs.append((name.strip(), int(number.strip())))
        except ValueError:
            pairs.append((part, None))
    return pairs


def as_int(text: str | None) -> int | None:
    try:
        return int(str(text).strip())
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class FlowCounts:
    """The flow table's counts as numbers (None where the table has none)."""

    database_results: int | None
    databases: list[tuple[str, int | None]]
    duplicates: int | None
    excluded_automatic: int | None
    excluded_other: int | None
    records_screened: int | None
    records_excluded: int | None
    sought: int | None
    not_retrieved: int | None
    assessed: int | None
    reasons: list[tuple[str, int | None]]
    new_studies: int | None
    new_reports: int | None

    @classmethod
    def from_frame(cls, flow: pd.DataFrame) -> FlowCounts:
        v = counts(flow)
        return cls(
            database_results=as_int(v.get("database_results")),
            databases=parse_pairs(v.get("database_specific_results", "")),
            duplicates=as_int(v.get("duplicates")),
            excluded_automatic=as_int(v.get("excluded_automatic")),
            excluded_other=as_int(v.get("excluded_other")),
            records_screened=as_int(v.get("records_screened")),
            records_excluded=as_int(v.get("records_excluded")),
            sought=as_int(v.get("dbr_sought_reports")),
            not_retrieved=as_int(v.get("dbr_notretrieved_reports")),
            assessed=as_int(v.get("dbr_assessed")),
            reasons=parse_pairs(v.get("dbr_excluded", "")),
            new_studies=as_int(v.get("new_studies")),
            new_reports=as_int(v.get("new_reports")),
        )


def _sum(values: list[int | None]) -> int | None:
    return None if any(v is None for v in values) else sum(v for v in values if v is not None)


def box_checks(flow: pd.DataFrame) -> dict[str, str]:
    """For each box (`database_results`, `records_screened`, `dbr_sought_reports`,
    `dbr_assessed`, `new_studies`) whose count does not follow from the boxes above it, one
    line saying what does not hold. {} when the diagram reconciles."""
    c = FlowCounts.from_frame(flow)
    problems: dict[str, str] = {}
    if c.databases:
        per_db = _sum([n for _name, n in c.databases])
        if per_db is not None and c.database_results is not None and per_db != c.database_results:
            problems["database_results"] = (
                f"the databases add up to {per_db}, not {c.database_results}"
            )
    removed = _sum([c.duplicates, c.excluded_automatic, c.excluded_other])
    if None not in (c.database_results, removed, c.records_screened):
        expected = c.database_results - removed  # type: ignore[operator]
        if expected != c.records_screened:
            problems["records_screened"] = (
                f"{c.database_results} identified − {removed} removed = {expected}, "
                f"but {c.records_screened} screened"
            )
    if None not in (c.records_screened, c.records_excluded, c.sought):
        expected = c.records_screened - c.records_excluded  # type: ignore[operator]
        if expected != c.sought:
            problems["dbr_sought_reports"] = (
                f"{c.records_screened} screened − {c.records_excluded} excluded = {expected}, "
                f"but {c.sought} sought"
            )
    if None not in (c.sought, c.not_retrieved, c.assessed):
        expected = c.sought - c.not_retrieved  # type: ignore[operator]
        if expected != c.assessed:
            problems["dbr_assessed"] = (
                f"{c.sought} sought − {c.not_retrieved} not retrieved = {expected}, "
                f"but {c.assessed} assessed"
            )
    excluded = _sum([n for _name, n in c.reasons]) if c.reasons else 0
    if None not in (c.assessed, excluded, c.new_reports):
        expected = c.assessed - excluded  # type: ignore[operator]
        if expected != c.new_reports:
            problems["new_studies"] = (
                f"{c.assessed} assessed − {excluded} excluded = {expected}, "
                f"but {c.new_reports} reports included"
            )
    return problems
