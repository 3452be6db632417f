"""Relevance ranking: TF-IDF features and a class-balanced linear model trained on decisions.

The model is a pure function of the papers' text, the current decisions of one stage and a
seed: nothing is pickled into the review file, so the same file always yields the same
ranking. Text is title + abstract + keywords; features are word 1-2-grams with sublinear
tf (fitted on the whole corpus, which uses no labels), computed by curator.core.ranking.tfidf. The classifier is LinearSVC with
ASReview-style balancing (the includes weigh as much as `BALANCE_RATIO` times the
excludes), chosen over logistic regression and naive Bayes by the side-by-side benchmark
(docs/benchmarks.md, `## AI prioritisation`). Vectorising is the slow part, so the matrix is
cached in memory keyed by a hash of the texts, and a review's counts also on disk
(curator.core.ranking.feature_cache, disposable); retraining and scoring reuse them.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import ComplementNB, MultinomialNB
from sklearn.svm import LinearSVC

from curator.core.changes import Changes
from curator.core.errors import CuratorError
from curator.core.ranking import feature_cache, tfidf
from curator.core.ranking.labels import DEFAULT_SEED, LABELLED, POSITIVE
from curator.core.review import Review, stage_column

CLASSIFIERS = ("svm", "logistic", "nb", "cnb")
DEFAULT_CLASSIFIER = "svm"
BALANCE_RATIO = 9.8  # includes weigh as much as 9.8x the excludes in total (ASReview's ELAS u4)
SVM_C = 0.11
MAX_DF = 0.95  # words in more than 95% of the records carry no signal
_CACHE_SIZE = 2


@dataclass
class Features:
    """A corpus vectorised once: row i belongs to `ids[i]`."""

    ids: np.ndarray
    matrix: sparse.csr_matrix
    terms: Sequence[str] = field(repr=False)  # column j of `matrix` is the term `terms[j]`
    key: str
    seconds: float

    def row_of(self, paper_id: int) -> int:
        rows = np.flatnonzero(self.ids == paper_id)
        if rows.size == 0:
            raise CuratorError(f"paper {paper_id} is not in the ranked corpus")
        return int(rows[0])


@dataclass(frozen=True)
class Model:
    """A trained linear model over `features`: score = matrix @ coef + intercept."""

    features: Features
    coef: np.ndarray
    intercept: float
    classifier: str
    seed: int
    n_positive: int
    n_negative: int
    seconds: float

    def scores(self, rows: np.ndarray | None = None) -> np.ndarray:
        matrix = self.features.matrix if rows is None else self.features.matrix[rows]
        return np.asarray(matrix @ self.coef).ravel() + self.intercept

    def explain(self, row: int, n: int = 5) -> Explanation:
        """The terms of one record that pushed its score up and down the most (coef x tf-idf)."""
        start, end = self.features.matrix.indptr[row], self.features.matrix.indptr[row + 1]
        cols = self.features.matrix.indices[start:end]
        weights = self.features.matrix.data[start:end] * self.coef[cols]
        score = float(weights.sum() + self.intercept)
        terms = self.features.terms
        # Words like "with" or "of the" carry weight but explain nothing to a reader.
        shown = [
            (round(float(w), 12), str(terms[c]))
            for c, w in zip(cols, weights, strict=True)
            if not _only_stop_words(str(terms[c]))
        ]
        # Equal weights (the same words in the same records) list a phrase before its words.
        up = sorted((t for t in shown if t[0] > 0), key=lambda t: (-t[0], -t[1].count(" "), t[1]))
        down = sorted((t for t in shown if t[0] < 0), key=lambda t: (t[0], -t[1].count(" "), t[1]))
        up = [(term, weight) for weight, term in up[:n]]
        down = [(term, weight) for weight, term in down[:n]]
        return Explanation(score=score, up=up, down=down)


# Words that say nothing about a record's topic, on top of scikit-learn's stop words: the
# explanation leaves them out (the model still learns from every term).
EXPLANATION_STOP_WORDS = ENGLISH_STOP_WORDS | {
    "include", "includes", "included", "including", "use", "used", "uses", "using",
    "abstract", "copyright", "rights", "reserved",  # a database's boilerplate in abstracts
}  # fmt: skip


def _only_stop_words(term: str) -> bool:
    """True for a term that explains nothing to a reader: stop words only ("with", "of the",
    "include"), or a phrase that starts or ends on one ("used and", "of disease"), a fragment
    whose words, when they matter, are listed on their own."""
    words = term.split()

    def stop(word: str) -> bool:
        return word in EXPLANATION_STOP_WORDS or word.isdigit()

    return not words or all(stop(w) for w in words) or stop(words[0]) or stop(words[-1])


@dataclass(frozen=True)
class Explanation:
    score: float
    up: list[tuple[str, float]]
    down: list[tuple[str, float]]


@dataclass(frozen=True)
class Ranking:
    """Scores for every paper of the corpus, from a model trained on a stage's decisions."""

    stage: str
    ids: np.ndarray
    scores: np.ndarray
    model: Model
    decisions_upto: int  # the highest decision id the model saw

    def order(self) -> np.ndarray:
        """Paper ids, most relevant first (ties by id)."""
        return self.ids[np.lexsort((self.ids, -self.scores))]

    def score_of(self, paper_id: int) -> float:
        return float(self.scores[self.model.features.row_of(paper_id)])

    def explain(self, paper_id: int, n: int = 5) -> Explanation:
        return self.model.explain(self.model.features.row_of(paper_id), n)


