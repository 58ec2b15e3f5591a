"""The pulse trend of one 1–5 question as a reportlab Drawing (vector graphics, a Flowable):
week by week, the cohort's median as a line with dots, the middle half of the answers (lower
to upper quartile) as a shaded band, the lowest and highest answer as a thin whisker, and how
many answered under each week. A week nobody answered breaks the line. No person's line."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from facilitator.exports.pdf import fonts
from facilitator.exports.pdf.charts import BLUE
from facilitator.services.learning.trends import WeekPoint

BAND = colors.HexColor("#bee3f8")
WHISKER = colors.HexColor("#90a4ba")
GRID = colors.HexColor("#e2e8f0")
MUTED = colors.HexColor("#4a5568")
INK = colors.HexColor("#1a202c")
LEFT = 16 * mm  # room for the scale labels and "answered"
RIGHT = 4 * mm
LABEL_GAP = 9 * mm  # the least room a week's labels need side by side


def segments(points: Sequence[WeekPoint]) -> list[list[WeekPoint]]:
    """Runs of consecutive weeks: a week nobody answered breaks the line and the band."""
    runs: list[list[WeekPoint]] = []
    for p in sorted(points, key=lambda p: p.week):
        if runs and runs[-1][-1].week == p.week - 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    return runs


def label_step(weeks: int, room: float) -> int:
    """Label every week, or every 2nd, 5th, 10th… so the labels never overlap."""
    for step in (1, 2, 4, 5, 10, 13, 26, 52):
        if math.ceil(weeks / step) * LABEL_GAP <= room:
            return step
    return 52


def _value(v: float) -> str:
    return f"{v:.0f}" if v == int(v) else f"{v:.1f}"


class TrendDrawing(Drawing):
    """`points`: one question's weeks (from services/learning/trends); `weeks`: the first and
    last week drawn (the same for every question, so the charts line up); `day_of(week)`:
    the date label of that week ("02 Nov")."""

    def __init__(self, points: Sequence[WeekPoint], weeks: tuple[int, int],
                 day_of: Callable[[int], str], low: int = 1, high: int = 5,
                 width: float = 178 * mm, plot_height: float = 34 * mm):
        fonts.register_fonts()
        first, last = weeks
        foot = 17 * mm  # the week, date, median and answered rows
        legend = 5 * mm
        height = foot + 2 * mm + plot_height + legend
        super().__init__(width, height, initialFontName=fonts.CONDENSED, initialFontSize=7)
        span = max(last - first, 0)
        plot_w = width - LEFT - RIGHT
        gap = plot_w / (span + 1)
        y0 = foot + 2 * mm

        def x(week: int) -> float:
            return LEFT + gap * (week - first + 0.5)

        def y(value: float) -> float:
            return y0 + plot_height * (value - low) / max(high - low, 1)

        for v in range(low, high + 1):  # the scale
            self.add(Line(LEFT, y(v), width - RIGHT, y(v), strokeColor=GRID, strokeWidth=0.5))
            self.add(String(LEFT - 2 * mm, y(v) - 2.4, str(v), fontName=fonts.CONDENSED,
                            fontSize=7, fillColor=MUTED, textAnchor="end"))
        rows = {"week": foot - 3 * mm, "date": foot - 6.6 * mm, "median": foot - 11 * mm,
                "answered": foot - 15 * mm}
        for row in ("median", "answered"):
            self.add(String(LEFT - 2 * mm, rows[row], row, fontName=fonts.CONDENSED,
                            fontSize=6.5, fillColor=MUTED, textAnchor="end"), name=f"{row}_label")
        half = min(gap * 0.32, 3 * mm)
        for run in segments(points):
            if len(run) == 1:  # a lone week: its band as a box
                p = run[0]
                self.add(Rect(x(p.week) - half, y(p.lower), 2 * half, y(p.upper) - y(p.lower),
                              fillColor=BAND, strokeColor=None))
                continue
            outline = [c for p in run for c in (x(p.week), y(p.upper))]
            outline += [c for p in reversed(run) for c in (x(p.week), y(p.lower))]
            self.add(Polygon(outline, fillColor=BAND, strokeColor=None))
            self.add(PolyLine([c for p in run for c in (x(p.week), y(p.median))],
                              strokeColor=colors.HexColor(BLUE), strokeWidth=1.4))
        by_week = {p.week: p for p in points}
        for p in points:
            self.add(Line(x(p.week), y(p.lowest), x(p.week), y(p.highest),
                          strokeColor=WHISKER, strokeWidth=0.5))
            self.add(Circle(x(p.week), y(p.median), 2, fillColor=colors.HexColor(BLUE),
                            strokeColor=colors.white, strokeWidth=0.4))
        step = label_step(span + 1, plot_w)
        for week in range(first, last + 1, step):
            p = by_week.get(week)
            texts = {"week": (f"W{week}", fonts.CONDENSED_BOLD, 7, INK),
                     "date": (day_of(week), fonts.CONDENSED, 6, MUTED),
                     "median": (_value(p.median) if p else "–", fonts.CONDENSED_BOLD, 7,
                                colors.HexColor(BLUE)),
                     "answered": (str(p.answers if p else 0), fonts.CONDENSED, 6.5, MUTED)}
            for row, (text, font, size, colour) in texts.items():
                self.add(String(x(week), rows[row], text, fontName=font, fontSize=size,
                                fillColor=colour, textAnchor="middle"))
        self._legend(width, height)

    def _legend(self, width: float, height: float) -> None:
        """median ● — middle half of answers ▮ — lowest to highest |, along the top, right."""
        items = [("median", "line"), ("middle half of the answers (quartiles)", "band"),
                 ("lowest to highest", "whisker")]
        y = height - 2 * mm
        x = width - RIGHT
        for text, kind in reversed(items):
            x -= stringWidth(text, fonts.CONDENSED, 6.5) + 2
            self.add(String(x, y - 2.2, text, fontName=fonts.CONDENSED, fontSize=6.5,
                            fillColor=MUTED))
            x -= 8
            if kind == "line":
                self.add(Line(x - 4, y, x + 4, y, strokeColor=colors.HexColor(BLUE),
                              strokeWidth=1.4))
                self.add(Circle(x, y, 1.3, fillColor=colors.HexColor(BLUE), strokeColor=None))
            elif kind == "band":
                self.add(Rect(x - 4, y - 2.5, 8, 5, fillColor=BAND, strokeColor=None))
            else:
                self.add(Line(x, y - 3, x, y + 3, strokeColor=WHISKER, strokeWidth=0.5))
            x -= 10
