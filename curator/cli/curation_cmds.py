"""Curation from scripts: claims (list, add, edit, grade, show), tagging papers, key papers.

A paper is named by its id, its DOI or an in-text citation ("Månsson et al., 2016"). Bad
values (an unknown strength, paper, facet or term; an empty text) exit with status 1 and a
clear message, and the review file is left unchanged.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from curator.core.curation import claims as claims_core
from curator.core.curation import facets, grade
from curator.core.errors import CuratorError
from curator.core.papers import get_paper, update_paper
from curator.core.resolve import citations_for, paper_citation, resolve_paper
from curator.core.review import Review

REVIEW = click.Path(path_type=Path)
PAPER_HELP = (
    "A linked paper: its id, DOI or in-text citation ('Månsson et al., 2016'); repeat in order."
)
RELATION_HELP = "How each --paper bears on the claim (supports, contradicts, context, or none), one per --paper."


def _relations(values: tuple[str, ...], papers: list[int]) -> list[str | None] | None:
    if not values:
        return None
    if len(values) != len(papers):
        raise CuratorError(
            f"give one --relation per --paper ({len(papers)} papers, {len(values)} relations)"
        )
    out: list[str | None] = []
    for value in values:
        if value == "none":
            out.append(None)
        elif value in claims_core.RELATIONS:
            out.append(value)
        else:
            raise CuratorError(
                f"--relation {value!r} is not one of {', '.join(claims_core.RELATIONS)}, none"
            )
    return out


@click.group("claims")
@click.argument("review_file", metavar="REVIEW", type=REVIEW)
@click.pass_context
def claims_group(ctx: click.Context, review_file: Path) -> None:
    """List, add and edit the claims of the review file REVIEW."""
    ctx.obj = review_file


@claims_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list, for scripts.")
@click.pass_obj
def claims_list(review_file: Path, as_json: bool) -> None:
    """List the claims in order, numbered as `edit` expects."""
    with Review.open(review_file) as review:
        rows = claims_core.claims(review)
        cites = citations_for(review, sorted({p for row in rows for p in row["papers"]}))
        for row in rows:
            row["citations"] = [cites[p] for p in row["papers"]]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("no claims yet")
    for number, row in enumerate(rows, 1):
        click.echo(f"{number}. [{row['strength']}] {row['text']}")
        if row["reasoning"]:
            click.echo(f"   reasoning: {row['reasoning']}")
        click.echo(f"   papers: ({'; '.join(row['citations'])})")


@claims_group.command("add")
@click.option("--text", required=True, help="The claim itself.")
@click.option(
    "--strength", required=True, help="Its evidence strength, a level of the review's scale."
)
@click.option("--reasoning", help="Why the evidence has that strength.")
@click.option("--paper", "papers", multiple=True, required=True, help=PAPER_HELP)
@click.option("--relation", "relations", multiple=True, help=RELATION_HELP)
@click.pass_obj
def claims_add(
    review_file: Path,
    text: str,
    strength: str,
    reasoning: str | None,
    papers: tuple[str, ...],
    relations: tuple[str, ...],
) -> None:
    """Add a claim linked to one or more papers."""
    with Review.open(review_file) as review:
        ids = [resolve_paper(review, p) for p in papers]
        changes = claims_core.add_claim(
            review, text, strength, ids, reasoning=reasoning, relations=_relations(relations, ids)
        )
        number = claims_core.claim_ids(review).index(changes.id) + 1
    click.echo(f"added claim {number}")


@claims_group.command("edit")
@click.argument("number", type=int)
@click.option("--text", help="New text for the claim.")
@click.option("--strength", help="New evidence strength (a level of the review's scale).")
@click.option("--reasoning", help="New reasoning.")
@click.option("--paper", "papers", multiple=True, help=PAPER_HELP + " Replaces the linked papers.")
@click.option("--relation", "relations", multiple=True, help=RELATION_HELP)
@click.pass_obj
def claims_edit(
    review_file: Path,
    number: int,
    text: str | None,
    strength: str | None,
    reasoning: str | None,
    papers: tuple[str, ...],
    relations: tuple[str, ...],
) -> None:
    """Change claim NUMBER (as `list` numbers them); options not given stay as they are."""
    with Review.open(review_file) as review:
        claim = claims_core.claim_by_number(review, number)
        ids = [resolve_paper(review, p) for p in papers] if papers else None
        if relations and ids is None:
            raise CuratorError("--relation needs the --paper list it applies to")
        claims_core.update_claim(
            review,
            claim["id"],
            text=text,
            strength=strength,
            reasoning=reasoning,
            papers=ids,
            relations=_relations(relations, ids) if ids else None,
        )
    click.echo(f"updated claim {number}")


@claims_group.command("grade")
@click.argument("number", type=int)
@click.option(
    "--domain",
    help="A GRADE domain: " + ", ".join(key for key, _l, _j in claims_core.GRADE_DOMAINS) + ".",
)
@click.option(
    "--rating",
    help="The domain's judgement, e.g. 'not serious', 'serious', 'very serious', 'large', 'yes'.",
)
@click.option(
    "--start",
    type=click.Choice(claims_core.GRADE_STARTS),
    help="Override the starting level (high or low, with --reason); auto: from the papers' designs.",
)
@click.option("--reason", help="Why: the domain's judgement, or the starting level's override.")
@click.pass_obj
def claims_grade(
    review_file: Path,
    number: int,
    domain: str | None,
    rating: str | None,
    start: str | None,
    reason: str | None,
) -> None:
    """Grade claim NUMBER's certainty: one GRADE domain, or its starting level."""
    if (domain is None) == (start is None):
        raise CuratorError("give either --domain with --rating, or --start")
    if domain is not None and rating is None:
        raise CuratorError("--domain needs --rating (its judgement)")
    if start is not None and rating is not None:
        raise CuratorError("--rating goes with --domain, not with --start")
    with Review.open(review_file) as review:
        claim = claims_core.claim_by_number(review, number)
        if domain is not None:
            grade.grade_domain(review, claim["id"], domain, rating, reason)
        else:
            grade.set_start(review, claim["id"], start, reason)
        shown = grade.claim_profile(review, claims_core.get_claim(review, claim["id"]))
    click.echo(f"graded claim {number}: {shown.summary()}")


