"""Blind dual screening: screening packets exported to and imported from another reviewer.

A packet is a review file of its own holding the records to screen at one stage, the
eligibility criteria, the exclusion reasons (same ids) and the highlight terms, and none of
the reviewers' decisions. (A full-text packet carries the team's title/abstract outcome as a
consensus decision, so its records are at full text.) The second reviewer screens it in
Curator; importing it back checks that it came from this review and brings in that
reviewer's current decisions, with their times and notes, in one transaction.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from curator.core.changes import Changes
from curator.core.errors import CuratorError, ValidationError
from curator.core.review import STAGE_LABELS, STAGES, Review
from curator.core.screening.decisions import CONSENSUS, Decision, record_decisions
from curator.core.screening.queue import queue
from curator.core.timeutil import now

PAPER_COLUMNS = (
    "id",
    "title",
    "abstract",
    "year",
    "venue_id",
    "volume",
    "issue",
    "pages",
    "doi",
    "pmid",
    "pmcid",
    "url",
    "keywords",
    "type",
    "language",
    "publisher",
    "authors_text",
    "first_author",
    "rank_score",
    "manual_rank",
    "created_at",
    "updated_at",
)


def review_uid(review: Review) -> str:
    """A stable identifier for this review file (made on first use) so packets find home."""
    uid = review.setting("review_uid")
    if not uid:
        uid = uuid.uuid4().hex
        review.set_setting("review_uid", uid)
    return uid


def _rows(review: Review, sql: str, ids: list[int]) -> list[dict]:
    found: list[dict] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        found += list(review.db.query(sql.format(marks=",".join("?" * len(chunk))), chunk))
    return found


def export_packet(
    review: Review,
    path: str | Path,
    stage: str,
    *,
    reviewer: str = "",
    paper_ids: list[int] | None = None,
) -> int:
    """Write a packet for `stage` (all its records, or `paper_ids`) to `path`; return the count."""
    if stage not in STAGES:
        raise ValidationError(f"unknown stage {stage!r}", "stage")
    path = Path(path)
    ids = list(paper_ids) if paper_ids is not None else queue(review, stage)
    if not ids:
        raise CuratorError(f"no records to screen at {STAGE_LABELS[stage].lower()}")
    origin = review_uid(review)
    papers = _rows(
        review,
        f"SELECT {', '.join(PAPER_COLUMNS)}, ta_decision FROM papers WHERE id IN ({{marks}})",
        ids,
    )
    venue_ids = sorted({p["venue_id"] for p in papers if p["venue_id"] is not None})
    venues = _rows(review, "SELECT * FROM venues WHERE id IN ({marks})", venue_ids)
    links = _rows(review, "SELECT * FROM paper_authors WHERE paper_id IN ({marks})", ids)
    authors = _rows(
        review,
        "SELECT * FROM authors WHERE id IN ({marks})",
        sorted({link["author_id"] for link in links}),
    )
    reasons = list(review.db.query("SELECT * FROM exclusion_reasons"))
    terms = list(review.db.query("SELECT list, pattern FROM highlight_terms ORDER BY id"))
    info = {
        "uid": uuid.uuid4().hex,
        "origin": origin,
        "origin_title": review.title,
        "stage": stage,
        "reviewer": reviewer,
        "papers": len(ids),
        "created_at": now(),
    }
    packet = Review.create(path, title=f"{review.title} (screening packet)", who=review.who)
    try:
        with packet.atomic():
            db = packet.db
            packet.set_setting("eligibility_criteria", review.setting("eligibility_criteria", ""))
            packet.set_setting("packet", info)
            db.execute("DELETE FROM exclusion_reasons")
            db["exclusion_reasons"].insert_all(reasons)
            if terms:
                db["highlight_terms"].insert_all(terms)
            if venues:
                db["venues"].insert_all(venues)
            if authors:
                db["authors"].insert_all(authors)
            db["papers"].insert_all([{k: p[k] for k in PAPER_COLUMNS} for p in papers])
            if links:
                db["paper_authors"].insert_all(links)
            if stage == "full_text":
                record_decisions(
                    packet,
                    [
                        Decision(p["id"], "title_abstract", p["ta_decision"], reviewer=CONSENSUS)
                        for p in papers
                        if p["ta_decision"] in ("include", "maybe")
                    ],
                    source="packet",
                )
            packet.audit("export_packet", "settings", "packet", None, info)
    except BaseException:
        packet.close()
        path.unlink(missing_ok=True)
        raise
    packet.close()
    with review.atomic():
        review.audit("export_packet", "settings", "packet", None, {**info, "file": str(path)})
    return len(ids)


@dataclass(frozen=True)
class PacketContents:
    info: dict
    decisions: list[Decision]
    reviewers: list[str]


def load_packet(review: Review, path: str | Path) -> PacketContents:
    """Read and check a finished packet against `review` (nothing is changed)."""
    path = Path(path)
    with Review.open(path) as packet:
        info = packet.setting("packet")
        if not info:
            raise CuratorError(f"{path}: not a screening packet (it is a review file of its own)")
        rows = list(
            packet.db.query(
                "SELECT d.*, r.label AS reason_label FROM screening_status s "
                "JOIN decisions d ON d.id = s.decision_id "
                "LEFT JOIN exclusion_reasons r ON r.id = d.reason_id "
                "WHERE s.reviewer != ? AND s.decision != 'cleared' AND s.stage = ? ORDER BY d.id",
                [CONSENSUS, info["stage"]],
            )
        )
    if info.get("origin") != review.setting("review_uid"):
        raise CuratorError(
            f"{path}: this packet was exported from another review "
            f"({info.get('origin_title', 'unknown')!r}), not from {review.title!r}"
        )
    decisions = []
    for row in rows:
        where = f"{path}: record {row['paper_id']}"
        found = review.db.execute(
            "SELECT merged_into FROM papers WHERE id = ?", (row["paper_id"],)
        ).fetchone()
        if found is None:
            raise CuratorError(f"{where} is no longer in this review")
        if found[0] is not None:
            raise CuratorError(f"{where} has since been merged into paper {found[0]}")
        if row["reason_id"] is not None:
            label = review.db.execute(
                "SELECT label FROM exclusion_reasons WHERE id = ? AND stage = ?",
                (row["reason_id"], row["stage"]),
            ).fetchone()
            if label is None or label[0] != row["reason_label"]:
                raise CuratorError(
                    f"{where}: exclusion reason {row['reason_label']!r} is not a reason of this review"
                )
        decisions.append(
            Decision(
                row["paper_id"],
                row["stage"],
                row["decision"],
                row["reason_id"],
                row["note"],
                row["reviewer"],
                row["created_at"],
            )
        )
    return PacketContents(info, decisions, sorted({d.reviewer for d in decisions if d.reviewer}))


def import_packet(review: Review, path: str | Path) -> tuple[Changes, PacketContents]:
    """Bring a finished packet's decisions in, all of them or none."""
    contents = load_packet(review, path)
    source = f"packet:{Path(path).name}"
    with review.atomic():
        try:
            changes = record_decisions(review, contents.decisions, source=source)
        except ValidationError as exc:
            raise CuratorError(f"{path}: {exc}") from exc
        review.audit(
            "import_packet",
            "decisions",
            None,
            None,
            {"packet": contents.info, "decisions": len(contents.decisions)},
        )
    return changes, contents


def packet_info(review: Review) -> dict | None:
    """The packet description when `review` is itself a packet, else None."""
    value = review.setting("packet")
    return json.loads(value) if isinstance(value, str) else value
