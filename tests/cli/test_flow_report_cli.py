"""`curator flow` and `curator report --format`: real processes on the demo review."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from curator.core.demo import build_demo
from curator.core.flow.prisma import prisma_flow
from curator.core.flow.template import TEMPLATE_KEYS
from curator.core.review import Review

REPO = Path(__file__).resolve().parents[2]

# What the reference review's tables hold (text copied from ../shared/seed/000_ddfbfbc8e853a4c9.txt)
# and the demo must reproduce: one telling cell per table.
REFERENCE_TABLES = {
    "Key Papers": [
        "(Månsson et al., 2016)",
        "Multimodal neuroimaging, RCT",
        "Inter-brain synchrony increases over therapy, associated with symptom reduction",
    ],
    "Top Contributors": [
        "Translational Psychiatry",
        "Journal of Clinical Medicine",
        "World Psychiatry",
    ],
    "Claims and Evidence": [
        "Psychotherapy induces experience-dependent neuroplasticity in brain regions linked to emotion and cognition",
        "Moderate",
    ],
    "Research Gaps Matrix": ["Depression/Anxiety", "Combined Interventions", "GAP"],
    "Open Research Questions": [
        "How do individual differences in neuroplasticity influence psychotherapy outcomes?"
    ],
    "References": [
        "Beauregard, M. (2014). Functional neuroimaging studies of the effects of psychotherapy."
    ],
}


def run(*args: str) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")
    }
    env.update({"PYTHONPATH": str(REPO), "CURATOR_REVIEWER": "tester"})
    return subprocess.run(
        [sys.executable, "-m", "curator", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.curator"
    build_demo(path, who="tester").close()
    return path


def test_flow_writes_each_format_by_extension_without_a_display(demo_file, tmp_path):
    for name, magic in (("f.svg", b"<?xml"), ("f.png", b"\x89PNG"), ("f.pdf", b"%PDF-")):
        result = run("flow", str(demo_file), "--out", str(tmp_path / name))
        assert result.returncode == 0, result.stderr
        assert (tmp_path / name).read_bytes().startswith(magic)
    svg = (tmp_path / "f.svg").read_text(encoding="utf-8").replace("\u00a0", " ")
    with Review.open(demo_file) as review:
        flow = prisma_flow(review)
    counts = dict(zip(flow["data"], flow["n"], strict=True))
    for key in ("database_results", "records_screened", "dbr_assessed"):
        assert f"(n = {counts[key]}, entered by hand)" in svg  # the demo's Methods figures
    assert f"(n = {counts['new_studies']})" in svg


def test_flow_csv_is_the_prisma2020_template(demo_file, tmp_path):
    result = run("flow", str(demo_file), "--out", str(tmp_path / "prisma.csv"))
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO((tmp_path / "prisma.csv").read_text(encoding="utf-8"))))
    assert rows[0] == ["data", "node", "box", "description", "boxtext", "tooltips", "url", "n"]
    assert [r[0] for r in rows[1:]] == list(TEMPLATE_KEYS)
    assert dict((r[0], r[7]) for r in rows[1:])["new_studies"] == "34"


def test_flow_refuses_an_unknown_extension(demo_file, tmp_path):
    result = run("flow", str(demo_file), "--out", str(tmp_path / "flow.gif"))
    assert result.returncode == 1
    assert (
        "use a .svg, .png, .pdf or .csv file name" in result.stderr
        and "Traceback" not in result.stderr
    )
    assert not (tmp_path / "flow.gif").exists()


def test_report_help_lists_the_formats():
    result = run("report", "--help")
    assert result.returncode == 0 and "md, html or pdf" in result.stdout


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_demo_report_contains_every_table_of_the_reference_review(demo_file, tmp_path, fmt):
    out = tmp_path / f"review.{fmt}"
    result = run("report", str(demo_file), "--format", fmt, "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    if fmt == "html":
        assert "data:image/svg+xml;base64," in text  # FIGURE 1, the flow diagram
        text = re.sub(r"<[^>]+>", "", text)
        import html

        text = html.unescape(text)
    else:
        text = text.replace("\\", "")  # Markdown escapes
    for title, cells in REFERENCE_TABLES.items():
        assert title in text, title
        for cell in cells:
            assert cell in text, (title, cell)


def test_report_pdf_holds_the_same_document(demo_file, tmp_path, qapp):
    out = tmp_path / "review.pdf"
    result = run("report", str(demo_file), "--out", str(out))  # format from the extension
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert data[:5] == b"%PDF-" and int(re.findall(rb"/Count (\d+)", data)[-1]) > 3
    from curator.gui.report_export import report_document

    with Review.open(demo_file) as review:
        text = report_document(review).toPlainText()
    for title, cells in REFERENCE_TABLES.items():
        for cell in [title, *cells]:
            assert cell in text, (title, cell)
