"""Where cards go on a sheet, in millimetres, as data and pure functions (no PDF here).

A `Layout` is checked when it is made. `front_slots` gives each card's rectangle on a sheet;
every sheet of a deck uses the same slots, so a stack of sheets can be cut in one go.
`back_slots` gives where each card's back goes: mirrored for long-edge duplex (the backs' own
pages), or reflected across the fold line (folded: backs on the same sheet), moved by the
user's front/back offset. `cut_marks` are short lines in the margin on every card edge, never
over a card."""

from __future__ import annotations

from dataclasses import dataclass

PAPERS: dict[str, tuple[float, float]] = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
PER_SHEET = (1, 2, 4)
BACKS = ("duplex", "folded")
MAX_OFFSET_MM = 5.0  # less than GAP_MM, so a moved back never reaches its neighbour
MARK_GAP_MM = 2.0  # between a card's edge and the start of its cut mark
MARK_LENGTH_MM = 5.0

# (backs, per sheet) -> (columns, rows of fronts, card width, card height). Cards are the
# same size on A4 and Letter: every size fits the area both papers share, with 12 mm margins.
GRIDS: dict[tuple[str, int], tuple[int, int, float, float]] = {
    ("duplex", 1): (1, 1, 148.0, 210.0),
    ("duplex", 2): (1, 2, 180.0, 120.0),
    ("duplex", 4): (2, 2, 88.0, 122.0),
    ("folded", 1): (1, 1, 180.0, 124.0),
    ("folded", 2): (2, 1, 88.0, 124.0),
    ("folded", 4): (2, 2, 88.0, 58.0),
}
GAP_MM = 8.0  # between neighbouring cards
# Folded: the fronts' lowest row sits on the fold, so the fold itself is those cards' bottom
# edge (nothing to cut there, and the two layers cannot slide apart along it).
FOLD_GAP_MM = 0.0


class LayoutError(ValueError):
    """A layout that cannot be printed; the message says which setting and why."""


