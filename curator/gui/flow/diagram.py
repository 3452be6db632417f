"""The PRISMA 2020 flow diagram as a QGraphicsScene, laid out like the official template.

Drawn from a `curator.core.flow.prisma.PrismaFlow` (the template for new systematic reviews):
the yellow title box, the blue Identification / Screening / Included bars, the boxes and their
wording, arrows between them. Registers are listed under the databases when a search is a
register; when a search is one of the other methods (websites, organisations, citation
searching) the grey "via other methods" column is drawn to the right, as in the template. A box whose count
does not follow from the boxes above it (core's `reconcile`, its `boxes`) gets a red dashed
border and a red line saying what does not add up. A count entered by hand
(`curator.core.flow.entered`) reads "(n = 1027, entered by hand)".
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPainterPath,
    QPen,
    QPolygonF,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsTextItem,
)

from curator.core.flow.prisma import PrismaFlow, reconcile
from curator.gui import palette

TITLE_FILL, BAR_FILL = palette.FLOW_TITLE_FILL, palette.FLOW_BAR_FILL  # the template's
FLAG, INK, PENDING = palette.FLOW_FLAG, palette.BLACK, palette.FLOW_PENDING
FONT_FAMILY = "DejaVu Sans"
FONT_SIZE = 9.0
SOURCE = (
    "From: Page MJ, McKenzie JE, Bossuyt PM, et al. The PRISMA 2020 statement: an updated "
    "guideline for reporting systematic reviews. BMJ 2021;372:n71. doi: 10.1136/bmj.n71"
)

MARGIN = 12.0
BAR_W = 32.0
COL_W = 290.0
GAP_X = 60.0
GAP_Y = 34.0
PAD = 8.0
LEFT_X = MARGIN + BAR_W + 16.0
RIGHT_X = LEFT_X + COL_W + GAP_X
WIDTH = RIGHT_X + COL_W + MARGIN
OTHER_X = RIGHT_X + COL_W + GAP_X  # the other-methods column, when there is one
OTHER_SIDE_X = OTHER_X + COL_W + GAP_X
OTHER_FILL = palette.FLOW_OTHER_FILL
OTHER_LABELS = {"website": "Websites", "organisation": "Organisations",
                "citation": "Citation searching"}  # fmt: skip


NBSP = "\u00a0"
INDENT = "    "  # a line starting with it is a sub-item, drawn with a hanging indent


def _n(value: int) -> str:
    """ "(n = 12)", kept on one line when the box wraps."""
    return f"(n{NBSP}={NBSP}{value})"


ENTERED = "entered by hand"


def box_texts(c: PrismaFlow) -> dict[str, str]:
    """Every box's wording with its counts, keyed by the PRISMA2020 key of its main count."""

    def n(key: str, value: int) -> str:
        return f"(n{NBSP}={NBSP}{value}, {ENTERED})" if c.is_entered(key) else _n(value)

    identified = [
        "Records identified from:",
        f"Databases {n('database_results', c.database_results)}",
    ]
    identified += [f"{INDENT}{name} {_n(k)}" for name, k in c.database_specific]
    if c.register_results is not None:
        identified.append(f"Registers {_n(c.register_results)}")
        identified += [f"{INDENT}{name} {_n(k)}" for name, k in c.register_specific]
    removed = [
        "Records removed before screening:",
        f"{INDENT}Duplicate records removed {n('duplicates', c.duplicates)}",
        f"{INDENT}Records marked as ineligible by automation tools "
        f"{n('excluded_automatic', c.excluded_automatic)}",
        f"{INDENT}Records removed for other reasons {n('excluded_other', c.excluded_other)}",
    ]
    excluded = ["Reports excluded:" if c.excluded_reasons else "Reports excluded"]
    excluded += [f"{INDENT}{name} {_n(n)}" for name, n in c.excluded_reasons] or [_n(0)]
    texts = {
        "database_results": "\n".join(identified),
        "duplicates": "\n".join(removed),
        "records_screened": f"Records screened\n{n('records_screened', c.records_screened)}",
        "records_excluded": f"Records excluded\n{n('records_excluded', c.records_excluded)}",
        "dbr_sought_reports": f"Reports sought for retrieval\n{n('dbr_sought_reports', c.sought)}",
        "dbr_notretrieved_reports": (
            f"Reports not retrieved\n{n('dbr_notretrieved_reports', c.not_retrieved)}"
        ),
        "dbr_assessed": f"Reports assessed for eligibility\n{n('dbr_assessed', c.assessed)}",
        "dbr_excluded": "\n".join(excluded),
        "new_studies": (
            f"Studies included in review\n{_n(c.included)}\n"
            f"Reports of included studies\n{_n(c.included)}"
        ),
    }
    if c.other_results:
        other_excluded = ["Reports excluded:" if c.other_excluded_reasons else "Reports excluded"]
        other_excluded += [f"{INDENT}{name} {_n(n)}" for name, n in c.other_excluded_reasons] or [
            _n(0)
        ]
        texts |= {
            "other_results": "\n".join(
                ["Records identified from:"]
                + [f"{OTHER_LABELS[kind]} {_n(n)}" for kind, n in c.other_results.items()]
            ),
            "other_sought_reports": f"Reports sought for retrieval\n{_n(c.other_sought)}",
            "other_notretrieved_reports": f"Reports not retrieved\n{_n(c.other_not_retrieved)}",
            "other_assessed": f"Reports assessed for eligibility\n{_n(c.other_assessed)}",
            "other_excluded": "\n".join(other_excluded),
        }
    return texts


