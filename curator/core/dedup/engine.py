"""Running duplicate detection over a review: find pairs, store them, merge the certain ones.

`run` compares the review's papers (all of them, or only `new_ids` against everything, which
is what an import calls), stores every candidate, version and duplicate pair with its field
scores and deciding rule, and merges the certain duplicates whose score reaches the review's
`dedup_auto_threshold` setting. Answers a person gave before (not duplicate, duplicate,
version) are kept: those pairs are never re-decided. Progress and cancel go through the
core's TaskState (curator.core.tasks); a cancelled run writes nothing.
"""

from __future__ import annotations

import json
import time
from collections.abc import Collection
from dataclasses import dataclass, field
from itertools import starmap

import numpy as np

from curator.core import collector
from curator.core.changes import Changes
from curator.core.db import in_lists
from curator.core.dedup.blocking import candidate_pairs
from curator.core.dedup.bulk import merge_groups
from curator.core.dedup.compare import PairResult, compare, covers
from curator.core.dedup.prepare import Prepared, abstract_key, prepare_values
from curator.core.dedup.screen import Screen
from curator.core.review import Review
from curator.core.tasks import Cancelled, TaskState

AUTO_THRESHOLD_SETTING = "dedup_auto_threshold"
# Papers an import added whose duplicate detection has not run yet: written in the import's
# transaction, cleared in the detection's, so a kill between the two leaves the work marked
# and the next import or `curator dedup` (or opening the review in the window) finishes it.
PENDING_SETTING = "dedup_pending"
DEFAULT_AUTO_THRESHOLD = 0.85
# Candidate pairs scoring below the floor are not queued. Tuned leave-one-set-out on the
# labelled sets (the highest floor losing none of the other sets' true pairs): 0.7 on two
# splits, 0.75 on the third; the lower is the default (docs/benchmarks-dedup.md).
QUEUE_FLOOR_SETTING = "dedup_queue_floor"
DEFAULT_QUEUE_FLOOR = 0.7
DECIDED = ("not_duplicate", "duplicate", "version")
# The columns in prepare.COLUMNS' order: each row goes to prepare_values as it is.
_PAPER_SQL = (
    "SELECT p.id, p.title, p.authors_text, p.year, v.name AS venue, p.volume, p.issue, "
    "p.pages, p.doi, p.pmid, p.pmcid, p.type, p.language FROM papers p "
    "LEFT JOIN venues v ON v.id = p.venue_id WHERE "
)


@dataclass
class DedupResult:
    papers: int = 0
    compared: int = 0
    candidates: int = 0
    duplicates: int = 0
    versions: int = 0
    merged: int = 0
    seconds: float = 0.0
    cancelled: bool = False
    merged_groups: list[list[int]] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)


def get_auto_threshold(review: Review) -> float:
    """The score at or above which a certain duplicate is merged without asking."""
    return float(review.setting(AUTO_THRESHOLD_SETTING, DEFAULT_AUTO_THRESHOLD))


def set_auto_threshold(review: Review, value: float) -> Changes:
    review.set_setting(AUTO_THRESHOLD_SETTING, float(value))
    return Changes(settings=True)


def load_prepared(
    review: Review, where: str = "p.merged_into IS NULL", params=()
) -> list[Prepared]:
    """The papers `where` selects (by default every paper not merged away), prepared."""
    papers = list(starmap(prepare_values, review.db.execute(_PAPER_SQL + where, params)))
    _add_abstract_keys(review, papers)
    return papers


def compare_papers(review: Review, a: int, b: int) -> PairResult:
    """Compare two papers as detection does (whether or not either is merged away)."""
    found = {p.id: p for p in load_prepared(review, "p.id IN (?, ?)", (a, b))}
    return compare(found[min(a, b)], found[max(a, b)])


def _add_abstract_keys(review: Review, papers: list[Prepared]) -> None:
    """Abstract digests, read only for the few papers the "same text under two DOIs" exception
    can concern (same title, authors and year as a paper with another DOI): reading and folding
    every abstract would cost more than the rest of preparing."""
    by_text: dict[tuple, list[Prepared]] = {}
    for p in papers:
        if p.doi and p.title and len(p.authors) >= 2:
            by_text.setdefault((p.title, p.authors, p.year), []).append(p)
    wanted = {
        p.id: p for g in by_text.values() if len(g) > 1 and len({p.doi for p in g}) > 1 for p in g
    }
    for chunk, marks in in_lists(sorted(wanted)):
        sql = f"SELECT id, abstract FROM papers WHERE id IN ({marks})"
        for pid, abstract in review.db.execute(sql, chunk):
            wanted[pid].abstract_key = abstract_key(abstract)


