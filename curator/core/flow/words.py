"""The PRISMA 2020 diagram's words for each box, keyed as the PRISMA2020 template keys them:
the one home of the words people read (the Tables tab, the exports, the report, the boxes
that can be entered by hand). Only the PRISMA2020 CSV keeps the keys."""

from __future__ import annotations

BOX_LABELS: dict[str, str] = {
    "database_results": "Records identified from databases",
    "database_specific_results": "Records identified, per database",
    # the three lines of the diagram's "Records removed before screening" box
    "duplicates": "Duplicate records removed",
    "excluded_automatic": "Records marked as ineligible by automation tools",
    "excluded_other": "Records removed for other reasons",
    "records_screened": "Records screened",
    "records_excluded": "Records excluded",
    "dbr_sought_reports": "Reports sought for retrieval",
    "dbr_notretrieved_reports": "Reports not retrieved",
    "dbr_assessed": "Reports assessed for eligibility",
    "dbr_excluded": "Reports excluded (with reasons)",
    "new_studies": "New studies included in review",
    "new_reports": "Reports of new included studies",
}
