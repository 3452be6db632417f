"""`curator backups`: list a review's automatic backups, take one now, or restore one."""

from __future__ import annotations

from pathlib import Path

import click

from curator.core import backups as backupmod
from curator.core.errors import CuratorError
from curator.core.review import Review


@click.command("backups")
@click.argument("review_file", metavar="REVIEW", type=click.Path(path_type=Path))
@click.option("--now", "take_now", is_flag=True, help="Take a verified backup now.")
@click.option(
    "--restore",
    "restore_n",
    type=click.IntRange(min=1),
    help="Restore backup N of the list (1 is the newest); the review as it is now is "
    "backed up first, so the restore can be undone.",
)
def backups_cmd(review_file: Path, take_now: bool, restore_n: int | None) -> None:
    """List REVIEW's backups (newest first), take one now, or restore one."""
    with Review.open(review_file):  # refuses anything that is not a review, changes nothing
        pass
    if take_now:
        with Review.open(review_file) as review:
            made = backupmod.make_backup(review.db.conn, review.path)
        click.echo(f"backed up to {made.path}")
    if restore_n is not None:
        listed = backupmod.list_backups(review_file)
        if restore_n > len(listed):
            raise CuratorError(
                f"{review_file}: there is no backup {restore_n} ({len(listed)} listed)"
            )
        chosen = listed[restore_n - 1]
        before = backupmod.restore(review_file, chosen)
        click.echo(
            f"restored the backup of {chosen.label}; the review as it was is kept as {before.path}"
        )
        return
    listed = backupmod.list_backups(review_file)
    if not listed:
        click.echo(f"no backups yet in {backupmod.backup_dir(review_file)}")
        return
    click.echo(f"backups in {backupmod.backup_dir(review_file)}:")
    for n, backup in enumerate(listed, 1):
        click.echo(f"{n:>3}  {backup.label}  {backup.size / 1e6:.1f} MB")


COMMANDS = (backups_cmd,)
