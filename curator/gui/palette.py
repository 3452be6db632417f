"""The colours Curator paints in code, where the application style sheet cannot reach them.

Widgets take their colours from resources/style.qss (object names and `role` properties).
What is painted rather than styled is named here, once: icon glyphs (gui/icons), item
models' foreground roles, the screening highlighter and inclusion curve, the duplicate
pair's differences, the gap matrix heat map, the PRISMA diagram and the report charts
(both also exported as images, so they keep their own white ground).
"""

from __future__ import annotations

from PySide6.QtGui import QColor

# -- the light theme's inks (style.qss uses the same values) -------------------------------
WHITE = QColor("#ffffff")
BLACK = QColor("#000000")
ICON_INK = QColor("#3d4652")  # toolbar, menu and navigation glyphs
ICON_ON_ACCENT = QColor("#ffffff")  # a navigation glyph on the selected (accent) row
ICON_MUTED = QColor("#8a939e")  # the glyph inside a search field
ICON_FAINT = QColor("#a3acb7")  # the large glyph of an empty state

# -- the Library's decision column ---------------------------------------------------------
DECISION_INK = {
    "include": QColor("#23784a"),
    "exclude": QColor("#a33a3a"),
    "maybe": QColor("#9a6a00"),
    "not_retrieved": QColor("#7a5a9a"),
    "conflict": QColor("#c0471b"),
    None: QColor("#8a939e"),
}

# -- screening -------------------------------------------------------------------------------
HIGHLIGHT_FILL = {"include": QColor("#c8f0c8"), "exclude": QColor("#f8c8c8")}
HIGHLIGHT_INK = {"include": QColor("#0b4f0b"), "exclude": QColor("#7a0000")}
INCLUSION_CURVE = QColor("#2e7d32")

# -- duplicates ------------------------------------------------------------------------------
DIFFERENCE = QColor(255, 214, 102)  # amber: readable in light and dark themes

# -- the gap matrix heat map -----------------------------------------------------------------
HEAT_LOW = QColor("#FFFFFF")
HEAT_HIGH = QColor("#1F5FA8")
GAP_FILL = QColor("#FDE2CF")
GAP_INK = QColor("#A00000")
HEAT_GRID = QColor("#808080")
HEAT_LABEL = QColor("#444444")
HEAT_SELECTED = QColor("#f0a020")  # the selected cell's outline, over any shade

# -- the PRISMA 2020 flow diagram (the template's colours) ---------------------------------
FLOW_TITLE_FILL = QColor("#FFC000")  # the template's gold title box
FLOW_BAR_FILL = QColor("#9DC3E6")  # the template's blue stage bars
FLOW_OTHER_FILL = QColor("#D9D9D9")  # the template's grey "other methods" title box
FLOW_FLAG = QColor("#C00000")
FLOW_PENDING = QColor("#1F4E79")  # a box whose shortfall is work still to do
FLOW_SOURCE = QColor("#555555")

# -- report charts (PNG) ---------------------------------------------------------------------
CHART_GRID = QColor("#dddddd")
CHART_TEXT = QColor("#333333")
CHART_GUIDE = QColor("#999999")
CHART_GUIDE_TEXT = QColor("#777777")
CHART_SERIES = [QColor(c) for c in ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd")]

# -- import dialog --------------------------------------------------------------------------
NOT_KEPT_INK = QColor("#8a939e")  # a file column the import does not keep as a field
