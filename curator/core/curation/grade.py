"""GRADE certainty of a claim: its starting level, the domain judgements, the certainty they give.

GRADE (Guyatt et al., 2008; the GRADE handbook, section 5) rates the certainty of a body of
evidence on four levels: High, Moderate, Low, Very low. Curator computes it per claim:

1. Starting level. From the designs of the linked papers (`evidence.paper_designs`), leaving
   out links marked "context": when any is an RCT or a meta-analysis / systematic review the
   evidence is taken as randomised and starts High; otherwise (longitudinal, cohort, other or
   untagged designs) it is observational and starts Low. The curator may override it with
   "high" or "low" and a reason (e.g. a systematic review of observational studies starts low).
2. Rating down: Risk of bias, Inconsistency, Indirectness and Imprecision lower the level by
   one when Serious and by two when Very serious; Publication bias by one when Strongly
   suspected.
3. Rating up: Large effect by one (Very large: two), Dose-response gradient by one, Plausible
   confounding that would reduce the effect by one. GRADE rates up mainly observational
   evidence with no reason to rate down; Curator counts the upgrades as judged and says so
   in a note when they are applied to evidence that starts high or was rated down.
4. Certainty = start - downgrades + upgrades, kept within High..Very low. A domain not yet
   judged changes nothing (and is listed as not judged).

The certainty is placed on the review's own strength scale the way the strength suggestion
is (`evidence.scale_index`): on the GRADE preset, or any four-level scale, one to one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from curator.core.changes import Changes
from curator.core.curation import claims as claims_core
from curator.core.curation.claims import GRADE_DOMAINS, GRADE_JUDGEMENTS, GRADE_LABELS
from curator.core.curation.evidence import DESIGN_LABELS, paper_designs, scale_index
from curator.core.errors import ValidationError
from curator.core.review import Review

CERTAINTY = ("High", "Moderate", "Low", "Very low")
START_LEVELS = {"high": 0, "low": 2}
DOWN_DOMAINS = tuple(key for key, _label, _j in GRADE_DOMAINS[:5])
UP_DOMAINS = tuple(key for key, _label, _j in GRADE_DOMAINS[5:])
# How many levels each judgement moves the certainty (down for DOWN_DOMAINS, up for UP_DOMAINS).
STEPS = {
    "Not serious": 0,
    "Serious": 1,
    "Very serious": 2,
    "Undetected": 0,
    "Strongly suspected": 1,
    "No": 0,
    "Large": 1,
    "Very large": 2,
    "Yes": 1,
}
RANDOMISED_DESIGNS = ("rct", "synthesis")


@dataclass(frozen=True)
class Profile:
    """A claim's GRADE profile: where it starts, what moves it, where it ends."""

    start: str | None  # "high" / "low"; None without a counted linked paper
    start_why: str  # "randomised: 1 RCT", "set by the curator: ..."
    overridden: bool
    downgrades: int
    upgrades: int
    level: int | None  # index into CERTAINTY
    certainty: str | None
    strength: str | None  # the certainty on the review's strength scale
    grades: dict[str, dict] = field(default_factory=dict)
    not_judged: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def moves(self) -> str:
        """'rated down 1 level', 'rated down 2 levels and up 1', 'not rated down or up'."""
        parts = []
        if self.downgrades:
            parts.append(f"down {self.downgrades} level{'s' * (self.downgrades != 1)}")
        if self.upgrades:
            parts.append(f"up {self.upgrades} level{'s' * (self.upgrades != 1)}")
        return "rated " + " and ".join(parts) if parts else "not rated down or up"

    def summary(self) -> str:
        """'High, rated down 1 level: Moderate', or why there is no certainty yet."""
        if self.start is None:
            return f"no certainty: {self.start_why}"
        return f"{self.start.capitalize()}, {self.moves()}: {self.certainty}"


def certainty_level(start: str, grades: dict[str, dict]) -> tuple[int, int, int]:
    """(level, downgrades, upgrades) for a starting level and domain judgements (GRADE steps 2-4)."""
    if start not in START_LEVELS:
        raise ValidationError(f"starting level {start!r} is not high or low", "start")
    down = up = 0
    for domain, entry in grades.items():
        judgement = entry.get("judgement")
        if judgement is None:
            continue
        if judgement not in GRADE_JUDGEMENTS.get(domain, ()):
            raise ValidationError(f"{domain}: {judgement!r} is not a GRADE judgement", "grades")
        if domain in DOWN_DOMAINS:
            down += STEPS[judgement]
        else:
            up += STEPS[judgement]
    level = min(max(START_LEVELS[start] + down - up, 0), len(CERTAINTY) - 1)
    return level, down, up


