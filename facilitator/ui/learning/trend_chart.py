"""A week-by-week trend on a 1–5 scale, drawn with QPainter: the cohort's middle half as a
band (lower to upper quartile), its median as a line with dots, and one person's answers as
a second line when asked for. Pointing at a week shows its numbers in a tooltip."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy

from facilitator.ui.flex.charts import BLUE, ORANGE
from facilitator.ui.widgets.chart_base import ChartWidget

BAND = "#cfe0f3"
LOW, HIGH = 1, 5


def _fmt(v: float) -> str:
    return f"{v:g}" if v == int(v) else f"{v:.1f}"


class TrendChart(ChartWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = ""
        self.points: list = []  # WeekPoints, by week
        self.person: list[tuple[int, int]] = []  # (week, score)
        self.person_name = ""
        self.low_label = self.high_label = ""
        self.empty_text = "No answers yet."
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(360, 220)
        self.setMouseTracking(True)
        self._xs: dict[int, float] = {}

    def sizeHint(self) -> QSize:
        return QSize(640, 320)

    def set_data(self, title: str, points: list, person: list[tuple[int, int]] | None = None,
                 person_name: str = "", low_label: str = "", high_label: str = "") -> None:
        self.title, self.points = title, list(points)
        self.person, self.person_name = list(person or []), person_name
        self.low_label, self.high_label = low_label, high_label
        self.update()

    def weeks(self) -> list[int]:
        return sorted({p.week for p in self.points} | {w for w, _s in self.person})

    def tooltip_at(self, pos: QPointF) -> str | None:
        if not self._xs:
            return None
        week = min(self._xs, key=lambda w: abs(self._xs[w] - pos.x()))
        if abs(self._xs[week] - pos.x()) > 30:
            return None
        lines = [f"<b>Week {week}</b>"]
        pt = next((p for p in self.points if p.week == week), None)
        if pt:
            lines.append(f"Median {_fmt(pt.median)}, middle half {_fmt(pt.lower)}–{_fmt(pt.upper)}, "
                         f"range {pt.lowest}–{pt.highest}, {pt.answers} answers")
        mine = next((s for w, s in self.person if w == week), None)
        if mine is not None:
            lines.append(f"{self.person_name}: {mine}")
        return "<br>".join(lines)

    def paintEvent(self, _event) -> None:
        p, fm, w, h = self.begin_paint()
        top = fm.height() * 2 + 14
        # legend under the title
        x = 8.0
        legend = [(BAND, "middle half of answers", "band"), (BLUE, "median", "line")]
        if self.person:
            legend.append((ORANGE, self.person_name or "one person", "line"))
        for colour, text, shape in legend:
            y = fm.height() + 8
            if shape == "band":
                p.fillRect(QRectF(x, y + 2, 18, fm.height() - 4), QColor(colour))
            else:
                p.setPen(QPen(QColor(colour), 2.5))
                p.drawLine(QPointF(x, y + fm.height() / 2), QPointF(x + 18, y + fm.height() / 2))
            p.setPen(QColor("#333"))
            p.drawText(QPointF(x + 24, y + fm.ascent()), text)
            x += 24 + fm.horizontalAdvance(text) + 18
        weeks = self.weeks()
        self._xs = {}
        label_w = max(fm.horizontalAdvance(t) for t in ("5", self.low_label[:18] or "1",
                                                         self.high_label[:18] or "5")) + 14
        left, right = label_w + 6, w - 16
        bottom = h - fm.height() * 2 - 8
        if not weeks:
            p.setPen(QColor("#666"))
            p.drawText(QRectF(0, top, w, bottom - top), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return

        def y_of(v: float) -> float:
            return bottom - (v - LOW) / (HIGH - LOW) * (bottom - top)

        first, last = weeks[0], weeks[-1]
        span = max(1, last - first)

        def x_of(week: int) -> float:
            return left + (week - first) / span * (right - left) if last > first else (left + right) / 2

        # grid and the scale
        for v in range(LOW, HIGH + 1):
            y = y_of(v)
            p.setPen(QPen(QColor("#e2e4e8"), 1))
            p.drawLine(QPointF(left, y), QPointF(right, y))
            p.setPen(QColor("#555"))
            p.drawText(QRectF(0, y - fm.height() / 2, label_w, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(v))
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, self.font().pointSizeF() - 1.5))
        p.setFont(small)
        p.setPen(QColor("#777"))
        sfm = QFontMetrics(small)
        if self.high_label:
            p.drawText(QPointF(left + 4, y_of(HIGH) + sfm.ascent() + 2), self.high_label)
        if self.low_label:
            p.drawText(QPointF(left + 4, y_of(LOW) - 4), self.low_label)
        p.setFont(self.font())
        # week labels: as many as fit
        every = 1
        while (right - left) / max(1, span / every) < fm.horizontalAdvance("w52") + 8 and every < 52:
            every += 1
        p.setPen(QColor("#555"))
        for week in range(first, last + 1):
            x = x_of(week)
            self._xs[week] = x
            if (week - first) % every == 0 or week == last:
                p.drawText(QRectF(x - 20, bottom + 4, 40, fm.height()), Qt.AlignmentFlag.AlignHCenter,
                           str(week))
        p.drawText(QRectF(left, bottom + fm.height() + 4, right - left, fm.height()),
                   Qt.AlignmentFlag.AlignHCenter, "week")
        pts = sorted(self.points, key=lambda pt: pt.week)
        if pts:
            band = QPainterPath()
            band.moveTo(x_of(pts[0].week), y_of(pts[0].upper))
            for pt in pts[1:]:
                band.lineTo(x_of(pt.week), y_of(pt.upper))
            for pt in reversed(pts):
                band.lineTo(x_of(pt.week), y_of(pt.lower))
            band.closeSubpath()
            if len(pts) == 1:
                pt = pts[0]
                p.fillRect(QRectF(x_of(pt.week) - 6, y_of(pt.upper), 12,
                                  max(2.0, y_of(pt.lower) - y_of(pt.upper))), QColor(BAND))
            else:
                p.fillPath(band, QColor(BAND))
            self._line(p, [(x_of(pt.week), y_of(pt.median)) for pt in pts], BLUE)
        if self.person:
            self._line(p, [(x_of(wk), y_of(s)) for wk, s in self.person], ORANGE, dashed=True)
        p.setPen(QPen(QColor("#888"), 1))
        p.drawLine(QPointF(left, top), QPointF(left, bottom))

    @staticmethod
    def _line(p: QPainter, xy: list[tuple[float, float]], colour: str, dashed: bool = False) -> None:
        pen = QPen(QColor(colour), 2.5)
        if dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        for (x1, y1), (x2, y2) in zip(xy, xy[1:], strict=False):
            p.drawLine(QPointF(x1, y1), QPointF(x2, y2))
        p.setBrush(QColor(colour))
        p.setPen(QPen(QColor("white"), 1))
        for x, y in xy:
            p.drawEllipse(QPointF(x, y), 3.5, 3.5)
        p.setBrush(Qt.BrushStyle.NoBrush)
