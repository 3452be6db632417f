"""Commands that build the demo review and write the review's tables and report.

The Markdown report comes from core; HTML and PDF embed the drawn flow diagram, so
`write_report_as` loads Qt and `curator.gui.report_export` inside itself, only for them."""

from __future__ import annotations

from pathlib import Path

import click

from curator.cli.drawing import qt_application
from curator.core.demo import build_demo
from curator.core.errors import CuratorError
from curator.core.flow.prisma import flow, reconcile
from curator.core.report.exports import FORMATS, write_report, write_tables
from curator.core.review import Review


@click.command("demo")
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--open",
    "open_after",
    is_flag=True,
    help="Open it in the Curator window afterwards; an existing PATH is opened as it is.",
)
def demo_cmd(path: Path, open_after: bool) -> None:
    """Create PATH: the reference review as a demo review file."""
    if not (open_after and path.exists()):
        build_demo(path).close()
        click.echo(f"created {path}")
    if open_after:
        from curator.cli.review_cmds import launch_gui

        Review.open(path).close()  # a clear error here rather than in the window
        launch_gui(path)


@click.command("tables")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder to write the tables into (created if missing).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="csv",
    show_default=True,
    help="csv: one UTF-8 file per table; xlsx: one workbook, a sheet per table; md: Markdown tables.",
)
def tables_cmd(file: Path, out: Path, fmt: str) -> None:
    """Write every table of review FILE (PRISMA flow, key papers, ...) into a folder."""
    with Review.open(file) as review:
        written = write_tables(review, out, fmt)
        problems = reconcile(flow(review)).notes
    for path in written:
        click.echo(str(path))
    for problem in problems:
        click.echo(f"curator: note: PRISMA counts: {problem}", err=True)


REPORT_FORMATS = ("md", "html", "pdf")


def report_format(out: Path, fmt: str | None) -> str:
    """The report's format: as given, else by the file's extension, else Markdown."""
    if fmt:
        return fmt
    suffix = out.suffix.lower().lstrip(".")
    return {"htm": "html", "markdown": "md"}.get(
        suffix, suffix if suffix in REPORT_FORMATS else "md"
    )


def write_report_as(review: Review, out: Path, fmt: str) -> Path:
    """Write the whole report as Markdown (core), HTML or PDF (drawn with Qt, loaded late)."""
    if fmt == "md":
        return write_report(review, out)
    if fmt not in REPORT_FORMATS:
        raise CuratorError(f"unknown report format {fmt!r}; use one of {', '.join(REPORT_FORMATS)}")
    if out.is_dir():
        raise CuratorError(f"{out}: is a folder; give the report's file name")
    if not out.parent.exists():
        raise CuratorError(f"{out.parent}: no such folder")
    _app = qt_application()
    from curator.gui.report_export import write_report_file

    return write_report_file(review, out, fmt)


@click.command("report")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path),
    required=True,
    help="The file to write (for example review.md, review.html or review.pdf).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(REPORT_FORMATS),
    default=None,
    help="md, html or pdf (default: from --out's extension, else md).",
)
def report_cmd(file: Path, out: Path, fmt: str | None) -> None:
    """Write review FILE as one document: sections, tables, flow diagram, references."""
    with Review.open(file) as review:
        path = write_report_as(review, out, report_format(out, fmt))
    click.echo(f"wrote {path}")


COMMANDS = (demo_cmd, tables_cmd, report_cmd)
