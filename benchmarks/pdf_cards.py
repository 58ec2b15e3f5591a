"""The method card deck: all 35 built-in cards ×10 (350 cards), 4 a sheet with duplex backs.

    .venv/bin/python benchmarks/pdf_cards.py [--copies N] [--per-sheet 1|2|4]

Ours: `build_deck` (measure each side, step the font down to fit, continue if needed, cut
marks, outline, metadata). Raw: reportlab alone drawing the same paragraphs at the same size in
a platypus Frame per card face on the same grid, with no measuring (text that does not fit is
simply dropped by the Frame, which is what we must never do). Prints `figure:` lines and a
`ratio:` line (ours ÷ raw)."""

from __future__ import annotations

import argparse
import io
import time
import tracemalloc

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame

from facilitator.exports.pdf import fonts
from facilitator.exports.pdf.cards import content, deck, geometry
from facilitator.exports.pdf.cards.face import padding_mm
from facilitator.services.library.builtin import builtin_cards


def raw_deck(cards: list[dict], layout: geometry.Layout) -> bytes:
    """Plain reportlab: one Frame per face at the layout's base size, same slots, no fitting."""
    size = deck.BASE_PT[(layout.backs, layout.per_sheet)]
    st = content.styles(size)
    fronts, backs = geometry.front_slots(layout), geometry.back_slots(layout)
    page_w, page_h = layout.page_size
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(page_w * mm, page_h * mm), pageCompression=1,
               initialFontName=fonts.SANS)
    for i in range(0, len(cards), layout.per_sheet):
        sheet = cards[i:i + layout.per_sheet]
        for side, slots in ((content.front, fronts), (content.back, backs)):
            for slot, card in zip(slots, sheet, strict=False):
                pad = padding_mm(slot.width)
                c.roundRect(slot.x * mm, slot.y * mm, slot.width * mm, slot.height * mm, 2.5 * mm)
                frame = Frame((slot.x + pad) * mm, (slot.y + pad) * mm, (slot.width - 2 * pad) * mm,
                              (slot.height - 2 * pad) * mm, 0, 0, 0, 0, showBoundary=0)
                frame.addFromList(side(card, st), c)
            c.showPage()
    c.save()
    return buf.getvalue()


def timed(fn, repeats: int = 2) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeats):
        t = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--per-sheet", type=int, choices=(1, 2, 4), default=4)
    args = parser.parse_args()
    fonts.register_fonts()
    base = sorted(builtin_cards().values(), key=lambda c: c["name"])
    cards = [c | {"name": f"{c['name']} ({n + 1})"} for n in range(args.copies) for c in base]
    layout = geometry.Layout(per_sheet=args.per_sheet, backs="duplex")
    raw_deck(cards[:8], layout)  # warm up fonts and caches for both
    deck.build_deck(cards[:8], layout)

    ours_s, (data, summary) = timed(lambda: deck.build_deck(cards, layout))
    raw_s, raw = timed(lambda: raw_deck(cards, layout))
    tracemalloc.start()
    deck.build_deck(cards, layout)
    _cur, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"figure: cards_deck_cards {len(cards)} cards")
    print(f"figure: cards_deck_pages {summary.pages} pages")
    print(f"figure: cards_deck_seconds {ours_s:.2f} s")
    print(f"figure: cards_deck_cards_per_second {len(cards) / ours_s:.0f} cards/s")
    print(f"figure: cards_deck_bytes {len(data) / 1e6:.2f} MB")
    print(f"figure: cards_deck_peak_python_memory {peak / 1e6:.0f} MB")
    print(f"figure: cards_raw_reportlab_seconds {raw_s:.2f} s")
    print(f"ratio: cards_deck_vs_raw_reportlab {ours_s / raw_s:.2f}")


if __name__ == "__main__":
    main()
