"""File ▸ Export Report reaches the report from any workspace, and every export says where it
went in the status bar (a curator otherwise sees nothing happen after the file dialog)."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.core.demo import build_demo
from curator.gui.actions import ActionKey
from curator.gui.curation import CurationWorkspace
from curator.gui.flow.workspace import FlowWorkspace
from curator.gui.mainwindow import MainWindow
from curator.gui.tables import dialogs
from curator.gui.tables.workspace import TablesWorkspace


@pytest.fixture
def window(qtbot, tmp_path) -> MainWindow:
    path = tmp_path / "demo.curator"
    built = build_demo(path, who="tester")
    if hasattr(built, "close"):
        built.close()
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    assert win.open_path(path)
    yield win
    win.context.set_review(None)


def test_file_menu_exports_the_report_from_the_curation_workspace(window, tmp_path, monkeypatch):
    out = tmp_path / "review.md"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: (out, ""))
    window.show_workspace([type(w) for w in window.workspaces].index(CurationWorkspace))
    file_menu = window.menuBar().actions()[0].menu()
    action = window.actions[ActionKey.EXPORT_REPORT]
    assert action in file_menu.actions() and action.isEnabled()
    action.trigger()
    assert out.read_text(encoding="utf-8").strip()
    assert window.status.currentMessage() == f"Exported the report to {out}"


def test_report_action_is_off_without_a_review(qtbot):
    win = MainWindow()
    qtbot.addWidget(win)
    assert not win.actions[ActionKey.EXPORT_REPORT].isEnabled()


def test_table_and_flow_exports_say_where_they_went(window, tmp_path, monkeypatch):
    tables = window.workspace(TablesWorkspace)
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: (tmp_path / "key.csv", ""))
    tables.show_table("key_papers")
    path = tables.export_current()
    assert path == tmp_path / "key.csv"
    assert window.status.currentMessage() == f"Exported Key Papers to {path}"
    monkeypatch.setattr(dialogs, "ask_folder", lambda *a: tmp_path)
    tables.export_all("xlsx")
    assert window.status.currentMessage().startswith(f"Exported every table to {tmp_path}")
    flow = window.workspace(FlowWorkspace)
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: (tmp_path / "flow.svg", ""))
    assert flow.export("svg") == tmp_path / "flow.svg"
    assert window.status.currentMessage() == (
        f"Exported the PRISMA flow diagram to {Path(tmp_path / 'flow.svg')}"
    )


def test_a_panes_message_goes_when_another_pane_comes(window, tmp_path, monkeypatch):
    """ "Exported Key Papers to ..." (or the Screening reviewer's line) stayed for eight
    seconds over whichever pane came next."""
    tables = window.workspace(TablesWorkspace)
    window.show_workspace(window.workspaces.index(tables))
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: (tmp_path / "key.csv", ""))
    tables.show_table("key_papers")
    tables.export_current()
    assert window.status.currentMessage().startswith("Exported Key Papers")
    window.show_workspace(window.workspaces.index(window.workspace(CurationWorkspace)))
    assert window.status.currentMessage() == ""
