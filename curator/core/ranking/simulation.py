"""Simulated screening: replay a fully labelled dataset through the ranking model.

`read_labelled` reads a CSV/TSV (ASReview's layout) or a RIS file with labels;
`simulate` starts from random prior records and then, like the screening pane, always
screens the highest-ranked unscreened record, retraining every `retrain_every` decisions;
`wss`, `recall_at` and `recall_curve` measure the order it produced (as ASReview does).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from curator.core.errors import CuratorError
from curator.core.ranking import model as ranking

LABEL_COLUMNS = ("label_included", "included")
_TITLE = ("title", "primary_title", "ti", "t1")
_ABSTRACT = ("abstract", "notes_abstract", "ab")
_KEYWORDS = ("keywords", "kw", "author_keywords", "author keywords")
# In the GUI a retrain starts after each decision and decisions made while it runs are folded
# into the next one; retraining takes milliseconds against a reviewer's seconds per record, so
# a retrain after every decision is what the reviewer gets. The simulation does the same.
RETRAIN_EVERY = 1


@dataclass(frozen=True)
class Labelled:
    texts: list[str]
    labels: np.ndarray  # 1 included, 0 excluded
    source: Path


def _pick(columns: dict[str, str], names: tuple[str, ...]) -> str | None:
    return next((columns[n] for n in names if n in columns), None)


def _read_ris(path: Path) -> pd.DataFrame:
    import rispy

    try:
        entries = rispy.load(path, encoding="utf-8-sig")
    except Exception as exc:  # rispy raises plain exceptions for malformed files
        raise CuratorError(f"{path}: not a readable RIS file ({exc})") from exc
    rows = []
    for entry in entries:
        notes = " ".join(entry.get("notes", []) or [])
        label = 1 if "ASReview_relevant" in notes else 0 if "ASReview_irrelevant" in notes else None
        rows.append(
            {
                "title": entry.get("title") or entry.get("primary_title") or "",
                "abstract": entry.get("abstract") or "",
                "keywords": " ".join(entry.get("keywords", []) or []),
                "label_included": label,
            }
        )
    return pd.DataFrame(rows)


def read_labelled(path: str | Path) -> Labelled:
    """A labelled dataset: CSV/TSV with `label_included` or `included` (0/1), or RIS whose
    notes carry ASReview's `ASReview_relevant` / `ASReview_irrelevant` marks."""
    path = Path(path)
    if not path.is_file():
        raise CuratorError(f"{path}: no such file")
    suffixes = [s.lower() for s in path.suffixes if s.lower() != ".gz"]
    if suffixes and suffixes[-1] in (".ris", ".txt") and not _looks_tabular(path):
        frame = _read_ris(path)
    else:
        try:
            frame = pd.read_csv(
                path,
                sep=None,
                engine="python",
                dtype=str,
                keep_default_na=False,
                encoding="utf-8-sig",
            )
        except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as exc:
            raise CuratorError(f"{path}: not a readable CSV/TSV file ({exc})") from exc
    columns = {str(c).strip().lower(): c for c in frame.columns}
    label_col = _pick(columns, LABEL_COLUMNS)
    if label_col is None:
        raise CuratorError(f"{path}: no label column (expected one of {', '.join(LABEL_COLUMNS)})")
    title_col, abstract_col = _pick(columns, _TITLE), _pick(columns, _ABSTRACT)
    if title_col is None and abstract_col is None:
        raise CuratorError(f"{path}: no title or abstract column")
    keywords_col = _pick(columns, _KEYWORDS)
    labels = np.empty(len(frame), dtype=np.int64)
    for i, value in enumerate(frame[label_col].tolist()):
        text = "" if value is None else str(value).strip()
        if text in ("1", "1.0"):
            labels[i] = 1
        elif text in ("0", "0.0"):
            labels[i] = 0
        else:
            raise CuratorError(
                f"{path}: record {i + 1}: label {text or '(empty)'!r} in {label_col} is not 0 or 1"
            )
    if labels.sum() == 0 or labels.sum() == len(labels):
        raise CuratorError(f"{path}: needs at least one included and one excluded record")

    def column(name: str | None) -> list[str]:
        return [""] * len(frame) if name is None else frame[name].fillna("").astype(str).tolist()

    texts = [
        ranking.paper_text(t, a, k)
        for t, a, k in zip(
            column(title_col), column(abstract_col), column(keywords_col), strict=True
        )
    ]
    return Labelled(texts, labels, path)


def _looks_tabular(path: Path) -> bool:
    import gzip

    opener = gzip.open if path.suffix.lower() == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig", errors="replace") as handle:
        first = handle.readline()
    return any(name in first.lower() for name in LABEL_COLUMNS) and ("," in first or "\t" in first)


def draw_priors(labels: np.ndarray, included: int, excluded: int, seed: int) -> np.ndarray:
    """Row numbers of `included` random includes then `excluded` random excludes (seeded)."""
    rng = np.random.default_rng(seed)
    pos, neg = np.flatnonzero(labels == 1), np.flatnonzero(labels == 0)
    if included > pos.size or excluded > neg.size:
        raise CuratorError(
            f"asked for {included} prior includes and {excluded} prior excludes; the data has "
            f"{pos.size} and {neg.size}"
        )
    return np.concatenate(
        [rng.choice(pos, included, replace=False), rng.choice(neg, excluded, replace=False)]
    )


