"""What the "Print and export" dialog offers, as data: one entry per pack. The PDF packs come
from facilitator.exports.pdf.packs; the card deck and the Excel workbooks join by adding
entries to ENTRIES (a label, the options they use and a function that makes the bytes)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from facilitator.exports.pdf import packs
from facilitator.exports.pdf.document import PackRequest


@dataclass(frozen=True)
class DialogPack:
    key: str
    label: str
    description: str
    needs_event: bool
    options: tuple[str, ...]  # "each", "per", "people"
    suffix: str  # ".pdf"
    make: Callable[..., bytes]  # make(db, request, progress, cancelled) -> bytes
    previewable: bool = True  # a PDF the preview can show

    def file_name(self, title: str) -> str:
        safe = "".join(ch if ch.isalnum() or ch in " -_" else " " for ch in title)
        return f"{self.label} - {' '.join(safe.split())}{self.suffix}"


def _pdf_entry(kind: packs.PackKind) -> DialogPack:
    def make(db, request: PackRequest, progress=None, cancelled=None) -> bytes:
        return packs.make_pdf(db, kind, request, progress, cancelled)

    return DialogPack(kind.key, kind.label, kind.description, kind.needs_event, kind.options,
                      ".pdf", make)


ENTRIES: list[DialogPack] = [_pdf_entry(kind) for kind in packs.PACKS]


def entry(key: str) -> DialogPack | None:
    return next((e for e in ENTRIES if e.key == key), None)
