"""Undoable edits of the flow diagram (curator.gui.undo): a box's count entered by hand, or
given back to the data. Undo puts the entered counts back as they were."""

from __future__ import annotations

from curator.core.changes import Changes
from curator.core.flow import entered
from curator.gui.context import AppContext
from curator.gui.undo import run_value


def enter_count(context: AppContext, key: str, number: int) -> Changes:
    label = entered.ENTERABLE[key]
    return run_value(
        context,
        f"Enter {label.lower()}",
        lambda r: entered.set_entered(r, {key: number}),
        entered.stored_value,
        entered.store_value,
    )


def count_from_data(context: AppContext, key: str) -> Changes:
    label = entered.ENTERABLE[key]
    return run_value(
        context,
        f"Count {label.lower()}",
        lambda r: entered.set_entered(r, clear=[key]),
        entered.stored_value,
        entered.store_value,
    )
