"""Choosing the records or papers to export and writing them as CSV, RIS, BibTeX, CSL-JSON or
ASReview's labelled CSV.

`records` is every imported record (one row per record, with its search, file, source
identifier and paper id); `papers` every paper (a review built by hand or the demo has papers
but no records); `included` and `excluded` are papers by their screening decisions, at either
stage or (no stage) as the Library's filters count them; `paper_ids` narrows any paper
selection to the Library's selection or filter. Each row also carries what the source gave
beyond the citation (publisher, ISSN, editors, notes) for the writers in
`curator.core.report.record_writers`. Output is deterministic: fixed column order, stable
sort, UTF-8, LF line ends. The CSV goes through the one table writer
(`curator.core.report.writer`): formula-like cells neutralised.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

from curator.core.db import in_lists
from curator.core.errors import CuratorError
from curator.core.library import FILTERS
from curator.core.report.record_writers import to_asreview_csv, to_bibtex, to_csl_json, to_ris
from curator.core.report.writer import csv_text, frame, write_text
from curator.core.review import STAGES, Review
from curator.core.screening.decisions import FORWARD
from curator.core.tasks import TaskState

WHATS = ("records", "papers", "included", "excluded")
CITATION_FORMATS = ("csv", "ris", "bibtex", "csljson")  # every citation field
EXPORT_FORMATS = (*CITATION_FORMATS, "asreview")
# The extension each format is written to: the CLI checks --out by it, the dialog names the file.
EXPORT_SUFFIXES = {
    "csv": ".csv", "ris": ".ris", "bibtex": ".bib", "csljson": ".json", "asreview": ".csv"
}  # fmt: skip
CSV_COLUMNS = (
    "source_id", "paper_id", "title", "authors", "year", "venue", "volume", "issue", "pages",
    "doi", "pmid", "pmcid", "abstract", "keywords", "url", "type", "language", "search",
    "file", "position",
)  # fmt: skip

_FORWARD = ", ".join(f"'{d}'" for d in FORWARD)
_STAGE_FILTERS = {
    ("included", "title_abstract"): f"p.ta_decision IN ({_FORWARD})",
    ("excluded", "title_abstract"): "p.ta_decision = 'exclude'",
    ("included", "full_text"): "p.ft_decision = 'include'",
    ("excluded", "full_text"): "p.ft_decision IN ('exclude', 'not_retrieved')",
}
# ASReview's label_included: 1, 0 or NULL (not decided) at a stage (None: the final decision).
_LABELS = {
    "title_abstract": f"CASE WHEN p.ta_decision IN ({_FORWARD}) THEN 1 "
    "WHEN p.ta_decision = 'exclude' THEN 0 END",
    None: "CASE WHEN p.ft_decision = 'include' THEN 1 WHEN p.ft_decision IN "
    "('exclude', 'not_retrieved') OR p.ta_decision = 'exclude' THEN 0 END",
}
_LABELS["full_text"] = _LABELS[None]
# Keys under which sources hold what Curator keeps only in a record's raw fields.
_RAW_KEYS = {
    "publisher": ("PB", "publisher", "Publisher"),
    "issn": ("SN", "issn", "ISSN", "eissn"),
    "editors": ("ED", "editor", "Editors", "Editor"),
    "notes": ("N1", "note", "Notes"),
}


def _keywords(value: Any) -> list[str]:
    if not value:
        return []
    if isinstance(value, list):
        return value
    try:
        loaded = json.loads(value)
        return loaded if isinstance(loaded, list) else [str(loaded)]
    except (TypeError, ValueError):
        return [value]


def _from_raw(raw: str | None) -> dict[str, Any]:
    """Publisher, ISSN, editors and notes from a record's raw source fields."""
    try:
        fields = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    if not isinstance(fields, dict):
        return {}
    found: dict[str, Any] = {}
    for name, keys in _RAW_KEYS.items():
        for key in keys:
            value = fields.get(key)
            if not value:
                continue
            if name == "editors":
                values = value if isinstance(value, list) else str(value).split(";")
                if len(values) == 1 and " and " in values[0]:
                    values = values[0].split(" and ")
                found[name] = [" ".join(str(v).split()) for v in values if str(v).strip()]
            else:
                found[name] = " ".join(
                    str(v) for v in (value if isinstance(value, list) else [value])
                )
            break
    return found


def _paper_condition(what: str, stage: str | None) -> str:
    if stage is not None and stage not in STAGES:
        raise CuratorError(f"unknown stage {stage!r}; choose one of {', '.join(STAGES)}")
    if what == "papers":
        return "1"
    if stage:
        return _STAGE_FILTERS[(what, stage)]
    # With no stage, "included" is the review's included papers (included at full text), as
    # the curation panes and the tables count them; the Library's "Included" filter also
    # lists papers included at title/abstract that await their full text.
    return FILTERS["in_review" if what == "included" else what]


def count(
    review: Review, what: str, stage: str | None = None, paper_ids: Sequence[int] | None = None
) -> int:
    """How many rows `entries` yields for the same selection."""
    if what not in WHATS:
        raise CuratorError(f"unknown selection {what!r}; choose one of {', '.join(WHATS)}")
    if what == "records":
        return review.db.execute("SELECT COUNT(*) FROM records").fetchone()[0]
    condition, params = _paper_filter(what, stage, paper_ids)
    return review.db.execute(
        f"SELECT COUNT(*) FROM papers p WHERE p.merged_into IS NULL AND {condition}", params
    ).fetchone()[0]


