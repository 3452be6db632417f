"""Merging many papers at once (an automatic run): the same result as `merge`, in bulk.

A run over 100,000 papers can merge tens of thousands of them; one `merge` call per paper
costs a dozen statements each. Here papers that carry nothing but records (no decisions,
tags or claim links, and no authors to copy) are merged with a few set-wide statements, and
each gets the same `merges` row (with its undo information) and audit entry as `merge`
writes, so `unmerge` undoes either kind. Papers with more to carry go through `merge`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence

from curator.core.db import in_lists
from curator.core.dedup.merge import field_changes, merge, ordered_pair
from curator.core.review import Review
from curator.core.timeutil import now


def _select(review: Review, sql: str, ids: Sequence[int]) -> list[tuple]:
    rows: list[tuple] = []
    for chunk, marks in in_lists(ids):
        params = list(chunk) * sql.count("{marks}")
        rows.extend(review.db.execute(sql.format(marks=marks), params).fetchall())
    return rows


def _still_unmerged(
    review: Review, groups: Sequence[tuple[int, Sequence[int]]]
) -> list[tuple[int, list[int]]]:
    ids = sorted({k for k, _ds in groups} | {d for _k, ds in groups for d in ds})
    merged = {
        r[0]
        for r in _select(
            review, "SELECT id FROM papers WHERE id IN ({marks}) AND merged_into IS NOT NULL", ids
        )
    }
    if not merged:
        return [(keep, list(drops)) for keep, drops in groups]
    kept = []
    for keep, drops in groups:
        members = [m for m in (keep, *drops) if m not in merged]
        if len(members) > 1:
            kept.append((members[0], members[1:]))
    return kept


def merge_groups(review: Review, groups: Sequence[tuple[int, Sequence[int]]], *, rule: str,
                 decided_by: str) -> int:  # fmt: skip
    """Merge each group's papers into its first; return how many papers were merged away.

    Call inside the run's transaction. The groups were found before it began, so a paper
    that another run has merged meanwhile is left out here (a group whose first paper was
    merged keeps its next one): two runs a few seconds apart never merge one paper twice.
    """
    groups = _still_unmerged(review, groups)
    drops = [d for _keep, ds in groups for d in ds]
    ids = sorted({k for k, _ds in groups} | set(drops))
    if not drops:
        return 0
    cursor = review.db.execute("SELECT * FROM papers LIMIT 0")
    names = [d[0] for d in cursor.description]
    rows = {
        r[0]: dict(zip(names, r, strict=True))
        for r in _select(review, "SELECT * FROM papers WHERE id IN ({marks})", ids)
    }
    busy = {r[0] for r in _select(review, "SELECT paper_id FROM screening_status WHERE paper_id IN ({marks}) "
                                  "UNION SELECT paper_id FROM paper_terms WHERE paper_id IN ({marks}) "
                                  "UNION SELECT paper_id FROM claim_papers WHERE paper_id IN ({marks})",
                                  drops) if r}  # fmt: skip
    records: dict[int, list[int]] = defaultdict(list)
    for record_id, paper_id in _select(
        review, "SELECT id, paper_id FROM records WHERE paper_id IN ({marks})", drops
    ):
        records[paper_id].append(record_id)
    pairs = {(r[1], r[2]): r for r in _select(
        review, "SELECT id, paper_a, paper_b, status, decided_by, decided_at FROM duplicate_pairs "
        "WHERE paper_a IN ({marks})", ids)}  # fmt: skip
    fast: list[tuple[int, int, dict, dict]] = []
    slow: list[tuple[int, int]] = []
    for keep, members in groups:
        kept = dict(rows[keep])
        for drop in members:
            update = field_changes(kept, rows[drop], {})
            if drop in busy or "authors_text" in update:
                slow.append((keep, drop))
                continue
            before = {column: kept[column] for column in update}
            kept.update(update)
            fast.append((keep, drop, update, before))
        if kept != rows[keep]:
            rows[keep] = kept
    stamp, who = now(), decided_by
    missing = [ordered_pair(k, d) for k, d, _u, _b in fast if ordered_pair(k, d) not in pairs]
    review.db.conn.executemany(
        "INSERT INTO duplicate_pairs (paper_a, paper_b, rule, status, decided_by, decided_at) "
        "VALUES (?, ?, ?, 'duplicate', ?, ?)", [(a, b, rule, who, stamp) for a, b in missing])  # fmt: skip
    created = set(missing)
    if missing:
        for r in _select(review, "SELECT id, paper_a, paper_b, status, decided_by, decided_at "
                         "FROM duplicate_pairs WHERE paper_a IN ({marks})", sorted({a for a, _b in missing})):  # fmt: skip
            pairs.setdefault((r[1], r[2]), r)
    merge_rows, audit_rows, paper_updates = [], [], defaultdict(dict)
    for keep, drop, update, before in fast:
        pair = pairs[ordered_pair(keep, drop)]
        prior = {"id": pair[0], "created": True} if ordered_pair(keep, drop) in created else {
            "id": pair[0], "status": pair[3], "decided_by": pair[4], "decided_at": pair[5]}  # fmt: skip
        undo = {"fields": {"before": before, "after": update}, "records": records.get(drop, []),
                "decisions": [], "terms": [], "claims": [], "pair": prior}  # fmt: skip
        merge_rows.append(
            (
                keep,
                drop,
                pair[0],
                rule,
                json.dumps(undo, ensure_ascii=False, default=str),
                who,
                stamp,
            )
        )
        paper_updates[keep].update(update)
    review.db.conn.executemany(
        "UPDATE duplicate_pairs SET status = 'duplicate', decided_by = ?, decided_at = ? "
        "WHERE paper_a = ? AND paper_b = ?", [(who, stamp, *ordered_pair(k, d)) for k, d, _u, _b in fast])  # fmt: skip
    review.db.conn.executemany(
        "UPDATE records SET paper_id = ? WHERE paper_id = ?", [(k, d) for k, d, _u, _b in fast]
    )
    review.db.conn.executemany(
        "UPDATE papers SET merged_into = ? WHERE id = ?", [(k, d) for k, d, _u, _b in fast]
    )
    for keep, update in paper_updates.items():
        if update:
            columns = ", ".join(f"[{c}] = ?" for c in update)
            review.db.execute(
                f"UPDATE papers SET {columns}, updated_at = ? WHERE id = ?",
                [*update.values(), stamp, keep],
            )
    for row in merge_rows:
        merge_id = review.db.execute(
            "INSERT INTO merges (kept_id, dropped_id, pair_id, rule, undo, merged_by, merged_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", row).lastrowid  # fmt: skip
        audit_rows.append((stamp, review.who, "merge", "papers", str(row[1]), None,
                           json.dumps({"merged_into": row[0], "merge": merge_id, "rule": rule})))  # fmt: skip
    review.db.conn.executemany(
        "INSERT INTO audit (at, who, action, table_name, row_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)",
        audit_rows)  # fmt: skip
    for keep, drop in slow:
        merge(review, keep, drop, rule=rule, decided_by=decided_by)
    return len(fast) + len(slow)
