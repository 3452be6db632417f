"""Undoable edits of the flow diagram (curator.gui.undo): a box's count entered by hand, or
given back to the data. Undo puts the entered counts back as they were."""

from __future__ import annotations

from curator.core.changes import Changes
from curator.core.flow import entered
from curator.gui.context import AppContext
from curator.gui.undo import run_value


def set_count(context: AppContext, key: str, number: int | None) -> Changes:
    """Enter `number` for box `key` by hand, or (None) give the box back to the data."""
    label = entered.ENTERABLE[key].lower()
    if number is None:
        text, change = f"Count {label}", {"clear": [key]}
    else:
        text, change = f"Enter {label}", {"counts": {key: number}}
    return run_value(
        context,
        text,
        lambda r: entered.set_entered(r, **change),
        entered.stored_value,
        entered.store_value,
    )
