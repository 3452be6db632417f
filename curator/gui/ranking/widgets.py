"""RelevanceView: one record's relevance score, its rank, and the terms that pushed it up/down.

Terms come from the record's own text (imported data), so every label is plain text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from curator.gui.style import set_role

if TYPE_CHECKING:  # scikit-learn loads with the ranking module: not at window start-up
    from curator.core.ranking.model import Ranking


def _plain(text: str = "", *, muted: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if muted:
        set_role(label, "hint")
    return label


class RelevanceView(QWidget):
    """Shows `set_paper(ranking, paper_id)`; `clear(message)` for the empty state."""

    def __init__(self, parent: QWidget | None = None, *, terms: int = 5):
        super().__init__(parent)
        self.terms = terms
        self._ranks = np.empty(0, dtype=np.int64)  # rank (1 = best) of ranking.ids[i]
        self._ranking: Ranking | None = None
        self.score_label = _plain()
        font = self.score_label.font()
        font.setBold(True)
        self.score_label.setFont(font)
        self.rank_label = _plain(muted=True)
        self.up_label = _plain()
        set_role(self.up_label, "pushed-up")
        self.down_label = _plain()
        set_role(self.down_label, "pushed-down")
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(_plain("Pushed up:", muted=True), 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.up_label, 0, 1)
        grid.addWidget(_plain("Pushed down:", muted=True), 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.down_label, 1, 1)
        grid.setColumnStretch(1, 1)
        self.terms_box = QWidget()
        self.terms_box.setLayout(grid)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.score_label)
        layout.addWidget(self.rank_label)
        layout.addWidget(self.terms_box)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.clear()

    def clear(
        self, message: str = "No relevance model yet: include one record and exclude one."
    ) -> None:
        self._ranking = None
        self.score_label.setText("Relevance: –")
        self.rank_label.setText(message)
        self.terms_box.hide()

    def set_ranking(self, ranking: Ranking | None) -> None:
        """Use a new model's scores; ranks count every paper of the review."""
        self._ranking = ranking
        self._ranks = np.empty(0, dtype=np.int64)
        if ranking is not None:  # numpy only: this runs on the GUI thread for 100,000 papers
            order = np.lexsort((ranking.ids, -ranking.scores))
            self._ranks = np.empty(order.size, dtype=np.int64)
            self._ranks[order] = np.arange(1, order.size + 1)

    def _rank_of(self, paper_id: int | None) -> int | None:
        ranking = self._ranking
        if ranking is None or paper_id is None or not ranking.ids.size:
            return None
        row = int(np.searchsorted(ranking.ids, paper_id))  # ranking ids are ascending
        if row >= ranking.ids.size or ranking.ids[row] != paper_id:
            return None
        return int(self._ranks[row])

    def set_paper(self, ranking: Ranking | None, paper_id: int | None) -> None:
        if ranking is not self._ranking:
            self.set_ranking(ranking)
        rank = self._rank_of(paper_id)
        if ranking is None or rank is None:
            self.clear() if ranking is None else self._no_paper()
            self._ranking = ranking
            return
        explanation = ranking.explain(paper_id, self.terms)
        total = max(ranking.ids.size, 1)
        where = (
            f"top {100.0 * rank / total:.1f}%"
            if rank <= total / 2
            else f"bottom {100.0 * (total - rank + 1) / total:.1f}%"
        )
        self.score_label.setText(f"Relevance {explanation.score:+.2f}")
        self.rank_label.setText(
            f"Rank {rank:,} of {ranking.ids.size:,} ({where}) · model from "
            f"{ranking.model.n_positive} includes, {ranking.model.n_negative} excludes"
        )
        self.up_label.setText(", ".join(t for t, _w in explanation.up) or "(none)")
        self.down_label.setText(", ".join(t for t, _w in explanation.down) or "(none)")
        self.up_label.setToolTip("\n".join(f"{t}: {w:+.3f}" for t, w in explanation.up))
        self.down_label.setToolTip("\n".join(f"{t}: {w:+.3f}" for t, w in explanation.down))
        self.terms_box.show()

    def _no_paper(self) -> None:
        self.score_label.setText("Relevance: –")
        self.rank_label.setText("Select a record to see why it ranks where it does.")
        self.terms_box.hide()

    def score_of(self, paper_id: int) -> float | None:
        if self._ranking is None:
            return None
        rows = np.flatnonzero(self._ranking.ids == paper_id)
        return float(self._ranking.scores[rows[0]]) if rows.size else None
