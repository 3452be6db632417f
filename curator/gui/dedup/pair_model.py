"""The review queue's list model: pair ids from SQL, rows read in chunks when shown.

As the Library's PaperModel does for papers: the model holds only the ordered ids of the
pairs waiting for an answer (`dedup.candidate_ids`, best score first); a row's title, score
and rule are read (`dedup.queue_rows`) the first time the view shows it, with its neighbours,
into a bounded cache. At 100,000 records the queue holds some 31,000 pairs; opening it reads
31,000 integers, not 31,000 joined rows.
"""

from __future__ import annotations

from typing import Any

from curator.core import dedup
from curator.gui.dedup.id_list import IdListModel


class PairListModel(IdListModel):
    """The candidate pairs of the open review, highest score first."""

    _list_ids = staticmethod(dedup.candidate_ids)
    _read_rows = staticmethod(dedup.queue_rows)

    def _display(self, row: dict[str, Any]) -> str:
        title = (row.get("title_a") or row.get("title_b") or "(no title)").replace("\n", " ")
        return f"{row['score'] or 0:.2f}  {title[:90]}"

    def _tooltip(self, row: dict[str, Any]) -> str:
        return (
            f"Pair {row['id']}: papers {row['paper_a']} and {row['paper_b']}\nRule: {row['rule']}"
        )
