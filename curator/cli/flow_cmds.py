"""`curator flow`: the PRISMA 2020 flow diagram of a review, written headless."""

from __future__ import annotations

import os
from pathlib import Path

import click

from curator.core.errors import CuratorError
from curator.core.review import Review

FLOW_FORMATS = (".svg", ".png", ".pdf", ".csv")


def ensure_qt_platform() -> None:
    """Draw without a display: use Qt's offscreen platform unless one is available."""
    if not os.environ.get("QT_QPA_PLATFORM") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def qt_application():
    """A QApplication for drawing (imported late: headless commands never load Qt)."""
    ensure_qt_platform()
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["curator"])


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
        from curator.core.report.exports import write_report

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


COMMANDS = (flow_cmd,)
