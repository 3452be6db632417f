"""Merging two papers found to be one work, undoing a merge, and "not a duplicate" answers.

A merge keeps one paper and marks the other `merged_into` it; nothing is deleted. The
dropped paper's records are re-pointed to the kept paper, its current screening decisions are
appended as copies on the kept paper where the kept paper has none (decisions are
append-only), its tags are added and its claim links moved. What was moved is written to the
`merges` table so that `unmerge` restores it exactly; undoing a decision copy appends the
kept paper's earlier decision (or 'cleared') again.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from curator.core.changes import Changes
from curator.core.errors import CuratorError
from curator.core.review import Review
from curator.core.timeutil import now

# Metadata a merged paper can take from either side ("authors" and "venue" included).
MERGE_FIELDS = (
    "title", "authors", "year", "venue", "volume", "issue", "pages", "doi", "pmid", "pmcid",
    "abstract", "url", "keywords", "type", "language", "publisher",
)  # fmt: skip
_COLUMNS = [f for f in MERGE_FIELDS if f not in ("authors", "venue")] + ["venue_id"]
_AUTHOR_COLUMNS = ("authors_text", "first_author")
CHANGED = Changes(papers=True, decisions=True, tags=True, claims=True)


def _paper_row(review: Review, paper_id: int) -> dict[str, Any]:
    found = next(review.db.query("SELECT * FROM papers WHERE id = ?", [paper_id]), None)
    if found is None:
        raise CuratorError(f"no paper with id {paper_id}")
    return found


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def ordered_pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def merge(
    review: Review,
    keep: int,
    drop: int,
    *,
    fields_from: Mapping[str, int] | None = None,
    rule: str | None = None,
    decided_by: str | None = None,
) -> Changes:
    """Merge paper `drop` into paper `keep`; the returned Changes carries the merge's id.

    `fields_from` maps a field of MERGE_FIELDS to the paper (keep or drop) whose value the
    kept paper takes; fields not named keep the kept paper's value, filled from the dropped
    paper where the kept paper has none.
    """
    if keep == drop:
        raise CuratorError("a paper cannot be merged with itself")
    with review.atomic():
        kept, dropped = _paper_row(review, keep), _paper_row(review, drop)
        for row in (kept, dropped):
            if row["merged_into"] is not None:
                raise CuratorError(
                    f"paper {row['id']} was already merged into paper {row['merged_into']}"
                )
        undo: dict[str, Any] = {}
        undo["fields"] = _take_fields(review, kept, dropped, fields_from or {})
        undo["records"] = [
            r[0] for r in review.db.execute("SELECT id FROM records WHERE paper_id = ?", (drop,))
        ]
        review.db.execute("UPDATE records SET paper_id = ? WHERE paper_id = ?", (keep, drop))
        undo["decisions"] = _carry_decisions(review, keep, drop)
        undo["terms"] = _carry_terms(review, keep, drop)
        undo["claims"] = _carry_claims(review, keep, drop)
        undo["pair"] = _mark_pair(
            review, keep, drop, "duplicate", decided_by or review.who, rule or "manual"
        )
        review.db.execute("UPDATE papers SET merged_into = ? WHERE id = ?", (keep, drop))
        merge_id = review.db.execute(
            "INSERT INTO merges (kept_id, dropped_id, pair_id, rule, undo, merged_by, merged_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                keep,
                drop,
                undo["pair"]["id"],
                rule,
                json.dumps(undo, ensure_ascii=False, default=str),
                decided_by or review.who,
                now(),
            ),
        ).lastrowid
        review.audit(
            "merge", "papers", drop, None, {"merged_into": keep, "merge": merge_id, "rule": rule}
        )
    return Changes(papers=True, decisions=True, tags=True, claims=True, id=merge_id)


def field_changes(kept: dict, dropped: dict, fields_from: Mapping[str, int]) -> dict[str, Any]:
    """The kept paper's columns a merge changes, and their new values (no writing)."""
    unknown = set(fields_from) - set(MERGE_FIELDS)
    if unknown:
        raise CuratorError(f"cannot take field(s) {', '.join(sorted(unknown))} in a merge")
    for name, source in fields_from.items():
        if source not in (kept["id"], dropped["id"]):
            raise CuratorError(
                f"field {name!r} must come from paper {kept['id']} or {dropped['id']}"
            )
    update: dict[str, Any] = {}
    for name in MERGE_FIELDS:
        column = "venue_id" if name == "venue" else name
        if name == "authors":
            use_dropped = fields_from.get(name) == dropped["id"] or (
                name not in fields_from and not kept["authors_text"] and dropped["authors_text"]
            )
            if use_dropped and dropped["authors_text"] != kept["authors_text"]:
                for col in _AUTHOR_COLUMNS:
                    update[col] = dropped[col]
            continue
        if fields_from.get(name) == dropped["id"] or (
            name not in fields_from and _empty(kept[column]) and not _empty(dropped[column])
        ):
            if kept[column] != dropped[column]:
                update[column] = dropped[column]
    for column in ("key_result", "notes"):
        if _empty(kept[column]) and not _empty(dropped[column]):
            update[column] = dropped[column]
    if dropped["is_key"] and not kept["is_key"]:
        update["is_key"] = 1
    return update