def _paper_filter(
    what: str, stage: str | None, paper_ids: Sequence[int] | None
) -> tuple[str, list[Any]]:
    condition = _paper_condition(what, stage)
    if paper_ids is None:
        return condition, []
    return f"{condition} AND p.id IN (SELECT value FROM json_each(?))", [
        json.dumps([int(i) for i in paper_ids])
    ]


def entries(
    review: Review,
    what: str,
    stage: str | None = None,
    paper_ids: Sequence[int] | None = None,
) -> Iterator[dict[str, Any]]:
    """The rows to export as plain dicts, in a stable order."""
    if what not in WHATS:
        raise CuratorError(f"unknown selection {what!r}; choose one of {', '.join(WHATS)}")
    label = _LABELS[stage] if stage in _LABELS else _LABELS[None]
    if what == "records":
        for row in review.db.query(
            f"SELECT r.*, i.file_name AS file, s.name AS search, ({label}) AS label "
            "FROM record_rows r JOIN imports i ON i.id = r.import_id "
            "JOIN searches s ON s.id = i.search_id LEFT JOIN papers p ON p.id = r.paper_id "
            "ORDER BY r.import_id, r.position"
        ):
            row["record_id"] = row["id"]
            row["authors"] = [a for a in (row["authors"] or "").split("; ") if a]
            row["keywords"] = _keywords(row["keywords"])
            row.update(_from_raw(row.pop("raw", None)))
            yield row
        return
    yield from _paper_rows(review, what, stage, paper_ids)


def _paper_rows(
    review: Review, what: str, stage: str | None, paper_ids: Sequence[int] | None
) -> Iterator[dict[str, Any]]:
    condition, params = _paper_filter(what, stage, paper_ids)
    label = _LABELS[stage] if stage in _LABELS else _LABELS[None]
    rows = review.db.query(
        f"SELECT p.*, v.name AS venue, ({label}) AS label, (SELECT group_concat(source_id, '; ') "
        "FROM records WHERE paper_id = p.id) AS source_id FROM papers p "
        f"LEFT JOIN venues v ON v.id = p.venue_id WHERE p.merged_into IS NULL AND {condition} "
        "ORDER BY p.id",
        params,
    )
    while chunk := list(islice(rows, _CHUNK)):  # authors and raw fields a chunk at a time,
        authors, raws = _chunk_details(review, [row["id"] for row in chunk])  # not per paper
        for row in chunk:
            row["paper_id"] = row["id"]
            row["authors"] = authors.get(row["id"], [])
            row["keywords"] = _keywords(row["keywords"])
            found: dict[str, Any] = {}
            for raw in raws.get(row["id"], ()):
                for key, value in _from_raw(raw).items():
                    found.setdefault(key, value)
            for key, value in found.items():
                if not row.get(key):
                    row[key] = value
            yield row


def _chunk_details(
    review: Review, ids: list[int]
) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """The papers' authors ("Family, Given", in order) and their records' raw fields (in
    record order), by paper id."""
    authors: dict[int, list[str]] = {}
    raws: dict[int, list[str]] = {}
    for part, marks in in_lists(ids):
        for paper, family, given in review.db.execute(
            "SELECT pa.paper_id, a.family, a.given FROM paper_authors pa JOIN authors a "
            f"ON a.id = pa.author_id WHERE pa.paper_id IN ({marks}) ORDER BY pa.paper_id, pa.position",
            part,
        ):
            authors.setdefault(paper, []).append(f"{family}, {given}" if given else family)
        for paper, raw in review.db.execute(
            f"SELECT paper_id, raw FROM records WHERE paper_id IN ({marks}) AND raw IS NOT NULL "
            "ORDER BY paper_id, id",
            part,
        ):
            raws.setdefault(paper, []).append(raw)
    return authors, raws


def _flat(value: Any) -> str:
    return " ".join(str(value).split()) if value not in (None, "") else ""


def to_csv(rows: Iterator[dict[str, Any]]) -> str:
    def cells(row: dict[str, Any]) -> list[Any]:
        values = dict(row, authors="; ".join(row["authors"]), keywords="; ".join(row["keywords"]))
        return ["" if values.get(c) is None else values.get(c) for c in CSV_COLUMNS]

    return csv_text(frame((cells(row) for row in rows), CSV_COLUMNS))


WRITERS = {
    "csv": to_csv,
    "ris": to_ris,
    "bibtex": to_bibtex,
    "csljson": to_csl_json,
    "asreview": to_asreview_csv,
}
_CHUNK = 500


def export(
    review: Review,
    what: str,
    fmt: str,
    out: str | Path,
    *,
    stage: str | None = None,
    paper_ids: Sequence[int] | None = None,
    state: TaskState | None = None,
) -> int:
    """Write the selection to `out` (whole or not at all); return the number of entries written.

    `state` reports progress while the rows are gathered and can cancel the export.
    """
    if fmt not in WRITERS:
        raise CuratorError(
            f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}"
        )
    out = Path(out)
    if not out.parent.exists():
        raise CuratorError(f"{out.parent}: no such folder")
    total = count(review, what, stage, paper_ids) if state else 0
    rows = []
    for row in entries(review, what, stage, paper_ids):
        rows.append(row)
        if state and len(rows) % _CHUNK == 0:
            if state.cancelled:
                raise CuratorError("export cancelled; nothing was written")
            state.report(len(rows), total, f"{len(rows)} of {total}")
    if state and state.cancelled:
        raise CuratorError("export cancelled; nothing was written")
    write_text(out, WRITERS[fmt](iter(rows)))
    if state:
        state.report(len(rows), len(rows), "written")
    return len(rows)
