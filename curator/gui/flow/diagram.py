"""The PRISMA 2020 flow diagram as a QGraphicsScene, laid out like the official template.

Drawn from a `curator.core.flow.prisma.PrismaFlow` (the template for new systematic reviews
that searched databases and registers only): the yellow title box, the blue Identification /
Screening / Included bars, the boxes and their wording, arrows between them. A box whose count
does not follow from the boxes above it (core's `reconcile`, its `boxes`) gets a red dashed
border and a red line saying what does not add up.
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
FLAG, INK = palette.FLOW_FLAG, palette.BLACK
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


NBSP = "\u00a0"
INDENT = "    "  # a line starting with it is a sub-item, drawn with a hanging indent


def _n(value: int) -> str:
    """ "(n = 12)", kept on one line when the box wraps."""
    return f"(n{NBSP}={NBSP}{value})"


def box_texts(c: PrismaFlow) -> dict[str, str]:
    """Every box's wording with its counts, keyed by the PRISMA2020 key of its main count."""
    identified = ["Records identified from:", f"Databases {_n(c.database_results)}"]
    identified += [f"{INDENT}{name} {_n(n)}" for name, n in c.database_specific]
    removed = [
        "Records removed before screening:",
        f"{INDENT}Duplicate records removed {_n(c.duplicates)}",
        f"{INDENT}Records marked as ineligible by automation tools {_n(c.excluded_automatic)}",
        f"{INDENT}Records removed for other reasons {_n(c.excluded_other)}",
    ]
    excluded = ["Reports excluded:" if c.excluded_reasons else "Reports excluded"]
    excluded += [f"{INDENT}{name} {_n(n)}" for name, n in c.excluded_reasons] or [_n(0)]
    return {
        "database_results": "\n".join(identified),
        "duplicates": "\n".join(removed),
        "records_screened": f"Records screened\n{_n(c.records_screened)}",
        "records_excluded": f"Records excluded\n{_n(c.records_excluded)}",
        "dbr_sought_reports": f"Reports sought for retrieval\n{_n(c.sought)}",
        "dbr_notretrieved_reports": f"Reports not retrieved\n{_n(c.not_retrieved)}",
        "dbr_assessed": f"Reports assessed for eligibility\n{_n(c.assessed)}",
        "dbr_excluded": "\n".join(excluded),
        "new_studies": (
            f"Studies included in review\n{_n(c.included)}\n"
            f"Reports of included studies\n{_n(c.included)}"
        ),
    }


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
    ):
        super().__init__()
        self.key = key
        self.problem = problem
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
        if problem:
            self.flag = QGraphicsTextItem(self)
            flag_font = QFont(font)
            flag_font.setBold(True)
            flag_font.setPointSizeF(FONT_SIZE - 1)
            self.flag.setFont(flag_font)
            self.flag.setDefaultTextColor(FLAG)
            self.flag.setPlainText(f"\u26a0 Does not add up: {problem}")
            self.flag.setTextWidth(width - 2 * PAD)
            self.flag.setPos(PAD, height - PAD / 2)
            height += self.flag.boundingRect().height()
            self.setToolTip(problem)
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
        self.boxes: dict[str, FlowBox] = {}
        self.setBackgroundBrush(QBrush(palette.WHITE))
        self._build()

    def _box(self, key: str, text: str, x: float, y: float, *, centred: bool) -> FlowBox:
        item = FlowBox(key, text, x, y, COL_W, centred=centred, problem=self.problems.get(key))
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
                if not item.problem:  # centre the text in the taller box
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
            QRectF(0, 0, WIDTH, source.pos().y() + source.boundingRect().height() + MARGIN)
        )

    def texts(self) -> list[str]:
        """Every piece of text in the diagram, in no particular order."""
        return [i.toPlainText() for i in self.items() if isinstance(i, QGraphicsTextItem)]
