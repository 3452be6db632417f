"""Shared helpers for ordered lists (facets, terms, claims, questions)."""

from __future__ import annotations

from collections.abc import Sequence

from curator.core.errors import CuratorError
from curator.core.review import Review


def next_position(review: Review, table: str, where: str = "1", params: Sequence = ()) -> int:
    return review.db.execute(
        f"SELECT COALESCE(MAX(position) + 1, 0) FROM {table} WHERE {where}", params
    ).fetchone()[0]


def reorder(
    review: Review, table: str, ids: Sequence[int], where: str = "1", params: Sequence = ()
) -> None:
    """Give rows `ids` the positions 0..n-1 in that order; ids must be exactly the rows."""
    existing = {
        row[0] for row in review.db.execute(f"SELECT id FROM {table} WHERE {where}", params)
    }
    if set(ids) != existing or len(ids) != len(existing):
        raise CuratorError(f"the new order must list each of the {len(existing)} rows once")
    review.db.conn.executemany(
        f"UPDATE {table} SET position = ? WHERE id = ?",
        [(i, row_id) for i, row_id in enumerate(ids)],
    )
