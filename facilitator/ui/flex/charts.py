"""A small horizontal bar chart drawn with QPainter (no QtCharts in PySide6-Essentials).

Categories down the left, one bar per series in each, the value at the end of each bar, a
scale along the bottom and a legend when there is more than one series. A long category name
wraps onto a second line when the rows are tall enough, else it is cut with '…'; pointing at
a row shows its whole name and values in a tooltip."""

from __future__ import annotations

import math
from html import escape

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPen
from PySide6.QtWidgets import QSizePolicy

from facilitator.ui.widgets.chart_base import ChartWidget

BLUE, ORANGE, RED, GREEN, GREY = "#2b6cb0", "#dd6b20", "#c53030", "#2f855a", "#8a8f98"
BELIEF_COLOURS = {"absolute": RED, "discretionary": GREEN, "unsure": GREY}
Series = tuple[str, list[float | None], str]  # name, one value per category, colour


def _nice_step(top: float) -> float:
    raw = top / 5 if top > 0 else 1
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def fit_lines(fm: QFontMetrics, text: str, width: int, lines: int) -> list[str]:
    """`text` in at most `lines` lines of `width` pixels, broken between words; the last line
    is cut with '…' when the text does not fit."""
    out: list[str] = []
    words = text.split()
    while words and len(out) < lines - 1:
        line = words[0]
        n = 1
        while n < len(words) and fm.horizontalAdvance(f"{line} {words[n]}") <= width:
            line = f"{line} {words[n]}"
            n += 1
        if fm.horizontalAdvance(line) > width:
            break  # one word too long for a line: leave it to the eliding below
        out.append(line)
        words = words[n:]
    if words:
        out.append(fm.elidedText(" ".join(words), Qt.TextElideMode.ElideRight, width))
    return out


