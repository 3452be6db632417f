"""The PRISMA 2020 diagram: every count drawn, mismatches flagged, SVG/PNG/PDF written."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QSettings

from curator.core.demo import build_demo
from curator.core.flow.prisma import PrismaFlow, flow, reconcile
from curator.gui.context import AppContext
from curator.gui.flow.diagram import FlowScene
from curator.gui.flow.export import save_pdf, save_png, save_scene, save_svg
from curator.gui.flow.workspace import FlowWorkspace
from curator.gui.tables import dialogs


def flow_frame(**overrides) -> PrismaFlow:
    values = {
        "database_results": 1027,
        "database_specific": [("Semantic Scholar", 600), ("PubMed", 427)],
        "duplicates": 431,
        "excluded_automatic": 3,
        "excluded_other": 7,
        "records_screened": 586,
        "records_excluded": 226,
        "sought": 360,
        "not_retrieved": 11,
        "assessed": 349,
        "excluded_reasons": [("Not in the top 50", 290), ("Wrong outcome", 9)],
        "included": 50,
    }
    values.update(overrides)
    return PrismaFlow(**values)


def every_count(c: PrismaFlow) -> list[str]:
    numbers = [
        c.database_results,
        c.duplicates,
        c.excluded_automatic,
        c.excluded_other,
        c.records_screened,
        c.records_excluded,
        c.sought,
        c.not_retrieved,
        c.assessed,
        c.included,
    ]
    numbers += [n for _name, n in c.database_specific] + [n for _name, n in c.excluded_reasons]
    return [str(n) for n in numbers]


def plain(svg: str) -> str:
    """The SVG's text content, with its non-breaking spaces as spaces."""
    return " ".join(re.findall(r">([^<>]+)</text>", svg)).replace("\u00a0", " ")


def test_boxes_carry_the_official_wording_and_counts(qapp):
    scene = FlowScene(flow_frame())
    text = {k: b.text.replace("\u00a0", " ") for k, b in scene.boxes.items()}
    assert text["title"] == "Identification of studies via databases and registers"
    assert text["database_results"].splitlines() == [
        "Records identified from:",
        "Databases (n = 1027)",
        "Semantic Scholar (n = 600)",
        "PubMed (n = 427)",
    ]
    assert text["duplicates"].splitlines() == [
        "Records removed before screening:",
        "Duplicate records removed (n = 431)",
        "Records marked as ineligible by automation tools (n = 3)",
        "Records removed for other reasons (n = 7)",
    ]
    assert text["records_screened"] == "Records screened\n(n = 586)"
    assert text["records_excluded"] == "Records excluded\n(n = 226)"
    assert text["dbr_sought_reports"] == "Reports sought for retrieval\n(n = 360)"
    assert text["dbr_notretrieved_reports"] == "Reports not retrieved\n(n = 11)"
    assert text["dbr_assessed"] == "Reports assessed for eligibility\n(n = 349)"
    assert text["dbr_excluded"].splitlines() == [
        "Reports excluded:",
        "Not in the top 50 (n = 290)",
        "Wrong outcome (n = 9)",
    ]
    assert (
        text["new_studies"]
        == "Studies included in review\n(n = 50)\nReports of included studies\n(n = 50)"
    )
    assert [bar.label.toPlainText() for bar in scene.bars] == [
        "Identification",
        "Screening",
        "Included",
    ]
    assert scene.problems == {}


def test_svg_holds_every_count_and_a_viewbox(qapp, tmp_path):
    counts = flow_frame()
    svg = save_svg(FlowScene(counts), tmp_path / "flow.svg").read_text(encoding="utf-8")
    assert re.search(r'viewBox="0 0 \d+ \d+"', svg)
    content = plain(svg)
    for n in every_count(counts):
        assert f"(n = {n})" in content, n
    assert "Does not add up" not in content


