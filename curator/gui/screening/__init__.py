"""The screening workspace: keyboard-first title/abstract and full-text screening."""

from curator.gui.screening.workspace import ScreeningWorkspace

__all__ = ["ScreeningWorkspace"]
