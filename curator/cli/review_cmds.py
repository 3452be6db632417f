"""Commands on the review file itself: new, info, open."""

from __future__ import annotations

import json
from pathlib import Path

import click

from curator.core.display import display_problem
from curator.core.errors import CuratorError
from curator.core.review import STAGE_LABELS, Review
from curator.core.summary import info as review_info


def check_display() -> None:
    """Refuse, in one line, to open the window where there is no display (before Qt aborts)."""
    if problem := display_problem():
        raise CuratorError(problem)


def launch_gui(path: Path | None) -> None:
    """Open the window (imported late so that headless commands never load Qt)."""
    check_display()
    from curator.gui.app import run

    raise SystemExit(run(path))


@click.command("open")
@click.argument("file", type=click.Path(path_type=Path), required=False)
def open_cmd(file: Path | None) -> None:
    """Open FILE (a review) in the Curator window."""
    if file is not None:
        Review.open(file).close()  # fail here, on the terminal, if it cannot be opened
    launch_gui(file)


@click.command("new")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--title", help="The review's title (default: the file name).")
def new_cmd(file: Path, title: str | None) -> None:
    """Create an empty review file FILE."""
    with Review.create(file, title=title):
        pass
    click.echo(f"created {file}")


@click.command("info")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object, for scripts.")
def info_cmd(file: Path, as_json: bool) -> None:
    """Show counts for FILE: records, papers, and decisions per stage."""
    with Review.open(file) as review:
        data = review_info(review)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"{data['title']}  ({data['file']}, schema v{data['schema_version']})")
    for key in ("searches", "imports", "records", "papers", "included", "claims", "questions"):
        click.echo(f"  {key:<10} {data[key]:>8}")
        if key == "included":  # as the status bar: current includes, and those at full text
            click.echo(f"    at full text {data['included_full_text']:>4}")
    for stage, counts in data["decisions"].items():
        shown = ", ".join(f"{k} {v}" for k, v in counts.items()) or "none"
        click.echo(f"  {STAGE_LABELS[stage]}: {shown}")


COMMANDS = (new_cmd, info_cmd, open_cmd)
