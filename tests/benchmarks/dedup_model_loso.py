"""Rules against a learned pairwise model, leave one set out: the figures behind keeping rules.

Run: `nice env PYTHONPATH=. .venv/bin/python tests/benchmarks/dedup_model_loso.py`

For each labelled set with duplicate groups (ASySD diabetes, Rathbone haematology and stroke,
CSV), every pair blocking proposes is compared once (`compare`); its field scores (title,
authors, venue, year, volume, issue, pages, DOI, PMID, each with a "missing" flag, plus
"a veto applied" and "recurring title") are the features of a scikit-learn logistic
regression trained on the other two sets. Its automatic threshold is the lowest probability
with no false merge on the training sets, its queue band reaches down to the highest
probability that keeps 0.99 of their true pairs (merged or queued). The rules are scored
the same way (automatic: outcome "duplicate"; queue: outcome "candidate"). Merged groups are
the connected components of the automatic pairs (the engine's vetoes on joining groups are
left out here, on both sides).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from curator.core.dedup.blocking import candidate_pairs  # noqa: E402
from curator.core.dedup.compare import compare  # noqa: E402
from curator.core.dedup.engine import load_prepared  # noqa: E402
from curator.core.review import Review  # noqa: E402
from tests.benchmarks import dedup_accuracy as acc  # noqa: E402
from tests.benchmarks import dedup_data as data  # noqa: E402

FIELDS = ("title", "authors", "venue", "year", "volume", "issue", "pages", "doi", "pmid")


def features(result, a, b) -> list[float]:
    row: list[float] = []
    for name in FIELDS:
        value = result.scores.get(name)
        row += [0.0 if value is None else value, 1.0 if value is None else 0.0]
    return row + [float(result.rule.startswith("veto")), float(a.recurring or b.recurring)]


def load() -> dict[str, dict]:
    out: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, records, truth in acc.sets():
            if not isinstance(truth, list) or "special" in name or "EndNote" in name:
                continue
            with Review.create(Path(tmp) / f"{len(out)}.curator", title="b", who="b") as review:
                ids = data.bulk_load(review, records)
                papers = load_prepared(review)
            rows, labels, outcomes, pairs = [], [], [], []
            true_pairs = acc.pairs_of(truth)
            for i, j in zip(*candidate_pairs(papers), strict=True):
                a, b = papers[i], papers[j]
                result = compare(a, b)
                pair = tuple(sorted((ids[a.id], ids[b.id])))
                rows.append(features(result, a, b))
                labels.append(pair in true_pairs)
                outcomes.append(result.outcome)
                pairs.append(pair)
            out[name] = {"X": np.array(rows), "y": np.array(labels), "truth": truth,
                         "outcome": np.array(outcomes), "pairs": pairs, "n": len(records)}  # fmt: skip
    return out


def components(pairs) -> list[list[str]]:
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[root(a)] = root(b)
    groups: dict[str, list[str]] = {}
    for x in list(parent):
        groups.setdefault(root(x), []).append(x)
    return list(groups.values())


def evaluate(s: dict, auto, queue) -> tuple[float, int, float, int]:
    groups = components([p for p, m in zip(s["pairs"], auto, strict=True) if m])
    merged, true_pairs = acc.pairs_of(groups), acc.pairs_of(s["truth"])
    group = {rid: i for i, g in enumerate(groups) for rid in g}
    waiting = {frozenset((group.get(a, a), group.get(b, b)))
               for (a, b), q, m in zip(s["pairs"], queue, auto, strict=True) if q and not m}  # fmt: skip
    waiting = {w for w in waiting if len(w) == 2}
    recall = acc.with_queue(s["truth"], groups, [tuple(w) for w in waiting])
    return (
        len(merged & true_pairs) / len(true_pairs),
        len(merged - true_pairs),
        recall,
        len(waiting),
    )


def main() -> None:
    sets = load()
    print("| Left-out set | method | sens. | false merges | auto + queue recall | queued |")
    print("|---|---|---:|---:|---:|---:|")
    for left_out, s in sets.items():
        train = [t for n, t in sets.items() if n != left_out]
        rules = evaluate(s, s["outcome"] == "duplicate", s["outcome"] == "candidate")
        print(f"| {left_out} | rules | {rules[0]:.4f} | {rules[1]} | {rules[2]:.4f} | {rules[3]} |")
        model = LogisticRegression(max_iter=2000).fit(
            np.vstack([t["X"] for t in train]), np.concatenate([t["y"] for t in train])
        )
        probs = [model.predict_proba(t["X"])[:, 1] for t in train]
        grid = np.unique(np.round(np.concatenate(probs), 4))
        high = next((g for g in grid if all(evaluate(t, p >= g, p < 0)[1] == 0
                                            for t, p in zip(train, probs, strict=True))), 1.0)  # fmt: skip
        lows = [g for g in grid if g < high and all(evaluate(t, p >= high, p >= g)[2] >= 0.99
                                                    for t, p in zip(train, probs, strict=True))]  # fmt: skip
        low = max(lows) if lows else 0.0
        p = model.predict_proba(s["X"])[:, 1]
        lr = evaluate(s, p >= high, p >= low)
        print(f"| {left_out} | logistic regression (auto >= {high:.3f}, queue >= {low:.3f}) "
              f"| {lr[0]:.4f} | {lr[1]} | {lr[2]:.4f} | {lr[3]} |", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