@dataclass(frozen=True)
class Rect:
    """A rectangle in millimetres from the sheet's bottom-left corner."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def top(self) -> float:
        return self.y + self.height


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class Layout:
    paper: str = "a4"
    per_sheet: int = 4
    backs: str = "duplex"
    offset_x: float = 0.0  # backs move right (+) or left (−) by this much
    offset_y: float = 0.0  # backs move up (+) or down (−)

    def __post_init__(self) -> None:
        if self.paper not in PAPERS:
            raise LayoutError(f"Paper must be one of {', '.join(PAPERS)}, not {self.paper!r}.")
        if self.per_sheet not in PER_SHEET:
            raise LayoutError(f"Cards per sheet must be 1, 2 or 4, not {self.per_sheet!r}.")
        if self.backs not in BACKS:
            raise LayoutError(f"Backs must be duplex or folded, not {self.backs!r}.")
        for name, value in (("across", self.offset_x), ("up", self.offset_y)):
            if not isinstance(value, int | float) or not -MAX_OFFSET_MM <= value <= MAX_OFFSET_MM:
                raise LayoutError(f"The back offset {name} must be between −{MAX_OFFSET_MM:g} and "
                                  f"{MAX_OFFSET_MM:g} mm, not {value!r}.")
        if self.backs == "folded" and self.offset_y:
            raise LayoutError("A folded deck's backs meet their fronts at the fold, so they can "
                              "only be moved across, not up or down.")

    @property
    def page_size(self) -> tuple[float, float]:
        return PAPERS[self.paper]

    @property
    def card_size(self) -> tuple[float, float]:
        _c, _r, w, h = GRIDS[(self.backs, self.per_sheet)]
        return w, h

    @property
    def grid(self) -> tuple[int, int]:
        cols, rows, _w, _h = GRIDS[(self.backs, self.per_sheet)]
        return cols, rows


def parse_offset(text: str) -> tuple[float, float]:
    """'X,Y' in millimetres (like '1.5,-0.5'), as the CLI and settings give it."""
    parts = [p.strip() for p in str(text).split(",")]
    if len(parts) != 2:
        raise LayoutError(f"The offset must be two numbers in millimetres, X,Y (like 1.5,-0.5), "
                          f"not {text!r}.")
    try:
        x, y = float(parts[0]), float(parts[1])
    except ValueError:
        raise LayoutError(f"The offset must be two numbers in millimetres, X,Y (like 1.5,-0.5), "
                          f"not {text!r}.") from None
    Layout(offset_x=x, offset_y=y)  # checks the range
    return x, y


def _block(cols: int, rows: int, w: float, h: float) -> tuple[float, float]:
    return cols * w + (cols - 1) * GAP_MM, rows * h + (rows - 1) * GAP_MM


def front_slots(layout: Layout) -> list[Rect]:
    """The fronts' rectangles, row by row from the top, left to right; the same on every sheet.

    Duplex: the grid is centred on the page. Folded: the fronts fill the top half, centred
    across, the lowest row standing on the fold line (the page's middle)."""
    page_w, page_h = layout.page_size
    cols, rows = layout.grid
    w, h = layout.card_size
    block_w, block_h = _block(cols, rows, w, h)
    left = (page_w - block_w) / 2
    if layout.backs == "duplex":
        bottom = (page_h - block_h) / 2
    else:
        bottom = page_h / 2 + FOLD_GAP_MM / 2
    slots = []
    for r in range(rows):
        for c in range(cols):
            y = bottom + (rows - 1 - r) * (h + GAP_MM)
            slots.append(Rect(_mm(left + c * (w + GAP_MM)), _mm(y), w, h))
    return slots


def mirror_long_edge(rect: Rect, page_width: float) -> Rect:
    """Where a rectangle lands on the other side of a sheet turned over its long (left/right)
    edge, as duplex printers do for portrait pages."""
    return Rect(_mm(page_width - rect.right), rect.y, rect.width, rect.height)


def reflect_across_fold(rect: Rect, fold_y: float) -> Rect:
    """Where a rectangle lands when the sheet is folded along the line y = fold_y."""
    return Rect(rect.x, _mm(2 * fold_y - rect.top), rect.width, rect.height)


def back_slots(layout: Layout) -> list[Rect]:
    """Each front's back, in the same order as front_slots, with the user's offset."""
    page_w, page_h = layout.page_size
    fronts = front_slots(layout)
    if layout.backs == "duplex":
        backs = [mirror_long_edge(r, page_w) for r in fronts]
    else:
        backs = [reflect_across_fold(r, page_h / 2) for r in fronts]
    return [Rect(_mm(r.x + layout.offset_x), _mm(r.y + layout.offset_y), r.width, r.height)
            for r in backs]


def sheet_marks(layout: Layout) -> tuple[list[Line], list[Line]]:
    """(cut marks, fold marks) for a sheet of this layout; the same on every sheet, whether or
    not every slot holds a card. Folded: the marks frame fronts and backs together, and the
    fold gets its own marks in the margins instead of cut marks."""
    if layout.backs == "duplex":
        return cut_marks(front_slots(layout), layout.page_size), []
    slots = front_slots(layout) + back_slots(Layout(layout.paper, layout.per_sheet, "folded"))
    fold = layout.page_size[1] / 2
    cuts = [m for m in cut_marks(slots, layout.page_size) if not (m.y1 == m.y2 == _mm(fold))]
    left = min(r.x for r in slots) - MARK_GAP_MM
    right = max(r.right for r in slots) + MARK_GAP_MM
    folds = [Line(max(left - 2 * MARK_LENGTH_MM, 0.0), fold, left, fold),
             Line(right, fold, min(right + 2 * MARK_LENGTH_MM, layout.page_size[0]), fold)]
    return cuts, folds


def cut_marks(slots: list[Rect], page_size: tuple[float, float]) -> list[Line]:
    """Short marks in the margin, in line with every card edge: above and below the block of
    cards for each vertical edge, left and right of it for each horizontal one. None crosses
    a card, and cards that share a column or row share marks."""
    if not slots:
        return []
    page_w, page_h = page_size
    left = min(r.x for r in slots)
    right = max(r.right for r in slots)
    bottom = min(r.y for r in slots)
    top = max(r.top for r in slots)
    xs = sorted({_mm(v) for r in slots for v in (r.x, r.right)})
    ys = sorted({_mm(v) for r in slots for v in (r.y, r.top)})
    marks = []
    for x in xs:
        marks.append(Line(x, top + MARK_GAP_MM, x, min(top + MARK_GAP_MM + MARK_LENGTH_MM, page_h)))
        marks.append(Line(x, max(bottom - MARK_GAP_MM - MARK_LENGTH_MM, 0.0), x, bottom - MARK_GAP_MM))
    for y in ys:
        marks.append(Line(max(left - MARK_GAP_MM - MARK_LENGTH_MM, 0.0), y, left - MARK_GAP_MM, y))
        marks.append(Line(right + MARK_GAP_MM, y, min(right + MARK_GAP_MM + MARK_LENGTH_MM, page_w), y))
    return marks


def _mm(value: float) -> float:
    """Rounded to a thousandth of a millimetre, so equal positions compare equal."""
    return round(value, 3)
