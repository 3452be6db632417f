"""The page shown when no review is open: new, open, the demo, and the recent reviews."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from curator.gui import icons, ui_settings
from curator.gui.empty_state import EmptyState

RECENT_SHOWN = 5


class WelcomePage(EmptyState):
    new_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()
    recent_requested = Signal(Path)

    def __init__(self, demo_available: bool, parent: QWidget | None = None):
        super().__init__(
            icons.app_icon(),
            "Welcome to Curator",
            "Create a review, open one, or explore the demo."
            if demo_available
            else "Create a review or open one.",
            parent,
        )
        self.setObjectName("Welcome")
        self.add_button("New review…", icons.NEW).clicked.connect(self.new_requested)
        self.add_button("Open review…", icons.OPEN).clicked.connect(self.open_requested)
        self.demo_button = self.add_button("Open demo review", icons.DEMO)
        self.demo_button.clicked.connect(self.demo_requested)
        self.demo_button.setVisible(demo_available)

        self.recent_box = QWidget(objectName="RecentBox")
        self.recent_layout = QVBoxLayout(self.recent_box)
        self.recent_layout.setContentsMargins(0, 18, 0, 0)
        self.recent_layout.setSpacing(2)
        heading = QLabel("Recent reviews", objectName="RecentHeading")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.recent_layout.addWidget(heading)
        self.buttons.addWidget(self.recent_box, 0, Qt.AlignmentFlag.AlignHCenter)
        self.recent_buttons: list[QPushButton] = []
        self.refresh_recent()

    def refresh_recent(self) -> None:
        """List the recent reviews that still exist (newest first)."""
        for button in self.recent_buttons:
            button.deleteLater()
        self.recent_buttons = []
        recent = ui_settings.recent_files()[:RECENT_SHOWN]
        for path in recent:
            button = QPushButton(path.name, objectName="RecentButton")
            button.setToolTip(str(path))
            button.setFlat(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _c=False, p=path: self.recent_requested.emit(p))
            self.recent_layout.addWidget(button)
            self.recent_buttons.append(button)
        self.recent_box.setVisible(bool(recent))
