"""Screening decisions as CSV (`curator screen-export` / `screen-import`).

Columns: id, decision, reason, note, reviewer (export adds title, year, authors and doi for
reading; import ignores them). `id` is a paper id or a record's source identifier (its id in
the database it came from); `decision` is include, exclude, maybe or not-retrieved (blank rows
are skipped); `reason` is an exclusion reason's label or number. Importing checks every row
first and records all of them in one transaction, or reports the problems and changes nothing.
The export goes through the one table writer (`curator.core.report.writer`), which puts an
apostrophe before a formula-like cell; the import takes off exactly that apostrophe again.
"""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

from curator.core.changes import Changes
from curator.core.db import in_lists
from curator.core.errors import CuratorError
from curator.core.report.writer import frame, restore, write_csv
from curator.core.review import STAGE_COLUMN, STAGES, Review
from curator.core.screening.decisions import (
    CONSENSUS,
    FORWARD,
    Decision,
    add_reason,
    check_reviewer_name,
    find_reason,
    record_decisions,
)
from curator.core.screening.queue import queue

COLUMNS = ("id", "decision", "reason", "note", "reviewer")
EXTRA = ("title", "year", "authors", "doi")
CSV_DECISIONS = {
    "include": "include",
    "exclude": "exclude",
    "maybe": "maybe",
    "not-retrieved": "not_retrieved",
    "not_retrieved": "not_retrieved",
}
MAX_PROBLEMS = 20


def export_csv(review: Review, stage: str, path: str | Path, *, reviewer: str | None = None) -> int:
    """Write the records at `stage` with a reviewer's decisions (or the effective ones)."""
    if stage not in STAGES:
        raise CuratorError(f"unknown stage {stage!r}")
    ids = queue(review, stage)
    column = STAGE_COLUMN[stage]
    rows = []
    for chunk, marks in in_lists(ids):
        if reviewer:
            decided = (
                "LEFT JOIN screening_status s ON s.paper_id = p.id AND s.stage = ? AND s.reviewer = ? "
                "AND s.decision != 'cleared' LEFT JOIN decisions d ON d.id = s.decision_id"
            )
            params = [stage, reviewer, *chunk]
            fields = "d.decision AS decision, d.reason_id AS reason_id, d.note AS note, d.reviewer AS reviewer"
        else:
            decided = ""
            params = list(chunk)
            fields = f"p.{column} AS decision, NULL AS reason_id, NULL AS note, NULL AS reviewer"
        found = {
            row["id"]: row
            for row in review.db.query(
                f"SELECT p.id, p.title, p.year, p.authors_text, p.doi, {fields} FROM papers p "
                f"{decided} WHERE p.id IN ({marks})",
                params,
            )
        }
        rows += [found[i] for i in chunk]
    labels = {r[0]: r[1] for r in review.db.execute("SELECT id, label FROM exclusion_reasons")}
    effective_reason = _effective_reasons(review, stage) if not reviewer else {}
    lines = []
    for row in rows:
        decision = row["decision"] if row["decision"] not in ("conflict", "cleared") else None
        reason_id = row["reason_id"] or effective_reason.get(row["id"])
        lines.append(
            [
                row["id"],
                (decision or "").replace("_", "-"),
                labels.get(reason_id, "") if decision == "exclude" else "",
                row["note"] or "",
                row["reviewer"] or "",
                row["title"],
                row["year"] or "",
                row["authors_text"],
                row["doi"] or "",
            ]
        )
    write_csv(frame(lines, COLUMNS + EXTRA), path)
    return len(rows)


def _effective_reasons(review: Review, stage: str) -> dict[int, int]:
    return {
        paper_id: reason_id
        for paper_id, reason_id in review.db.execute(
            "SELECT paper_id, reason_id FROM screening_status WHERE stage = ? AND decision = 'exclude' "
            "ORDER BY (reviewer = ?), decision_id",
            (stage, CONSENSUS),
        )
    }


def resolve_id(review: Review, value: str) -> int | None:
    """The (surviving) paper a CSV id names: a source identifier, or a paper id."""
    value = value.strip()
    explicit = value.lower().startswith("paper:")
    if explicit:
        value = value[6:].strip()
    by_source = (
        set()
        if explicit
        else {
            row[0]
            for row in review.db.execute(
                "SELECT DISTINCT paper_id FROM records WHERE source_id = ? AND paper_id IS NOT NULL",
                (value,),
            )
        }
    )
    by_id = set()
    if value.isdigit():
        by_id = {
            r[0] for r in review.db.execute("SELECT id FROM papers WHERE id = ?", (int(value),))
        }
    found = {_surviving(review, pid) for pid in by_source | by_id}
    if len(found) > 1:
        raise CuratorError(
            f"id {value!r} is ambiguous: it is a source identifier and a paper id of different "
            f"papers; write paper:{value} for the paper id"
        )
    return found.pop() if found else None


def _surviving(review: Review, paper_id: int) -> int:
    seen = set()
    while paper_id not in seen:
        seen.add(paper_id)
        row = review.db.execute(
            "SELECT merged_into FROM papers WHERE id = ?", (paper_id,)
        ).fetchone()
        if row is None or row[0] is None:
            return paper_id
        paper_id = row[0]
    return paper_id


# A cell may be as long as a record with thousands of authors (the csv module's default
# limit of 128 KiB made `screen-import` fail on its own `screen-export` file).
MAX_CELL = 1 << 30