def _take_fields(review: Review, kept: dict, dropped: dict, fields_from: Mapping[str, int]) -> dict:
    update = field_changes(kept, dropped, fields_from)
    before = {column: kept[column] for column in update}
    if "authors_text" in update:
        before["_authors"] = [
            r[0]
            for r in review.db.execute(
                "SELECT author_id FROM paper_authors WHERE paper_id = ? ORDER BY position",
                (kept["id"],),
            )
        ]
        review.db.execute("DELETE FROM paper_authors WHERE paper_id = ?", (kept["id"],))
        review.db.execute(
            "INSERT INTO paper_authors (paper_id, position, author_id) "
            "SELECT ?, position, author_id FROM paper_authors WHERE paper_id = ?",
            (kept["id"], dropped["id"]),
        )
    if update:
        update["updated_at"] = now()
        _update_paper_row(review, kept["id"], update)
    return {"before": before, "after": {k: v for k, v in update.items() if k != "updated_at"}}


def _carry_decisions(review: Review, keep: int, drop: int) -> list[dict]:
    """Append copies of the dropped paper's current decisions where the kept paper has none."""
    copied = []
    kept_status = {
        (r[0], r[1]): r[2]
        for r in review.db.execute(
            "SELECT stage, reviewer, decision FROM screening_status WHERE paper_id = ?", (keep,)
        )
    }
    rows = review.db.execute(
        "SELECT d.stage, d.reviewer, d.decision, d.reason_id, d.note FROM screening_status s "
        "JOIN decisions d ON d.id = s.decision_id WHERE s.paper_id = ? AND s.decision != 'cleared' "
        "ORDER BY d.id",
        (drop,),
    ).fetchall()
    stamp = now()
    for stage, reviewer, decision, reason_id, note in rows:
        if kept_status.get((stage, reviewer), "cleared") != "cleared":
            continue
        cursor = review.db.execute(
            "INSERT INTO decisions (paper_id, stage, reviewer, decision, reason_id, note, source, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, 'merge', ?)",
            (keep, stage, reviewer, decision, reason_id, note, stamp),
        )
        copied.append({"id": cursor.lastrowid, "stage": stage, "reviewer": reviewer,
                       "before": kept_status.get((stage, reviewer))})  # fmt: skip
    return copied


def _carry_terms(review: Review, keep: int, drop: int) -> list[int]:
    added = [
        r[0]
        for r in review.db.execute(
            "SELECT term_id FROM paper_terms WHERE paper_id = ? AND term_id NOT IN "
            "(SELECT term_id FROM paper_terms WHERE paper_id = ?)",
            (drop, keep),
        )
    ]
    review.db.conn.executemany(
        "INSERT INTO paper_terms (paper_id, term_id) VALUES (?, ?)", [(keep, t) for t in added]
    )
    return added


