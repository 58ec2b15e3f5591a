"""The pulse trend Drawing without a PDF: where the band, line and dots go, a missed week
breaking the line, labels thinned so they never overlap, and every label in the PDF text."""

from __future__ import annotations

import io

from pypdf import PdfReader
from reportlab.graphics.shapes import Circle, Polygon, PolyLine, Rect, String
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate

from facilitator.exports.pdf.trend_chart import LABEL_GAP, TrendDrawing, label_step, segments
from facilitator.services.learning.trends import WeekPoint


def _p(week, median, lower, upper, lowest=1, highest=5, answers=10):
    return WeekPoint(week, answers, median, lower, upper, lowest, highest)


def _shapes(drawing, kind):
    return [s for s in drawing.contents if isinstance(s, kind)]


def test_a_missed_week_breaks_the_line_into_runs():
    runs = segments([_p(5, 3, 2, 4), _p(1, 3, 2, 4), _p(2, 3, 2, 4), _p(4, 3, 2, 4)])
    assert [[p.week for p in run] for run in runs] == [[1, 2], [4, 5]]
    assert segments([]) == []


def test_labels_are_thinned_to_fit():
    assert label_step(12, 12 * LABEL_GAP) == 1
    assert label_step(13, 12 * LABEL_GAP) == 2
    assert label_step(52, 160 * mm) == 4  # 13 labels of 9 mm in 160 mm
    assert label_step(260, 10 * mm) == 52


def test_band_line_and_dots_sit_at_the_values():
    points = [_p(1, 3, 2, 4), _p(2, 4, 3, 5), _p(4, 2, 1, 2, lowest=1, highest=3, answers=7)]
    d = TrendDrawing(points, (1, 4), lambda w: f"D{w}", width=100 * mm, plot_height=40 * mm)
    y0 = 17 * mm + 2 * mm  # the foot rows, then the plot

    def y(v):
        return y0 + 40 * mm * (v - 1) / 4

    band = _shapes(d, Polygon)
    assert len(band) == 1  # weeks 1-2 make a band; week 4 alone is a box
    ys = band[0].points[1::2]
    assert ys == [y(4), y(5), y(3), y(2)]  # upper quartiles forward, lower ones back
    line = _shapes(d, PolyLine)
    assert len(line) == 1 and line[0].points[1::2] == [y(3), y(4)]
    box = [r for r in _shapes(d, Rect) if r.height > 0 and r.y == y(1)]
    assert len(box) == 1 and box[0].height == y(2) - y(1)
    dots = sorted(_shapes(d, Circle), key=lambda c: c.cx)[1:]  # the first is the legend's
    assert [c.cy for c in dots] == [y(3), y(4), y(2)]
    assert dots[0].cx < dots[1].cx < dots[2].cx
    texts = [s.text for s in _shapes(d, String)]
    for want in ("W1", "W2", "W3", "W4", "D3", "median", "answered", "1", "5", "7"):
        assert want in texts
    x3 = dots[1].cx + (dots[1].cx - dots[0].cx)
    week3 = [s for s in _shapes(d, String) if abs(s.x - x3) < 0.01]
    assert sorted(s.text for s in week3) == ["0", "D3", "W3", "–"]  # nobody answered week 3


def test_the_drawing_prints_as_text(tmp_path):
    points = [_p(w, 3.5 if w == 2 else 3, 2, 4, answers=w) for w in (1, 2, 3)]
    buf = io.BytesIO()
    SimpleDocTemplate(buf).build([TrendDrawing(points, (1, 3), lambda w: f"0{w} Nov")])
    text = " ".join(PdfReader(io.BytesIO(buf.getvalue())).pages[0].extract_text().split())
    assert "W1 01 Nov 3 1 W2 02 Nov 3.5 2 W3 03 Nov 3 3" in text
    assert "middle half of the answers (quartiles)" in text and "lowest to highest" in text
