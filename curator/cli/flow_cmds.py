"""`curator flow`: the PRISMA 2020 flow of a review: its counts, counts entered by hand, and
the diagram written headless.

The counts as the PRISMA2020 template CSV come from core; drawing (.svg, .png, .pdf) loads Qt
and `curator.gui.flow.workspace` inside the command, only when it draws."""

from __future__ import annotations

from pathlib import Path

import click

from curator.cli.drawing import qt_application
from curator.core.errors import CuratorError
from curator.core.review import Review

FLOW_FORMATS = (".svg", ".png", ".pdf", ".csv")


def _parse_set(values: tuple[str, ...]) -> dict[str, str]:
    counts: dict[str, str] = {}
    for value in values:
        box, sep, n = value.partition("=")
        if not sep:
            raise CuratorError(f"--set {value!r}: write BOX=N, for example database_results=1027")
        counts[box.strip()] = n
    return counts


@click.command("flow")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path),
    default=None,
    help="The file to write: .svg, .png or .pdf draws the diagram; .csv writes the counts "
    "as the PRISMA2020 R package's template. Without it, the counts are printed.",
)
@click.option(
    "--set",
    "set_",
    multiple=True,
    metavar="BOX=N",
    help="Enter a box's count by hand (a box the data cannot count, e.g. records found "
    "before Curator): database_results, duplicates, excluded_automatic, excluded_other, "
    "records_screened, records_excluded, dbr_sought_reports, dbr_notretrieved_reports, "
    "dbr_assessed. Repeatable.",
)
@click.option(
    "--clear",
    multiple=True,
    metavar="BOX",
    help="Count BOX from the data again (forget its entered count). Repeatable.",
)
@click.option("--note", default=None, help="Words on the entered counts, shown with the diagram.")
def flow_cmd(
    file: Path, out: Path | None, set_: tuple[str, ...], clear: tuple[str, ...], note: str | None
) -> None:
    """Show or write the PRISMA 2020 flow of review FILE; enter counts the data cannot count."""
    from curator.core.flow.entered import set_entered
    from curator.core.flow.prisma import KEYS, flow, reconcile

    suffix = out.suffix.lower() if out else None
    if out is not None:
        if suffix not in FLOW_FORMATS:
            raise CuratorError(f"{out.name}: use a .svg, .png, .pdf or .csv file name")
        if not out.parent.exists():
            raise CuratorError(f"{out.parent}: no such folder")
    counts = _parse_set(set_)
    with Review.open(file) as review:
        if counts or clear or note is not None:
            set_entered(review, counts, clear=clear, note=note)
            for box in clear:
                click.echo(f"{box}: counted from the data")
            for box, n in counts.items():
                click.echo(f"{box}: {int(n)} entered by hand")
        if out is None:
            found = flow(review)
            values = found.values()
            for key in KEYS:
                mark = "  (entered by hand)" if found.is_entered(key) else ""
                click.echo(f"{key}: {values[key]}{mark}")
            for note_ in reconcile(found).notes:
                click.echo(f"note: {note_}")
            return
        if suffix == ".csv":
            from curator.core.flow.template import write_prisma_csv

            write_prisma_csv(flow(review), out)
        else:
            _app = qt_application()
            from curator.gui.flow.workspace import write_flow

            write_flow(review, out)
    click.echo(f"wrote {out}")


COMMANDS = (flow_cmd,)
