"""The `curator` command: opens the window, or runs a headless subcommand on a review file.

Each subcommand is a thin layer over one core function. Errors the user can act on
(CuratorError) print one line to stderr and exit with status 1, without a traceback.
"""

from __future__ import annotations

import sqlite3
import sys

import click

from curator import __version__
from curator.core.errors import CuratorError


class CuratorGroup(click.Group):
    """A click group that turns CuratorError into one clear line and exit status 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except CuratorError as exc:
            click.echo(f"curator: error: {exc}", err=True)
            ctx.exit(1)
        except (OSError, sqlite3.Error) as exc:  # the disk, permissions, a damaged file
            from curator.core.files import describe_failure

            click.echo(f"curator: error: {describe_failure(exc)}", err=True)
            ctx.exit(1)


@click.group(
    cls=CuratorGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, "--version", "-V", prog_name="curator")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Curator: curate an evidence synthesis from database searches to its tables.

    With no command, opens the Curator window.
    """
    from curator.core.review import Review

    Review.default_on_wait = lambda message: click.echo(f"curator: {message}", err=True)
    Review.check_before_write = True
    if ctx.invoked_subcommand is None:
        from curator.cli.review_cmds import launch_gui

        launch_gui(None)


def _register() -> None:
    from curator.cli import (
        backup_cmds,
        curation_cmds,
        dedup_cmds,
        flow_cmds,
        import_cmds,
        output_cmds,
        ranking_cmds,
        review_cmds,
        screening_cmds,
    )

    for module in (
        review_cmds,
        output_cmds,
        screening_cmds,
        flow_cmds,
        curation_cmds,
        import_cmds,
        ranking_cmds,
        dedup_cmds,
        backup_cmds,
    ):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main(argv: list[str] | None = None) -> None:
    cli.main(args=argv, prog_name="curator")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
