"""`curator dedup`: find and merge duplicate records in a review from the command line."""

from __future__ import annotations

from pathlib import Path

import click

from curator.core import dedup
from curator.core.errors import CuratorError
from curator.core.report.writer import frame, write_csv
from curator.core.review import Review

PAIR_COLUMNS = ("id", "paper_a", "paper_b", "status", "rule", "score", "title_score",
                "authors_score", "venue_score", "year_score", "volume_score", "issue_score",
                "pages_score", "doi_score", "decided_by", "title_a", "title_b")  # fmt: skip


@click.command("dedup")
@click.argument("review_file", metavar="REVIEW", type=click.Path(path_type=Path))
@click.option(
    "--auto-only",
    is_flag=True,
    help="Only merge the certain duplicates; do not queue uncertain pairs for review.",
)
@click.option(
    "--pairs",
    "pairs_csv",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write every candidate pair with its field scores, rule and outcome to this CSV.",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.01),
    help="Merge certain duplicates scoring at least this (default: the review's setting).",
)
def dedup_cmd(
    review_file: Path, auto_only: bool, pairs_csv: Path | None, threshold: float | None
) -> None:
    """Find duplicate papers in REVIEW, merge the certain ones and queue the rest for review."""
    if pairs_csv is not None and not pairs_csv.parent.exists():
        raise CuratorError(f"{pairs_csv.parent}: no such folder")
    with Review.open(review_file) as review:
        result = dedup.run(review, auto_threshold=threshold, queue=not auto_only)
        click.echo(
            f"compared {result.compared} pairs of {result.papers} papers in {result.seconds:.1f} s: "
            f"merged {result.merged}, queued {result.candidates}, versions {result.versions}"
        )
        click.echo(f"duplicates removed in total (PRISMA): {dedup.duplicates_removed(review)}")
        if pairs_csv is not None:
            rows = dedup.pairs_table(review)
            cells = ([row.get(c) for c in PAIR_COLUMNS] for row in rows)
            write_csv(frame(cells, PAIR_COLUMNS), pairs_csv)
            click.echo(f"wrote {len(rows)} pairs to {pairs_csv}")


COMMANDS = (dedup_cmd,)
