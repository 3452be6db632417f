"""`curator flow`: the PRISMA 2020 flow diagram of a review, written headless.

The counts as the PRISMA2020 template CSV come from core; drawing (.svg, .png, .pdf) loads Qt
and `curator.gui.flow.workspace` inside the command, only when it draws."""

from __future__ import annotations

from pathlib import Path

import click

from curator.cli.drawing import qt_application
from curator.core.errors import CuratorError
from curator.core.review import Review

FLOW_FORMATS = (".svg", ".png", ".pdf", ".csv")


@click.command("flow")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path),
    required=True,
    help="The file to write: .svg, .png or .pdf draws the diagram; .csv writes the counts "
    "as the PRISMA2020 R package's template.",
)
def flow_cmd(file: Path, out: Path) -> None:
    """Write the PRISMA 2020 flow diagram of review FILE (format by --out's extension)."""
    suffix = out.suffix.lower()
    if suffix not in FLOW_FORMATS:
        raise CuratorError(f"{out.name}: use a .svg, .png, .pdf or .csv file name")
    if not out.parent.exists():
        raise CuratorError(f"{out.parent}: no such folder")
    with Review.open(file) as review:
        if suffix == ".csv":
            from curator.core.flow.prisma import flow
            from curator.core.flow.template import write_prisma_csv

            write_prisma_csv(flow(review), out)
        else:
            _app = qt_application()
            from curator.gui.flow.workspace import write_flow

            write_flow(review, out)
    click.echo(f"wrote {out}")


COMMANDS = (flow_cmd,)
