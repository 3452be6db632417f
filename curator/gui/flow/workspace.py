"""The Flow workspace: the PRISMA 2020 diagram of the open review, redrawn when data changes.

A box the data cannot count can have its count entered by hand (its context menu: "Enter
count…", "Count from the data"), through `curator.core.flow.entered`, undoably."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QPainter
from PySide6.QtWidgets import (
    QGraphicsView,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from curator.core.changes import Changes
from curator.core.errors import CuratorError
from curator.core.flow import entered
from curator.core.flow.prisma import FIELD_OF
from curator.core.flow.prisma import flow as count_flow
from curator.core.flow.template import write_prisma_csv
from curator.core.review import Review
from curator.gui import icons
from curator.gui.flow import edits
from curator.gui.flow.diagram import FlowBox, FlowScene
from curator.gui.flow.export import save_scene
from curator.gui.tables import dialogs
from curator.gui.workspace import Workspace

FILTERS = {
    "svg": "SVG image (*.svg)",
    "png": "PNG image (*.png)",
    "pdf": "PDF document (*.pdf)",
    "csv": "PRISMA2020 R package CSV (*.csv)",
}


def write_flow(review: Review, path: Path) -> Path:
    """The review's flow as SVG, PNG, PDF (drawn) or the PRISMA2020 CSV, by extension."""
    flow = count_flow(review)
    if path.suffix.lower() == ".csv":
        return write_prisma_csv(flow, path)
    return save_scene(FlowScene(flow), path, title=f"PRISMA 2020 flow diagram: {review.title}")


def ask_count(parent: QWidget, label: str, value: int) -> int | None:
    """Ask for a box's count (None when cancelled); tests replace it."""
    number, ok = QInputDialog.getInt(
        parent, "Enter count", f"{label} (entered by hand):", value, 0, 10**9
    )
    return number if ok else None


class FitView(QGraphicsView):
    """Shows the diagram whole across the view's width (never enlarged beyond 100 %)."""

    def fit(self) -> None:
        scene = self.scene()
        if scene is None:
            return
        width = scene.sceneRect().width()
        available = self.viewport().width() - 4
        scale = min(1.0, available / width) if width > 0 and available > 0 else 1.0
        self.resetTransform()
        self.scale(scale, scale)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit()


class FlowWorkspace(Workspace):
    title = "Flow"
    icon = icons.FLOW

    status_changed = Signal(str)  # where an export went, for the main window's status bar

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.scene: FlowScene | None = None
        self.view = FitView()
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.view.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._on_view_menu_requested)
        self.ask_count = ask_count
        self.notes = QPlainTextEdit(readOnly=True)
        self.notes.setMaximumHeight(90)
        self.notes.setPlaceholderText("The counts add up.")
        self.empty = QLabel("Open a review to see its PRISMA 2020 flow diagram.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.view, 1)
        body_layout.addWidget(QLabel("Notes on the counts:"))
        body_layout.addWidget(self.notes)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(body)
        self.toolbar = QToolBar()
        self.export_actions: dict[str, QAction] = {}
        for fmt, label in (
            ("svg", "Export SVG…"),
            ("png", "Export PNG…"),
            ("pdf", "Export PDF…"),
            ("csv", "Export PRISMA2020 CSV…"),
        ):
            action = self.toolbar.addAction(label)
            action.triggered.connect(lambda _=False, f=fmt: self.export(f))
            self.export_actions[fmt] = action
        # The boxes' own menus (right click) from the keyboard too: one entry a box.
        self.counts_menu = QMenu(self)
        self.counts_menu.aboutToShow.connect(self._fill_counts_menu)
        counts = self.counts_button = QToolButton()
        counts.setText("Enter a count")
        counts.setToolTip(
            "Enter a box's count by hand, where the review's data cannot give it "
            "(also: right-click the box)"
        )
        counts.setMenu(self.counts_menu)
        counts.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.toolbar.addSeparator()
        self.toolbar.addWidget(counts)
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.stack, 1)
        self.set_review(context.review)

    def set_review(self, review: Review | None) -> None:
        self.stack.setCurrentIndex(1 if review is not None else 0)
        for action in self.export_actions.values():
            action.setEnabled(review is not None)
        self.counts_button.setEnabled(review is not None)
        self.redraw()

    def refresh(self, changes: Changes) -> None:
        if changes.papers or changes.decisions or changes.searches or changes.settings:
            self.redraw()

    def redraw(self) -> None:
        if self.review is None:
            self.scene = None
            self.view.setScene(None)
            self.notes.clear()
            return
        self.scene = FlowScene(count_flow(self.review), self)
        self.view.setScene(self.scene)
        self.view.fit()
        notes = self.scene.reconciliation.notes
        self.notes.setPlainText("\n".join(f"• {p}" for p in notes))

    # -- counts entered by hand ------------------------------------------------------------
    def box_actions(self, key: str) -> list[QAction]:
        """The context actions of the box `key`: enter its count, or count it from the data."""
        if self.review is None or key not in entered.ENTERABLE:
            return []
        enter = QAction("Enter count…", self)
        enter.triggered.connect(lambda _=False: self.enter_count(key))
        actions = [enter]
        if self.scene is not None and self.scene.flow.is_entered(key):  # the flow shown
            back = QAction("Count from the data", self)
            back.triggered.connect(lambda _=False: self.clear_count(key))
            actions.append(back)
        return actions

    def _fill_counts_menu(self) -> None:
        self.counts_menu.clear()
        if self.review is None:
            return
        for key, label in entered.ENTERABLE.items():
            actions = self.box_actions(key)
            if len(actions) == 1:
                actions[0].setText(f"{label}…")
                self.counts_menu.addAction(actions[0])
            else:
                sub = self.counts_menu.addMenu(f"{label} (entered)")
                sub.addActions(actions)

    def enter_count(self, key: str) -> None:
        if self.review is None:
            return
        current = getattr(self.scene.flow, FIELD_OF[key])  # the flow shown, counted on redraw
        number = self.ask_count(self, entered.ENTERABLE[key], current)
        if number is None:
            return
        edits.set_count(self.context, key, number)

    def clear_count(self, key: str) -> None:
        if self.review is None:
            return
        edits.set_count(self.context, key, None)

    def _on_view_menu_requested(self, pos: QPoint) -> None:
        item = self.view.itemAt(pos)
        while item is not None and not isinstance(item, FlowBox):
            item = item.parentItem()
        actions = self.box_actions(item.key) if item is not None else []
        if actions:
            menu = QMenu(self)
            menu.addActions(actions)
            menu.exec(self.view.viewport().mapToGlobal(pos))

    def export(self, fmt: str) -> Path | None:
        if self.review is None:
            return None
        path, chosen = dialogs.ask_save_path(
            self, "Export PRISMA flow", f"prisma_flow.{fmt}", [FILTERS[fmt]]
        )
        if path is None:
            return None
        path, _fmt = dialogs.with_suffix(path, chosen, {fmt: FILTERS[fmt]})
        try:
            write_flow(self.review, path)
        except (CuratorError, OSError) as exc:
            QMessageBox.warning(self, "Export failed", f"{path}: {exc}")
            return None
        dialogs.remember_folder(path)
        self.status_changed.emit(f"Exported the PRISMA flow diagram to {path}")
        return path
