"""Comparing two prepared papers: field-by-field scores, vetoes, and the rule that decides.

The outcome of a comparison is one of
- "duplicate": a rule for certain duplicates matched (merged automatically when the pair's
  score also reaches the review's threshold),
- "candidate": similar enough for a person to look at,
- "version": a preprint and its published version (linked, never merged),
- "distinct": not a duplicate, either for lack of similarity or because of a veto.

Strings are normalised once per paper in `prepare`; rapidfuzz is therefore called with
`processor=None` on purpose (rapidfuzz 3 does not normalise by default, and normalising
again per pair would cost time for nothing).
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from curator.core.dedup.prepare import Prepared

KIND_VETOES = {
    "erratum": "erratum vs article",
    "retraction": "retraction notice vs article",
    "comment": "comment or reply vs article",
    "abstract": "conference abstract vs article",
}
WEIGHTS = {"title": 0.45, "authors": 0.2, "venue": 0.1, "year": 0.05, "volume": 0.05,
           "issue": 0.05, "pages": 0.1}  # fmt: skip


@dataclass(frozen=True, slots=True)
class PairResult:
    outcome: str
    rule: str
    score: float
    scores: dict[str, float | None]

    @property
    def reason(self) -> str:
        return reason(self.rule, self.scores)


def reason(rule: str, scores: dict[str, float | None]) -> str:
    """The rule and which compared fields agreed, partly agreed or differed: what an automatic
    merge keeps in the merge history and the pair view shows ("title + authors; agreed: title,
    authors, year; differed: issue")."""
    agreed = [k for k, v in scores.items() if v is not None and v >= 0.9]
    partly = [k for k, v in scores.items() if v is not None and 0.5 <= v < 0.9]
    differed = [k for k, v in scores.items() if v is not None and v < 0.5]
    parts = [rule]
    for label, names in (("agreed", agreed), ("partly", partly), ("differed", differed)):
        if names:
            parts.append(f"{label}: {', '.join(names)}")
    return "; ".join(parts)


def title_similarity(a: Prepared, b: Prepared) -> float | None:
    # `screen.Screen` tells from these same tests, in bulk, which pairs stay under 0.6.
    if not a.title or not b.title:
        return None
    if a.title == b.title:
        return 1.0
    t1, t2 = a.title, b.title
    if t1.replace(" ", "") == t2.replace(" ", ""):
        return 1.0
    ratio = fuzz.ratio(t1, t2, processor=None) / 100
    short, long_ = (t1, t2) if len(t1) <= len(t2) else (t2, t1)
    n_short = short.count(" ") + 1
    if n_short >= 5 and (long_.startswith(short) or long_.endswith(short)):  # subtitle missing
        ratio = max(ratio, 0.96)
    elif n_short >= 5 and len(long_) > 1.5 * len(short):  # translation appended
        partial = fuzz.partial_ratio(short, long_, processor=None) / 100
        if partial >= 0.97:
            ratio = max(ratio, 0.93)
    return ratio


def author_similarity(a: Prepared, b: Prepared) -> float | None:
    if not a.authors or not b.authors:
        return None
    if a.authors == b.authors:
        return 1.0
    ordered = fuzz.ratio(a.author_str, b.author_str, processor=None) / 100
    # A truncated list ("et al.") or given names kept as words: one list inside the other.
    shared = fuzz.token_set_ratio(a.author_str, b.author_str, processor=None) / 100
    if a.authors[0] != b.authors[0] and fuzz.ratio(a.authors[0], b.authors[0], processor=None) < 80:
        shared = min(shared, 0.8)
    best = max(ordered, shared)
    if best < 0.9 and a.initials and (a.initials == b.swapped or a.swapped == b.initials):
        # One record swapped given and family names ("Thi Minh, N." for "Nguyen, T. M."):
        # every author's initials agree once swapped back.
        best = 0.9
    return best


def venue_similarity(a: Prepared, b: Prepared) -> float | None:
    if not a.venue or not b.venue:
        return None
    if a.venue == b.venue:
        return 1.0
    if abbreviates(a.venue_words, b.venue_words) or abbreviates(b.venue_words, a.venue_words):
        return 0.95
    if acronym(a.venue_words, b.venue_words) or acronym(b.venue_words, a.venue_words):
        return 0.95
    ratio = fuzz.ratio(a.venue, b.venue, processor=None) / 100
    partial = fuzz.partial_ratio(a.venue, b.venue, processor=None) / 100
    return max(ratio, partial * 0.9)


def abbreviates(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Whether each word of `short` starts a word of `full`, in order ("curr opin lipidol")."""
    if not short or len(short) > len(full) or short[0][0] != full[0][0]:
        return False
    j = 0
    for word in short:
        while j < len(full) and not _shortens(word, full[j]):
            j += 1
        if j == len(full):
            return False
        j += 1
    return True


def _shortens(word: str, full: str) -> bool:
    """Whether `word` shortens `full`: a prefix ("j", "journ") or an ISO 4 contraction ("natl")."""
    if full.startswith(word):
        return True
    if len(word) < 3 or word[0] != full[0] or len(word) >= len(full):
        return False
    rest = iter(full)
    return all(c in rest for c in word)


def acronym(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """A journal known by its initials: "bmj" for "british medical journal", "jama"."""
    return (
        len(short) == 1
        and 2 <= len(short[0]) <= 6
        and len(full) == len(short[0])
        and "".join(w[0] for w in full) == short[0]
    )


def _weighted(scores: dict[str, float | None]) -> float:
    """The weighted mean of the field scores present."""
    present = [(WEIGHTS[k], v) for k, v in scores.items() if k in WEIGHTS and v is not None]
    total = sum(w for w, _ in present)
    return round(sum(w * v for w, v in present) / total, 4) if total else 0.0


def page_score(a: Prepared, b: Prepared) -> float | None:
    """1.0 when the first pages agree (an "article:page" locator counts either number), 0.0
    when they differ; a mangled field ("Suppl-29") agrees when the other's last page ends in
    its digits and is unknown (None) otherwise."""
    if a.page and b.page:
        if a.page == b.page or (a.page_alt and a.page_alt == b.page):
            return 1.0
        return 1.0 if b.page_alt and b.page_alt == a.page else 0.0
    tail, other = (a.page_tail, b) if a.page_tail else (b.page_tail, a)
    if tail and (other.last_page or other.page).endswith(tail):
        return 1.0
    return None


def _equal(x: str, y: str) -> float | None:
    if not x or not y:
        return None
    return 1.0 if x == y else 0.0


def compare(a: Prepared, b: Prepared) -> PairResult:
    """Score a pair of papers and decide what it is."""
    year_diff = abs(a.year - b.year) if a.year and b.year else None
    title = title_similarity(a, b)
    same_id = (
        (a.doi and a.doi == b.doi)
        or (a.pmid and a.pmid == b.pmid)
        or (a.pmcid and a.pmcid == b.pmcid)
    )
    if title is not None and title < 0.6 and not same_id:  # no rule can match: skip the rest
        return PairResult(
            "distinct", "not similar", round(title * WEIGHTS["title"], 4), {"title": title}
        )
    scores: dict[str, float | None] = {
        "doi": _equal(a.doi or "", b.doi or ""),
        "pmid": _equal(a.pmid or "", b.pmid or ""),
        "title": title,
        "authors": author_similarity(a, b),
        "venue": venue_similarity(a, b),
        "year": None if year_diff is None else max(0.0, 1.0 - year_diff / 2),
        "volume": _equal(a.volume, b.volume),
        "issue": _equal(a.issue, b.issue),
        "pages": page_score(a, b),
    }
    if a.volume != b.volume and (_shifted(a, b) or _shifted(b, a)):
        # volume missing, the volume in the issue field and the issue in the pages field
        scores["volume"], scores["issue"], scores["pages"] = 1.0, 1.0, None
    score = _weighted(scores)
    if scores["doi"] == 1.0 or scores["pmid"] == 1.0:
        score = max(score, 0.99 if (scores["title"] or 0) >= 0.8 else score)

    def result(outcome: str, rule: str) -> PairResult:
        return PairResult(outcome, rule, score, scores)

    # -- vetoes --------------------------------------------------------------------------
    if {a.kind, b.kind} == {"preprint", "article"}:  # different DOIs and years are expected
        if (scores["title"] or 0) >= 0.9 and (scores["authors"] or 0.8) >= 0.7:
            return result("version", "preprint and published version")
        return result("distinct", "preprint vs article, not similar")
    if scores["doi"] == 0.0:
        if _doi_versions(a.doi or "", b.doi or ""):
            return result("version", "doi versions")
        if same_text(a, b) and scores["pmid"] != 0.0:
            return result("duplicate", "same text under two DOIs")
        return result("distinct", "veto: different DOIs")
    if scores["pmid"] == 0.0:
        return result("distinct", "veto: different PMIDs")
    if year_diff is not None and year_diff > 1:
        return result("distinct", "veto: years more than one apart")
    if a.letters != b.letters:  # before the comment/reply veto: the bundle holds both
        bundle, item = (a, b) if a.letters else (b, a)
        if covers(bundle, item):
            scores["pages"] = 1.0  # the letter's page lies in the bundle's page range
            rule = "multiple-letters record and a letter it holds"
            return PairResult("duplicate", rule, _weighted(scores), scores)
    if a.kind != b.kind:
        kinds = {a.kind, b.kind}
        if (
            kinds == {"erratum", "article"}
            and (scores["title"] or 0) >= 0.9
            and (scores["venue"] or 0) >= 0.9
            and set(a.authors) & set(b.authors)  # a correction often names one author
        ):
            # The correction of this very article: never merged automatically (the veto), but
            # some teams count it as a duplicate of its article, so a person decides.
            return result("candidate", "veto: erratum vs article")
        for kind, why in KIND_VETOES.items():
            if kind in kinds:
                return result("distinct", f"veto: {why}")
        return result("distinct", "veto: different kinds")
    if a.language and b.language and a.language != b.language:
        return result("distinct", "veto: translation (different languages)")

    title = scores["title"]
    authors = scores["authors"]
    venue = scores["venue"]
    t = title if title is not None else 0.0
    au = authors if authors is not None else 0.0
    # -- identifiers ---------------------------------------------------------------------
    if (a.recurring or b.recurring) and not (scores["issue"] == 1.0 and scores["pages"] == 1.0):
        # "Editor's comments" of two issues: only the issue and pages tell them apart.
        if t >= 0.85:
            return result("candidate", "recurring title, issue and pages do not both agree")
        return result("distinct", "recurring title, not similar")
    if scores["doi"] == 1.0 or scores["pmid"] == 1.0 or (a.pmcid and a.pmcid == b.pmcid):
        name = (
            "same DOI" if scores["doi"] == 1.0 else "same PMID" if scores["pmid"] else "same PMCID"
        )
        if title is not None and t < 0.6 and authors is not None and au < 0.5:
            # Abstracts of one supplement indexed under the supplement's DOI: nothing but the
            # identifier in common, and the identifier names the issue, not the paper.
            return result("distinct", f"{name}, but titles and authors differ")
        differ = [k for k in ("volume", "pages") if scores[k] == 0.0]
        if venue is not None and venue < 0.75 and differ:
            # An abstract in another journal's supplement carrying the article's DOI, or a DOI
            # a database attached to the wrong record: the journal and its numbers disagree.
            return result("candidate", f"{name}, but journal and {' and '.join(differ)} differ")
        if title is None or t >= 0.8:
            return result("duplicate", name)
        return result("candidate", f"{name}, titles differ")

    if scores["volume"] == 0.0 and (a.volume == b.issue or b.volume == a.issue):
        scores["volume"] = None  # the issue number written in the volume field on one side
    conflicts = [k for k in ("volume", "pages") if scores[k] == 0.0]
    if scores["issue"] == 0.0 and scores["volume"] != 1.0:
        conflicts.append("issue")
    agree = [k for k in ("volume", "issue", "pages") if scores[k] == 1.0]
    if year_diff == 0:
        agree.append("year")
    if venue is not None and venue >= 0.9:
        agree.append("venue")
    numbers_differ = a.numbers != b.numbers and title is not None and t < 1.0
    # Online one year, in print the next: a year apart is fine with two details agreeing, or
    # with the same title, at least two authors and the same journal.
    year_ok = (
        year_diff == 0
        or year_diff is None
        or (year_diff == 1 and len(agree) >= 2)
        or (
            year_diff == 1
            and t >= 0.95
            and au >= 0.9
            and min(len(a.authors), len(b.authors)) >= 2
            and (venue or 0) >= 0.9
        )
    )

    # -- certain duplicates --------------------------------------------------------------
    if not conflicts and not numbers_differ and year_ok:
        venue_ok = venue is None or venue >= 0.75 or len(agree) >= 2
        if t >= 0.95 and au >= 0.75 and venue_ok:
            return result("duplicate", "title + authors")
        if t >= 0.9 and au >= 0.9 and len(agree) >= 3:
            return result("duplicate", "title + authors + bibliographic details")
        if t >= 0.95 and authors is None and len(agree) >= 3:
            return result("duplicate", "title + bibliographic details (no authors)")
        if (
            t >= 0.95
            and (authors is None or au >= 0.4)
            and year_diff == 0
            and (venue or 0) >= 0.9
            and {"volume", "pages"} <= set(agree)
        ):
            return result("duplicate", "title + venue + volume + pages")
        if t == 1.0 and len(a.words) >= 8 and (authors is None or au >= 0.6) and year_diff == 0:
            return result("duplicate", "identical long title")
    if (
        t >= 0.95
        and au >= 0.95
        and (venue or 0) >= 0.9
        and year_diff == 0
        and conflicts == ["pages"]
        and {"volume", "issue"} <= set(agree)
        and Levenshtein.distance(a.page, b.page) <= 1
        and not numbers_differ
    ):
        return result("duplicate", "title + authors + issue, first page mistyped")
    if (
        t == 1.0
        and au >= 0.95
        and (venue or 0) >= 0.9
        and year_diff == 0
        and conflicts == ["volume"]
        and "pages" in agree
    ):
        return result("duplicate", "title + authors + venue + first page, volume mistyped")
    if (
        title is not None
        and t >= 0.6
        and au >= 0.9
        and (venue or 0) >= 0.9
        and year_diff == 0
        and {"volume", "pages"} <= set(agree)
        and "issue" not in conflicts
    ):
        return result("duplicate", "authors + venue + volume + pages")
    # -- for a person to look at ---------------------------------------------------------
    if t >= 0.85 and (authors is None or au >= 0.5):
        return result("candidate", "similar title")
    if t >= 0.7 and au >= 0.7 and len(agree) >= 2:
        return result("candidate", "similar title and details")
    if title is None and au >= 0.8 and len(agree) >= 3:
        return result("candidate", "title missing, details agree")
    return result("distinct", "not similar")


def same_text(a: Prepared, b: Prepared) -> bool:
    """The same text printed twice (a conference abstract in two journals' supplements): the
    one exception to the different-DOI veto. Title and full author list identical after
    normalisation, at least two authors, the same year and kind, and the same abstract of at
    least `prepare.MIN_ABSTRACT_WORDS` words (`Prepared.abstract_key`)."""
    return bool(
        a.abstract_key
        and a.abstract_key == b.abstract_key
        and a.title
        and a.title == b.title
        and len(a.authors) >= 2
        and a.authors == b.authors
        and a.year is not None
        and a.year == b.year
        and a.kind == b.kind
        and a.kind in ("article", "abstract")
    )


def covers(bundle: Prepared, item: Prepared) -> bool:
    """Whether an Embase "[multiple letters]" record holds `item` (the letter, or a reply to
    it): same title (a reply's "- Reply" aside), same journal, year and volume, no conflicting
    issue, the item's first page inside the bundle's page range, and the item's authors all
    among the bundle's."""
    if not bundle.letters or item.letters or item.kind in ("erratum", "retraction"):
        return False
    if not (
        bundle.year and bundle.year == item.year and bundle.volume and bundle.volume == item.volume
    ):
        return False
    if bundle.issue and item.issue and bundle.issue != item.issue:
        return False
    if not (bundle.venue and item.venue and (venue_similarity(bundle, item) or 0) >= 0.9):
        return False
    if not (bundle.page.isdigit() and item.page.isdigit()):
        return False
    last = bundle.last_page if bundle.last_page.isdigit() else bundle.page
    if not int(bundle.page) <= int(item.page) <= int(last):
        return False
    if not item.authors or not set(item.authors) <= set(bundle.authors):
        return False
    wanted = item.title_without_reply()
    return bool(wanted) and fuzz.ratio(bundle.title, wanted, processor=None) >= 95


def _shifted(a: Prepared, b: Prepared) -> bool:
    """`a` has its numbers shifted one field left of `b`'s: no volume, `b`'s volume in the
    issue field and `b`'s issue in the pages field (seen in Embase conference records)."""
    return bool(not a.volume and a.issue and a.issue == b.volume and b.issue and a.page == b.issue)


def _doi_versions(d1: str, d2: str) -> bool:
    """Cochrane-style versions of one work: 10.1002/14651858.CD001.pub2 vs ...CD001.pub3."""
    base1 = d1.split(".pub")[0]
    return ".pub" in d1 + d2 and base1 == d2.split(".pub")[0]