class BarChart(ChartWidget):
    BAR = 12
    GAP = 8

    def __init__(self, title: str = "", parent=None):
        super().__init__(parent)
        self.title = title
        self.categories: list[str] = []
        self.series: list[Series] = []
        self.maximum: float | None = None
        self.empty_text = "Nothing to show yet."
        self.decimals = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(140)
        self.setMouseTracking(True)
        self._rows: list[tuple[QRectF, int]] = []  # where each category was drawn
        self.cut_labels: list[str] = []  # categories whose name could not be shown whole

    def set_data(self, categories: list[str], series: list[Series], *, title: str | None = None,
                 maximum: float | None = None, decimals: int = 0) -> None:
        self.categories, self.series, self.maximum = list(categories), list(series), maximum
        self.decimals = decimals
        if title is not None:
            self.title = title
        self.updateGeometry()
        self.update()

    def _row_height(self) -> int:
        return max(1, len(self.series)) * self.BAR + self.GAP

    def sizeHint(self) -> QSize:
        return QSize(420, 70 + len(self.categories) * self._row_height())

    def _fmt(self, v: float) -> str:
        return f"{v:.{self.decimals}f}" if self.decimals else f"{v:g}"

    def tooltip_at(self, pos: QPointF) -> str | None:
        """The whole name of the category drawn at `pos`, with its values."""
        for rect, i in self._rows:
            if rect.contains(pos):
                values = []
                for name, vals, _c in self.series:
                    v = vals[i] if i < len(vals) else None
                    text = "–" if v is None else self._fmt(v)
                    values.append(f"{escape(name)}: {text}" if len(self.series) > 1 else text)
                return f"<b>{escape(self.categories[i])}</b><br>" + "<br>".join(values)
        return None

    def paintEvent(self, _event) -> None:
        p, fm, w, h = self.begin_paint()
        top = fm.height() + 10
        if len(self.series) > 1:  # legend, right-aligned on the title line, or below it
            legend_w = sum(fm.horizontalAdvance(n) + 26 for n, _v, _c in self.series)
            bold = QFont(self.font())
            bold.setBold(True)
            title_w = QFontMetrics(bold).horizontalAdvance(self.title) + 24
            legend_y = 4
            if title_w + legend_w > w:
                legend_y = top - 2
                top += fm.height() + 4
            x = w - 8
            for name, _values, colour in reversed(self.series):
                tw = fm.horizontalAdvance(name)
                x -= tw
                p.setPen(QColor("#333"))
                p.drawText(int(x), legend_y + fm.ascent(), name)
                x -= 14
                p.fillRect(QRectF(x, legend_y + fm.ascent() - 10, 10, 10), QColor(colour))
                x -= 12
        values = [v for _n, vals, _c in self.series for v in vals if v is not None]
        self._rows, self.cut_labels = [], []
        if not self.categories or not values:
            p.setPen(QColor("#666"))
            p.drawText(QRectF(0, top, w, h - top), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        label_w = min(int(w * 0.42), max(fm.horizontalAdvance(c) for c in self.categories) + 12)
        value_w = fm.horizontalAdvance("0000.0") + 6
        left, right = label_w + 8, w - value_w
        bottom = h - fm.height() - 10
        top_value = self.maximum or max(values) or 1
        step = _nice_step(top_value)
        scale_top = self.maximum or step * math.ceil(top_value / step)
        span = max(1.0, right - left)
        # grid and scale
        p.setPen(QPen(QColor("#e2e4e8"), 1))
        ticks = int(round(scale_top / step))
        for t in range(ticks + 1):
            x = left + span * (t * step) / scale_top
            p.setPen(QPen(QColor("#e2e4e8"), 1))
            p.drawLine(int(x), top, int(x), bottom)
            p.setPen(QColor("#555"))
            text = self._fmt(t * step)
            p.drawText(QRectF(x - 30, bottom + 2, 60, fm.height()), Qt.AlignmentFlag.AlignHCenter, text)
        rows_h = bottom - top - 4
        n_series = max(1, len(self.series))
        room = max(8, rows_h // max(1, len(self.categories)))
        row_h = min(int(self._row_height() * 1.5), room)
        bar = max(3, (row_h - self.GAP // 2) // n_series)
        two_lines = 2 * fm.height() + 2
        if any(fm.horizontalAdvance(c) > label_w - 4 for c in self.categories) and room >= two_lines:
            row_h = max(row_h, min(room, two_lines + self.GAP // 2))  # room to wrap long names
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, self.font().pointSizeF() - 2))
        show_values = bar >= QFontMetrics(small).height() - 4
        if bar < fm.height():
            p.setFont(small)
        bars_h = bar * n_series
        label_h = max(bars_h, row_h - self.GAP // 2)
        lines = max(1, min(2, label_h // fm.height()))
        for i, cat in enumerate(self.categories):
            y = top + 4 + i * row_h
            self._rows.append((QRectF(0, y, w, row_h), i))
            p.setPen(QColor("#222"))
            label = fit_lines(fm, cat, label_w - 4, lines)
            if " ".join(label) != " ".join(cat.split()):
                self.cut_labels.append(cat)
            p.setFont(self.font())
            p.drawText(QRectF(4, y, label_w - 4, label_h),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, "\n".join(label))
            p.setFont(small if bar < fm.height() else self.font())
            bars_top = y + (label_h - bars_h) // 2  # bars centred beside a two-line name
            for j, (_name, vals, colour) in enumerate(self.series):
                v = vals[i] if i < len(vals) else None
                by = bars_top + j * bar
                if v is None:
                    p.setPen(QColor("#999"))
                    p.drawText(QRectF(left + 4, by, 80, bar), Qt.AlignmentFlag.AlignVCenter, "–")
                    continue
                length = span * min(v, scale_top) / scale_top
                p.fillRect(QRectF(left, by + 1, length, bar - 2), QColor(colour))
                if not show_values:
                    continue
                p.setPen(QColor("#222"))
                p.drawText(QRectF(left + length + 4, by, value_w, bar),
                           Qt.AlignmentFlag.AlignVCenter, self._fmt(v))
        p.setPen(QPen(QColor("#888"), 1))
        p.drawLine(left, top, left, bottom)
