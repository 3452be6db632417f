"""Screening decisions an imported file carries from another tool, recorded in the review.

A team that moves from ASReview, Rayyan or Covidence brings its decisions along in the same
file as the records. They are read from each record's raw fields as the file gave them:

- ASReview: a `label_included` / `included` column (1 relevant, 0 irrelevant, empty not
  seen), or in RIS a note `ASReview_relevant` / `ASReview_irrelevant` / `ASReview_not_seen`;
- Rayyan: the notes (`N1` in RIS, `notes` in CSV) `RAYYAN-INCLUSION: {"Ann"=>"Included",
  "Bo"=>"Excluded"} | RAYYAN-LABELS: a,b | RAYYAN-EXCLUSION-REASONS: wrong population`,
  one decision per named reviewer;
- Covidence and others: a `Decision` / `Status` column, an `Exclusion reason(s)` column, or
  notes that say "Exclusion reason: ...".

`bring_decisions` records them, inside the import's transaction, as one named reviewer's
decisions at a chosen stage (or, where the file names its reviewers and no name is given,
as each of theirs), adding exclusion reasons the review does not have yet and the file's
labels as terms of a "Labels" facet. At full text, a paper also gets the title/abstract
inclusion it must have had to get there.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from curator.core.curation import facets
from curator.core.errors import CuratorError
from curator.core.importers.exporters import DECISION_KEYS, NOTE_KEYS, REASON_KEYS, header_key
from curator.core.importers.writer import full_raw
from curator.core.review import STAGES, Review
from curator.core.screening.decisions import (
    FORWARD,
    Decision,
    check_reviewer_name,
    reason_for_label,
    record_decisions,
)

LABELS_FACET = "Labels"
NO_REASON = "Excluded in the imported file (no reason given)"
_VALUES = {
    "include": ("1", "1.0", "true", "yes", "y", "include", "included", "relevant",
                "asreview_relevant", "eligible", "accepted"),
    "exclude": ("0", "0.0", "false", "no", "n", "exclude", "excluded", "irrelevant",
                "asreview_irrelevant", "ineligible", "rejected"),
    "maybe": ("maybe", "unsure", "undecided", "uncertain", "?"),
}  # fmt: skip
_DECISION_OF = {value: decision for decision, values in _VALUES.items() for value in values}
_ASREVIEW = re.compile(r"ASReview_(relevant|irrelevant|not_seen)", re.I)
_RAYYAN = re.compile(r"RAYYAN-(INCLUSION|LABELS|EXCLUSION-REASONS):\s*(.*?)\s*(?=\||$)", re.S)
_RAYYAN_VOTE = re.compile(r'"([^"]+)"\s*=>\s*"([^"]+)"')
_REASON_IN_NOTE = re.compile(r"exclusion reason:\s*([^;\n|]+)", re.I)


@dataclass(frozen=True)
class Carried:
    """One record's decision as its file gives it."""

    decision: str | None = None  # include, exclude or maybe (None: only per reviewer)
    reasons: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    by: tuple[tuple[str, str], ...] = ()  # (reviewer named in the file, decision)

    def combined(self) -> str | None:
        """The decision, or the file's reviewers' common one (None when they differ)."""
        if self.decision is not None:
            return self.decision
        found = {d for _, d in self.by}
        return found.pop() if len(found) == 1 else None


def _values(value: object) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value if v not in (None, "")]
    return [str(value)] if value not in (None, "") else []


def _split(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p.strip() for p in re.split(r"[;,]", text) if p.strip()))


def carried(raw: dict) -> Carried | None:
    """The decision a record's raw fields carry, or None."""
    decision: str | None = None
    reasons: list[str] = []
    labels: list[str] = []
    by: list[tuple[str, str]] = []
    for key, value in raw.items():
        k = header_key(str(key))
        if k in DECISION_KEYS:
            for item in _values(value):
                decision = _DECISION_OF.get(item.strip().lower(), decision)
        elif k in REASON_KEYS:
            for item in _values(value):
                reasons.extend(_split(item))
        elif k in NOTE_KEYS:
            for note in _values(value):
                if found := _ASREVIEW.search(note):
                    decision = {"relevant": "include", "irrelevant": "exclude"}.get(
                        found.group(1).lower(), decision
                    )
                for part, text in _RAYYAN.findall(note):
                    if part == "INCLUSION":
                        by.extend(
                            (name.strip(), _DECISION_OF.get(vote.strip().lower(), "maybe"))
                            for name, vote in _RAYYAN_VOTE.findall(text)
                        )
                    elif part == "LABELS":
                        labels.extend(_split(text))
                    else:
                        reasons.extend(_split(text))
                reasons.extend(r.strip() for r in _REASON_IN_NOTE.findall(note))
    if reasons and decision is None and not by:
        decision = "exclude"  # a reason for exclusion and no other decision
    if decision is None and not by:
        return None
    return Carried(decision, tuple(dict.fromkeys(reasons)), tuple(dict.fromkeys(labels)), tuple(by))


