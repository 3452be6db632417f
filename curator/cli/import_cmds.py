"""Commands that bring citations in and out: import (with the search log) and export."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from curator.cli.options import STAGE, check_out_file
from curator.core.errors import CuratorError
from curator.core.importers import FORMATS, ImportSpec, import_files
from curator.core.report.record_export import EXPORT_FORMATS, EXPORT_SUFFIXES, WHATS, export
from curator.core.review import Review
from curator.core.searches import KINDS, search_id, update_search
from curator.core.searches import searches as list_searches
from curator.core.tasks import TaskState


def _mapping(value: str | None) -> dict[str, str] | None:
    if not value:
        return None
    try:
        text = Path(value).read_text(encoding="utf-8") if Path(value).is_file() else value
        mapping = json.loads(text)
    except (OSError, ValueError) as exc:
        raise CuratorError(f"--mapping: not a JSON object or a JSON file ({exc})") from None
    if not isinstance(mapping, dict):
        raise CuratorError('--mapping: expected a JSON object such as {"Paper name": "title"}')
    return {str(k): str(v) for k, v in mapping.items()}


@click.command("import")
@click.argument("review", type=click.Path(path_type=Path))
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--search", "search", required=True, help="The search these files came from (created if new)."
)
@click.option("--database", help="The database searched (for a new search), e.g. 'Scopus'.")
@click.option(
    "--search-kind",
    "kind",
    type=click.Choice(list(KINDS)),
    help="Where the records came from, as PRISMA counts them (for a new search; default "
    "database): a register, or other methods (website, organisation, citation searching).",
)
@click.option("--query", help="The query string run (for a new search).")
@click.option(
    "--date", "run_on", help="The date the search was run, YYYY-MM-DD (for a new search)."
)
@click.option(
    "--hits", "hits", type=int, help="The number of hits the database reported (for a new search)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS)),
    help="Read as this format instead of detecting it.",
)
@click.option(
    "--force", is_flag=True, help="Import a file even if the same file was imported before."
)
@click.option(
    "--mapping", help='CSV/XLSX columns to fields, as JSON or a JSON file: {"Paper name": "title"}.'
)
@click.option(
    "--decisions",
    type=STAGE,
    help="Record the screening decisions the files carry (ASReview, Rayyan, Covidence) at "
    "this stage, adding their exclusion reasons and labels to the review.",
)
@click.option(
    "--reviewer",
    help="Whose decisions those are (default: the reviewers the file names, else you).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the reports as JSON, for scripts.")
def import_cmd(
    review: Path,
    files: tuple[Path, ...],
    search: str,
    database,
    kind,
    query,
    run_on,
    hits,
    fmt,
    force,
    mapping,
    decisions,
    reviewer,
    as_json,
) -> None:
    """Import FILES (RIS, MEDLINE, WoS, BibTeX, CSV/TSV/XLSX, EndNote XML, CSL-JSON, ...)
    into REVIEW under one search. All files import together or not at all."""
    specs = [
        ImportSpec(path, search, database=database, kind=kind, query=query, run_on=run_on,
                   hits_reported=hits, format=fmt, mapping=_mapping(mapping), force=force,
                   decisions=decisions, reviewer=reviewer)
        for path in files
    ]  # fmt: skip
    with Review.open(review) as opened:
        if sys.stderr.isatty() and not as_json:
            with click.progressbar(length=1000, label="Importing", file=sys.stderr) as bar:

                def progress(done: int, total: int, _message: str) -> None:
                    bar.update(int(1000 * done / max(total, 1)) - bar.pos)

                reports, _ = import_files(opened, specs, TaskState(progress))
        else:
            reports, _ = import_files(opened, specs)
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in reports], ensure_ascii=False, indent=2))
        return
    for report in reports:
        click.echo(report.summary())
        if report.not_kept_line():
            click.echo(f"  {report.not_kept_line()}")
        for line in report.warning_lines(most=20):
            click.echo(f"  {line}")
        for position, reason in report.skipped[:20]:
            click.echo(f"  skipped record {position}: {reason}")
        if len(report.skipped) > 20:
            click.echo(f"  ... and {len(report.skipped) - 20} more skipped")
        if report.decisions:
            click.echo(report.decisions)
        if report.dedup:
            click.echo(report.dedup)


@click.command("export")
@click.argument("review", type=click.Path(path_type=Path))
@click.option(
    "--what",
    type=click.Choice(WHATS),
    default="records",
    show_default=True,
    help="Every imported record, every paper, or the included or excluded papers.",
)
@click.option(
    "--stage",
    type=STAGE,
    default=None,
    help="Included or excluded at this stage (default: the final decision); also the stage "
    "whose decisions become ASReview's label_included.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    required=True,
    help="The file format to write (asreview: ASReview's labelled CSV).",
)
@click.option("--out", type=click.Path(path_type=Path), required=True, help="The file to write.")
def export_cmd(review: Path, what: str, stage: str | None, fmt: str, out: Path) -> None:
    """Write records or papers of REVIEW as CSV, RIS, BibTeX, CSL-JSON or ASReview CSV."""
    check_out_file(out, (EXPORT_SUFFIXES[fmt],), f"export --format {fmt}")
    with Review.open(review) as opened:
        count = export(opened, what, fmt, out, stage=stage)
    click.echo(f"wrote {count} {what} to {out}")


@click.command("searches")
@click.argument("review", type=click.Path(path_type=Path))
@click.option(
    "--set-kind",
    nargs=2,
    metavar="SEARCH KIND",
    help=f"Mark SEARCH as a KIND of search ({', '.join(KINDS)}) before listing.",
)
def searches_cmd(review: Path, set_kind: tuple[str, str] | None) -> None:
    """List the searches of REVIEW with their kind, files and record counts."""
    with Review.open(review) as opened:
        if set_kind:
            name, kind = set_kind
            found = search_id(opened, name)
            if found is None:
                raise CuratorError(f"no search named {name!r}")
            update_search(opened, found, kind=kind)
        rows = list_searches(opened)
    if not rows:
        click.echo("no searches yet")
    for row in rows:
        kind = "" if row["kind"] == "database" else f" [{KINDS[row['kind']].lower()}]"
        records = f"{row['records']} records" if row["files"] else "no file imported"
        click.echo(
            f"{row['name']}{kind}: {row['database'] or '-'}, {row['files']} files, {records}"
        )


COMMANDS = (import_cmd, export_cmd, searches_cmd)
