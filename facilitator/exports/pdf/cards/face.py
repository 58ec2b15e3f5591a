"""Drawing one card face on a reportlab canvas: a light edge, the text from the top, and a
small marker in the bottom corner when a card continues on another."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph
from reportlab.platypus.flowables import Flowable

from facilitator.exports.pdf.cards import content
from facilitator.exports.pdf.cards.fitting import measured_height
from facilitator.exports.pdf.cards.geometry import Rect

EDGE = content.HexColor("#c5ccd3")


def padding_mm(card_width_mm: float) -> float:
    return 4.0 if card_width_mm < 100 else 6.0


@dataclass
class Face:
    """What goes on one side of one printed card."""

    flowables: list[Flowable]
    size: float
    marker: str = ""  # e.g. "1 of 2 · continued on the next card"


def inner_size(rect: Rect) -> tuple[float, float]:
    """The text area of a card of this size, in points."""
    pad = padding_mm(rect.width)
    return (rect.width - 2 * pad) * mm, (rect.height - 2 * pad) * mm


def draw_face(canvas, rect: Rect, face: Face) -> None:
    """Draw `face` inside `rect` (millimetres). The flowables were measured to fit the inner
    area, so nothing here shrinks or clips them."""
    canvas.saveState()
    canvas.setStrokeColor(EDGE)
    canvas.setLineWidth(0.4)
    canvas.roundRect(rect.x * mm, rect.y * mm, rect.width * mm, rect.height * mm, 2.5 * mm,
                     stroke=1, fill=0)
    canvas.restoreState()
    pad = padding_mm(rect.width)
    width, height = inner_size(rect)
    x = (rect.x + pad) * mm
    top = (rect.top - pad) * mm
    y = top
    for i, f in enumerate(face.flowables):
        if i:
            y -= f.getSpaceBefore()
        h = measured_height(f, width, height)  # measured while fitting: not wrapped twice
        f.drawOn(canvas, x, y - h)
        y -= h + f.getSpaceAfter()
    if face.marker:
        marker = Paragraph(escape(face.marker), content.styles(face.size).marker)
        _w, h = marker.wrap(width, height)
        marker.drawOn(canvas, x, (rect.y + pad) * mm)
