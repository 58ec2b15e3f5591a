"""Making a card's text fit without ever clipping it.

Each side is measured with Paragraph.wrap at the layout's font size; if it is too tall the size
steps down by half a point to a floor; if it still does not fit at the floor, the text is split
across as many faces as it needs (each later face headed "continued"), keeping a heading with
the text under it. Nothing here draws."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.platypus.flowables import Flowable

from facilitator.exports.pdf.cards import content

STEP_PT = 0.5


@dataclass
class Side:
    """One side of a card laid out: the faces it needs, each a list of flowables that fit."""

    size: float
    faces: list[list[Flowable]]


class DoesNotFit(RuntimeError):
    """A single line taller than a whole card face (cannot happen with the built-in sizes)."""


def measure(f: Flowable, width: float, height: float) -> float:
    """Wrap `f` to `width` and note the height it got, so drawing need not wrap it again."""
    _w, h = f.wrap(width, height)
    f._card_measured = (width, h)
    return h


def measured_height(f: Flowable, width: float, height: float) -> float:
    """The height `f` was last measured at for this width, measuring it if it was not."""
    seen = getattr(f, "_card_measured", None)
    return seen[1] if seen is not None and seen[0] == width else measure(f, width, height)


def stack_height(flowables: list[Flowable], width: float, height: float) -> float:
    """How tall the flowables are stacked in a column `width` wide (points), from the top of
    the first to the bottom of the last (space after the last is not on the card)."""
    total = 0.0
    for i, f in enumerate(flowables):
        h = measure(f, width, height)
        total += h + (f.getSpaceBefore() + flowables[i - 1].getSpaceAfter() if i else 0.0)
    return total


def fit_side(build: Callable[[dict[str, Any], content.Styles], list[Flowable]], card: dict[str, Any],
             width: float, height: float, base: float, floor: float) -> Side:
    """The largest size from `base` down to `floor` at which the side fits one face; at the floor
    if even that does not fit, the side split over several faces."""
    size = base
    while True:
        st = content.styles(size)
        flowables = build(card, st)
        if stack_height(flowables, width, height) <= height:
            return Side(size, [flowables])
        if size - STEP_PT < floor - 1e-9:
            break
        size = round(size - STEP_PT, 2)
    marker_h = content.styles(size).marker.leading
    return Side(size, paginate(flowables, width, height - marker_h,
                               lambda: content.title(card, st, "continued")))


def paginate(flowables: list[Flowable], width: float, height: float,
             continued_title: Callable[[], Flowable]) -> list[list[Flowable]]:
    """Split flowables into faces of `height`; each face after the first starts with a title."""
    faces: list[list[Flowable]] = []
    face: list[Flowable] = []
    used = 0.0
    fresh = True  # nothing but the face's title on it yet
    queue = list(flowables)

    def new_face() -> None:
        nonlocal face, used, fresh
        faces.append(face)
        head = continued_title()
        h = measure(head, width, height)
        face, used, fresh = [head], h + head.getSpaceAfter(), True

    while queue:
        f = queue.pop(0)
        before = f.getSpaceBefore() if face else 0.0
        room = height - used - before
        h = measure(f, width, height)
        keep = bool(getattr(f, "keepWithNext", False)) and bool(queue)
        need = h
        if keep:  # a heading needs at least a line of what follows it
            nxt = queue[0]
            need += nxt.getSpaceBefore() + getattr(getattr(nxt, "style", None), "leading", 0.0)
        if need <= room or (keep and fresh and h <= room):
            face.append(f)
            used += before + h + f.getSpaceAfter()
            fresh = False
            continue
        parts = [] if keep else f.split(width, room)
        if len(parts) >= 2:
            measure(parts[0], width, room)
            face.append(parts[0])
            queue[:0] = parts[1:]
            new_face()
            continue
        if fresh:
            raise DoesNotFit("A line of this card is taller than a whole card face.")
        queue.insert(0, f)
        new_face()
    faces.append(face)
    return faces
