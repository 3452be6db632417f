"""Screening commands: decisions to and from CSV, screening packets, agreement, top-N."""

from __future__ import annotations

from pathlib import Path

import click

from curator.cli.options import STAGE, check_out_file
from curator.core.ranking.include_top import include_top_n
from curator.core.review import STAGE_LABELS, Review
from curator.core.screening.agreement import agreement_report, format_report
from curator.core.screening.decisions import CONSENSUS
from curator.core.screening.decisions_csv import export_csv, import_csv
from curator.core.screening.packets import export_packet, import_packet

STAGE_OPTION = click.option(
    "--stage",
    "-s",
    required=True,
    type=STAGE,
    help="Screening stage: title-abstract or full-text.",
)
REVIEW_ARG = click.argument("review", type=click.Path(path_type=Path))


@click.command("screen-export")
@REVIEW_ARG
@STAGE_OPTION
@click.option(
    "--out",
    "-o",
    "out",
    required=True,
    type=click.Path(path_type=Path),
    help="CSV file to write (columns id,decision,reason,note,reviewer,...).",
)
@click.option("--reviewer", help="Write this reviewer's decisions (default: the effective ones).")
def screen_export_cmd(review: Path, stage: str, out: Path, reviewer: str | None) -> None:
    """Write the records at a stage of REVIEW, with their decisions, to a CSV file."""
    check_out_file(out, (".csv",), "screen-export")
    with Review.open(review) as opened:
        count = export_csv(opened, stage, out, reviewer=reviewer)
    click.echo(f"wrote {count} records ({STAGE_LABELS[stage].lower()}) to {out}")


@click.command("screen-import")
@REVIEW_ARG
@click.argument("file", type=click.Path(path_type=Path))
@STAGE_OPTION
@click.option("--reviewer", help="Reviewer for rows whose reviewer column is empty (default: you).")
@click.option(
    "--add-reasons",
    is_flag=True,
    help="Add exclusion reasons the review does not have yet (otherwise such rows are refused).",
)
def screen_import_cmd(
    review: Path, file: Path, stage: str, reviewer: str | None, add_reasons: bool
) -> None:
    """Record the decisions in CSV FILE into REVIEW: every row is checked first, and all
    are recorded in one transaction or none are. Rows with an empty decision are skipped."""
    with Review.open(review) as opened:
        _, count, skipped = import_csv(
            opened, file, stage, reviewer=reviewer, add_reasons=add_reasons
        )
    click.echo(
        f"recorded {count} decisions from {file}"
        + (f" ({skipped} blank rows skipped)" if skipped else "")
    )


@click.command("packet-export")
@REVIEW_ARG
@STAGE_OPTION
@click.option(
    "--out",
    "-o",
    "out",
    required=True,
    type=click.Path(path_type=Path),
    help="The packet file to create (a review file, e.g. bob.curator).",
)
@click.option("--reviewer", default="", help="Who the packet is for (shown in the packet).")
def packet_export_cmd(review: Path, stage: str, out: Path, reviewer: str) -> None:
    """Export a blind screening packet: the records at a stage with the criteria, reasons and
    highlight terms, and none of the reviewers' decisions."""
    check_out_file(out, (".curator",), "packet-export")
    with Review.open(review) as opened:
        count = export_packet(opened, out, stage, reviewer=reviewer)
    click.echo(f"wrote a packet of {count} records to {out}")


@click.command("packet-import")
@REVIEW_ARG
@click.argument("packet", type=click.Path(path_type=Path))
def packet_import_cmd(review: Path, packet: Path) -> None:
    """Bring a finished screening PACKET's decisions into REVIEW (all or nothing)."""
    with Review.open(review) as opened:
        _, contents = import_packet(opened, packet)
    who = ", ".join(contents.reviewers) or "nobody"
    click.echo(f"recorded {len(contents.decisions)} decisions by {who} from {packet}")


@click.command("agreement")
@REVIEW_ARG
def agreement_cmd(review: Path) -> None:
    """Report agreement between reviewers per stage: percentage, Cohen's kappa and PABAK."""
    with Review.open(review) as opened:
        click.echo(format_report(agreement_report(opened)))


@click.command("include-top")
@REVIEW_ARG
@click.argument("n", type=int)
@click.option(
    "--by",
    type=click.Choice(["score", "manual"]),
    default="score",
    show_default=True,
    help="Rank by relevance score (highest first) or manual rank (1 first).",
)
@click.option("--keep-rest", is_flag=True, help="Do not exclude the papers below the top N.")
def include_top_cmd(review: Path, n: int, by: str, keep_rest: bool) -> None:
    """Include the top N ranked papers at full text as a team (consensus) decision; the
    rest are excluded with the reason "Not among the top N most relevant"."""
    with Review.open(review) as opened:
        include_top_n(opened, n, by=by, exclude_rest=not keep_rest, reviewer=CONSENSUS)
    click.echo(f"included the top {n} papers by {by}")


COMMANDS = (
    screen_export_cmd,
    screen_import_cmd,
    packet_export_cmd,
    packet_import_cmd,
    agreement_cmd,
    include_top_cmd,
)
