"""Benchmark: the Tables and Flow workspaces, the diagram's exports and the HTML/PDF report
on the large review of bench_tables (20,000 papers, 5,000 included).

Run: QT_QPA_PLATFORM=offscreen PYTHONPATH=. nice .venv/bin/python -m pytest \
    tests/benchmarks/bench_tables_gui.py -q -s
"""

from __future__ import annotations

import time

from curator.core.curation.questions import add_question
from curator.core.review import Review
from curator.gui.context import AppContext
from curator.gui.flow.diagram import FlowScene
from curator.gui.flow.export import save_pdf, save_png, save_svg
from curator.gui.flow.workspace import FlowWorkspace
from curator.gui.report_export import write_report_html, write_report_pdf
from curator.gui.tables.workspace import TablesWorkspace
from tests.benchmarks.bench_tables import _build


def timed(label: str, action) -> object:
    start = time.perf_counter()
    result = action()
    print(f"  {label:<40} {time.perf_counter() - start:6.3f} s")
    return result


def test_workspaces_and_figures_on_a_large_review(qtbot, tmp_path):
    review = Review.create(tmp_path / "big.curator")
    _build(review)
    context = AppContext()
    tables = TablesWorkspace(context)
    flow = FlowWorkspace(context)
    qtbot.addWidget(tables)
    qtbot.addWidget(flow)
    print()
    timed("open review (first tab + gaps + diagram)", lambda: context.set_review(review))
    for key in list(tables.pages):
        timed(f"show tab {key}", lambda key=key: tables.show_table(key))
    tables.show_table("references")
    timed(
        "change -> refresh (References on show)",
        lambda: context.notify(add_question(review, "Q?", None)),
    )
    tables.show_table("key_papers")
    timed(
        "copy whole References as TSV", lambda: (tables.show_table("references"), tables.copy_tsv())
    )
    scene = timed("draw flow diagram", lambda: FlowScene(flow.scene.flow))
    timed("flow SVG", lambda: save_svg(scene, tmp_path / "f.svg"))
    timed("flow PNG", lambda: save_png(scene, tmp_path / "f.png"))
    timed("flow PDF", lambda: save_pdf(scene, tmp_path / "f.pdf"))
    timed("report HTML (5,000 references)", lambda: write_report_html(review, tmp_path / "r.html"))
    timed("report PDF (5,000 references)", lambda: write_report_pdf(review, tmp_path / "r.pdf"))
    context.review = None
    review.close()