def _carry_claims(review: Review, keep: int, drop: int) -> list[dict]:
    moved = []
    rows = review.db.execute(
        "SELECT claim_id, position, relation, claim_id IN "
        "(SELECT claim_id FROM claim_papers WHERE paper_id = ?) FROM claim_papers WHERE paper_id = ?",
        (keep, drop),
    ).fetchall()
    for claim_id, position, relation, has_kept in rows:
        if has_kept:
            review.db.execute(
                "DELETE FROM claim_papers WHERE claim_id = ? AND paper_id = ?", (claim_id, drop)
            )
        else:
            review.db.execute(
                "UPDATE claim_papers SET paper_id = ? WHERE claim_id = ? AND paper_id = ?",
                (keep, claim_id, drop),
            )
        moved.append({"claim": claim_id, "position": position, "relation": relation,
                      "removed": bool(has_kept)})  # fmt: skip
    return moved


def _mark_pair(review: Review, a: int, b: int, status: str, who: str, rule: str = "manual") -> dict:
    """Set the pair's status (creating the pair if needed); return its id and prior state."""
    lo, hi = ordered_pair(a, b)
    row = review.db.execute(
        "SELECT id, status, decided_by, decided_at FROM duplicate_pairs WHERE paper_a = ? AND paper_b = ?",
        (lo, hi),
    ).fetchone()
    if row is None:
        pair_id = review.db.execute(
            "INSERT INTO duplicate_pairs (paper_a, paper_b, rule, status, decided_by, decided_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (lo, hi, rule, status, who, now()),
        ).lastrowid
        return {"id": pair_id, "created": True}
    review.db.execute(
        "UPDATE duplicate_pairs SET status = ?, decided_by = ?, decided_at = ? WHERE id = ?",
        (status, who, now(), row[0]),
    )
    return {"id": row[0], "status": row[1], "decided_by": row[2], "decided_at": row[3]}


def unmerge(review: Review, dropped: int) -> Changes:
    """Undo the latest merge of paper `dropped` into another, restoring what it moved."""
    with review.atomic():
        row = review.db.execute(
            "SELECT id, kept_id, undo FROM merges WHERE dropped_id = ? AND undone_at IS NULL "
            "ORDER BY id DESC LIMIT 1",
            (dropped,),
        ).fetchone()
        if row is None:
            raise CuratorError(f"paper {dropped} is not merged into another paper")
        merge_id, keep, undo = row[0], row[1], json.loads(row[2])
        _restore_fields(review, keep, undo["fields"])
        marks = ",".join("?" * len(undo["records"]))
        if undo["records"]:
            review.db.execute(
                f"UPDATE records SET paper_id = ? WHERE id IN ({marks})",
                [dropped, *undo["records"]],
            )
        stamp = now()
        for copy in undo["decisions"]:
            current = review.db.execute(
                "SELECT decision_id FROM screening_status WHERE paper_id = ? AND stage = ? AND reviewer = ?",
                (keep, copy["stage"], copy["reviewer"]),
            ).fetchone()
            if current is None or current[0] != copy["id"]:
                continue  # decided again since the merge: that later decision stands
            review.db.execute(
                "INSERT INTO decisions (paper_id, stage, reviewer, decision, reason_id, note, source, "
                "created_at) VALUES (?, ?, ?, 'cleared', NULL, 'merge undone', 'unmerge', ?)",
                (keep, copy["stage"], copy["reviewer"], stamp),
            )
        review.db.conn.executemany(
            "DELETE FROM paper_terms WHERE paper_id = ? AND term_id = ?",
            [(keep, t) for t in undo["terms"]],
        )
        for link in undo["claims"]:
            if link["removed"]:
                review.db.execute(
                    "INSERT OR IGNORE INTO claim_papers (claim_id, paper_id, position, relation) "
                    "VALUES (?, ?, ?, ?)",
                    (link["claim"], dropped, link["position"], link["relation"]),
                )
            else:
                review.db.execute(
                    "UPDATE claim_papers SET paper_id = ? WHERE claim_id = ? AND paper_id = ?",
                    (dropped, link["claim"], keep),
                )
        pair = undo["pair"]
        if pair.get("created"):
            review.db.execute("DELETE FROM duplicate_pairs WHERE id = ?", (pair["id"],))
        else:
            review.db.execute(
                "UPDATE duplicate_pairs SET status = ?, decided_by = ?, decided_at = ? WHERE id = ?",
                (pair["status"], pair["decided_by"], pair["decided_at"], pair["id"]),
            )
        review.db.execute("UPDATE papers SET merged_into = NULL WHERE id = ?", (dropped,))
        review.db.execute("UPDATE merges SET undone_at = ? WHERE id = ?", (stamp, merge_id))
        review.audit("unmerge", "papers", dropped, {"merged_into": keep, "merge": merge_id}, None)
    return Changes(papers=True, decisions=True, tags=True, claims=True, id=merge_id)


