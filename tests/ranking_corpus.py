"""A small labelled corpus the ranking tests build: exercise trials for depression (relevant)
among records on unrelated topics, with titles and abstracts written for the tests."""

from __future__ import annotations

import random

from curator.core.papers import add_paper
from curator.core.review import Review
from curator.core.screening.decisions import Decision, record_decisions

RELEVANT_TOPICS = [
    "aerobic exercise",
    "resistance training",
    "yoga practice",
    "walking programme",
    "physical activity",
    "running group",
    "tai chi",
    "cycling intervention",
    "strength exercise",
    "supervised exercise",
]
OTHER_TOPICS = [
    ("soil erosion", "rainfall runoff on agricultural slopes and sediment yield"),
    ("bridge corrosion", "chloride ingress in reinforced concrete bridge decks"),
    ("coral bleaching", "sea surface temperature anomalies and reef recovery"),
    ("compiler optimisation", "register allocation heuristics for embedded processors"),
    ("medieval trade", "merchant guild records and port customs ledgers"),
    ("battery anodes", "silicon anode swelling in lithium ion cells"),
    ("urban traffic", "signal timing and congestion in city road networks"),
    ("wheat genetics", "drought tolerance loci in bread wheat cultivars"),
]


def corpus(n_other: int = 40, seed: int = 1) -> list[tuple[str, str, int]]:
    """(title, abstract, label) rows: 10 relevant, `n_other` not, shuffled reproducibly."""
    rows = [
        (
            f"Effect of {topic} on depressive symptoms: a randomised controlled trial",
            f"Adults with major depression were randomised to {topic} or usual care. "
            "Depressive symptoms fell more with exercise; depression remission was higher.",
            1,
        )
        for topic in RELEVANT_TOPICS
    ]
    for i in range(n_other):
        topic, detail = OTHER_TOPICS[i % len(OTHER_TOPICS)]
        rows.append((f"{topic.capitalize()} study {i}", f"We measured {detail} at site {i}.", 0))
    random.Random(seed).shuffle(rows)
    return rows


def build_review(review: Review, rows, labelled: dict[int, str]) -> list[int]:
    """Add `rows` as papers; record `labelled` {row index: decision} at title/abstract."""
    ids = [add_paper(review, title=t, abstract=a, audit=False).id for t, a, _label in rows]
    record_decisions(review, [Decision(ids[i], "title_abstract", d) for i, d in labelled.items()])
    return ids


def first_labelled(rows, includes: int, excludes: int) -> dict[int, str]:
    """The first `includes` relevant and `excludes` irrelevant rows, as decisions."""
    pos = [i for i, r in enumerate(rows) if r[2] == 1][:includes]
    neg = [i for i, r in enumerate(rows) if r[2] == 0][:excludes]
    return {**{i: "include" for i in pos}, **{i: "exclude" for i in neg}}