def find_pairs(
    papers: list[Prepared],
    *,
    new_ids: Collection[int] | None = None,
    skip: Collection[tuple[int, int]] = (),
    state: TaskState | None = None,
) -> tuple[int, list[tuple[int, int, PairResult]]]:
    """Compare the blocked pairs; return the count compared and the pairs worth keeping.

    The pairs go a chunk at a time through the bulk `Screen`; only the pairs it cannot rule
    out go through `compare`."""
    first, second = candidate_pairs(papers, new_ids)
    compared = len(first)
    if skip:
        where = {p.id: i for i, p in enumerate(papers)}
        skipped = [where[a] * len(papers) + where[b] for a, b in skip if a in where and b in where]
        kept = ~np.isin(first * len(papers) + second, skipped)
        first, second = first[kept], second[kept]
    screen = Screen(papers)
    found: list[tuple[int, int, PairResult]] = []
    for at in range(0, len(first), CHUNK):
        if state is not None:
            state.check()
            state.report(min(80.0, 10 + at / max(1, len(papers)) * 20), 100)
        a, b = first[at : at + CHUNK], second[at : at + CHUNK]
        worth = screen.worth_comparing(a, b)
        for i, j in zip(a[worth].tolist(), b[worth].tolist(), strict=True):
            outcome = compare(papers[i], papers[j])
            if outcome.outcome != "distinct":
                found.append((papers[i].id, papers[j].id, outcome))
    return compared, found


CHUNK = 4096  # pairs screened in one call (and between two checks for cancel)


def run(
    review: Review,
    *,
    state: TaskState | None = None,
    auto_threshold: float | None = None,
    new_ids: Collection[int] | None = None,
    auto_merge: bool = True,
    queue: bool = True,
    queue_floor: float | None = None,
) -> DedupResult:
    """Detect duplicates among the review's papers (or `new_ids` against all of them).

    With `queue=False` only the certain duplicates are merged (and versions linked); the
    uncertain pairs are not stored for the review queue. Candidates scoring below
    `queue_floor` (default: the review's `dedup_queue_floor`, else DEFAULT_QUEUE_FLOOR) are
    not queued.
    """
    started = time.perf_counter()
    threshold = auto_threshold if auto_threshold is not None else get_auto_threshold(review)
    if queue_floor is None:
        queue_floor = float(review.setting(QUEUE_FLOOR_SETTING, DEFAULT_QUEUE_FLOOR))
    if state is not None:
        state.set_status("Reading papers")
    with collector.lasting(lambda: load_prepared(review)) as papers:
        existing = {
            (r[0], r[1]): (r[2], r[3])
            for r in review.db.execute("SELECT paper_a, paper_b, id, status FROM duplicate_pairs")
        }
        decided = {k for k, (_i, status) in existing.items() if status in DECIDED}
        if state is not None:
            state.report(10, 100, "Comparing papers")
        try:
            compared, found = find_pairs(papers, new_ids=new_ids, skip=decided, state=state)
        except Cancelled:
            return DedupResult(
                papers=len(papers), cancelled=True, seconds=time.perf_counter() - started
            )
        if state is not None and state.cancelled:
            return DedupResult(
                papers=len(papers), cancelled=True, seconds=time.perf_counter() - started
            )
        found = [f for f in found if f[2].outcome != "candidate" or f[2].score >= queue_floor]
        result = DedupResult(papers=len(papers), compared=compared)
        by_id = {p.id: p for p in papers}
        not_dup = {k for k, (_i, s) in existing.items() if s == "not_duplicate"}
        auto = [
            (a, b, r)
            for a, b, r in found
            if auto_merge and r.outcome == "duplicate" and r.score >= threshold
        ]
        if not queue:
            auto_pairs = {(a, b) for a, b, _r in auto}
            found = [f for f in found if f[2].outcome == "version" or (f[0], f[1]) in auto_pairs]
        groups = _cluster(auto, by_id, not_dup)
        group_of = {m: r for r, ms in groups.items() for m in ms}
        merged_pairs = {(a, b) for a, b, _r in auto if group_of.get(a) == group_of.get(b, -1)}
        if state is not None:
            state.report(85, 100, "Saving pairs and merging")
        with review.atomic():
            _clear_pending(review, new_ids)
            _store_pairs(review, found, existing, merged_pairs)
            ordered = [sorted(m) for m in groups.values() if len(m) > 1]
            result.merged = merge_groups(
                review,
                [(m[0], m[1:]) for m in ordered],
                rule="automatic",
                decided_by="auto",
                reasons=_reasons(auto, group_of),
            )
            result.merged_groups = ordered
            if merged_pairs:
                review.db.conn.executemany(
                    "UPDATE duplicate_pairs SET status = 'duplicate', decided_by = 'auto' "
                    "WHERE paper_a = ? AND paper_b = ?",
                    sorted(merged_pairs),
                )
            review.audit("dedup", "papers", None, None, {
                "compared": compared, "pairs": len(found), "merged": result.merged,
                "threshold": threshold, "new_only": new_ids is not None})  # fmt: skip
        result.candidates = sum(
            1
            for a, b, r in found
            if (a, b) not in merged_pairs and r.outcome in ("candidate", "duplicate")
        )
        result.duplicates = sum(1 for _a, _b, r in found if r.outcome == "duplicate")
        result.versions = sum(1 for _a, _b, r in found if r.outcome == "version")
        result.seconds = time.perf_counter() - started
        result.changes = Changes(papers=True, decisions=bool(result.merged), tags=bool(result.merged),
                                 claims=bool(result.merged))  # fmt: skip
        if state is not None:
            state.report(100, 100)
        return result


