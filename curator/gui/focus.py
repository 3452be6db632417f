"""Keyboard focus helpers shared by the panes and dialogs."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from PySide6.QtWidgets import QWidget


def chain_tab_order(widgets: Sequence[QWidget]) -> None:
    """Tab goes through `widgets` in the order given (Qt's default is creation order, which
    puts widgets made late, such as a form's rows built after its buttons, at the end)."""
    for before, after in pairwise(widgets):
        QWidget.setTabOrder(before, after)
