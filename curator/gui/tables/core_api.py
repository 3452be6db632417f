"""The one place the Tables workspace names the core table functions and exports it shows.

Every table is computed by the same core function the CLI uses (`curator tables`), and every
file is written by the core exports; this module only lists them in the workspace's order.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from curator.core.review import Review


@dataclass(frozen=True)
class TableSpec:
    key: str  # the core function's name and the export's file stem
    title: str  # as the reference review captions it
    module: str  # where the core function lives

    def function(self) -> Callable[[Review], pd.DataFrame]:
        return getattr(importlib.import_module(self.module), self.key)

    def compute(self, review: Review) -> pd.DataFrame:
        return self.function()(review)


TABLES: tuple[TableSpec, ...] = (
    TableSpec("key_papers", "Key Papers", "curator.core.tables"),
    TableSpec("top_contributors", "Top Contributors", "curator.core.tables"),
    TableSpec("claims_evidence", "Claims and Evidence", "curator.core.tables"),
    TableSpec("research_gaps_matrix", "Research Gaps Matrix", "curator.core.tables"),
    TableSpec("open_questions", "Open Research Questions", "curator.core.tables"),
    TableSpec("references", "References", "curator.core.tables"),
    TableSpec("prisma_flow", "PRISMA Counts", "curator.core.prisma"),
)
BY_KEY = {spec.key: spec for spec in TABLES}


def markdown_table(frame: pd.DataFrame) -> str:
    from curator.core import exports

    return exports.markdown_table(frame)