def design_start(designs: Sequence[str]) -> tuple[str | None, str]:
    """The starting level the designs give, and why ("randomised: 2 RCTs or syntheses")."""
    if not designs:
        return None, "no linked paper counts (links marked context are left out)"
    counts = Counter(designs)
    randomised = [
        f"{counts[d]} {DESIGN_LABELS[d][counts[d] != 1]}" for d in RANDOMISED_DESIGNS if counts[d]
    ]
    if randomised:
        return "high", "randomised: " + ", ".join(randomised)
    untagged = sum(1 for d in designs if d == "untagged")
    if untagged == len(designs):
        return "low", "observational: no paper is tagged with a methodology"
    return "low", "observational: no RCT or systematic review"


def profile(
    review: Review,
    papers: Sequence[int],
    relations: Sequence[str | None] | None,
    grades: dict[str, dict],
    start: str | None = None,
    start_reason: str | None = None,
) -> Profile:
    """The profile of a claim with these links, judgements and starting override (None: auto)."""
    relations = list(relations) if relations is not None else [None] * len(papers)
    counted = [p for p, r in zip(papers, relations, strict=True) if r != "context"]
    designs = paper_designs(review, counted)
    auto_start, auto_why = design_start([designs[p] for p in counted])
    overridden = start in START_LEVELS
    if overridden:
        begin, why = (
            start,
            f"set by the curator: {(start_reason or '').strip() or 'no reason given'}",
        )
    else:
        begin, why = auto_start, auto_why
    grades = {d: g for d, g in grades.items() if g.get("judgement") or g.get("reason")}
    not_judged = [key for key, _l, _j in GRADE_DOMAINS if not grades.get(key, {}).get("judgement")]
    notes = []
    for key, entry in grades.items():
        if entry.get("judgement") and STEPS.get(entry["judgement"]) and not entry.get("reason"):
            notes.append(f"{GRADE_LABELS[key]} is rated {entry['judgement']} without a reason")
    if begin is None:
        return Profile(None, why, overridden, 0, 0, None, None, None, grades, not_judged, notes)
    level, down, up = certainty_level(begin, grades)
    if up and (begin == "high" or down):
        notes.append("GRADE rates up mainly observational evidence with no reason to rate down")
    scale = claims_core.strength_scale(review)
    strength = scale[scale_index(level, len(scale))]
    return Profile(
        begin,
        why,
        overridden,
        down,
        up,
        level,
        CERTAINTY[level],
        strength,
        grades,
        not_judged,
        notes,
    )


def claim_profile(review: Review, claim: dict) -> Profile:
    """The profile of a saved claim (a `claims.get_claim` dict)."""
    return profile(
        review,
        claim["papers"],
        claim["relations"],
        claim["grades"],
        claim.get("grade_start"),
        claim.get("grade_start_reason"),
    )


def is_graded(claim: dict) -> bool:
    """Whether the curator has started a GRADE profile: a domain judged or a start set."""
    return bool(claim.get("grade_start")) or any(
        g.get("judgement") for g in claim["grades"].values()
    )


# -- naming domains and ratings as people type them -----------------------------------
def _key(text: str) -> str:
    return " ".join(text.replace("_", " ").replace("-", " ").casefold().split())


def domain_key(name: str) -> str:
    """The domain key for 'risk_of_bias', 'risk-of-bias' or 'Risk of bias'."""
    wanted = _key(name)
    for key, label, _j in GRADE_DOMAINS:
        if wanted in (_key(key), _key(label)):
            return key
    known = ", ".join(key for key, _l, _j in GRADE_DOMAINS)
    raise ValidationError(f"unknown GRADE domain {name!r} (domains: {known})", "domain")


def rating_for(domain: str, rating: str) -> str:
    """The judgement of `domain` that `rating` names ('serious' -> 'Serious')."""
    for judgement in GRADE_JUDGEMENTS[domain]:
        if _key(rating) == _key(judgement):
            return judgement
    raise ValidationError(
        f"{GRADE_LABELS[domain]}: {rating!r} is not one of {', '.join(GRADE_JUDGEMENTS[domain])}",
        "rating",
    )


# -- edits ------------------------------------------------------------------------------
def grade_domain(
    review: Review, claim_id: int, domain: str, rating: str, reason: str | None = None
) -> Changes:
    """Judge one domain of a claim (the others stay as they are); `reason` None keeps the old one."""
    key = domain_key(domain)
    judgement = rating_for(key, rating)
    grades = dict(claims_core.get_claim(review, claim_id)["grades"])
    old_reason = grades.get(key, {}).get("reason")
    grades[key] = {"judgement": judgement, "reason": old_reason if reason is None else reason}
    return claims_core.update_claim(review, claim_id, grades=grades)


def set_start(review: Review, claim_id: int, start: str, reason: str | None = None) -> Changes:
    """Override the starting level ("high"/"low", with a reason) or go back to "auto"."""
    return claims_core.update_claim(review, claim_id, start=start, start_reason=reason)
