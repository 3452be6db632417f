"""Timestamps as stored in the review file: ISO 8601, UTC, millisecond precision."""

from datetime import datetime, timezone


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")
