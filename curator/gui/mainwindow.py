"""The main window: menus, the workspace navigation, the status bar; the panes do the work."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import cache
from pathlib import Path

from PySide6.QtCore import QSize, QStandardPaths, Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QWidget,
)

from curator import APP_NAME
from curator.core.changes import Changes
from curator.core.db import review_version
from curator.core.errors import CuratorError
from curator.core.review import Review
from curator.core.screening.counts import progress
from curator.gui import dialogs, icons, ui_settings
from curator.gui.actions import ActionKey, WindowState, create_actions, enabled_states
from curator.gui.context import AppContext
from curator.gui.export_records import ExportRecordsDialog
from curator.gui.import_dialog import ImportDialog
from curator.gui.library import LibraryWorkspace
from curator.gui.review_guard import BackupsDialog, ReviewGuard
from curator.gui.screening import ScreeningWorkspace
from curator.gui.status import ReviewStatusBar
from curator.gui.tables.workspace import TablesWorkspace
from curator.gui.upgrade import upgrade_if_needed
from curator.gui.welcome import WelcomePage
from curator.gui.workspace import Workspace
from curator.gui.workspaces import WORKSPACES

DEFAULT_SIZE = QSize(1280, 800)


@cache
def is_review_file(path: Path) -> bool:
    """A Curator review (or another SQLite file, which opening then explains), not an export."""
    if path.suffix.lower() == ".curator":
        return True
    try:
        with path.open("rb") as handle:
            return handle.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def demo_builder() -> Callable[[Path], object] | None:
    """`curator.core.demo.build_demo` when this Curator ships a demo review, else None."""
    try:
        module = importlib.import_module("curator.core.demo")
    except ImportError:
        return None
    return getattr(module, "build_demo", None)


def demo_path() -> Path:
    """Where "Open Demo Review" writes a fresh copy of the demo review."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(folder) / "demo.curator"


def start_workspace(review: Review) -> type[Workspace]:
    """Where a review opens: Screening while title/abstract screening is under way (some
    records decided, some not), else the Library."""
    found = progress(review, "title_abstract")
    return ScreeningWorkspace if found.screened and found.remaining else LibraryWorkspace


