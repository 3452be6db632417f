"""The PRISMA 2020 boxes in people's words: each PRISMA2020 key (`database_results`,
`dbr_sought_reports`, ...) named as the PRISMA 2020 flow diagram words its box.

The keys stay the data's names (the PRISMA2020 R package's CSV, `curator.core.flow.template`);
every table a person reads (the Tables workspace, the table exports, the report) shows these
labels instead. A key without a label (a box added later) shows as itself.
"""

from __future__ import annotations

import pandas as pd

from curator.core.flow.prisma import prisma_flow
from curator.core.flow.words import BOX_LABELS
from curator.core.review import Review

BOX_COLUMN, COUNT_COLUMN = "PRISMA 2020 box", "n"


def box_label(key: str) -> str:
    """The PRISMA 2020 diagram's words for the box `key` (the key itself if it has none)."""
    return BOX_LABELS.get(key, key)


def labelled(table: pd.DataFrame) -> pd.DataFrame:
    """A PRISMA `data,n` table with its keys in people's words (`PRISMA 2020 box`, `n`);
    any further column is kept as it is."""
    frame = table.copy()
    if "data" in frame.columns:
        frame["data"] = [box_label(str(key)) for key in frame["data"]]
    return frame.rename(columns={"data": BOX_COLUMN, "n": COUNT_COLUMN})


def prisma_table(review: Review) -> pd.DataFrame:
    """The review's PRISMA 2020 counts as people read them (the Tables tab, the exports)."""
    return labelled(prisma_flow(review))