@dataclass(frozen=True)
class Simulation:
    order: np.ndarray  # row numbers in the order screened (priors first)
    labels: np.ndarray  # labels in that order
    n_prior: int
    n_records: int
    n_included: int
    retrain_seconds: list[float]
    wall_seconds: float
    retrain_every: int = RETRAIN_EVERY


def featurize(data: Labelled) -> ranking.Features:
    """The model's features of every record (row numbers as ids)."""
    return ranking.featurize(list(range(data.labels.size)), data.texts)


def simulate(
    data: Labelled,
    prior: np.ndarray,
    *,
    seed: int = 0,
    retrain_every: int = RETRAIN_EVERY,
    classifier: str = ranking.DEFAULT_CLASSIFIER,
    stop_when_all_found: bool = True,
    until: Callable[[int, int], bool] | None = None,
    features: ranking.Features | None = None,
) -> Simulation:
    """Screen in model order from `prior` (records already screened, in order); stop once
    every include is found (or at the end), or as soon as `until(row, label)`, called after
    each record screened, returns True. `features` saves featurizing the texts again."""
    started = time.perf_counter()
    labels = data.labels
    n = labels.size
    if features is None:
        features = featurize(data)
    screened = np.zeros(n, dtype=bool)
    order: list[int] = [int(i) for i in prior]
    screened[prior] = True
    found, total = int(labels[prior].sum()), int(labels.sum())
    seconds: list[float] = []
    queue: list[int] = []
    while len(order) < n and not (stop_when_all_found and found == total):
        if not queue:
            rows = np.asarray(order)
            y = labels[rows]
            unscreened = np.flatnonzero(~screened)
            if 0 < y.sum() < y.size:
                t0 = time.perf_counter()
                model = ranking.train(features, rows, y, classifier=classifier, seed=seed)
                scores = model.scores()[unscreened]  # scoring all rows avoids copying a slice
                seconds.append(time.perf_counter() - t0)
                ranked = unscreened[np.lexsort((unscreened, -scores))]
            else:  # no model yet: screen in a seeded random order until both classes are seen
                ranked = np.random.default_rng(seed + len(order)).permutation(unscreened)
            queue = ranked[:retrain_every].tolist()
        row = queue.pop(0)
        screened[row] = True
        order.append(row)
        found += int(labels[row])
        if until is not None and until(row, int(labels[row])):
            break
    done = np.asarray(order, dtype=np.int64)
    return Simulation(
        done,
        labels[done],
        len(prior),
        n,
        total,
        seconds,
        time.perf_counter() - started,
        retrain_every,
    )


# -- metrics, computed as ASReview Insights computes them ---------------------------------
# The prior records are left out; the labels of the records screened after them, in order,
# are padded with zeros to the number of records, and "the includes" are those not among
# the priors. That makes these figures comparable with ASReview's published ones.
def after_priors(sim: Simulation) -> np.ndarray:
    """Labels in screening order without the priors, zero-padded to all records."""
    labels = np.zeros(sim.n_records, dtype=np.int64)
    rest = sim.labels[sim.n_prior :]
    labels[: rest.size] = rest
    return labels


def recall_curve(labels: np.ndarray) -> np.ndarray:
    """Recall after 1, 2, ... screened records (labels in screening order, zero-padded)."""
    return np.cumsum(labels) / max(int(labels.sum()), 1)


def wss(labels: np.ndarray, recall: float = 0.95) -> float:
    """Work saved over sampling at `recall` (ASReview Insights): at the last recall level not
    above `recall`, how many records earlier than screening in random order the includes were
    found, as a fraction of all records (about: unscreened fraction minus 1 - recall)."""
    n, n_pos = labels.size, int(labels.sum())
    k = max(int(math.floor(recall * n_pos + 1e-9)), 1)
    found = np.cumsum(labels)
    at_random = np.round(np.linspace(0, n_pos, n))
    return float(np.searchsorted(at_random, k) - np.searchsorted(found, k)) / n


def recall_at(labels: np.ndarray, fraction: float = 0.1) -> float:
    """Recall after screening `fraction` of all records (rounded down to whole records)."""
    k = int(math.floor(fraction * labels.size + 1e-9))
    return float(labels[:k].sum() / labels.sum())


def screened_to_all(labels: np.ndarray) -> float:
    """Fraction of the records screened when the last include was found."""
    return float((np.flatnonzero(labels)[-1] + 1) / labels.size)


def metrics(sim: Simulation) -> dict[str, float]:
    """metrics.json: wss_95, recall_10, screened_to_all, retrain_seconds_median (and context)."""
    labels = after_priors(sim)
    return {
        "wss_95": round(wss(labels), 4),
        "recall_10": round(recall_at(labels), 4),
        "screened_to_all": round(screened_to_all(labels), 4),
        "retrain_seconds_median": round(float(np.median(sim.retrain_seconds)), 5)
        if sim.retrain_seconds
        else 0.0,
        "records": sim.n_records,
        "included": sim.n_included,
        "prior_records": sim.n_prior,
        "retrain_every": sim.retrain_every,
        "wall_seconds": round(sim.wall_seconds, 3),
    }
