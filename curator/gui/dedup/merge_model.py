"""The Merged list's model: the merges that stand, newest first, rows read in chunks when shown.

Like the queue's PairListModel: the model holds only the merge ids (`dedup.merge_ids`, all
or the automatic ones); a row's titles, merger and date are read (`dedup.merge_rows`) the
first time the view shows it, with its neighbours. A review merged automatically at 100,000
records holds some 37,000 merges; opening the list reads 37,000 integers.
"""

from __future__ import annotations

import html
from datetime import datetime
from typing import Any

from curator.core import dedup
from curator.core.dedup.queue import merge_reason
from curator.core.review import Review
from curator.gui.dedup.id_list import IdListModel


def when(stamp: str | None) -> str:
    """A stored UTC timestamp as local date and time ("2026-12-03 17:01")."""
    if not stamp:
        return ""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


def merger(row: dict[str, Any]) -> str:
    """Who merged: the word "automatic", or "by" and the person's name."""
    return "automatic" if row["automatic"] else f"by {row['merged_by'] or 'someone'}"


def one_line(title: str | None) -> str:
    return (title or "(no title)").replace("\n", " ")


class MergeListModel(IdListModel):
    """The standing merges of the open review (kept title, merged title, who, when)."""

    _read_rows = staticmethod(dedup.merge_rows)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.automatic_only = False

    def _list_ids(self, review: Review) -> list[int]:
        return dedup.merge_ids(review, automatic_only=self.automatic_only)

    def set_automatic_only(self, automatic_only: bool) -> None:
        self.automatic_only = automatic_only
        self.reload()

    def _display(self, row: dict[str, Any]) -> str:
        kept, dropped = one_line(row["kept_title"]), one_line(row["dropped_title"])
        return f"{kept}\n⤷ {dropped}\n{merger(row)} · {when(row['merged_at'])}"

    def _tooltip(self, row: dict[str, Any]) -> str:
        why = merge_reason(row["rule"], row["merged_by"], None)
        lines = (
            f"Kept, paper {row['kept_id']}: {one_line(row['kept_title'])}",
            f"Merged into it, paper {row['dropped_id']}: {one_line(row['dropped_title'])}",
            f"{why[0].upper()}{why[1:]}, {when(row['merged_at'])}",
        )
        # Titles are imported text: escaped, so a tooltip never renders them as HTML.
        return "<qt>" + "<br>".join(html.escape(line) for line in lines) + "</qt>"