class MainWindow(QMainWindow):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.setAcceptDrops(True)
        self.context = AppContext(self)
        self.actions = create_actions(
            self,
            {
                ActionKey.NEW: self.new_review,
                ActionKey.OPEN: self.open_review,
                ActionKey.CLOSE: self.close_review,
                ActionKey.IMPORT: self.import_files,
                ActionKey.BACKUPS: self.show_backups,
                ActionKey.EXPORT_RECORDS: self.export_records,
                ActionKey.EXPORT_REPORT: self.export_report,
                ActionKey.QUIT: self.close,
                ActionKey.UNDO: self.context.undo_stack.undo,
                ActionKey.REDO: self.context.undo_stack.redo,
                ActionKey.OPEN_DEMO: self.open_demo,
                ActionKey.ABOUT: lambda: dialogs.show_about(self),
            },
        )
        self._build_menus()

        self.welcome = WelcomePage(demo_builder() is not None)
        self.welcome.new_requested.connect(self.new_review)
        self.welcome.open_requested.connect(self.open_review)
        self.welcome.demo_requested.connect(self.open_demo)
        self.welcome.recent_requested.connect(self.open_path)
        self.nav = QListWidget(objectName="Navigation")
        self.nav.setIconSize(QSize(18, 18))
        self.nav.setFixedWidth(184)
        self.nav.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.stack = QStackedWidget(objectName="Workspaces")
        self.status = ReviewStatusBar(self)
        self.setStatusBar(self.status)
        self.workspaces: list[Workspace] = []
        for number, workspace_class in enumerate(WORKSPACES):
            workspace = workspace_class(self.context, self.stack)
            self.workspaces.append(workspace)
            self.stack.addWidget(workspace)
            item = QListWidgetItem(icons.nav_icon(workspace.icon), workspace.title)
            item.setToolTip(f"{workspace.title} (Ctrl+{number + 1})")
            self.nav.addItem(item)
            if number < 9:
                shortcut = self.addAction(f"Show {workspace.title}")
                shortcut.setShortcut(f"Ctrl+{number + 1}")
                shortcut.triggered.connect(lambda _c=False, n=number: self.show_workspace(n))
        for workspace in self.workspaces:
            workspace.defer_while_hidden = True  # only the pane on screen loads
            self._wire(workspace)
        # A pane's passing message ("Exported ... to", the reviewer's progress) is about that
        # pane: it goes when another one comes (before it shows, so its own message stays).
        self.nav.currentRowChanged.connect(lambda _row: self.status.clearMessage())
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)

        body = QWidget(objectName="ReviewBody")
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(body)
        self.setCentralWidget(self.pages)

        self.guard = ReviewGuard(self, self.open_path, self.close_review)
        self.guard.status.connect(lambda text: self.status.showMessage(text, 10000))
        self.guard.dedup_resumed.connect(self.context.notify)
        Review.default_on_wait = self._on_review_waiting
        self.context.review_opened.connect(self.guard.opened)
        self.context.review_opened.connect(self._on_context_review_opened)
        self.context.changed.connect(self._on_context_changed)
        self.context.refused.connect(lambda text: self.status.showMessage(text, 15000))
        stack = self.context.undo_stack
        stack.canUndoChanged.connect(self.update_actions)
        stack.canRedoChanged.connect(self.update_actions)
        stack.undoTextChanged.connect(self._on_undo_text_changed)
        stack.redoTextChanged.connect(self._on_redo_text_changed)
        self._restore_geometry()
        self._on_context_review_opened(None)

    # -- building ---------------------------------------------------------------------------
    def _build_menus(self) -> None:
        a = self.actions
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(a[ActionKey.NEW])
        file_menu.addAction(a[ActionKey.OPEN])
        self.recent_menu = QMenu("Open &Recent", self, objectName="RecentMenu")
        self.recent_menu.setIcon(icons.icon(icons.RECENT))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(a[ActionKey.IMPORT])
        file_menu.addAction(a[ActionKey.EXPORT_RECORDS])
        file_menu.addAction(a[ActionKey.EXPORT_REPORT])
        file_menu.addSeparator()
        file_menu.addAction(a[ActionKey.BACKUPS])
        file_menu.addAction(a[ActionKey.CLOSE])
        file_menu.addSeparator()
        file_menu.addAction(a[ActionKey.QUIT])
        edit_menu = self.menuBar().addMenu("&Edit")
        edit_menu.addAction(a[ActionKey.UNDO])
        edit_menu.addAction(a[ActionKey.REDO])
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(a[ActionKey.OPEN_DEMO])
        help_menu.addSeparator()
        help_menu.addAction(a[ActionKey.ABOUT])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = ui_settings.recent_files()
        for number, path in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{number % 10}  {path.name}")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.open_path(p))
        if not recent:
            self.recent_menu.addAction("No recent reviews").setEnabled(False)
            return
        self.recent_menu.addSeparator()
        self.recent_menu.addAction("Clear Menu", ui_settings.clear_recent_files)

    # -- state ----------------------------------------------------------------------------
    def window_state(self) -> WindowState:
        stack = self.context.undo_stack
        return WindowState(
            has_review=self.context.review is not None,
            can_undo=stack.canUndo(),
            can_redo=stack.canRedo(),
            demo_available=demo_builder() is not None,
        )

    def update_actions(self, *_args) -> None:
        """Enable and disable every action from the window's state (the one place)."""
        for key, enabled in enabled_states(self.window_state()).items():
            self.actions[key].setEnabled(enabled)

    def _on_undo_text_changed(self, text: str) -> None:
        self.actions[ActionKey.UNDO].setText(f"&Undo {text}" if text else "&Undo")

    def _on_redo_text_changed(self, text: str) -> None:
        self.actions[ActionKey.REDO].setText(f"&Redo {text}" if text else "&Redo")

    def _on_context_review_opened(self, review: Review | None) -> None:
        if review is None:
            self.welcome.refresh_recent()
        self.pages.setCurrentIndex(0 if review is None else 1)
        if review is not None:
            self.nav.setCurrentRow(self.workspaces.index(self.workspace(start_workspace(review))))
        self.setWindowTitle(f"{review.title} — {APP_NAME}" if review else APP_NAME)
        self.setWindowFilePath(str(review.path) if review else "")
        self._show_counts(review)
        self.update_actions()

    def _on_context_changed(self, changes: Changes) -> None:
        self._show_counts(self.context.review)
        if changes.settings and self.context.review is not None:
            self.setWindowTitle(f"{self.context.review.title} — {APP_NAME}")

    def _show_counts(self, review: Review | None) -> None:
        """The status bar's counts, and the Conflicts tab's from the same figures."""
        data = self.status.show_counts(review)
        stages = data["decisions"] if data else {}
        conflicts = {stage: counts.get("conflict", 0) for stage, counts in stages.items()}
        self.workspace(ScreeningWorkspace).show_conflicts(conflicts)

    def _wire(self, workspace: Workspace) -> None:
        """Route a pane's outward signals: papers to open, progress for the status bar."""
        activated = getattr(workspace, "paper_activated", None)
        if activated is not None:
            activated.connect(self.show_paper)
        reserve = getattr(workspace, "reserve_window_keys", None)
        if reserve is not None:  # the window's Edit ▸ Undo/Redo keys stay the window's
            reserve([self.actions[key].shortcut() for key in (ActionKey.UNDO, ActionKey.REDO)])
        status = getattr(workspace, "status_changed", None)
        if status is not None:
            status.connect(lambda text: self.status.showMessage(text, 8000))

    def show_paper(self, paper_id: int) -> None:
        """Show one paper in the Library (from a table cell, a claim link, ...)."""
        library = self.workspace(LibraryWorkspace)
        self.show_workspace(self.workspaces.index(library))
        library.catch_up()
        library.show_paper(paper_id)

    def show_workspace(self, number: int) -> None:
        if self.context.review is not None:
            self.nav.setCurrentRow(number)

    def workspace(self, cls: type[Workspace]) -> Workspace:
        return next(w for w in self.workspaces if isinstance(w, cls))

    # -- drafts -----------------------------------------------------------------------------
    def drafts(self) -> list[str]:
        """Every unsaved edit the panes hold (a claim form, an open question, ...)."""
        if self.context.review is None:
            return []
        return [draft for workspace in self.workspaces for draft in workspace.drafts()]

    def may_leave_review(self, doing: str) -> bool:
        """Before quitting, closing or switching the review: with unsaved edits, ask Save /
        Discard / Cancel. False keeps everything open (Cancel, or a draft that cannot be saved,
        whose pane is brought forward with its reason)."""
        drafts = self.drafts()
        if not drafts:
            return True
        answer = dialogs.ask_save_drafts(self, drafts, doing)
        if answer == "discard":
            for workspace in self.workspaces:
                workspace.discard_drafts()
            return True
        if answer != "save":
            return False
        for number, workspace in enumerate(self.workspaces):
            if workspace.drafts() and not workspace.save_drafts():
                self.show_workspace(number)
                return False
        return True

    # -- opening and closing reviews ----------------------------------------------------------
    def open_path(self, path: Path) -> bool:
        """Open the review at `path`; on failure say why and keep what was open. A file from
        an older Curator is brought up to date first, off the GUI thread (gui.upgrade)."""
        if not self.may_leave_review("opening another review"):
            return False
        try:
            version = review_version(path)  # the one look at the file before opening it
        except (CuratorError, OSError):
            version = None  # not a review: Review.open refuses it in its own words
        if version is not None:
            if (error := upgrade_if_needed(self, path, version)) is not None:
                dialogs.show_error(self, "Cannot open review", error)
                return False
            if not self.guard.admit(path):
                return False
        try:
            review = Review.open(path)
        except CuratorError as exc:
            dialogs.show_error(self, "Cannot open review", str(exc))
            return False
        self.context.set_review(review)
        self._remember(path)
        return True

    def review_folder(self) -> str:
        """Where the New and Open dialogs start: the open review's folder, else the folder
        last used, else the documents folder (never the working directory)."""
        if self.context.review is not None and self.context.review.path is not None:
            return str(self.context.review.path.parent)
        last = ui_settings.REVIEW_FOLDER.get()
        if last and Path(last).is_dir():
            return last
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)

    def open_review(self) -> None:
        path = dialogs.ask_open_path(self, self.review_folder())
        if path is not None:
            self.open_path(path)

    def new_review(self) -> None:
        if not self.may_leave_review("starting a new review"):
            return
        path = dialogs.ask_new_path(self, self.review_folder())
        if path is None:
            return
        try:
            review = Review.create(path)
        except CuratorError as exc:
            dialogs.show_error(self, "Cannot create review", str(exc))
            return
        self.context.set_review(review)
        self._remember(path)

    def _remember(self, path: Path) -> None:
        ui_settings.add_recent_file(path)
        if path != demo_path():
            ui_settings.REVIEW_FOLDER.set(str(path.parent))

    def open_demo(self) -> None:
        """Build a fresh copy of the demo review and open it."""
        build = demo_builder()
        if build is None:
            return
        if not self.may_leave_review("opening the demo review"):
            return
        target = demo_path()
        if self.context.review is not None and self.context.review.path == target:
            self.context.set_review(None)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            for stale in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
                stale.unlink(missing_ok=True)
            built = build(target)
            if isinstance(built, Review):
                built.close()
        except (CuratorError, OSError) as exc:
            dialogs.show_error(self, "Cannot build the demo review", str(exc))
            return
        self.open_path(target)

    def close_review(self) -> bool:
        """Close the open review (after asking about unsaved edits); False if it stays open."""
        if not self.may_leave_review("closing the review"):
            return False
        self.context.set_review(None)
        return True

    def _on_review_waiting(self, message: str) -> None:
        """A write waits for another program writing the review: say so before it blocks."""
        self.status.showMessage(message[:1].upper() + message[1:] + "…")
        self.status.repaint()

    def show_backups(self) -> None:
        if self.context.review is not None:
            BackupsDialog(self.guard, self).exec()

    # -- drag and drop -------------------------------------------------------------------------
    @staticmethod
    def _dropped_files(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        return [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """A dropped review opens; dropped search exports go to the import dialog."""
        paths = self._dropped_files(event)
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        if len(paths) == 1 and (is_review_file(paths[0]) or self.context.review is None):
            self.open_path(paths[0])
        else:
            self.import_files([p for p in paths if not is_review_file(p)])

    def import_files(self, paths: list[Path] | None = None) -> None:
        """File ▸ Import: the import dialog, on the open review (files preselected if given);
        while one is open, it is brought forward."""
        if self.context.review is None:
            return
        if ImportDialog.showing is not None:
            self.status.showMessage("The import dialog is open: brought forward.", 5000)
        ImportDialog.ask(self.context, self, paths or None)

    def export_records(self) -> None:
        """File ▸ Export Records, offering the Library's selection and what it lists."""
        library = self.workspace(LibraryWorkspace)
        library.catch_up()  # a Library never shown has not listed its papers yet
        model = library.model
        ExportRecordsDialog.ask(self.context, self, selected_ids=library.selected_ids(),
                                listed_ids=[model.id_at(r) for r in range(model.rowCount())],
                                listed_label=library.filter.currentText())  # fmt: skip

    # -- remembered layout ----------------------------------------------------------------------
    def export_report(self) -> None:
        """File ▸ Export Report: the Tables workspace's report export, from anywhere."""
        self.workspace(TablesWorkspace).export_report()  # type: ignore[attr-defined]

    def _restore_geometry(self) -> None:
        geometry = ui_settings.MAIN_WINDOW_GEOMETRY.get()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(DEFAULT_SIZE)
        state = ui_settings.MAIN_WINDOW_STATE.get()
        if state is not None:
            self.restoreState(state)

    def save_layout(self) -> None:
        ui_settings.MAIN_WINDOW_GEOMETRY.set(self.saveGeometry())
        ui_settings.MAIN_WINDOW_STATE.set(self.saveState())
        for workspace in self.workspaces:
            save = getattr(workspace, "save_state", None)
            if save is not None:
                save()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.may_leave_review("quitting"):
            event.ignore()
            return
        self.save_layout()
        self.context.set_review(None)
        if Review.default_on_wait == self._on_review_waiting:
            Review.default_on_wait = None  # a closed window says nothing more
        event.accept()