@claims_group.command("show")
@click.argument("number", type=int)
@click.pass_obj
def claims_show(review_file: Path, number: int) -> None:
    """Print claim NUMBER with its papers and its GRADE evidence profile."""
    with Review.open(review_file) as review:
        claim = claims_core.claim_by_number(review, number)
        cites = citations_for(review, claim["papers"])
        shown = grade.claim_profile(review, claim)
    click.echo(f"{number}. {claim['text']}")
    click.echo(f"   strength: {claim['strength']}")
    if claim["reasoning"]:
        click.echo(f"   reasoning: {claim['reasoning']}")
    for paper_id, relation in zip(claim["papers"], claim["relations"], strict=True):
        click.echo(f"   paper: ({cites[paper_id]})" + (f" [{relation}]" if relation else ""))
    click.echo(f"   starting level: {_start_text(shown)}")
    for key, label, _judgements in claims_core.GRADE_DOMAINS:
        entry = shown.grades.get(key, {})
        judged = entry.get("judgement") or "not judged"
        why = f": {entry['reason']}" if entry.get("reason") else ""
        click.echo(f"   {label}: {judged}{why}")
    if shown.certainty is None:
        click.echo(f"   certainty: none ({shown.start_why})")
    else:
        click.echo(f"   certainty: {shown.certainty} (starts {shown.start}, {shown.moves()})")
        click.echo(f"   on this review's strength scale: {shown.strength}")
    for note in shown.notes:
        click.echo(f"   note: {note}")


def _start_text(shown: grade.Profile) -> str:
    if shown.start is None:
        return f"none ({shown.start_why})"
    return f"{shown.start.capitalize()} ({shown.start_why})"


@click.command("tag")
@click.argument("review_file", metavar="REVIEW", type=REVIEW)
@click.argument("paper")
@click.option("--facet", required=True, help="The facet, e.g. Methodology or Topic.")
@click.option("--term", required=True, help="The term within the facet.")
@click.option("--remove", is_flag=True, help="Remove the tag instead of adding it.")
@click.option("--create", is_flag=True, help="Add the term to the facet when it is new.")
def tag_cmd(
    review_file: Path, paper: str, facet: str, term: str, remove: bool, create: bool
) -> None:
    """Tag PAPER (id, DOI or in-text citation) in REVIEW with a facet's term."""
    with Review.open(review_file) as review:
        paper_id = resolve_paper(review, paper)
        facet_id = facets.facet_id(review, facet)
        term_id = facets.term_id(review, facet_id, term)
        if term_id is None and create and not remove:
            term_id = facets.add_term(review, facet_id, term).id
        if term_id is None:
            known = ", ".join(t["name"] for t in facets.terms(review, facet_id)) or "none yet"
            raise CuratorError(
                f"facet {facet!r} has no term {term!r} (terms: {known}; --create adds it)"
            )
        facets.tag(review, [paper_id], term_id, remove=remove)
        citation = paper_citation(review, paper_id)
    click.echo(f"{'untagged' if remove else 'tagged'} ({citation}) {facet}: {term}")


@click.command("key")
@click.argument("review_file", metavar="REVIEW", type=REVIEW)
@click.argument("paper")
@click.option("--result", help="The paper's key result (one sentence).")
@click.option("--unset", is_flag=True, help="Clear the key-paper flag instead of setting it.")
def key_cmd(review_file: Path, paper: str, result: str | None, unset: bool) -> None:
    """Flag PAPER in REVIEW as a key paper, optionally with its key result."""
    with Review.open(review_file) as review:
        paper_id = resolve_paper(review, paper)
        fields: dict = {"is_key": not unset}
        if result is not None:
            fields["key_result"] = result.strip() or None
        update_paper(review, paper_id, **fields)
        shown = get_paper(review, paper_id)
        citation = paper_citation(review, paper_id)
    click.echo(f"({citation}) is {'a key paper' if shown['is_key'] else 'not a key paper'}")


COMMANDS = (claims_group, tag_cmd, key_cmd)
