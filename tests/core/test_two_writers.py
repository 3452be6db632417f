"""Two writers on one review: they take turns (BEGIN IMMEDIATE), the waiting one says so, and
a dedup run whose plan went stale while it waited never merges a paper twice."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from curator.core import dedup
from curator.core.papers import add_paper
from curator.core.review import Review
from curator.core.tasks import TaskState

TITLE = "Guided internet-based treatment of depression in primary care: a randomised trial"


def test_a_write_waits_for_another_writer_and_says_so(review_path: Path):
    waiting = Review.open(review_path, who="second")
    heard: list[str] = []
    waiting.on_wait = heard.append
    holding = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with Review.open(review_path, who="first") as holder, holder.atomic():
            holder.set_setting("title", "held")
            holding.set()
            release.wait(5)

    thread = threading.Thread(target=hold)
    thread.start()
    holding.wait(5)
    threading.Timer(0.5, release.set).start()
    try:
        waiting.set_setting("eligibility_criteria", "adults")  # waits, then writes
    finally:
        thread.join()
    assert len(heard) == 1 and "waiting for another program writing this review" in heard[0]
    assert waiting.setting("title") == "held"
    assert waiting.setting("eligibility_criteria") == "adults"
    waiting.close()


def test_a_write_that_does_not_wait_says_nothing(review):
    heard: list[str] = []
    review.on_wait = heard.append
    review.set_setting("title", "alone")
    assert heard == []


class _Interloper(TaskState):
    """Runs a whole second dedup, in another connection, between the first run's comparing
    and its transaction: the first run's plan is then stale."""

    def __init__(self, path: Path):
        super().__init__()
        self.path = path

    def report(self, done: float, total: float, message: str = "") -> None:
        super().report(done, total, message)
        if message == "Saving pairs and merging":
            with Review.open(self.path, who="other") as other:
                assert dedup.run(other).merged == 1


def test_a_stale_dedup_plan_does_not_merge_a_paper_twice(review, review_path: Path):
    a = add_paper(review, title=TITLE, authors=["Berger, Thomas"], year=2011, venue="BMJ",
                  volume="342", pages="d1234", doi="10.1136/bmj.d1234").id  # fmt: skip
    b = add_paper(review, title=TITLE.upper(), authors=["Berger T"], year=2011, venue="BMJ",
                  volume="342", pages="d1234", doi="10.1136/bmj.d1234").id  # fmt: skip
    result = dedup.run(review, state=_Interloper(review_path))
    assert result.merged == 0
    merges = review.db.execute("SELECT kept_id, dropped_id FROM merges").fetchall()
    assert merges == [(a, b)]
    dedup.unmerge(review, b)
    visible = review.db.execute("SELECT count(*) FROM papers WHERE merged_into IS NULL")
    assert visible.fetchone()[0] == 2


def test_concurrent_imports_all_finish(tmp_path: Path):
    path = tmp_path / "r.curator"
    Review.create(path).close()
    files = []
    for n in range(6):
        ris = tmp_path / f"s{n}.ris"
        ris.write_text(
            "".join(
                f"TY  - JOUR\nTI  - Study {n}-{k} of something quite distinct {n * 100 + k}\n"
                f"AU  - Author{n}{k}, A.\nPY  - 20{10 + k}\nER  - \n\n"
                for k in range(5)
            )
        )
        files.append(ris)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "curator", "import", str(path), str(f), "--search", f.stem],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for f in files
    ]
    outcomes = [(p.wait(120), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    assert [code for code, _err in outcomes] == [0] * 6, outcomes
    assert all("Traceback" not in err for _code, err in outcomes)
    with Review.open(path) as review:
        assert review.db.execute("SELECT count(*) FROM records").fetchone()[0] == 30
