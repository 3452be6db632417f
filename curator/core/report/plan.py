"""The report's plan: which sections, in which order, numbered how, and which table after which.

Both report renderers (Markdown in `curator.core.report.exports`, HTML in
`curator.core.report.html`) draw this one plan, so they cannot disagree on where a table goes.
Sections come in the review's order, numbered as the reference review numbers them (Research
Gaps and Open Research Questions as 5.1 and 5.2 under the Conclusion; the Summary unnumbered,
a closing paragraph). Each table follows the section named in `REPORT_PLACES`; a table whose
section the review does not have follows the last section, in `REPORT_PLACES` order. Section
text has the Methods' numbers filled in (`curator.core.report.numbers`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from curator.core.curation.questions import sections
from curator.core.flow.entered import ENTERABLE
from curator.core.flow.labels import labelled
from curator.core.flow.prisma import FIELD_OF, flow, reconcile
from curator.core.report.numbers import methods_numbers, section_text
from curator.core.report.tables import TABLES
from curator.core.review import Review

# Where each table goes in the report: after the section with this key.
REPORT_PLACES = {
    "prisma_flow": "methods",
    "key_papers": "results",
    "top_contributors": "results",
    "claims_evidence": "discussion",
    "evidence_profile": "discussion",
    "research_gaps_matrix": "research_gaps",
    "open_questions": "open_questions",
}
# Tables the report leaves out while they have no rows (a review that does not grade certainty).
OPTIONAL_IN_REPORT = ("evidence_profile",)
ENTERED_HEADING = "Counts entered by hand (not counted from the review's data):"
SUBSECTIONS = ("research_gaps", "open_questions")
UNNUMBERED = ("summary",)


@dataclass(frozen=True)
class PlannedSection:
    """One section of the report: its heading, its text and the tables that follow it.

    `key` is None for the closing block of tables whose section is missing (no heading);
    `number` is "1.", "5.1" and so on, or None for an unnumbered section (the Summary)."""

    key: str | None
    title: str
    number: str | None
    body: str
    tables: tuple[str, ...]


@dataclass(frozen=True)
class ReportPlan:
    title: str
    sections: tuple[PlannedSection, ...]
    tables: dict[str, pd.DataFrame]
    flow_problems: tuple[str, ...]
    # "Box: n" for each PRISMA count entered by hand (curator.core.flow.entered).
    flow_entered: tuple[str, ...] = ()


def report_plan(review: Review) -> ReportPlan:
    """The report's sections, numbered, with their filled text and their tables."""
    prisma = flow(review)  # counted once: the Methods' numbers, the table and the notes
    numbers = methods_numbers(prisma)
    tables = {
        name: labelled(prisma.table()) if name == "prisma_flow" else TABLES[name](review)
        for name in REPORT_PLACES
    }
    tables = {n: t for n, t in tables.items() if not (n in OPTIONAL_IN_REPORT and t.empty)}
    places = {name: key for name, key in REPORT_PLACES.items() if name in tables}
    placed: dict[str, list[str]] = {}
    for name, key in places.items():
        placed.setdefault(key, []).append(name)
    planned = []
    top = sub = 0
    for section in sections(review):
        key = section["key"]
        if key in UNNUMBERED:
            number = None
        elif key in SUBSECTIONS:
            sub += 1
            number = f"{top}.{sub}"
        else:
            top, sub = top + 1, 0
            number = f"{top}."
        body = section_text(review, key, section["body"] or "", numbers)
        planned.append(
            PlannedSection(key, section["title"], number, body, tuple(placed.get(key, ())))
        )
    keys = {s.key for s in planned}
    orphans = tuple(name for name, key in places.items() if key not in keys)
    if orphans:
        planned.append(PlannedSection(None, "", None, "", orphans))
    return ReportPlan(
        title=review.title,
        sections=tuple(planned),
        tables=tables,
        flow_problems=tuple(reconcile(prisma).notes),
        flow_entered=tuple(
            f"{label}: {getattr(prisma, FIELD_OF[key])}"
            for key, label in ENTERABLE.items()
            if prisma.is_entered(key)
        ),
    )
