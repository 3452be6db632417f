"""The one place the Tables workspace names the core tables and exports it shows and writes.

Every table is computed by the same core function the CLI uses (`curator.core.report.tables.TABLES`,
as `curator tables` writes them), and every file is written by the one table writer,
`curator.core.report.writer` (formula injection neutralised there); nothing here computes or
writes a table itself.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from curator.core.curation import claims
from curator.core.report import exports, writer
from curator.core.report.tables import TABLES, TITLES
from curator.core.review import Review

# The workspace's tab order: the review's own tables first, the PRISMA counts last.
ORDER = (
    "key_papers",
    "top_contributors",
    "claims_evidence",
    "evidence_profile",
    "research_gaps_matrix",
    "open_questions",
    "references",
    "prisma_flow",
)
# Shorter tab labels where the full title would make the tab bar scroll at 1280 px (the tab's
# tooltip, the exported files and the report keep the full title).
TAB_LABELS = {"evidence_profile": "GRADE Profile", "open_questions": "Open Questions"}
# What an empty table says, and where its rows come from (a new review's tables are all empty).
EMPTY = {
    "key_papers": (
        "No key papers yet",
        "In Curation, flag papers as Key paper (Ctrl+K) and write each one's key result.",
    ),
    "top_contributors": (
        "No included papers yet",
        "The most frequent authors and journals of the included papers are listed here.",
    ),
    "claims_evidence": (
        "No claims yet",
        "In Claims, write the review's claims, grade their strength and link their papers.",
    ),
    "evidence_profile": (
        "No claim is graded yet",
        "In Claims, tick GRADE certainty on a claim to rate its evidence.",
    ),
    "open_questions": (
        "No open questions yet",
        "Add them in Claims, on the Open questions and gaps tab.",
    ),
    "references": (
        "No included papers yet",
        "The reference list is made from the papers included at full text.",
    ),
}
FORMATS = {"csv": "CSV (*.csv)", "xlsx": "Excel workbook (*.xlsx)", "md": "Markdown (*.md)"}


def keys() -> list[str]:
    return [k for k in ORDER if k in TABLES] + [k for k in TABLES if k not in ORDER]


def title(key: str) -> str:
    return TITLES.get(key, key)


def tab_label(key: str) -> str:
    return TAB_LABELS.get(key, title(key))


def empty_text(key: str) -> tuple[str, str]:
    return EMPTY.get(key, (f"{title(key)}: nothing yet", ""))


def caption(review: Review, key: str, frame: pd.DataFrame) -> str:
    """A line under a table whose rows are a part of what another table counts, or ''."""
    if key == "evidence_profile" and len(frame):
        total = len(claims.claim_ids(review))
        if total > len(frame):
            return (
                f"{len(frame)} of {total} claims graded: a claim appears here once GRADE "
                "certainty is ticked on it in Claims."
            )
    return ""


def compute(review: Review, key: str) -> pd.DataFrame:
    return TABLES[key](review)


def markdown_table(frame: pd.DataFrame) -> str:
    return writer.markdown_table(frame)


def write_one(frame: pd.DataFrame, key: str, path: Path, fmt: str) -> Path:
    """One table as CSV, a one-sheet workbook or a Markdown table."""
    if fmt == "csv":
        writer.write_csv(frame, path)
    elif fmt == "xlsx":
        writer.write_xlsx({key: frame}, path)
    elif fmt == "md":
        writer.write_text(path, f"### {title(key)}\n\n{markdown_table(frame)}")
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return path


def write_all(review: Review, folder: Path, fmt: str) -> list[Path]:
    """Every table into `folder`, exactly as `curator tables --format FMT` writes them."""
    return exports.write_tables(review, folder, fmt)
