"""The Library with 100,000 papers: open, scroll to the end, sort, search, filter, memory.

Targets (issue #2): open < 2 s, search and sort < 200 ms, memory < 400 MB. Run with

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. nice python -m pytest tests/benchmarks/test_library_100k.py -q -s

The review is generated in a separate process (so its memory does not count here); set
CURATOR_BENCH_REVIEW=/path/file.curator to reuse one built by `python -m
tests.benchmarks.large_review FILE`.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from curator.core.library import FILTERS
from curator.gui import ui_settings

PAPERS = 100_000
OPEN_S = 2.0
QUERY_MS = 200.0
MEMORY_MB = 400.0
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def large_review(tmp_path_factory) -> Path:
    given = os.environ.get("CURATOR_BENCH_REVIEW")
    if given and Path(given).is_file():
        return Path(given)
    path = Path(given) if given else tmp_path_factory.mktemp("bench") / "large.curator"
    subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.large_review", str(path), str(PAPERS)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=True,
    )
    return path


def settle() -> None:
    """Let the window lay out and paint (offscreen painting still runs the model's data())."""
    QApplication.processEvents()
    QApplication.processEvents()


def timed(action) -> float:
    started = time.perf_counter()
    action()
    settle()
    return (time.perf_counter() - started) * 1000


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_library_with_100k_papers(large_review, tmp_path):
    ui_settings.use_file(tmp_path / "curator.ini")
    from curator.gui.app import application
    from curator.gui.library import LibraryWorkspace
    from curator.gui.mainwindow import MainWindow
    from curator.gui.paper_model import COLUMNS

    rows: list[tuple[str, float, str]] = []
    app = application(["bench"])
    rss_before = rss_mb()

    started = time.perf_counter()
    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    assert window.open_path(large_review)
    settle()
    open_s = time.perf_counter() - started
    library: LibraryWorkspace = window.workspace(LibraryWorkspace)  # type: ignore[assignment]
    model, table = library.model, library.table
    assert model.rowCount() == PAPERS
    assert library.detail.paper_id == model.id_at(0)
    rows.append(
        (
            "open the window on the review (first rows painted)",
            open_s * 1000,
            f"< {OPEN_S * 1000:.0f}",
        )
    )

    last = model.rowCount() - 1
    ms = timed(table.scrollToBottom)
    assert model.is_fetched(last)
    rows.append(("scroll to the end (last rows fetched and painted)", ms, ""))
    bar = table.verticalScrollBar()
    steps = [
        timed(lambda v=v: bar.setValue(v)) for v in range(0, bar.maximum(), bar.maximum() // 60)
    ]
    rows.append(("scroll through the list, 60 jumps: slowest jump", max(steps), ""))

    for number, (key, label) in enumerate(COLUMNS):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            ms = timed(lambda n=number, o=order: table.sortByColumn(n, o))
            assert model.sort_key == key and model.rowCount() == PAPERS
            arrow = "ascending" if order == Qt.SortOrder.AscendingOrder else "descending"
            rows.append((f"sort by {label.lower()}, {arrow}", ms, f"< {QUERY_MS:.0f}"))
    table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)

    for text in ("neuroplasticity", "depression anxiety", "Månsson", "kalo", "neu", "ne"):
        library.search.setText(text)
        ms = timed(library.apply_search_now)
        assert model.rowCount() > 0 or len(text) < 3
        rows.append((f"search “{text}” ({model.rowCount():,} papers)", ms, f"< {QUERY_MS:.0f}"))
    table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    library.search.setText("neuroplasticity")
    ms = timed(library.apply_search_now)
    rows.append(
        (
            f"search “neuroplasticity” sorted by title ({model.rowCount():,})",
            ms,
            f"< {QUERY_MS:.0f}",
        )
    )
    library.search.setText("")
    library.apply_search_now()

    for key in FILTERS:
        index = library.filter.findData(key)
        if index < 0:
            continue
        ms = timed(lambda i=index: library.filter.setCurrentIndex(i))
        rows.append(
            (
                f"filter “{library.filter.currentText()}” sorted by title ({model.rowCount():,})",
                ms,
                "",
            )
        )
    library.filter.setCurrentIndex(0)

    # Python's own allocations for a round of work (traced apart: tracing slows every step).
    tracemalloc.start()
    table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    library.search.setText("neuroplasticity")
    library.apply_search_now()
    table.scrollToBottom()
    settle()
    library.search.setText("")
    library.apply_search_now()
    table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    settle()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = rss_mb()
    rows.append(("peak resident memory of the process (MB)", rss, f"< {MEMORY_MB:.0f}"))
    rows.append(("of which before opening: Python, Qt and the window (MB)", rss_before, ""))
    rows.append(("peak Python allocations while working (tracemalloc, MB)", peak / 1e6, ""))

    print(f"\n\n| Library, {PAPERS:,} papers | ms (MB for memory) | target |\n|---|---:|---|")
    for name, value, target in rows:
        print(f"| {name} | {value:,.0f} | {target} |")
    window.context.set_review(None)
    window.close()
    app.processEvents()

    assert open_s < OPEN_S
    assert rss < MEMORY_MB
    slow = [(n, round(v)) for n, v, t in rows if t == f"< {QUERY_MS:.0f}" and v >= QUERY_MS]
    assert not slow, f"over {QUERY_MS:.0f} ms: {slow}"