def carried_in(raws: list[dict]) -> Counter:
    """How many of these records carry each decision (for offering to bring them along)."""
    counts: Counter = Counter()
    for raw in raws:
        found = carried(raw)
        if found is not None:
            counts[found.combined() or "conflict"] += 1
    return counts


def bring_decisions(
    review: Review, import_id: int, stage: str, reviewer: str | None = None, *, source: str = ""
) -> str:
    """Record the decisions the records of import `import_id` carry; call inside the
    import's transaction. Returns the report's line saying what was recorded."""
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}")
    name = check_reviewer_name(reviewer) if reviewer else None
    added: list[str] = []
    reason_ids: dict[str, int] = {}  # a file repeats a handful of reasons on every record
    items: list[Decision] = []
    forward: list[Decision] = []
    labelled: dict[str, list[int]] = {}
    disagree = 0
    rows = review.db.query(
        "SELECT * FROM record_rows WHERE import_id = ? AND paper_id IS NOT NULL ORDER BY position",
        [import_id],
    )
    for record in rows:
        found = carried(full_raw(record))
        if found is None:
            continue
        paper = record["paper_id"]
        for label in found.labels:
            labelled.setdefault(label, []).append(paper)
        if found.by and name is None:
            votes = list(found.by)
        else:
            common = found.combined()
            if common is None:
                disagree += 1
                continue
            votes = [(name or review.who, common)]
        for who, decision in votes:
            reason = None
            if decision == "exclude" and (found.reasons or stage == "full_text"):
                first = found.reasons[0] if found.reasons else NO_REASON
                if first not in reason_ids:
                    reason_ids[first], new = reason_for_label(review, stage, first)
                    if new:
                        added.append(first)
                reason = reason_ids[first]
            note = "; ".join(found.reasons[1:]) or None
            items.append(Decision(paper, stage, decision, reason, note, check_reviewer_name(who)))
            if stage == "full_text":
                forward.append(Decision(paper, "title_abstract", "include", None,
                                        "reached full text in the imported file", items[-1].reviewer))  # fmt: skip
    carried_forward: set[int] = set()
    if forward:
        marks = ",".join("?" * len(FORWARD))
        sql = f"SELECT id FROM papers WHERE ta_decision IN ({marks})"
        ta = {row[0] for row in review.db.execute(sql, FORWARD)}
        added_ta = [d for d in forward if d.paper_id not in ta]
        record_decisions(review, added_ta, source=source)
        carried_forward = {d.paper_id for d in added_ta}
    record_decisions(review, items, source=source)
    if labelled:
        facet = _labels_facet(review)
        for label, papers in labelled.items():
            facets.tag(review, papers, facets.ensure_term(review, facet, label))
    counts = Counter(d.decision for d in items)
    line = (
        f"decisions brought along ({STAGES_TEXT[stage]}): "
        + (", ".join(f"{n} {d}" for d, n in sorted(counts.items())) or "none found")
        + _by_reviewers(items)
        + (f"; exclusion reasons added: {', '.join(added)}" if added else "")
        + (f"; labels: {', '.join(labelled)}" if labelled else "")
        + (
            f"; {len(carried_forward)} record(s) also recorded as included at title/abstract "
            "(they reached full text in the file)"
            if carried_forward
            else ""
        )
        + (
            f"; {disagree} record(s) not recorded: the file's reviewers disagree"
            if disagree
            else ""
        )
    )
    return line


STAGES_TEXT = {"title_abstract": "title/abstract", "full_text": "full text"}


def _by_reviewers(items: list[Decision]) -> str:
    """With the file's own reviewers (Rayyan's blind votes): whose decisions, on how many
    records, and how many records they disagree on (the Conflicts tab lists them), so that
    "3 exclude, 3 include" from a three-record file reads as votes, not records."""
    reviewers = sorted({d.reviewer for d in items})
    if len(reviewers) < 2:
        return ""
    votes: dict[int, set[str]] = {}
    for d in items:
        votes.setdefault(d.paper_id, set()).add(d.decision)
    split = sum(1 for decisions in votes.values() if len(decisions) > 1)
    return f", by {len(reviewers)} reviewers ({', '.join(reviewers)}) on {len(votes)} record(s)" + (
        f", who disagree on {split} (Screening ▸ Conflicts)" if split else ""
    )


def _labels_facet(review: Review) -> int:
    try:
        return facets.facet_id(review, LABELS_FACET)
    except CuratorError:
        return facets.add_facet(review, LABELS_FACET, "Labels brought along from imports").id  # type: ignore[return-value]
