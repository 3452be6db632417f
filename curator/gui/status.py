"""The status bar's counts: papers, included, and decisions per screening stage.

Every figure comes from `curator.core.summary.info` (so from
`curator.core.screening.counts.review_counts`): "included" is what Library ▸ Included lists,
the papers whose current decision is include; a maybe is never counted as included."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from curator.core.review import STAGE_LABELS, Review
from curator.core.summary import info

ORDER = ("include", "maybe", "exclude", "not_retrieved", "conflict", "undecided")
WORDS = {
    "include": "included",
    "maybe": "maybe",
    "exclude": "excluded",
    "not_retrieved": "not retrieved",
    "conflict": "in conflict",
    "undecided": "undecided",
    "cleared": "cleared",
}


def texts_for(data: dict) -> dict[str, str]:
    """The status bar's texts for `curator.core.summary.info` counts."""
    texts = {
        "papers": f"{data['papers']:,} paper{'s' if data['papers'] != 1 else ''}",
        "included": f"{data['included']:,} included",
    }
    texts["included_tip"] = (
        "Papers whose latest decision is include (Library ▸ Included): "
        f"{data['included_full_text']:,} at full text, "
        f"{data['included'] - data['included_full_text']:,} at title/abstract"
    )
    for stage, counts in data["decisions"].items():
        parts = [f"{counts[k]:,} {WORDS[k]}" for k in ORDER if counts.get(k)]
        parts += [f"{n:,} {WORDS.get(k, k)}" for k, n in counts.items() if k not in ORDER and n]
        texts[stage] = f"{STAGE_LABELS[stage]}: " + (", ".join(parts) or "none")
    return texts


class ReviewStatusBar(QStatusBar):
    """Permanent count labels, refreshed from the review on every change."""

    KEYS = ("papers", "included", "title_abstract", "full_text")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("StatusBar")
        self.setSizeGripEnabled(False)
        self.labels: dict[str, QLabel] = {}
        for key in self.KEYS:
            label = QLabel(objectName=f"status_{key}")
            self.labels[key] = label
            self.addPermanentWidget(label)

    def show_counts(self, review: Review | None) -> dict | None:
        """Show `review`'s counts; return them (`info`), so that another view showing one of
        them (the Conflicts tab's count) takes it from here rather than counting again."""
        data = info(review) if review is not None else None
        texts = texts_for(data) if data is not None else {}
        for key, label in self.labels.items():
            label.setText(texts.get(key, ""))
            label.setVisible(key in texts)
        self.labels["included"].setToolTip(texts.get("included_tip", ""))
        return data
