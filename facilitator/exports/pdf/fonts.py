"""The vendored DejaVu fonts, registered with reportlab once per process.

Helvetica and Vera cannot draw Ł ź ż ę ś ą ń ŵ ŷ; DejaVu Sans can. TrueType fonts are always
embedded (subset) in the PDF, so a printed pack looks the same on any machine."""

from __future__ import annotations

from functools import cache

from facilitator.resources import resource

SANS = "DejaVuSans"
SANS_BOLD = "DejaVuSans-Bold"
SANS_ITALIC = "DejaVuSans-Oblique"
SANS_BOLD_ITALIC = "DejaVuSans-BoldOblique"
CONDENSED = "DejaVuSansCondensed"
CONDENSED_BOLD = "DejaVuSansCondensed-Bold"
ALL = (SANS, SANS_BOLD, SANS_ITALIC, SANS_BOLD_ITALIC, CONDENSED, CONDENSED_BOLD)


class FontsMissing(RuntimeError):
    """The font files are not where the app expects them (a broken install)."""


@cache
def register_fonts() -> None:
    """Register every face and the Sans family (so <b> and <i> in Paragraphs pick the right face)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name in ALL:
        path = resource("fonts", f"{name}.ttf")
        if not path.is_file():
            raise FontsMissing(f"The font file {path} is missing; reinstall Facilitator.")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=SANS_BOLD, italic=SANS_ITALIC,
                                  boldItalic=SANS_BOLD_ITALIC)
    pdfmetrics.registerFontFamily(CONDENSED, normal=CONDENSED, bold=CONDENSED_BOLD,
                                  italic=CONDENSED, boldItalic=CONDENSED_BOLD)