# -- features ----------------------------------------------------------------------------
_cache: OrderedDict[str, Features] = OrderedDict()
_cache_lock = threading.Lock()


def paper_text(title: str | None, abstract: str | None, keywords: str | None) -> str:
    """The text the model reads: title, abstract and keywords (a JSON list or free text)."""
    words = keywords or ""
    if words.startswith("["):
        try:
            words = " ".join(str(k) for k in json.loads(words))
        except ValueError:
            pass
    return " ".join(part for part in (title or "", abstract or "", words) if part)


def _min_df(n_docs: int) -> int:
    # Bigrams seen once cannot generalise; dropping them keeps big corpora small and fast.
    return 2 if n_docs >= 5000 else 1


def featurize(ids: Sequence[int], texts: Sequence[str], *, disk: bool = False) -> Features:
    """Vectorise `texts` (row i is paper `ids[i]`), reusing a cached matrix for the same input.

    With `disk`, the counts are also looked up in and saved to the on-disk feature cache
    (curator.core.ranking.feature_cache), so a review's first retrain in a new session skips
    vectorising; the matrix is the same either way.
    """
    digest = hashlib.blake2b(digest_size=16)
    for paper_id, text in zip(ids, texts, strict=True):
        digest.update(f"{paper_id}\x1f{text}\x1e".encode("utf-8", "surrogatepass"))
    key = digest.hexdigest()
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    started = time.perf_counter()
    stored = feature_cache.load(key, len(texts)) if disk else None
    if stored is not None:
        counts, terms = stored
    else:
        try:
            counts, terms = tfidf.count_matrix(texts, min_df=_min_df(len(texts)), max_df=MAX_DF)
        except ValueError:  # no words at all (empty titles and abstracts)
            counts, terms = None, np.array(["(no text)"], dtype=object)
        if disk and counts is not None:
            feature_cache.store(key, counts, terms)
    if counts is None:
        matrix = sparse.csr_matrix(np.ones((len(texts), 1)))
    else:
        matrix = tfidf.weigh(counts)
    found = Features(
        np.asarray(ids, dtype=np.int64), matrix, terms, key, time.perf_counter() - started
    )
    with _cache_lock:
        _cache[key] = found
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return found


# -- training ----------------------------------------------------------------------------
def balanced_weights(y: np.ndarray, ratio: float = BALANCE_RATIO) -> np.ndarray:
    """Sample weights: all includes together weigh `ratio` times all excludes (mean 1)."""
    n_pos, n_neg = int((y == 1).sum()), int((y == 0).sum())
    weights = np.where(y == 1, 1.0, n_pos / (ratio * n_neg))
    return weights * (len(y) / weights.sum())


def _fit(
    classifier: str, x: sparse.csr_matrix, y: np.ndarray, seed: int
) -> tuple[np.ndarray, float]:
    if classifier == "svm":
        model = LinearSVC(
            C=SVM_C, loss="squared_hinge", dual=True, random_state=seed, max_iter=5000
        )
        model.fit(x, y, sample_weight=balanced_weights(y))
        return model.coef_.ravel(), float(model.intercept_[0])
    if classifier == "logistic":
        model = LogisticRegression(C=10.0, solver="liblinear", random_state=seed)
        model.fit(x, y, sample_weight=balanced_weights(y))
        return model.coef_.ravel(), float(model.intercept_[0])
    if classifier in ("nb", "cnb"):
        model = MultinomialNB(alpha=3.822) if classifier == "nb" else ComplementNB(alpha=1.0)
        model.fit(x, y, sample_weight=balanced_weights(y, 1.0))
        # Log-odds of the two classes is linear in the features: the same form as the others.
        log_prob = model.feature_log_prob_
        coef = log_prob[1] - log_prob[0]  # (ComplementNB stores its weights already negated)
        return np.asarray(coef).ravel(), float(
            model.class_log_prior_[1] - model.class_log_prior_[0]
        )
    raise CuratorError(f"unknown classifier {classifier!r}; use one of {', '.join(CLASSIFIERS)}")


