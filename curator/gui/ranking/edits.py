"""Undoable stopping-rule edits (curator.gui.undo): drawing a random sample and recording an
early stop. Each puts back the stage's previous value on undo and its own on redo, so redo
repeats exactly what was drawn; neither excludes anything.
"""

from __future__ import annotations

from curator.core.changes import Changes
from curator.core.ranking import stopping
from curator.gui.context import AppContext
from curator.gui.undo import run_value


def draw_sample(context: AppContext, stage: str, size: int, seed: int) -> Changes:
    """Draw a stopping sample of `size` unscreened records (replacing any) with `seed`."""
    return run_value(
        context,
        f"Draw a stopping sample of {size}",
        lambda r: stopping.draw_sample(r, stage, size, seed=seed),
        lambda r: stopping.sample(r, stage),
        lambda r, value: stopping.set_sample(r, stage, value),
    )


def record_stop(context: AppContext, stage: str, reason: str) -> Changes:
    """Record that screening of `stage` stopped early, and why (for the PRISMA report)."""
    return run_value(
        context,
        "Record early stop",
        lambda r: stopping.record_stop(r, stage, reason),
        lambda r: stopping.stop_record(r, stage),
        lambda r, value: stopping.set_stop(r, stage, value),
    )