def _restore_fields(review: Review, keep: int, fields: dict) -> None:
    """Put back the kept paper's fields the merge changed, unless edited since."""
    before, after = fields["before"], fields["after"]
    if not after:
        return
    current = _paper_row(review, keep)
    restore = {
        column: value
        for column, value in before.items()
        if not column.startswith("_") and current.get(column) == after.get(column)
    }
    if "_authors" in before and "authors_text" in restore:
        review.db.execute("DELETE FROM paper_authors WHERE paper_id = ?", (keep,))
        review.db.conn.executemany(
            "INSERT INTO paper_authors (paper_id, position, author_id) VALUES (?, ?, ?)",
            [(keep, i, a) for i, a in enumerate(before["_authors"])],
        )
    if restore:
        restore["updated_at"] = now()
        _update_paper_row(review, keep, restore)


def _update_paper_row(review: Review, paper_id: int, values: dict[str, Any]) -> None:
    columns = ", ".join(f"[{c}] = ?" for c in values)
    review.db.execute(f"UPDATE papers SET {columns} WHERE id = ?", [*values.values(), paper_id])


def mark_not_duplicate(review: Review, a: int, b: int, *, who: str | None = None) -> Changes:
    """Remember that papers `a` and `b` are different works (detection will not ask again)."""
    if a == b:
        raise CuratorError("a paper is always a duplicate of itself")
    with review.atomic():
        rows = {r[0]: r[1] for r in review.db.execute(
            "SELECT id, merged_into FROM papers WHERE id IN (?, ?)", (a, b))}  # fmt: skip
        for pid in (a, b):
            if pid not in rows:
                raise CuratorError(f"no paper with id {pid}")
        if rows[a] == b or rows[b] == a:
            raise CuratorError(f"papers {a} and {b} are merged; undo the merge first")
        state = _mark_pair(review, a, b, "not_duplicate", who or review.who)
        review.audit(
            "not_duplicate", "duplicate_pairs", state["id"], state, {"status": "not_duplicate"}
        )
    return Changes(papers=True, id=state["id"])


def set_pair_status(
    review: Review, pair_id: int, status: str, *, who: str | None = None
) -> Changes:
    """Set a pair's status directly (used to undo a 'not duplicate' answer: back to 'candidate')."""
    if status not in ("candidate", "not_duplicate", "version"):
        raise CuratorError(f"cannot set a pair to {status!r}; merge to make it a duplicate")
    with review.atomic():
        row = review.db.execute(
            "SELECT status, decided_by, decided_at FROM duplicate_pairs WHERE id = ?", (pair_id,)
        ).fetchone()
        if row is None:
            raise CuratorError(f"no duplicate pair with id {pair_id}")
        decided = None if status == "candidate" else (who or review.who)
        review.db.execute(
            "UPDATE duplicate_pairs SET status = ?, decided_by = ?, decided_at = ? WHERE id = ?",
            (status, decided, now() if decided else None, pair_id),
        )
        review.audit("update", "duplicate_pairs", pair_id, {"status": row[0]}, {"status": status})
    return Changes(papers=True, id=pair_id)
