"""The application style sheet (resources/style.qss) and the `role` property its rules select.

Widgets carry no style sheets of their own: a widget that needs a colour of its own gets a
role (`set_role(label, "error")`) and style.qss says what the role looks like
(`QLabel[role="error"] { color: ... }`). Colours painted in code live in `palette`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from curator.paths import resources_dir


def stylesheet() -> str:
    """The application stylesheet shipped in resources/style.qss ('' when missing)."""
    path = resources_dir() / "style.qss"
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def set_role(widget: QWidget, role: str) -> None:
    """Style `widget` as `role`. A widget already polished (on screen) is polished again so
    that a change at run time shows at once; a new one takes its role when first shown."""
    if widget.property("role") == role:
        return
    widget.setProperty("role", role)
    if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)
        widget.update()
