"""Ruling out, many pairs at a time, the blocked pairs `compare` is sure to call "not similar".

`compare` ends a pair "not similar" when its title similarity is under 0.6 and the papers
share no identifier. Most blocked pairs end there, so `engine.find_pairs` asks this screen
first and sends to `compare` only the pairs it cannot rule out. The titles' `fuzz.ratio`
(and `fuzz.partial_ratio` for a short title beside a long one) is computed in rapidfuzz's C
code (`cpdist`) for a chunk of pairs at once, and the other tests `title_similarity` makes
are told with numpy from per-paper numbers, so no Python runs per pair. It never rules out a
pair `compare` would not call "not similar" (tests check it on every blocked pair of two
real sets).
"""

from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cpdist

from curator.core.dedup.prepare import Prepared

# Under 0.6 with a margin: cpdist returns float32 scores, compare works with float64 ones.
RATIO_BELOW = 59.5
PARTIAL_BELOW = 96.5  # `title_similarity` raises a title found inside the other at 97


class Screen:
    """The papers' titles, their lengths and word counts, and codes standing for the strings
    compared for equality (the identifiers, each title without spaces; -1 for none): what
    `compare` reads before it can call a pair "not similar", once per paper, not per pair."""

    def __init__(self, papers: list[Prepared]) -> None:
        codes: dict[str | None, int] = {None: -1, "": -1}
        self.titles = [p.title for p in papers]
        self.length = np.array([len(t) for t in self.titles])
        self.words = np.array([len(p.words) for p in papers])
        self.unspaced = np.array(
            [codes.setdefault(t.replace(" ", ""), len(codes)) for t in self.titles]
        )
        ids = [codes.setdefault(x, len(codes)) for p in papers for x in (p.doi, p.pmid, p.pmcid)]
        self.ids = np.array(ids, np.intp).reshape(-1, 3)

    def worth_comparing(self, first: np.ndarray, second: np.ndarray) -> np.ndarray:
        """Which of the pairs (papers first[k] and second[k]) `compare` might not call "not
        similar": titles over 0.6 but for rounding, a title missing, an identifier shared, the
        same title but for spaces, or a title of five words or more inside one over 1.5 times
        as long (`fuzz.partial_ratio` 97 and over, the translation rule). The missing-subtitle
        rule (one title starts or ends the other) needs no test of its own: such titles have a
        ratio under 0.6 only when the longer is over twice as long, and a partial ratio of 100."""
        titles = self.titles
        ratio = cpdist(
            [titles[i] for i in first.tolist()], [titles[i] for i in second.tolist()],
            scorer=fuzz.ratio, processor=None,
        )  # fmt: skip
        la, lb = self.length[first], self.length[second]
        shared = (self.ids[first] == self.ids[second]) & (self.ids[first] >= 0)
        ruled_out = (
            (ratio < RATIO_BELOW)
            & (np.minimum(la, lb) > 0)
            & ~shared.any(axis=1)
            & (self.unspaced[first] != self.unspaced[second])
        )
        short, long_ = np.where(la <= lb, first, second), np.where(la <= lb, second, first)
        inside = np.flatnonzero(
            ruled_out & (self.words[short] >= 5) & (self.length[long_] > 1.5 * self.length[short])
        )
        # with the cutoff, rapidfuzz gives up on a pair sooner (0: under it): half the time
        partial = cpdist(
            [titles[i] for i in short[inside].tolist()], [titles[i] for i in long_[inside].tolist()],
            scorer=fuzz.partial_ratio, processor=None, score_cutoff=PARTIAL_BELOW,
        )  # fmt: skip
        ruled_out[inside] = partial < PARTIAL_BELOW
        return ~ruled_out
