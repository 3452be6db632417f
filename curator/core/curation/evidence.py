"""Suggesting a claim's evidence strength from its linked papers' designs and number.

The suggestion is advice shown next to the strength field, with its reasons; the curator
decides. The rule, on a four-level scale (0 = strongest):

1. Each linked paper gets a design from its Methodology terms (and their parent terms), the
   strongest that applies:
   - synthesis: meta-analysis, systematic review, umbrella review;
   - RCT: randomised/randomized (controlled) trial, "RCT";
   - controlled: longitudinal, cohort, prospective, case-control, quasi-experimental,
     controlled/non-randomised trial;
   - other: any other methodology term (narrative review, cross-sectional, case study,
     qualitative, proof-of-concept, ...); untagged: no Methodology term at all.
2. Links marked "context" are left out; "contradicts" links count against the claim; links
   marked "supports" or not marked count for it.
3. From the supporting papers: two or more syntheses/RCTs -> level 0 (Strong); one
   synthesis/RCT, two or more controlled studies, or four or more papers of any design ->
   level 1 (Moderate); two or three papers -> level 2 (Weak); one or none -> level 3 (Very weak).
4. Any contradicting paper lowers the level by one (inconsistent direction); as many
   contradicting as supporting papers gives the weakest level.
5. The level is placed on the review's own scale proportionally (a four-level scale maps
   one to one: Strong/High, Moderate, Weak/Low, Very weak/Very low).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from curator.core.curation.claims import strength_scale
from curator.core.review import Review

DESIGNS = ("synthesis", "rct", "controlled", "other", "untagged")
DESIGN_LABELS = {
    "synthesis": ("meta-analysis or systematic review", "meta-analyses or systematic reviews"),
    "rct": ("RCT", "RCTs"),
    "controlled": ("longitudinal or controlled study", "longitudinal or controlled studies"),
    "other": ("study of another design", "studies of other designs"),
    "untagged": ("paper without a methodology term", "papers without a methodology term"),
}
LEVEL_RULES = (
    "two or more RCTs or meta-analyses/systematic reviews",
    "one RCT or meta-analysis, two or more longitudinal/controlled studies, or four or more papers",
    "two or three supporting papers",
    "a single supporting paper",
)
_PATTERNS = (
    ("synthesis", re.compile(r"meta[\s-]?analy|systematic\s+review|umbrella\s+review", re.I)),
    ("rct", re.compile(r"\brcts?\b|randomi[sz]ed|randomi[sz]ation", re.I)),
    (
        "controlled",
        re.compile(
            r"longitudinal|cohort|prospective|case[\s-]control|quasi[\s-]?experiment|"
            r"controlled|non[\s-]?randomi[sz]ed|follow[\s-]?up",
            re.I,
        ),
    ),
)


@dataclass(frozen=True)
class Suggestion:
    strength: str | None
    level: int | None
    rule: str = ""
    reasons: list[str] = field(default_factory=list)
    designs: dict[int, str] = field(default_factory=dict)

    def explain(self) -> str:
        """ "Moderate: one RCT ... with a consistent direction. Supporting: 1 RCT; ..."."""
        if self.strength is None:
            return self.rule
        details = "; ".join(self.reasons)
        return f"{self.strength}: {self.rule}. {details[:1].upper()}{details[1:]}."


def classify(term_names: Sequence[str]) -> str:
    """The strongest design named by any of a paper's methodology terms."""
    if not term_names:
        return "untagged"
    for design, pattern in _PATTERNS:
        if any(pattern.search(name) for name in term_names):
            return design
    return "other"


def paper_designs(review: Review, paper_ids: Sequence[int]) -> dict[int, str]:
    """Each paper's design from its terms in the facet named Methodology (and their parents)."""
    out: dict[int, str] = {}
    for paper_id in paper_ids:
        names = [
            row[0]
            for row in review.db.execute(
                "WITH RECURSIVE up(id) AS ("
                " SELECT pt.term_id FROM paper_terms pt JOIN terms t ON t.id = pt.term_id"
                " JOIN facets f ON f.id = t.facet_id"
                " WHERE pt.paper_id = ? AND f.name = 'Methodology' COLLATE NOCASE"
                " UNION SELECT t.parent_id FROM terms t JOIN up ON t.id = up.id"
                " WHERE t.parent_id IS NOT NULL)"
                " SELECT name FROM terms WHERE id IN (SELECT id FROM up)",
                (paper_id,),
            )
        ]
        out[paper_id] = classify(names)
    return out


def _count_phrase(counts: Counter) -> str:
    parts = []
    for design in DESIGNS:
        n = counts.get(design, 0)
        if n:
            parts.append(f"{n} {DESIGN_LABELS[design][0 if n == 1 else 1]}")
    return ", ".join(parts) if parts else "none"


def level_for(supporting: Counter, contradicting: int) -> tuple[int, str]:
    """The level (0 strongest .. 3) and the rule that gave it; see the module docstring."""
    n = sum(supporting.values())
    high = supporting["synthesis"] + supporting["rct"]
    if high >= 2:
        level = 0
    elif high == 1 or supporting["controlled"] >= 2 or n >= 4:
        level = 1
    elif n >= 2:
        level = 2
    else:
        level = 3
    rule = LEVEL_RULES[level]
    if contradicting and contradicting >= n:
        return 3, f"{rule}, but as many papers contradict the claim as support it"
    if contradicting:
        return min(level + 1, 3), f"{rule}, lowered one level because the direction is inconsistent"
    return level, f"{rule} with a consistent direction" if n else "no supporting paper"


def scale_index(level: int, size: int) -> int:
    """Where a level on the four-level rule falls on a scale of `size` levels."""
    return round(level * (size - 1) / 3)


def suggest_strength(
    review: Review, papers: Sequence[int], relations: Sequence[str | None] | None = None
) -> Suggestion:
    """The suggested strength for a claim linking `papers` (with optional relations), and why."""
    relations = list(relations) if relations is not None else [None] * len(papers)
    if not papers:
        return Suggestion(None, None, "link papers to get a suggestion")
    designs = paper_designs(review, papers)
    supporting: Counter = Counter()
    contradicting = context = 0
    for paper_id, relation in zip(papers, relations, strict=True):
        if relation == "context":
            context += 1
        elif relation == "contradicts":
            contradicting += 1
        else:
            supporting[designs[paper_id]] += 1
    level, rule = level_for(supporting, contradicting)
    scale = strength_scale(review)
    strength = scale[scale_index(level, len(scale))]
    reasons = [f"supporting: {_count_phrase(supporting)}"]
    if contradicting:
        reasons.append(f"{contradicting} contradicting")
    if context:
        reasons.append(f"{context} context only (not counted)")
    if supporting["untagged"]:
        reasons.append("tag the untagged papers' methodology for a better suggestion")
    return Suggestion(strength, level, rule, reasons, designs)