def read_csv(
    review: Review,
    path: str | Path,
    stage: str,
    *,
    reviewer: str | None = None,
    add_reasons: bool = False,
) -> tuple[list[Decision], int]:
    """Check a decisions CSV; return its decisions and the number of blank rows skipped.
    With `add_reasons`, a reason the review does not have is no problem: the decision's
    `reason_id` is None and `new_reason(decision)` gives the label to add."""
    decisions, skipped, _labels = _read(review, path, stage, reviewer, add_reasons)
    return decisions, skipped


def _read(
    review: Review, path: str | Path, stage: str, reviewer: str | None, add_reasons: bool
) -> tuple[list[Decision], int, dict[int, str]]:
    path = Path(path)
    if stage not in STAGES:
        raise CuratorError(f"unknown stage {stage!r}")
    default_reviewer = check_reviewer_name(reviewer or review.who)
    csv.field_size_limit(max(csv.field_size_limit(), MAX_CELL))
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = [h.strip().lower() for h in (reader.fieldnames or [])]
            reader.fieldnames = header
            missing = [c for c in ("id", "decision") if c not in header]
            if missing:
                raise CuratorError(
                    f"{path}: missing column(s) {', '.join(missing)}; expected {','.join(COLUMNS)}"
                )
            # Cells this module's export neutralised ("'=x") read back as they were ("=x").
            lines = [
                {k: restore(v) if isinstance(v, str) else v for k, v in row.items()}
                for row in reader
            ]
    except UnicodeDecodeError as exc:
        raise CuratorError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except csv.Error as exc:
        raise CuratorError(f"{path}: not a readable CSV file ({exc})") from None
    except FileNotFoundError:
        raise CuratorError(f"{path}: no such file") from None
    problems: list[str] = []
    decisions: list[Decision] = []
    new_labels: dict[int, str] = {}  # index in decisions -> a reason label to add
    seen: dict[tuple[int, str], int] = {}
    skipped = 0
    column = STAGE_COLUMN["title_abstract"]
    for number, row in enumerate(lines, start=2):
        where = f"{path.name} line {number}"
        raw = (row.get("decision") or "").strip().lower()
        if not raw:
            skipped += 1
            continue
        decision = CSV_DECISIONS.get(raw)
        if decision is None:
            problems.append(
                f"{where}: decision {raw!r} is not include, exclude, maybe or not-retrieved"
            )
            continue
        try:
            paper_id = resolve_id(review, row.get("id") or "")
        except CuratorError as exc:
            problems.append(f"{where}: {exc}")
            continue
        if paper_id is None:
            problems.append(
                f"{where}: no paper or record with id {(row.get('id') or '').strip()!r}"
            )
            continue
        who = (row.get("reviewer") or "").strip() or default_reviewer
        try:
            who = check_reviewer_name(who)
        except CuratorError as exc:
            problems.append(f"{where}: {exc}")
            continue
        key = (paper_id, who)
        if key in seen:
            problems.append(
                f"{where}: paper {paper_id} for {who} already decided on line {seen[key]}"
            )
            continue
        seen[key] = number
        reason_text = (row.get("reason") or "").strip()
        reason_id = find_reason(review, stage, reason_text) if reason_text else None
        new_label = None
        if reason_text and reason_id is None:
            if not add_reasons or reason_text.isdigit():
                problems.append(
                    f"{where}: {reason_text!r} is not an exclusion reason at this stage"
                    + ("" if add_reasons else " (--add-reasons adds it)")
                )
                continue
            new_label = reason_text
        if decision == "not_retrieved" and stage != "full_text":
            problems.append(f"{where}: only a full-text report can be not-retrieved")
            continue
        if stage == "full_text":
            if decision == "exclude" and reason_id is None and new_label is None:
                problems.append(f"{where}: an exclusion at full text needs a reason")
                continue
            ta = review.db.execute(
                f"SELECT {column} FROM papers WHERE id = ?", (paper_id,)
            ).fetchone()[0]
            if ta not in FORWARD:
                problems.append(
                    f"{where}: paper {paper_id} is not at full text (not included at title/abstract)"
                )
                continue
        if decision != "exclude":
            reason_id = new_label = None
        if new_label is not None:
            new_labels[len(decisions)] = new_label
        decisions.append(
            Decision(
                paper_id, stage, decision, reason_id, (row.get("note") or "").strip() or None, who
            )
        )
        if len(problems) >= MAX_PROBLEMS:
            break
    if problems:
        more = " (stopped after the first 20)" if len(problems) >= MAX_PROBLEMS else ""
        raise CuratorError(
            f"nothing imported; {len(problems)} problem(s){more}:\n  " + "\n  ".join(problems)
        )
    return decisions, skipped, new_labels


def import_csv(
    review: Review,
    path: str | Path,
    stage: str,
    *,
    reviewer: str | None = None,
    add_reasons: bool = False,
) -> tuple[Changes, int, int]:
    """Import a decisions CSV in one transaction; return changes, decisions and rows skipped.
    With `add_reasons`, exclusion reasons the review lacks are added in the same transaction.
    The rows are checked inside the transaction, so a paper merged or a reason removed by
    another writer meanwhile is seen, and nothing is written."""
    with review.atomic():
        decisions, skipped, new_labels = _read(review, path, stage, reviewer, add_reasons)
        changes = Changes()
        added: dict[str, int] = {}
        for index, label in new_labels.items():
            key = label.casefold()
            if key not in added:
                added[key] = (
                    find_reason(review, stage, label) or add_reason(review, stage, label).id
                )  # type: ignore[assignment]
            decisions[index] = replace(decisions[index], reason_id=added[key])
        if added:
            changes = Changes(settings=True)
        changes = changes | record_decisions(review, decisions, source=f"csv:{Path(path).name}")
    return changes, len(decisions), skipped
