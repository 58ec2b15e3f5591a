"""The method card deck: the chosen cards laid out 1, 2 or 4 to a sheet, with cut marks and
backs (duplex pages or folded onto the same sheet), as one PDF written atomically.

Card faces carry no footer; the PDF itself carries a title, author, subject and language, asks
viewers not to scale it (a shrunk deck no longer matches its backs), has an outline entry per
card, and embeds its fonts (TrueType, subset)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from facilitator.exports.pdf import fonts
from facilitator.exports.pdf.cards import content, geometry
from facilitator.exports.pdf.cards.face import Face, draw_face, inner_size
from facilitator.exports.pdf.cards.fitting import fit_side
from facilitator.fileio import write_atomically

# Body text size (points) for each layout, and the floor the fitting steps down to.
BASE_PT: dict[tuple[str, int], float] = {
    ("duplex", 1): 11.0, ("duplex", 2): 10.0, ("duplex", 4): 8.5,
    ("folded", 1): 10.0, ("folded", 2): 8.5, ("folded", 4): 7.5,
}
FLOOR_PT = 7.0
MARK_COLOUR = content.HexColor("#6b7280")
FOLD_COLOUR = content.HexColor("#9aa5b1")
LANG = "en-GB"

Progress = Callable[[int, int, str], None]


class Cancelled(Exception):
    """The user cancelled the export; nothing was written."""


@dataclass(frozen=True)
class PrintedCard:
    """One physical card: a front and a back face of a method card (part k of n)."""

    card_index: int  # which method card in the deck
    part: int  # 1-based
    parts: int
    front: Face
    back: Face


@dataclass(frozen=True)
class DeckSummary:
    cards: int  # method cards
    printed: int  # physical cards (more when a card continues)
    sheets: int
    pages: int


def lay_out_card(card: dict[str, Any], index: int, layout: geometry.Layout) -> list[PrintedCard]:
    """Fit one method card's two sides to the layout's card size; one or more physical cards."""
    rect = geometry.Rect(0, 0, *layout.card_size)
    width, height = inner_size(rect)
    base = BASE_PT[(layout.backs, layout.per_sheet)]
    front = fit_side(content.front, card, width, height, base, FLOOR_PT)
    back = fit_side(content.back, card, width, height, base, FLOOR_PT)
    parts = max(len(front.faces), len(back.faces))
    out = []
    for k in range(parts):
        marker = ""
        if parts > 1:
            marker = f"{k + 1} of {parts} · continued on the next card" if k + 1 < parts else f"{k + 1} of {parts}"
        out.append(PrintedCard(index, k + 1, parts,
                               Face(_face(front.faces, k, card, front.size), front.size, marker),
                               Face(_face(back.faces, k, card, back.size), back.size, marker)))
    return out


def _face(faces: list, k: int, card: dict[str, Any], size: float) -> list:
    if k < len(faces):
        return faces[k]
    st = content.styles(size)
    return [content.title(card, st, "continued"), Paragraph("(Nothing more on this side.)", st.small)]


def build_deck(cards: list[dict[str, Any]], layout: geometry.Layout, *, title: str = "Method cards",
               invariant: bool = False, progress: Progress | None = None,
               cancelled: Callable[[], bool] | None = None) -> tuple[bytes, DeckSummary]:
    """The deck as PDF bytes. Raises Cancelled as soon as `cancelled()` says so."""
    if not cards:
        raise ValueError("A card deck needs at least one card.")
    fonts.register_fonts()
    total = 2 * len(cards)

    def check(done: int, text: str) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled("The card deck was cancelled; nothing was written.")
        if progress is not None:
            progress(done, total, text)

    printed: list[PrintedCard] = []
    for i, card in enumerate(cards):
        check(i, f"Fitting card {i + 1} of {len(cards)}")
        printed += lay_out_card(card, i, layout)

    page_w, page_h = layout.page_size
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(page_w * mm, page_h * mm), invariant=1 if invariant else None,
               lang=LANG, pageCompression=1, initialFontName=fonts.SANS)
    c.setTitle(title)
    c.setAuthor("Facilitator")
    c.setCreator("Facilitator")
    backs_how = ("backs on their own pages, for long-edge duplex" if layout.backs == "duplex"
                 else "backs on the same sheet, to fold")
    c.setSubject(f"Method cards for trainers: {len(cards)} card(s), {layout.per_sheet} per sheet, "
                 f"{backs_how}. Print at actual size (100%).")
    c.setKeywords("method cards, facilitation, card deck")
    c.setViewerPreference("PrintScaling", "None")
    if layout.backs == "duplex":
        c.setViewerPreference("Duplex", "DuplexFlipLongEdge")

    fronts, backs = geometry.front_slots(layout), geometry.back_slots(layout)
    sheets = [printed[i:i + layout.per_sheet] for i in range(0, len(printed), layout.per_sheet)]
    pages = 0
    for n, sheet in enumerate(sheets):
        check(len(cards) + (len(cards) * n) // len(sheets), f"Drawing sheet {n + 1} of {len(sheets)}")
        for slot, pc in zip(fronts, sheet, strict=False):
            if pc.part == 1:
                key = f"card-{pc.card_index + 1}"
                c.bookmarkPage(key, fit="XYZ", left=slot.x * mm, top=slot.top * mm)
                c.addOutlineEntry(cards[pc.card_index]["name"], key, level=0)
            draw_face(c, slot, pc.front)
        if layout.backs == "folded":
            for slot, pc in zip(backs, sheet, strict=False):
                draw_face(c, slot, pc.back)
        _marks(c, layout)  # the whole grid on every sheet, so a stack cuts as one
        c.showPage()
        pages += 1
        if layout.backs == "duplex":
            for slot, pc in zip(backs, sheet, strict=False):
                draw_face(c, slot, pc.back)
            c.showPage()
            pages += 1
    c.showOutline()
    c.save()
    check(total, "Done")
    return buf.getvalue(), DeckSummary(len(cards), len(printed), len(sheets), pages)


def _marks(c: Canvas, layout: geometry.Layout) -> None:
    """Cut marks (solid) and, when folded, fold marks (dashed, labelled) in the margins."""
    cuts, folds = geometry.sheet_marks(layout)
    c.saveState()
    c.setStrokeColor(MARK_COLOUR)
    c.setLineWidth(0.35)
    for line in cuts:
        c.line(line.x1 * mm, line.y1 * mm, line.x2 * mm, line.y2 * mm)
    if folds:
        c.setStrokeColor(FOLD_COLOUR)
        c.setDash(2, 2)
        for line in folds:
            c.line(line.x1 * mm, line.y1 * mm, line.x2 * mm, line.y2 * mm)
        c.setFillColor(FOLD_COLOUR)
        c.setFont(fonts.SANS, 6.5)
        c.drawString(folds[0].x1 * mm, folds[0].y1 * mm + 1.2 * mm, "fold")
    c.restoreState()


def write_deck(path: Path, cards: list[dict[str, Any]], layout: geometry.Layout, *,
               log_to=None, **kwargs) -> DeckSummary:
    """Build the deck and write it atomically (temp file, fsync, replace); a failed or cancelled
    build writes nothing. `log_to` (a Database) notes the file in the export log."""
    data, summary = build_deck(cards, layout, **kwargs)
    write_atomically(Path(path), data)
    if log_to is not None:
        from facilitator.services.privacy.export_log import log_export

        log_export(log_to, "cards pdf", path)
    return summary
