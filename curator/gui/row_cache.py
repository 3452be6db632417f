"""Rows of an id-list model, read in chunks the first time a view shows them.

Anki's browser pattern, shared by the Library's PaperModel and the duplicates queue: a model
holds only the ordered ids its query returned; showing row `n` reads the rows of the chunk
around it with one query (`fetch(ids) -> {id: row}`) into a cache that is emptied when it
grows past a bound, so memory follows what was looked at, not the size of the review.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

Row = dict[str, Any]


class RowCache:
    def __init__(
        self, fetch: Callable[[Sequence[int]], dict[int, Row]], chunk: int = 256, limit: int = 4096
    ):
        self._fetch = fetch
        self.chunk = chunk
        self.limit = limit
        self._rows: dict[int, Row] = {}

    def clear(self) -> None:
        self._rows.clear()

    def __contains__(self, item_id: int) -> bool:
        return item_id in self._rows

    def __len__(self) -> int:
        return len(self._rows)

    def row(self, ids: Sequence[int], position: int) -> Row | None:
        """The row of `ids[position]`, reading its chunk of `ids` when it is not cached."""
        item_id = ids[position]
        found = self._rows.get(item_id)
        if found is None:
            if len(self._rows) > self.limit:
                self._rows.clear()
            start = position - position % self.chunk
            self._rows.update(self._fetch(ids[start : start + self.chunk]))
            found = self._rows.get(item_id)
        return found
