"""What the "Print and export" dialog offers, as data: one entry per pack. The PDF packs come
from facilitator.exports.pdf.packs; the card deck and the Excel workbooks join by adding
entries to ENTRIES (a label, the options they use and a function that makes the bytes)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from facilitator.exports.pdf import packs
from facilitator.exports.pdf.cards import deck, geometry, selection
from facilitator.exports.pdf.document import ExportCancelled, PackRequest


@dataclass(frozen=True)
class DialogPack:
    key: str
    label: str
    description: str
    needs_event: bool
    options: tuple[str, ...]  # "each", "per", "people", "week"
    suffix: str  # ".pdf"
    make: Callable[..., bytes]  # make(db, request, progress, cancelled) -> bytes
    # save(db, request, path, progress, cancelled): writes the file atomically and logs it
    save: Callable[..., object]
    previewable: bool = True  # a PDF the preview can show

    def file_name(self, title: str) -> str:
        safe = "".join(ch if ch.isalnum() or ch in " -_" else " " for ch in title)
        return f"{self.label} - {' '.join(safe.split())}{self.suffix}"


def _pdf_entry(kind: packs.PackKind) -> DialogPack:
    def make(db, request: PackRequest, progress=None, cancelled=None) -> bytes:
        return packs.make_pdf(db, kind, request, progress, cancelled)

    def save(db, request: PackRequest, path, progress=None, cancelled=None):
        return packs.export(db, kind, request, path, progress, cancelled)

    return DialogPack(kind.key, kind.label, kind.description, kind.needs_event, kind.options,
                      ".pdf", make, save)


class NothingToPrint(ValueError):
    title = "Nothing to print"


def _event_cards(db, request: PackRequest):
    cards = selection.event_cards(db, request.event_id)
    if not cards:
        raise NothingToPrint("No agenda item of this event uses a method card, so there is no "
                         "deck to print. Pick cards in Plans (Method card…) or use Tool "
                         "library → Print cards….")
    return cards, geometry.Layout(paper=request.paper, per_sheet=4)


def _cards_make(db, request: PackRequest, progress=None, cancelled=None) -> bytes:
    cards, layout = _event_cards(db, request)
    try:
        return deck.build_deck(cards, layout, title="Method cards for this event",
                               invariant=request.invariant, progress=progress,
                               cancelled=cancelled)[0]
    except deck.Cancelled as exc:
        raise ExportCancelled(str(exc)) from None


def _cards_save(db, request: PackRequest, path, progress=None, cancelled=None):
    cards, layout = _event_cards(db, request)
    try:
        return deck.write_deck(path, cards, layout, title="Method cards for this event",
                               progress=progress, cancelled=cancelled, log_to=db)
    except deck.Cancelled as exc:
        raise ExportCancelled(str(exc)) from None


CARDS = DialogPack("cards", "Method cards", "For trainers: the method cards this event's "
                   "agenda uses, four to a sheet with folded backs and cut marks. Tool library "
                   "→ Print cards… has every layout and choice of cards.", True, (), ".pdf",
                   _cards_make, _cards_save)

ENTRIES: list[DialogPack] = [*(_pdf_entry(kind) for kind in packs.PACKS), CARDS]


def entry(key: str) -> DialogPack | None:
    return next((e for e in ENTRIES if e.key == key), None)