def _fill_plain(document: QTextDocument, text: str) -> None:
    """Put `text` in as plain text, one block per line; INDENT lines get a hanging indent."""
    document.clear()
    cursor = QTextCursor(document)
    for number, line in enumerate(text.split("\n")):
        block = QTextBlockFormat()
        if line.startswith(INDENT):
            line = line[len(INDENT) :]
            block.setLeftMargin(24)
            block.setTextIndent(-12)
        if number:
            cursor.insertBlock(block)
        else:
            cursor.setBlockFormat(block)
        cursor.insertText(line)


class FlowBox(QGraphicsRectItem):
    """A box of the diagram: a rectangle holding plain text (data is never HTML)."""

    def __init__(
        self,
        key: str,
        text: str,
        x: float,
        y: float,
        width: float,
        *,
        centred: bool,
        fill: QColor | None = None,
        bold: bool = False,
        problem: str | None = None,
        pending: str | None = None,
    ):
        super().__init__()
        self.key = key
        self.problem = problem
        self.pending = pending
        self.label = QGraphicsTextItem(self)
        font = QFont(FONT_FAMILY)
        font.setPointSizeF(FONT_SIZE)
        font.setBold(bold)
        self.label.setFont(font)
        self.label.setDefaultTextColor(INK)
        self.label.setTextWidth(width - 2 * PAD)
        option = QTextOption(
            Qt.AlignmentFlag.AlignHCenter if centred else Qt.AlignmentFlag.AlignLeft
        )
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        self.label.document().setDefaultTextOption(option)
        _fill_plain(self.label.document(), text)
        self.label.setPos(PAD, PAD / 2)
        height = self.label.boundingRect().height() + PAD
        if problem or pending:  # an error in red, work still to do in blue, under the count
            self.flag = QGraphicsTextItem(self)
            flag_font = QFont(font)
            flag_font.setBold(True)
            flag_font.setPointSizeF(FONT_SIZE - 1)
            self.flag.setFont(flag_font)
            self.flag.setDefaultTextColor(FLAG if problem else PENDING)
            self.flag.setPlainText(
                f"\u26a0 Does not add up: {problem}" if problem else f"In progress: {pending}"
            )
            self.flag.setTextWidth(width - 2 * PAD)
            self.flag.setPos(PAD, height - PAD / 2)
            height += self.flag.boundingRect().height()
            self.setToolTip(problem or f"Screening is not finished here: {pending}")
        self.setRect(0, 0, width, max(height, 40.0))
        self.setPos(x, y)
        pen = QPen(FLAG if problem else INK, 2.0 if problem else 1.0)
        if problem:
            pen.setStyle(Qt.PenStyle.DashLine)
        self.setPen(pen)
        self.setBrush(QBrush(fill or palette.WHITE))

    radius = 0.0

    def paint(self, painter, option, widget=None) -> None:
        painter.setPen(self.pen())
        painter.setBrush(self.brush())
        painter.drawRoundedRect(self.rect(), self.radius, self.radius)

    @property
    def text(self) -> str:
        return self.label.toPlainText()

    def scene_rect(self) -> QRectF:
        return self.mapRectToScene(self.rect())


