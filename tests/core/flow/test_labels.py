"""PRISMA boxes in people's words: tables and the report name the boxes as the PRISMA 2020
diagram does; only the PRISMA2020 CSV (for the R package) keeps the keys."""

from __future__ import annotations

import pandas as pd

from curator.core.flow.labels import BOX_COLUMN, BOX_LABELS, box_label, labelled
from curator.core.flow.prisma import KEYS, flow
from curator.core.flow.template import prisma_csv_frame
from curator.core.report.exports import report_markdown
from curator.core.report.tables import TABLES


def test_every_prisma_key_has_the_diagram_wording():
    assert set(BOX_LABELS) == set(KEYS)
    assert box_label("dbr_sought_reports") == "Reports sought for retrieval"
    assert box_label("database_results") == "Records identified from databases"
    assert box_label("a_new_box") == "a_new_box"


def test_the_table_and_the_report_show_words_and_the_csv_keeps_keys(review):
    table = TABLES["prisma_flow"](review)
    assert list(table.columns[:2]) == [BOX_COLUMN, "n"]
    assert list(table[BOX_COLUMN]) == [BOX_LABELS[k] for k in KEYS]
    assert list(table["n"]) == list(flow(review).table()["n"])
    report = report_markdown(review)
    for key in ("database_results", "dbr_sought_reports", "records_screened"):
        assert key not in report and key.replace("_", "\\_") not in report
    assert "| Reports sought for retrieval |" in report
    assert "dbr_sought_reports" in set(prisma_csv_frame(flow(review))["data"])


def test_labelled_keeps_further_columns():
    frame = pd.DataFrame({"data": ["duplicates"], "n": ["3"], "entered": ["yes"]})
    assert labelled(frame).to_dict("records") == [
        {BOX_COLUMN: "Duplicate records removed", "n": "3", "entered": "yes"}
    ]