def dedup_new(
    review: Review, new_ids: Collection[int], *, state: TaskState | None = None
) -> DedupResult:
    """What an import calls: compare only the papers just added against the whole review."""
    return run(review, state=state, new_ids=new_ids)


def resume_pending(review: Review, *, state: TaskState | None = None) -> DedupResult | None:
    """Finish the duplicate detection an interrupted import left pending (None: nothing was)."""
    ids = pending_ids(review)
    if not ids:
        if review.setting(PENDING_SETTING):
            with review.atomic():
                _clear_pending(review, None)
        return None
    return run(review, state=state, new_ids=ids)


def mark_pending(review: Review, new_ids: Collection[int]) -> None:
    """Record that `new_ids` await duplicate detection (call inside the import's transaction)."""
    pending = set(review.setting(PENDING_SETTING, [])) | set(new_ids)
    review.set_setting(PENDING_SETTING, sorted(pending), audit=False)


def pending_ids(review: Review) -> list[int]:
    """Papers still visible whose duplicate detection an interrupted import left undone."""
    pending = review.setting(PENDING_SETTING, [])
    if not pending:
        return []
    visible: list[int] = []
    for chunk, marks in in_lists(sorted(pending)):
        visible.extend(r[0] for r in review.db.execute(
            f"SELECT id FROM papers WHERE id IN ({marks}) AND merged_into IS NULL", chunk))  # fmt: skip
    return visible


def _clear_pending(review: Review, done: Collection[int] | None) -> None:
    pending = review.setting(PENDING_SETTING, [])
    if not pending:
        return
    left = [] if done is None else sorted(set(pending) - set(done))
    if left:
        review.set_setting(PENDING_SETTING, left, audit=False)
    else:
        review.db.execute("DELETE FROM settings WHERE key = ?", (PENDING_SETTING,))


def _store_pairs(review: Review, found, existing, merged_pairs) -> None:
    rows = []
    for a, b, r in found:
        status = "version" if r.outcome == "version" else "candidate"
        rule = (
            r.rule
            if r.outcome != "duplicate" or (a, b) in merged_pairs
            else f"{r.rule} (below threshold)"
        )
        rows.append((a, b, r.score, json.dumps(r.scores), rule, status))
    review.db.conn.executemany(
        "INSERT INTO duplicate_pairs (paper_a, paper_b, score, scores, rule, status) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (paper_a, paper_b) DO UPDATE SET "
        "score = excluded.score, scores = excluded.scores, rule = excluded.rule "
        "WHERE duplicate_pairs.status = 'candidate'",
        rows,
    )


def _reasons(auto, group_of: dict[int, int]) -> dict[int, str]:
    """Why each paper was merged: the best-scoring automatic pair joining it to its group
    ("automatic: title + authors; agreed: ...; differed: ..."), for the merge history."""
    best: dict[int, PairResult] = {}
    for a, b, r in auto:
        if group_of.get(a) is None or group_of.get(a) != group_of.get(b):
            continue
        for paper in (a, b):
            if paper not in best or r.score > best[paper].score:
                best[paper] = r
    return {paper: f"automatic: {r.reason}" for paper, r in best.items()}


def _cluster(
    auto, by_id: dict[int, Prepared], not_dup: set[tuple[int, int]]
) -> dict[int, set[int]]:
    """Group certain duplicates, refusing any join that would put a vetoed pair in one group."""
    parent: dict[int, int] = {}
    members: dict[int, set[int]] = {}

    def root(x: int) -> int:
        parent.setdefault(x, x)
        members.setdefault(x, {x})
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _r in sorted(auto, key=lambda t: -t[2].score):
        ra, rb = root(a), root(b)
        if ra == rb:
            continue
        if not _compatible(members[ra], members[rb], by_id, not_dup):
            continue
        if len(members[ra]) < len(members[rb]):
            ra, rb = rb, ra
        parent[rb] = ra
        members[ra] |= members.pop(rb)
    return {r: m for r, m in members.items() if parent.get(r, r) == r}


def _compatible(left: set[int], right: set[int], by_id, not_dup) -> bool:
    bundles = [by_id[m] for m in left | right if by_id[m].letters]
    for x in left:
        for y in right:
            key = (x, y) if x < y else (y, x)
            if key in not_dup:
                return False
            if len(left) * len(right) <= 64:
                outcome = compare(by_id[key[0]], by_id[key[1]])
                if outcome.outcome != "duplicate" and outcome.rule.startswith(
                    ("veto", "doi", "preprint")
                ):
                    if outcome.rule == "veto: comment or reply vs article" and any(
                        covers(m, by_id[x]) and covers(m, by_id[y]) for m in bundles
                    ):
                        continue  # a letter and its reply, both held by one letters record
                    return False
    return True
