"""Background results that arrive after their review closed are dropped where they are
applied (issue 17: `_on_ranked` raised "Cannot operate on a closed database")."""

from __future__ import annotations

from curator.gui.screening.workspace import ScreeningWorkspace
from tests.gui.test_screening_relevance import open_workspace


def test_a_model_arriving_after_the_review_closed_is_dropped(qtbot, review_path):
    workspace, review, _label = open_workspace(qtbot, review_path, n_other=20, decided=(2, 2))
    assert isinstance(workspace, ScreeningWorkspace)
    with qtbot.waitSignal(workspace.worker.ranked, timeout=30000) as first:
        workspace.worker.request()
    result = first.args[0]
    assert result.ranking is not None
    pane = workspace.pane
    shown = pane.ranking
    review.close()  # the file closes while a retrain is still on its way
    workspace.worker.ranked.emit(result)  # the late result reaches the workspace's slot
    assert pane.ranking is shown  # dropped, no "Cannot operate on a closed database"
    workspace.context.review = None
