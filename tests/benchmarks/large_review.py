"""Build a large synthetic review (default 100,000 papers) for the Library benchmarks.

Venues and authors go through the core (`venue_id_for`, `author_id_for`); papers and their
author links are inserted in bulk with the same columns `add_paper` writes (so the FTS
triggers index them), and screening decisions go through `record_decisions`. Everything is
one transaction. Run as a script to build a file:

    PYTHONPATH=. python -m tests.benchmarks.large_review /tmp/large.curator 100000
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from curator.core.names import PersonName
from curator.core.papers import author_id_for, venue_id_for
from curator.core.review import Review
from curator.core.screening.decisions import Decision, reasons, record_decisions
from curator.core.timeutil import now

TOPICS = (
    "neuroplasticity psychotherapy depression anxiety cognitive behavioural therapy mindfulness "
    "amygdala prefrontal cortex hippocampus connectivity neuroimaging fMRI BDNF methylation "
    "resilience stress trauma adolescents adults randomized controlled trial meta-analysis "
    "longitudinal outcome relapse remission emotion regulation memory reconsolidation sleep "
    "exercise learning rehabilitation stroke psychedelics ketamine oxytocin attachment "
    "interpersonal psychodynamic schema acceptance commitment digital internet intervention"
).split()
SYLLABLES = (
    "ka",
    "lo",
    "mi",
    "ne",
    "ri",
    "sa",
    "to",
    "va",
    "ze",
    "qu",
    "bel",
    "dor",
    "fen",
    "gar",
    "hul",
)
FAMILIES = (
    "Andersson Beauregard Carlbring Cuijpers Duman Frick Furmark Gkintoni Hasler Hayes Hofmann "
    "Huibers Jones Kleim Lemmens Månsson Mechelli Olson Price Salami Sened Song Sweatt Turner Voss "
    "Weingarten Wilkinson Zilcha-Mano Müller Østergaard García Nguyen Kim Smith Brown Rossi"
).split()
GIVEN = "Anna Björn Carlos Dana Erik Fatima Gerhard Hannah Ivan Julia Kristoffer Lena Mario Nora".split()


def _word(rng: random.Random) -> str:
    if rng.random() < 0.35:
        return rng.choice(TOPICS)
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(_word(rng) for _ in range(words))


def build(path: Path, count: int = 100_000, *, seed: int = 20240601) -> Path:
    """Create `path` holding `count` papers, ~1/3 screened, ~2% included."""
    rng = random.Random(seed)
    stamp = now()
    with Review.create(path, title=f"Benchmark review ({count:,} papers)", who="bench") as review:
        with review.atomic():
            venues = [
                venue_id_for(review, f"Journal of {_sentence(rng, 2).title()} {n}")
                for n in range(max(10, count // 200))
            ]
            people = []
            for n in range(max(50, count // 5)):
                person = PersonName(
                    f"{rng.choice(FAMILIES)}{'' if n < len(FAMILIES) else rng.choice(SYLLABLES)}",
                    f"{rng.choice(GIVEN)} {rng.choice('ABCDEFGHJKLMNPRST')}.",
                )
                people.append((author_id_for(review, person), person))
            papers, links = [], []
            for paper_id in range(1, count + 1):
                chosen = rng.sample(people, rng.choice((1, 2, 2, 3, 4, 5, 6)))
                papers.append(
                    (
                        paper_id,
                        _sentence(rng, rng.randint(6, 16)).capitalize(),
                        _sentence(rng, rng.randint(60, 160)).capitalize() + ".",
                        rng.randint(1975, 2025),
                        rng.choice(venues) if rng.random() > 0.03 else None,
                        str(rng.randint(1, 60)),
                        f"{rng.randint(1, 400)}-{rng.randint(401, 800)}",
                        f"10.{rng.randint(1000, 9999)}/bench.{paper_id}",
                        "; ".join(p.display() for _a, p in chosen),
                        chosen[0][1].family,
                        stamp,
                        stamp,
                    )
                )
                links.extend(
                    (paper_id, pos, author_id) for pos, (author_id, _p) in enumerate(chosen)
                )
            review.db.conn.executemany(
                "INSERT INTO papers (id, title, abstract, year, venue_id, volume, pages, doi, "
                "authors_text, first_author, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                papers,
            )
            review.db.conn.executemany(
                "INSERT INTO paper_authors (paper_id, position, author_id) VALUES (?, ?, ?)", links
            )
            ta_reason = reasons(review, "title_abstract")[0]["id"]
            ft_reason = reasons(review, "full_text")[0]["id"]
            screened = rng.sample(range(1, count + 1), count // 3)
            decisions = []
            for paper_id in screened:
                verdict = rng.choices(("include", "exclude", "maybe"), (15, 80, 5))[0]
                decisions.append(
                    Decision(
                        paper_id,
                        "title_abstract",
                        verdict,
                        ta_reason if verdict == "exclude" else None,
                    )
                )
                if verdict == "include" and rng.random() < 0.6:
                    ft = rng.choice(("include", "exclude"))
                    decisions.append(
                        Decision(paper_id, "full_text", ft, ft_reason if ft == "exclude" else None)
                    )
            record_decisions(review, decisions, reviewer="bench", source="benchmark")
            review.db.execute(
                "UPDATE papers SET is_key = 1 WHERE id IN (SELECT id FROM papers "
                "WHERE ft_decision = 'include' ORDER BY id LIMIT 50)"
            )
        review.db.execute("PRAGMA optimize")
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1])
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    started = time.perf_counter()
    build(target, total)
    print(f"built {target} ({total:,} papers) in {time.perf_counter() - started:.1f} s")
