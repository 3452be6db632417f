"""The PRISMA2020 R package's CSV template, filled with a review's PRISMA flow counts.

The official PRISMA 2020 flow-diagram tool (the `PRISMA2020` R package and its Shiny app,
github.com/prisma-flowdiagram/PRISMA2020, file `inst/extdata/PRISMA.csv`) reads a CSV with
the columns `data,node,box,description,boxtext,tooltips,url,n`, one row per box or box line.
`TEMPLATE` transcribes its rows in its order, with its texts; `prisma_csv_frame` fills in `n`
from a `curator.core.flow.prisma.PrismaFlow` (its `values()`, keyed by `data`), so a curator
can restyle the diagram in the official app.

Rows Curator does not count (previous versions of the review, registers, other methods and the
totals) get `NA` in `n`: the R package hides a box whose count is NA, whereas 0 would draw it.
The title and side rows (`data` NA) keep the template's 0. Database names and exclusion
reasons are the curator's data: a count cell that would start a spreadsheet formula is
neutralised as in every other export (`curator.core.report.writer`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from curator.core.flow.prisma import PrismaFlow
from curator.core.report.writer import csv_text, neutralise, write_text

COLUMNS = ("data", "node", "box", "description", "boxtext", "tooltips", "url", "n")

_DBR = "(databases and registers)"
_REASONS = "[separate reasons and numbers using ; e.g. Reason1, xxx; Reason2, xxx; Reason3, xxx]"

# data, node, box, description, boxtext, tooltips, url, template n (one upstream row a line)
# fmt: off
TEMPLATE: tuple[tuple[str, ...], ...] = (
    ("NA", "node4", "prevstud", "Grey title box; Previous studies", "Previous studies", "Grey title box; Previous studies", "prevstud.html", "0"),
    ("previous_studies", "node5", "box1", "Studies included in previous version of review", "Studies included in previous version of review", "Studies included in previous version of review", "previous_studies.html", "0"),
    ("previous_reports", "NA", "box1", "Reports of studies included in previous version of review", "Reports of studies included in previous version of review", "NA", "previous_reports.html", "0"),
    ("NA", "node6", "newstud", "Yellow title box; Identification of new studies via databases and registers", "Identification of new studies via databases and registers", "Yellow title box; Identification of new studies via databases and registers", "newstud.html", "0"),
    ("database_results", "node7", "box2", "Records identified from: Databases", "Databases", "Records identified from: Databases and Registers", "database_results.html", "0"),
    ("database_specific_results", "NA", "box2", "Records identified from: specific databases", "Specific Databases", "NA", "database_results.html", "Database 1, xxx; Database 2, xxx; Database 3, xxx"),
    ("register_results", "NA", "box2", "Records identified from: Registers", "Registers", "NA", "NA", "0"),
    ("register_specific_results", "NA", "box2", "Records identified from: specific registers", "Specific Registers", "NA", "database_results.html", "Register 1, xxx; Register 2, xxx; Register 3, xxx"),
    ("NA", "node16", "othstud", "Grey title box; Identification of new studies via other methods", "Identification of new studies via other methods", "Grey title box; Identification of new studies via other methods", "othstud.html", "0"),
    ("website_results", "node17", "box11", "Records identified from: Websites", "Websites", "Records identified from: Websites, Organisations and Citation Searching", "website_results.html", "0"),
    ("organisation_results", "", "box11", "Records identified from: Organisations", "Organisations", "NA", "NA", "0"),
    ("citations_results", "NA", "box11", "Records identified from: Citation searching", "Citation searching", "NA", "NA", "0"),
    ("duplicates", "node8", "box3", "Duplicate records", "Duplicate records", "Duplicate records", "duplicates.html", "0"),
    ("excluded_automatic", "NA", "box3", "Records marked as ineligible by automation tools", "Records marked as ineligible by automation tools", "NA", "NA", "0"),
    ("excluded_other", "NA", "box3", "Records removed for other reasons", "Records removed for other reasons", "NA", "NA", "0"),
    ("records_screened", "node9", "box4", f"Records screened {_DBR}", "Records screened", f"Records screened {_DBR}", "records_screened.html", "0"),
    ("records_excluded", "node10", "box5", f"Records excluded {_DBR}", "Records excluded", f"Records excluded {_DBR}", "records_excluded.html", "0"),
    ("dbr_sought_reports", "node11", "box6", f"Reports sought for retrieval {_DBR}", "Reports sought for retrieval", f"Reports sought for retrieval {_DBR}", "dbr_sought_reports.html", "0"),
    ("dbr_notretrieved_reports", "node12", "box7", f"Reports not retrieved {_DBR}", "Reports not retrieved", f"Reports not retrieved {_DBR}", "dbr_notretrieved_reports.html", "0"),
    ("other_sought_reports", "node18", "box12", "Reports sought for retrieval (other)", "Reports sought for retrieval", "Reports sought for retrieval (other)", "other_sought_reports.html", "0"),
    ("other_notretrieved_reports", "node19", "box13", "Reports not retrieved (other)", "Reports not retrieved", "Reports not retrieved (other)", "other_notretrieved_reports.html", "0"),
    ("dbr_assessed", "node13", "box8", f"Reports assessed for eligibility {_DBR}", "Reports assessed for eligibility", f"Reports assessed for eligibility {_DBR}", "dbr_assessed.html", "0"),
    ("dbr_excluded", "node14", "box9", f"Reports excluded {_DBR}: {_REASONS}", "Reports excluded", f"Reports excluded {_DBR}", "dbrexcludedrecords.html", "Reason1, xxx; Reason2, xxx; Reason3, xxx"),
    ("other_assessed", "node20", "box14", "Reports assessed for eligibility (other)", "Reports assessed for eligibility", "Reports assessed for eligibility (other)", "other_assessed.html", "0"),
    ("other_excluded", "node21", "box15", f"Reports excluded (other): {_REASONS}", "Reports excluded", "Reports excluded (other)", "other_excluded.html", "Reason1, xxx; Reason2, xxx; Reason3, xxx"),
    ("new_studies", "node15", "box10", "New studies included in review", "New studies included in review", "New studies included in review", "new_studies.html", "0"),
    ("new_reports", "NA", "box10", "Reports of new included studies", "Reports of new included studies", "NA", "NA", "0"),
    ("total_studies", "node22", "box16", "Total studies included in review", "Total studies included in review", "Total studies included in review", "total_studies.html", "0"),
    ("total_reports", "NA", "box16", "Reports of total included studies", "Reports of total included studies", "NA", "NA", "0"),
    ("identification", "node1", "identification", "Blue identification box", "Identification", "Blue identification box", "identification.html", "0"),
    ("screening", "node2", "screening", "Blue screening box", "Screening", "Blue screening box", "screening.html", "0"),
    ("included", "node3", "included", "Blue included box", "Included", "Blue included box", "included.html", "0"),
)
# fmt: on
TEMPLATE_KEYS = tuple(row[0] for row in TEMPLATE)
# Count rows outside what Curator records: NA hides their boxes in the official tool.
NOT_COUNTED = (
    "previous_studies",
    "previous_reports",
    "register_results",
    "register_specific_results",
    "website_results",
    "organisation_results",
    "citations_results",
    "other_sought_reports",
    "other_notretrieved_reports",
    "other_assessed",
    "other_excluded",
    "total_studies",
    "total_reports",
)


def prisma_csv_frame(flow: PrismaFlow) -> pd.DataFrame:
    """The template's rows, in its order, with `n` taken from the flow's counts."""
    values = flow.values()
    rows = []
    for row in TEMPLATE:
        key = row[0]
        if key in values:
            n = values[key]
        elif key in NOT_COUNTED:
            n = "NA"
        else:
            n = row[-1]
        rows.append((*row[:-1], neutralise(n)))
    return pd.DataFrame(rows, columns=list(COLUMNS), dtype=object)


def prisma_csv_text(flow: PrismaFlow) -> str:
    """The filled template as CSV text, quoted as R's write.csv quotes (only where needed)."""
    return csv_text(prisma_csv_frame(flow))


def write_prisma_csv(flow: PrismaFlow, path: str | Path) -> Path:
    """Write the filled template to `path` (UTF-8)."""
    return write_text(path, prisma_csv_text(flow))
