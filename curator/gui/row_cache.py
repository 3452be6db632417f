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
    """Rows by id, read a chunk of the id list at a time (see the module docstring)."""

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


class IdRows:
    """What an id-list model holds, for a Qt model class to mix in (before the Qt base): the
    ordered ids (`_ids`), the review (`_review`), and the rows read through a RowCache from
    the subclass's `_fetch(ids) -> {id: row}`. Call `_init_id_rows()` in `__init__`."""

    CHUNK = 256  # rows read together when the view shows one that is not cached
    CACHE_LIMIT = 4096  # rows kept; the cache is emptied when it grows past this

    def _init_id_rows(self) -> None:
        self._review = None
        self._ids: list[int] = []
        self._rows = RowCache(self._fetch, self.CHUNK, self.CACHE_LIMIT)

    def _fetch(self, ids: Sequence[int]) -> dict[int, Row]:
        raise NotImplementedError

    @property
    def ids(self) -> list[int]:
        return self._ids

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def is_fetched(self, row: int) -> bool:
        return self._ids[row] in self._rows

    def fetched_count(self) -> int:
        return len(self._rows)

    def _row(self, row: int) -> Row | None:
        return self._rows.row(self._ids, row)