def train(
    features: Features,
    rows: np.ndarray,
    y: np.ndarray,
    *,
    classifier: str = DEFAULT_CLASSIFIER,
    seed: int = DEFAULT_SEED,
) -> Model:
    """Fit on the labelled `rows` of `features` (y: 1 relevant, 0 not); needs both classes."""
    y = np.asarray(y, dtype=np.int64)
    n_pos, n_neg = int((y == 1).sum()), int((y == 0).sum())
    if n_pos == 0 or n_neg == 0:
        raise CuratorError("the model needs at least one include and one exclude to learn from")
    started = time.perf_counter()
    coef, intercept = _fit(classifier, features.matrix[rows], y, seed)
    return Model(
        features, coef, intercept, classifier, seed, n_pos, n_neg, time.perf_counter() - started
    )


# -- on a review -------------------------------------------------------------------------
def review_features(review: Review) -> Features:
    """The features of every paper in the review (merged duplicates left out), cached in
    memory and in the on-disk feature cache."""
    rows = review.db.execute(
        "SELECT id, title, abstract, keywords FROM papers WHERE merged_into IS NULL ORDER BY id"
    ).fetchall()
    return featurize([r[0] for r in rows], [paper_text(r[1], r[2], r[3]) for r in rows], disk=True)


def stage_labels(review: Review, stage: str) -> dict[int, int]:
    """Current decisions of a stage as training labels: include 1, exclude 0 (a maybe is
    left out: it is never an include, nor an exclude)."""
    column = stage_column(stage)
    marks = ", ".join(f"'{d}'" for d in LABELLED)
    rows = review.db.execute(
        f"SELECT id, {column} FROM papers WHERE merged_into IS NULL AND {column} IN ({marks})"
    ).fetchall()
    return {paper_id: int(decision in POSITIVE) for paper_id, decision in rows}


def can_rank(review: Review, stage: str) -> bool:
    """True once the stage has at least one include and one exclude."""
    labels = stage_labels(review, stage)
    return 0 < sum(labels.values()) < len(labels)


def rank_review(
    review: Review,
    stage: str = "title_abstract",
    *,
    classifier: str = DEFAULT_CLASSIFIER,
    seed: int = DEFAULT_SEED,
) -> Ranking:
    """Train on the stage's current decisions and score every paper (nothing is written)."""
    decisions_upto = review.db.execute("SELECT COALESCE(MAX(id), 0) FROM decisions").fetchone()[0]
    features = review_features(review)
    labels = stage_labels(review, stage)
    position = {int(p): i for i, p in enumerate(features.ids)}
    rows = np.fromiter((position[p] for p in labels), dtype=np.int64, count=len(labels))
    y = np.fromiter(labels.values(), dtype=np.int64, count=len(labels))
    model = train(features, rows, y, classifier=classifier, seed=seed)
    return Ranking(stage, features.ids, model.scores(), model, int(decisions_upto))


def write_scores(review: Review, ranking: Ranking) -> Changes:
    """Store the ranking in papers.rank_score, in one transaction, with one audit entry."""
    with review.atomic():
        # Every paper in the ranking gets a new score; merged duplicates (not ranked) get none.
        review.db.execute(
            "UPDATE papers SET rank_score = NULL WHERE merged_into IS NOT NULL AND rank_score IS NOT NULL"
        )
        review.db.conn.executemany(
            "UPDATE papers SET rank_score = ? WHERE id = ?",
            zip(ranking.scores.tolist(), ranking.ids.tolist(), strict=True),
        )
        review.audit(
            "rank",
            "papers",
            None,
            None,
            {
                "stage": ranking.stage,
                "classifier": ranking.model.classifier,
                "seed": ranking.model.seed,
                "includes": ranking.model.n_positive,
                "excludes": ranking.model.n_negative,
                "decisions_upto": ranking.decisions_upto,
                "papers": int(ranking.ids.size),
            },
        )
    return Changes(papers=True)