class StageBar(QGraphicsPathItem):
    """A blue rounded bar on the left naming the stage, its label turned upright."""

    def __init__(self, label: str, top: float, bottom: float):
        path = QPainterPath()
        path.addRoundedRect(QRectF(MARGIN, top, BAR_W, bottom - top), 6, 6)
        super().__init__(path)
        self.setBrush(QBrush(BAR_FILL))
        self.setPen(QPen(Qt.PenStyle.NoPen))
        self.label = QGraphicsTextItem(label, self)
        font = QFont(FONT_FAMILY)
        font.setPointSizeF(FONT_SIZE + 1)
        font.setBold(True)
        self.label.setFont(font)
        self.label.setDefaultTextColor(INK)
        rect = self.label.boundingRect()
        self.label.setRotation(-90)
        self.label.setPos(
            MARGIN + (BAR_W - rect.height()) / 2, top + (bottom - top + rect.width()) / 2
        )


def _arrow(scene: QGraphicsScene, start: QPointF, end: QPointF) -> None:
    pen = QPen(INK, 1.2)
    line = QLineF(start, end)
    scene.addLine(line.p1().x(), line.p1().y(), line.p2().x(), line.p2().y(), pen)
    unit = line.unitVector()
    dx, dy = unit.dx(), unit.dy()
    tip = end
    size = 7.0
    left = QPointF(tip.x() - size * dx + size * 0.45 * dy, tip.y() - size * dy - size * 0.45 * dx)
    right = QPointF(tip.x() - size * dx - size * 0.45 * dy, tip.y() - size * dy + size * 0.45 * dx)
    scene.addPolygon(QPolygonF([tip, left, right]), QPen(INK, 1.0), QBrush(INK))


