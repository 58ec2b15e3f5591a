"""One stylesheet for every pack (styles inherit from `body`), paper sizes and `esc()`.

reportlab's Paragraph reads its text as markup: `x<y` raises, `<img src=…>` opens a local
file. Every piece of user text goes through `esc()` before it reaches a Paragraph."""

from __future__ import annotations

import locale
import os
import re
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.styles import ParagraphStyle

from facilitator.exports.pdf import fonts

PAPERS = {"a4": A4, "letter": letter}
# Territories whose printers are loaded with US Letter.
LETTER_TERRITORIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PR",
                                "SV", "DO", "NI", "PA", "BZ"})

INK = colors.HexColor("#1a202c")
MUTED = colors.HexColor("#4a5568")
RULE = colors.HexColor("#a0aec0")
SHADE = colors.HexColor("#edf2f7")
NOTE_SHADE = colors.HexColor("#fefcbf")
ACCENT = colors.HexColor("#2b6cb0")
WARN = colors.HexColor("#c53030")

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def esc(text) -> str:
    """User text as Paragraph markup that prints literally; line breaks are kept."""
    if text is None:
        return ""
    clean = _CONTROL.sub("", str(text))
    return escape(clean).replace("\n", "<br/>")


def default_paper() -> str:
    """Letter where the locale's territory uses it (LC_PAPER, LC_ALL, LANG), else A4."""
    for name in ("LC_PAPER", "LC_ALL", "LANG"):
        value = os.environ.get(name, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return _paper_of(value)
    try:
        value = locale.getlocale()[0] or ""
    except ValueError:
        value = ""
    return _paper_of(value)


def _paper_of(locale_name: str) -> str:
    territory = locale_name.split(".")[0].split("@")[0].partition("_")[2].upper()
    return "letter" if territory in LETTER_TERRITORIES else "a4"


def page_size(paper: str) -> tuple[float, float]:
    try:
        return PAPERS[paper]
    except KeyError:
        raise ValueError(f"Paper must be one of: {', '.join(PAPERS)}.") from None


@cache
def styles() -> dict[str, ParagraphStyle]:
    fonts.register_fonts()
    body = ParagraphStyle("body", fontName=fonts.SANS, bulletFontName=fonts.SANS, fontSize=9.5,
                          leading=13, textColor=INK,
                          spaceAfter=4)
    out = {"body": body}

    def add(name, **kw):
        out[name] = ParagraphStyle(name, parent=out[kw.pop("parent", "body")], **kw)

    add("title", fontName=fonts.SANS_BOLD, fontSize=22, leading=27, spaceAfter=10)
    add("subtitle", fontSize=12, leading=16, textColor=MUTED, spaceAfter=12)
    add("h1", fontName=fonts.SANS_BOLD, fontSize=15, leading=19, spaceBefore=6, spaceAfter=8,
        textColor=ACCENT)
    add("h2", fontName=fonts.SANS_BOLD, fontSize=12, leading=15, spaceBefore=10, spaceAfter=4)
    add("h3", fontName=fonts.SANS_BOLD, fontSize=10, leading=13, spaceBefore=6, spaceAfter=2)
    add("small", fontSize=8, leading=10.5, textColor=MUTED, spaceAfter=2)
    add("cell", fontName=fonts.CONDENSED, fontSize=8.5, leading=10.5, spaceAfter=0)
    add("cell_bold", parent="cell", fontName=fonts.CONDENSED_BOLD)
    add("cell_small", parent="cell", fontSize=7.5, leading=9.5, textColor=MUTED)
    add("cell_problem", parent="cell", textColor=WARN)
    add("head", parent="cell", fontName=fonts.CONDENSED_BOLD, textColor=colors.white)
    add("head_centre", parent="head", alignment=TA_CENTER)
    add("centre", parent="cell", alignment=TA_CENTER)
    add("note", fontSize=8.5, leading=11, spaceAfter=0)
    add("problem", textColor=WARN, leftIndent=10, bulletIndent=0, spaceAfter=2)
    add("bullet", leftIndent=12, bulletIndent=2, spaceAfter=2)
    add("prompt", fontName=fonts.SANS_BOLD, fontSize=10, leading=13, spaceBefore=8,
        spaceAfter=2)
    return out
