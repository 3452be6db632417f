"""Timestamps as stored in the review file: ISO 8601, UTC, millisecond precision."""

from datetime import UTC, datetime


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")
