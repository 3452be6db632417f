"""The screening pane's relevance behaviour: switching to "most relevant first" once a model
exists (or opening in it, once the first model is in), reordering only what follows the
record on screen, the relevance view of the record,
and walking the stopping test's random sample. Mixed into ScreeningPane (kept apart so the
pane stays readable); it uses the pane's ids, index, record, order box and side panel."""

from __future__ import annotations

from curator.core.screening.queue import ORDERS, by_relevance
from curator.gui.ranking import RankingResult


class RelevanceMixin:
    def _set_order_box(self, order: str) -> None:
        """Change the order without counting it as the curator's choice."""
        self.order = order
        self.order_box.blockSignals(True)
        self.order_box.setCurrentIndex(list(ORDERS).index(order))
        self.order_box.blockSignals(False)

    def set_ranking(self, result: RankingResult) -> None:
        """A new model arrived from the worker (on the GUI thread, between key presses)."""
        if result.stage != self.stage:
            return
        self.ranking = result.ranking
        if self.awaiting_model:  # the first record shown is the first in this order
            self.awaiting_model = False
            if self.ranking is None and not self.order_chosen:
                self._set_order_box("imported")
            self.reload()
            return
        if self.ranking is not None and not self.order_chosen and self.order != "relevance":
            self._set_order_box("relevance")
            self.show_message("Ordered most relevant first, now that there is a model.")
        if self.ranking is not None and self.order == "relevance" and not self.sample_mode:
            self._reorder_rest()
        self._show_relevance()

    def _reorder_rest(self) -> None:
        """Sort the records after the one on screen by the new scores; keep what came before
        (the record on screen is never swapped for another)."""
        cut = min(self.index + 1 if self.record is not None else self.index, len(self.ids))
        rest = by_relevance(self.ids[cut:], self.ranking.ids, self.ranking.scores)
        self.ids = self.ids[:cut] + rest
        if self.record is None and self.ids:
            self.show_current()  # the end-of-list or empty message may be stale
        elif self.record is not None:
            self.view.show_record(
                self.record,
                self.highlighter,
                f"Record {self.index + 1} of {len(self.ids)} · id {self.record['id']}",
            )
            self._show_decision()

    def _show_relevance(self) -> None:
        if self.ranking is None:
            self.side.relevance.clear()
        else:
            self.side.relevance.set_paper(self.ranking, (self.record or {}).get("id"))

    def screen_sample(self, paper_ids: list[int]) -> None:
        """Show the stopping test's random sample (its unscreened records, in drawn order)."""
        if not paper_ids:
            self.show_message("The random sample has no records left to screen.")
            return
        self.ids = list(paper_ids)
        self.sample_mode = True
        self.go(0)
        self.show_message(
            f"Screening the random sample: {len(self.ids)} records. "
            "Change the order or filter to go back to the queue."
        )
