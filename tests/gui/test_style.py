"""One home each for icons (gui/icons.py), widget colours (resources/style.qss, by role) and
colours painted in code (gui/palette.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from curator.gui import icons
from curator.gui.curation.widgets import ErrorLabel
from curator.gui.screening.decision_bar import DecisionBar
from curator.gui.screening.keys import ACTIONS
from curator.gui.style import set_role, stylesheet

ROOT = Path(__file__).resolve().parents[2]
GUI = ROOT / "curator" / "gui"


def sources(*allowed: str) -> dict[str, str]:
    """The GUI's modules but `allowed`, by path relative to curator/gui."""
    return {
        str(path.relative_to(GUI)): path.read_text("utf-8")
        for path in GUI.rglob("*.py")
        if str(path.relative_to(GUI)) not in allowed
    }


def test_every_icon_name_is_a_qtawesome_glyph(qapp):
    names = {k: v for k, v in vars(icons).items() if k.isupper() and isinstance(v, str)}
    assert len(names) > 30
    for constant, name in names.items():
        assert not icons.icon(name).pixmap(16, 16).isNull(), constant


def test_icons_are_named_only_in_the_icon_module():
    offenders = {
        path
        for path, text in sources("icons.py").items()
        if re.search(r"qtawesome|\bqta\.|[\"'](fa5[sbr]?|mdi6?|ph|ri|msc)\.", text)
    }
    assert offenders == set()


def test_an_icon_asked_for_before_the_application_exists_is_refused():
    result = subprocess.run(
        [sys.executable, "-c", "from curator.gui import icons; icons.icon(icons.NEW)"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode != 0
    assert "before the QApplication exists" in result.stderr


def test_no_widget_sets_its_own_style_sheet_or_names_a_colour():
    inline = {p for p, text in sources("app.py").items() if "setStyleSheet(" in text}
    colours = {
        p
        for p, text in sources("palette.py").items()
        if re.search(r"#[0-9a-fA-F]{3,8}\b|QColor\(\s*([\"']|\d)", text)
    }
    assert (inline, colours) == (set(), set())


def test_every_role_set_in_code_has_a_rule_in_the_style_sheet():
    roles = set()
    for text in sources().values():
        roles |= set(re.findall(r"set_role\([^,]+,\s*\"([\w-]+)\"\)", text))
    assert {"error", "warning", "banner", "include", "exclude"} <= roles
    missing = sorted(r for r in roles if f'[role="{r}"]' not in stylesheet())
    assert missing == []


def ink(label: QLabel) -> str:
    return label.palette().color(QPalette.ColorRole.WindowText).name()


def test_roles_take_their_colours_from_the_style_sheet(qtbot):
    error = ErrorLabel()
    qtbot.addWidget(error)
    error.show_message("A claim needs text")
    assert ink(error) == "#b3261e"

    pane = QWidget()
    qtbot.addWidget(pane)
    bar = DecisionBar(pane, {name: lambda: None for name in ACTIONS})
    bar.resize(600, 160)
    pane.show()
    qtbot.waitExposed(pane)
    image = bar.grab().toImage()
    for name, colour in (("include", "#d7f2d7"), ("exclude", "#f7d9d9")):
        button = bar.buttons[name]
        centre = button.geometry().center()
        centre.setY(button.geometry().top() + 4)  # above the button's text
        assert QColor(image.pixel(centre * bar.devicePixelRatio())).name() == colour, name


def test_a_role_changed_at_run_time_shows_at_once(qtbot):
    label = QLabel("Saved")
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    before = ink(label)
    set_role(label, "warning")
    assert ink(label) == "#8a4b00" != before
