"""AI prioritisation in the GUI: the retraining worker and the small widgets the screening
pane shows (relevance score with explanation terms, stopping estimate)."""

from curator.gui.ranking.stopping_panel import StoppingPanel
from curator.gui.ranking.widgets import RelevanceView
from curator.gui.ranking.worker import RankingResult, RankingWorker

__all__ = ["RankingResult", "RankingWorker", "RelevanceView", "StoppingPanel"]