class FlowScene(QGraphicsScene):
    """The whole diagram; `boxes` maps each box's key to its item (for tests and tooltips)."""

    def __init__(self, flow: PrismaFlow, parent=None):
        super().__init__(parent)
        self.flow = flow
        self.reconciliation = reconcile(flow)
        self.problems = self.reconciliation.boxes
        self.pending = self.reconciliation.pending
        self.boxes: dict[str, FlowBox] = {}
        self.setBackgroundBrush(QBrush(palette.WHITE))
        self._build()

    def _other_column(self, texts: dict[str, str], tops: list[float]) -> float:
        """The grey "via other methods" column beside rows 0, 2 and 3; return its right edge."""
        title = FlowBox("other_title", "Identification of studies via other methods", OTHER_X,
                        MARGIN, OTHER_SIDE_X + COL_W - OTHER_X, centred=True, fill=OTHER_FILL,
                        bold=True)  # fmt: skip
        title.radius = 8.0
        self.addItem(title)
        self.boxes["other_title"] = title
        self._box("other_results", texts["other_results"], OTHER_X, tops[0], centred=False)
        for row, (main, side) in (
            (2, ("other_sought_reports", "other_notretrieved_reports")),
            (3, ("other_assessed", "other_excluded")),
        ):
            left = self._box(main, texts[main], OTHER_X, tops[row], centred=True)
            right = self._box(side, texts[side], OTHER_SIDE_X, tops[row], centred=False)
            mid = tops[row] + min(left.rect().height(), right.rect().height()) / 2
            _arrow(self, QPointF(OTHER_X + COL_W, mid), QPointF(OTHER_SIDE_X, mid))
        chain = ["other_results", "other_sought_reports", "other_assessed"]
        for upper, lower in zip(chain, chain[1:], strict=False):
            a, b = self.boxes[upper].scene_rect(), self.boxes[lower].scene_rect()
            _arrow(self, QPointF(a.center().x(), a.bottom()), QPointF(b.center().x(), b.top()))
        a, b = self.boxes["other_assessed"].scene_rect(), self.boxes["new_studies"].scene_rect()
        _arrow(self, QPointF(a.center().x(), a.bottom()), QPointF(b.right(), b.center().y()))
        return OTHER_SIDE_X + COL_W + MARGIN

    def _box(self, key: str, text: str, x: float, y: float, *, centred: bool) -> FlowBox:
        item = FlowBox(
            key, text, x, y, COL_W, centred=centred,
            problem=self.problems.get(key), pending=self.pending.get(key),
        )  # fmt: skip
        self.addItem(item)
        self.boxes[key] = item
        return item

    def _row(self, y: float, left: tuple[str, str], right: tuple[str, str] | None) -> float:
        """Place a main box (and its exclusion box), level; return the row's bottom."""
        main = self._box(*left, LEFT_X, y, centred=True)
        side = self._box(*right, RIGHT_X, y, centred=False) if right else None
        height = max(main.rect().height(), side.rect().height() if side else 0)
        for item in (main, side):
            if item is not None and item.rect().height() < height:
                item.setRect(0, 0, COL_W, height)
                if not (item.problem or item.pending):  # centre the text in the taller box
                    item.label.setPos(PAD, (height - item.label.boundingRect().height()) / 2)
        if side is not None:
            mid = y + height / 2
            _arrow(self, QPointF(LEFT_X + COL_W, mid), QPointF(RIGHT_X, mid))
        return y + height

    def _build(self) -> None:
        texts = box_texts(self.flow)
        title = FlowBox(
            "title",
            "Identification of studies via databases and registers",
            LEFT_X,
            MARGIN,
            RIGHT_X + COL_W - LEFT_X,
            centred=True,
            fill=TITLE_FILL,
            bold=True,
        )
        title.radius = 8.0
        self.addItem(title)
        self.boxes["title"] = title
        y = MARGIN + title.rect().height() + 18.0
        tops, bottoms = [], []
        rows = (
            (("database_results", texts["database_results"]), ("duplicates", texts["duplicates"])),
            (
                ("records_screened", texts["records_screened"]),
                ("records_excluded", texts["records_excluded"]),
            ),
            (
                ("dbr_sought_reports", texts["dbr_sought_reports"]),
                ("dbr_notretrieved_reports", texts["dbr_notretrieved_reports"]),
            ),
            (("dbr_assessed", texts["dbr_assessed"]), ("dbr_excluded", texts["dbr_excluded"])),
            (("new_studies", texts["new_studies"]), None),
        )
        for left, right in rows:
            tops.append(y)
            bottom = self._row(y, left, right)
            bottoms.append(bottom)
            y = bottom + GAP_Y
        main_keys = [left[0] for left, _right in rows]
        for upper, lower in zip(main_keys, main_keys[1:], strict=False):
            a, b = self.boxes[upper].scene_rect(), self.boxes[lower].scene_rect()
            _arrow(self, QPointF(a.center().x(), a.bottom()), QPointF(b.center().x(), b.top()))
        self.bars = [
            StageBar("Identification", tops[0], bottoms[0]),
            StageBar("Screening", tops[1], bottoms[3]),
            StageBar("Included", tops[4], bottoms[4]),
        ]
        for bar in self.bars:
            self.addItem(bar)
        width = self._other_column(texts, tops) if "other_results" in texts else WIDTH
        source = QGraphicsTextItem()
        font = QFont(FONT_FAMILY)
        font.setPointSizeF(FONT_SIZE - 2)
        source.setFont(font)
        source.setDefaultTextColor(palette.FLOW_SOURCE)
        source.setPlainText(SOURCE)
        source.setTextWidth(WIDTH - LEFT_X - MARGIN)
        source.setPos(LEFT_X - 4, bottoms[-1] + 14)
        self.addItem(source)
        self.setSceneRect(
            QRectF(0, 0, width, source.pos().y() + source.boundingRect().height() + MARGIN)
        )

    def texts(self) -> list[str]:
        """Every piece of text in the diagram, in no particular order."""
        return [i.toPlainText() for i in self.items() if isinstance(i, QGraphicsTextItem)]
