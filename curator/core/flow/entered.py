"""PRISMA counts entered by hand: boxes the review's data cannot count.

Records found before Curator was used, or a review screened elsewhere, leave boxes that the
data cannot count. The curator enters such a box's figure; `curator.core.flow.prisma.flow`
then uses it in place of the counted one and marks the box as entered, so the diagram, the
PRISMA2020 CSV and the report say so. Every box not entered stays counted from the data.
The figures (and an optional note in words) are stored in the review's settings.
"""

from __future__ import annotations

from curator.core.changes import Changes
from curator.core.errors import ValidationError
from curator.core.flow.words import BOX_LABELS
from curator.core.review import Review

SETTING = "prisma_entered"
# The boxes that can be entered, keyed as the PRISMA2020 template keys them, worded as the
# PRISMA 2020 diagram words them (flow.words, the one home of those words). Included
# studies are always counted from the data.
ENTERABLE = {
    key: BOX_LABELS[key]
    for key in (
        "database_results",
        "duplicates",
        "excluded_automatic",
        "excluded_other",
        "records_screened",
        "records_excluded",
        "dbr_sought_reports",
        "dbr_notretrieved_reports",
        "dbr_assessed",
    )
}


def _stored(review: Review) -> dict:
    value = review.setting(SETTING) or {}
    return {"counts": dict(value.get("counts") or {}), "note": value.get("note") or ""}


def entered_counts(review: Review) -> dict[str, int]:
    """The boxes entered by hand and their figures, in the diagram's order."""
    counts = _stored(review)["counts"]
    return {key: int(counts[key]) for key in ENTERABLE if key in counts}


def entered_note(review: Review) -> str:
    """The curator's words on the entered counts (why they differ from the data), or ''."""
    return _stored(review)["note"]


def check_box(box: str) -> str:
    box = (box or "").strip().replace("-", "_")
    if box not in ENTERABLE:
        raise ValidationError(
            f"{box or '(empty)'!r} is not a box that can be entered; use one of "
            f"{', '.join(ENTERABLE)}",
            "box",
        )
    return box


def check_count(value: object) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValidationError(f"{value!r} is not a whole number", "count") from None
    if number < 0:
        raise ValidationError(f"a count cannot be negative ({number})", "count")
    return number


def set_entered(
    review: Review,
    counts: dict[str, object] | None = None,
    *,
    clear: tuple[str, ...] | list[str] = (),
    note: str | None = None,
) -> Changes:
    """Enter (`counts`), clear (`clear`) box figures and set the note (None: keep it); every
    box and figure is checked first, so bad input changes nothing."""
    wanted = {check_box(box): check_count(n) for box, n in (counts or {}).items()}
    cleared = [check_box(box) for box in clear]
    stored = _stored(review)
    for box in cleared:
        stored["counts"].pop(box, None)
    stored["counts"].update(wanted)
    if note is not None:
        stored["note"] = note.strip()
    value = {"counts": stored["counts"], "note": stored["note"]}
    review.store_setting(SETTING, value if value["counts"] or value["note"] else None)
    return Changes(settings=True)


def stored_value(review: Review) -> dict | None:
    """The stored entered counts and note as one value (for undo to put back)."""
    return review.setting(SETTING)


def store_value(review: Review, value: dict | None) -> Changes:
    """Put back a value `stored_value` returned (None: nothing entered)."""
    review.store_setting(SETTING, value)
    return Changes(settings=True)
