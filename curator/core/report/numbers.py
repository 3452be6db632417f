"""The Methods' numbers from the data, filled into the curator's text of any report format.

A section may say "In total, {identified} papers were identified, {duplicates} duplicates
were removed, {screened} were screened, {eligible} were deemed eligible, and {included} were
included"; every report writer replaces the tokens with the PRISMA counts of the review, so
the prose never disagrees with the flow diagram. An empty Methods section gets
`NUMBERS_SENTENCE`.
"""

from __future__ import annotations

import re

from curator.core.flow.prisma import PrismaFlow
from curator.core.review import Review

TOKENS = ("identified", "duplicates", "screened", "eligible", "included")
NUMBERS_SENTENCE = (
    "In total, {identified} papers were identified, {duplicates} duplicates were removed, "
    "{screened} were screened, {eligible} were deemed eligible, and {included} were included "
    "in this review."
)
_TOKEN = re.compile(r"\{(" + "|".join(TOKENS) + r")\}")


def methods_numbers(flow: PrismaFlow) -> dict[str, int | None]:
    """The numbers the Methods quote, from the PRISMA counts (eligible = reports assessed)."""
    return {
        "identified": flow.database_results,
        "duplicates": flow.duplicates,
        "screened": flow.records_screened,
        "eligible": flow.assessed,
        "included": flow.included,
    }


def fill_numbers(text: str, numbers: dict[str, int | None]) -> str:
    """Replace `{identified}` and the other tokens with the review's counts ("?" if unknown)."""

    def value(match: re.Match[str]) -> str:
        n = numbers.get(match.group(1))
        return "?" if n is None else str(n)

    return _TOKEN.sub(value, text)


def section_text(review: Review, key: str, body: str, numbers: dict[str, int | None]) -> str:
    """A section's text as a report prints it: tokens filled, the default Methods sentence."""
    if key == "methods" and not body.strip():
        body = NUMBERS_SENTENCE
    return fill_numbers(body, numbers)