def test_a_box_that_does_not_reconcile_is_flagged_on_the_diagram(qapp, tmp_path):
    scene = FlowScene(flow_frame(records_screened=590))
    assert set(scene.problems) == {"records_screened", "dbr_sought_reports"}
    box = scene.boxes["records_screened"]
    assert box.pen().color().name() == "#c00000" and box.toolTip()
    assert scene.boxes["dbr_assessed"].problem is None
    content = plain(save_svg(scene, tmp_path / "flagged.svg").read_text(encoding="utf-8"))
    assert "Does not add up: 1027 identified − 441 removed = 586, but 590 screened" in content


def test_a_box_short_by_the_work_still_to_do_is_in_progress_not_flagged(qapp, tmp_path):
    """Mid-screening, "records screened" is short by the papers not yet decided: the box
    says so in the pending colour, with its ordinary border, and nothing is flagged."""
    scene = FlowScene(
        flow_frame(records_screened=580, sought=354, assessed=343, included=44, ta_undecided=6)
    )
    assert scene.problems == {}
    box = scene.boxes["records_screened"]
    assert box.pending == "6 still to screen"
    assert box.pen().color().name() == "#000000"
    assert box.flag.defaultTextColor().name() == "#1f4e79"
    content = plain(save_svg(scene, tmp_path / "pending.svg").read_text(encoding="utf-8"))
    assert "In progress: 6 still to screen" in content
    assert "Does not add up" not in content


def test_png_and_pdf_are_written(qapp, tmp_path):
    scene = FlowScene(flow_frame())
    png = save_png(scene, tmp_path / "flow.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    pdf = save_pdf(scene, tmp_path / "flow.pdf")
    data = pdf.read_bytes()
    assert data[:5] == b"%PDF-" and b"/Count 1" in data
    assert save_scene(scene, tmp_path / "x.SVG").exists()
    with pytest.raises(Exception, match="svg, .png or .pdf"):
        save_scene(scene, tmp_path / "x.gif")


@pytest.fixture
def demo(tmp_path):
    review = build_demo(tmp_path / "demo.curator", who="tester")
    yield review
    review.close()


@pytest.mark.parametrize("fmt", ["svg", "png", "pdf", "csv"])
def test_flow_workspace_draws_the_review_and_exports(qtbot, demo, tmp_path, monkeypatch, fmt):
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings")
    )
    context = AppContext()
    ws = FlowWorkspace(context)
    qtbot.addWidget(ws)
    assert ws.scene is None
    context.set_review(demo)
    assert ws.scene is not None and ws.scene.flow == flow(demo)
    assert ws.notes.toPlainText()  # the demo's papers were added by hand: said so
    notes = reconcile(flow(demo)).notes
    assert ws.notes.toPlainText() == "\n".join(f"• {p}" for p in notes)
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: (tmp_path / "out" / "flow", a[3][0]))
    (tmp_path / "out").mkdir()
    path = ws.export(fmt)
    assert path == tmp_path / "out" / f"flow.{fmt}" and path.stat().st_size > 0
    assert dialogs.last_folder() == tmp_path / "out"
    context.review = None


def test_flow_workspace_redraws_when_decisions_change(qtbot, demo):
    from curator.core import papers
    from curator.core.screening import decisions as screening

    context = AppContext()
    ws = FlowWorkspace(context)
    qtbot.addWidget(ws)
    context.set_review(demo)
    # The demo's records screened are entered by hand (issue 17); records excluded are counted.
    before = ws.scene.boxes["records_excluded"].text
    paper = papers.add_paper(demo, title="One more paper", authors=["New, A"], year=2024).id
    context.notify(screening.record_decision(demo, paper, "title_abstract", "exclude"))
    after = ws.scene.boxes["records_excluded"].text.replace("\u00a0", " ")
    assert ws.scene.boxes["records_excluded"].text != before
    assert after == "Records excluded\n(n = 1)"
    context.review = None
