"""The built-in demo: the reference review, rebuilt as a Curator review file from `database/demo/`.

The data (see `database/demo/README.md`) is transcribed from the reference review: its 34
references with their metadata, its searches as described (no invented counts), the
identification and screening figures its Methods report (entered by hand in the PRISMA boxes
the data cannot count), the included set, key papers, claims (two with a full GRADE profile), open questions, report sections and
facet tags. `build_demo(path)` writes it into a new review file in one transaction: all of it
or, on any error, no file.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from curator.core.aliases import add_venue_alias
from curator.core.curation.claims import add_claim
from curator.core.curation.facets import add_term, facet_id, tag, term_id
from curator.core.curation.questions import add_question, set_section
from curator.core.errors import CuratorError
from curator.core.flow.entered import set_entered
from curator.core.papers import add_paper, update_paper, venue_id_for
from curator.core.report.tables import set_key_order
from curator.core.review import STAGES, Review
from curator.core.screening.decisions import Decision, record_decisions
from curator.core.searches import add_search
from curator.paths import database_dir

DEMO_REVIEWER = "reference review"
PAPER_FIELDS = ("title", "year", "volume", "issue", "pages", "doi", "type")


def demo_dir() -> Path:
    return database_dir() / "demo"


def load_demo_data(folder: Path | None = None) -> dict:
    """The demo's data files, parsed: references, review, facets and tags."""
    folder = folder or demo_dir()
    try:
        with (folder / "tags.csv").open(encoding="utf-8", newline="") as handle:
            tags = list(csv.DictReader(handle))
        return {
            "references": json.loads((folder / "references.json").read_text(encoding="utf-8")),
            "review": json.loads((folder / "review.json").read_text(encoding="utf-8")),
            "facets": json.loads((folder / "facets.json").read_text(encoding="utf-8")),
            "tags": tags,
        }
    except (OSError, ValueError) as exc:
        raise CuratorError(f"demo data in {folder} cannot be read: {exc}") from exc


def build_demo(path: str | Path, *, who: str | None = None) -> Review:
    """Create the demo review at `path` and return it open. Refuses an existing file."""
    data = load_demo_data()
    review = Review.create(path, title=data["review"]["title"], who=who)
    try:
        with review.atomic():
            _fill(review, data)
    except BaseException:
        review.close()
        Path(path).unlink(missing_ok=True)
        raise
    return review


def _fill(review: Review, data: dict) -> None:
    meta = data["review"]
    review.set_setting("strength_scale", meta["strength_scale"])
    review.set_setting("reported_flow", meta["reported_flow"])
    reported = meta["reported_flow"]
    # The figures the Methods report are entered by hand for the boxes the data cannot count;
    # the included papers are counted from the data (see database/demo/README.md).
    set_entered(
        review,
        {
            "database_results": reported["identified"],
            "records_screened": reported["screened"],
            "dbr_assessed": reported["eligible"],
        },
        note=reported["diagram_note"],
    )
    review.set_setting("demo", True)
    for venue in meta["venues"]:
        venue_id = venue_id_for(review, venue["name"])
        for alias in venue["aliases"]:
            add_venue_alias(review, venue_id, alias)
    searches = meta["searches"]
    for number in range(1, searches["count"] + 1):
        add_search(
            review, f"Search group {number}", database=searches["database"], notes=searches["notes"]
        )
    ids: dict[str, int] = {}
    for ref in data["references"]:
        fields = {k: ref[k] for k in PAPER_FIELDS if ref.get(k) is not None}
        ids[ref["key"]] = add_paper(
            review,
            authors=ref["authors"],
            venue=ref["venue"],
            extra={"demo_key": ref["key"]},
            **fields,
        ).id
    decisions = [Decision(p, stage, "include") for p in ids.values() for stage in STAGES]
    record_decisions(review, decisions, reviewer=DEMO_REVIEWER, source="demo")
    for facet in data["facets"]:
        fid = facet_id(review, facet["name"])
        for term in facet["terms"]:
            add_term(review, fid, term)
    for line, row in enumerate(data["tags"], start=2):
        if row["paper"] not in ids:
            raise CuratorError(f"demo tags.csv line {line}: unknown paper {row['paper']!r}")
        term = term_id(review, facet_id(review, row["facet"]), row["term"])
        if term is None:
            raise CuratorError(f"demo tags.csv line {line}: unknown term {row['term']!r}")
        tag(review, [ids[row["paper"]]], term)
    for item in meta["key_papers"]:
        update_paper(review, ids[item["paper"]], is_key=True, key_result=item["key_result"])
    set_key_order(review, [ids[item["paper"]] for item in meta["key_papers"]])
    for claim in meta["claims"]:
        add_claim(
            review,
            claim["text"],
            claim["strength"],
            [ids[k] for k in claim["papers"]],
            reasoning=claim["reasoning"],
            grades=claim.get("grades"),
            start=claim.get("start"),
            start_reason=claim.get("start_reason"),
        )
    for question in meta["questions"]:
        add_question(review, question["question"], question["why"])
    for position, section in enumerate(meta["report_sections"]):
        set_section(review, section["key"], section["body"], section["title"])
        review.db.execute(
            "UPDATE report_sections SET position = ? WHERE key = ?", (position, section["key"])
        )
