"""Bar charts as reportlab Drawings (vector graphics, a Flowable in the story): categories
down the left, one bar per series, values at the bar ends, a legend for several series."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from facilitator.exports.pdf import fonts

BLUE, ORANGE, RED, GREEN, GREY = "#2b6cb0", "#dd6b20", "#c53030", "#2f855a", "#8a8f98"
BELIEF_COLOURS = {"absolute": RED, "discretionary": GREEN, "unsure": GREY}
LABEL_CHARS = 34
ROW = 5.2 * mm


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def _label(value: float) -> str:
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


class BarChartDrawing(Drawing):
    """title; categories; series = [(name, values, colour)]."""

    def __init__(self, title: str, categories: list[str], series: list[tuple[str, list, str]],
                 width: float = 178 * mm, maximum: float | None = None):
        fonts.register_fonts()
        per_row = ROW * max(len(series), 1) * 0.75 + 2 * mm
        legend_h = 7 * mm if len(series) > 1 else 0
        plot_h = max(per_row * max(len(categories), 1), 14 * mm)
        height = plot_h + 12 * mm + legend_h
        super().__init__(width, height, initialFontName=fonts.CONDENSED, initialFontSize=8)
        self.add(String(0, height - 4 * mm, title, fontName=fonts.SANS_BOLD, fontSize=10),
                 name="title")
        if not categories:
            self.add(String(0, height - 11 * mm, "Nothing to show yet.", fontName=fonts.SANS,
                            fontSize=8.5, fillColor=colors.HexColor("#4a5568")), name="empty")
            return
        chart = HorizontalBarChart()
        chart.x, chart.y = 62 * mm, 6 * mm + legend_h
        chart.width, chart.height = width - 62 * mm - 12 * mm, plot_h
        # reportlab draws the first category, and in each the first series, at the bottom:
        # reverse both so the chart reads top-down in the legend's order
        drawn = list(reversed(series))
        chart.data = [[(v or 0) for v in reversed(values)] for _n, values, _c in drawn]
        chart.categoryAxis.categoryNames = [_short(c) for c in reversed(categories)]
        chart.categoryAxis.labels.fontName = fonts.CONDENSED
        chart.categoryAxis.labels.fontSize = 7.5
        chart.categoryAxis.labels.boxAnchor = "e"
        chart.categoryAxis.labels.dx = -3
        chart.valueAxis.labels.fontName = fonts.CONDENSED
        chart.valueAxis.labels.fontSize = 7
        chart.valueAxis.valueMin = 0
        top = max([v or 0 for _n, values, _c in series for v in values] + [1])
        chart.valueAxis.valueMax = maximum if maximum is not None else top * 1.15
        chart.valueAxis.visibleGrid = True
        chart.valueAxis.gridStrokeColor = colors.HexColor("#e2e8f0")
        chart.barLabelFormat = _label
        chart.barLabels.fontName = fonts.CONDENSED
        chart.barLabels.fontSize = 6.5
        chart.barLabels.boxAnchor = "w"
        chart.barLabels.dx = 2
        chart.barSpacing = 0.5
        chart.groupSpacing = 3
        for k, (_n, _v, colour) in enumerate(drawn):
            chart.bars[k].fillColor = colors.HexColor(colour)
            chart.bars[k].strokeColor = None
        self.add(chart, name="chart")
        if len(series) > 1:
            legend = Legend()
            legend.x, legend.y = 62 * mm, 3 * mm
            legend.alignment = "right"
            legend.columnMaximum = 1
            legend.fontName = fonts.CONDENSED
            legend.fontSize = 7.5
            legend.dx = legend.dy = 6
            legend.deltax = 60
            legend.colorNamePairs = [(colors.HexColor(c), n) for n, _v, c in series]
            self.add(legend, name="legend")
