"""What a method card says on paper, as reportlab Paragraphs at a given font size.

The front: name, time and group size, summary, purpose, when to use, materials. The back:
the steps with their minutes, facilitator tips, frontline considerations, source and licence.
Every piece of card text is escaped here, before any Paragraph sees it, so `x<y`, `<b>` or
`<img src="/some/file">` print as written and never read a file."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.flowables import Flowable

from facilitator.exports.pdf import fonts

INK = HexColor("#1f2933")
ACCENT = HexColor("#0f5e63")
MUTED = HexColor("#52606d")
RULE = HexColor("#9aa5b1")


@dataclass(frozen=True)
class Styles:
    size: float
    title: ParagraphStyle
    facts: ParagraphStyle
    summary: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    item: ParagraphStyle
    small: ParagraphStyle
    marker: ParagraphStyle


@cache
def styles(size: float) -> Styles:
    """One family of styles, all scaled from the body size (points)."""
    fonts.register_fonts()
    lead = 1.25
    body = ParagraphStyle("card-body", fontName=fonts.SANS, fontSize=size, leading=size * lead,
                          textColor=INK, spaceAfter=size * 0.35)
    return Styles(
        size=size,
        title=ParagraphStyle("card-title", parent=body, fontName=fonts.SANS_BOLD,
                             fontSize=size * 1.45, leading=size * 1.45 * 1.15, textColor=ACCENT,
                             spaceAfter=size * 0.3),
        facts=ParagraphStyle("card-facts", parent=body, fontName=fonts.CONDENSED,
                             fontSize=size * 0.88, leading=size * 0.88 * lead, textColor=MUTED,
                             spaceAfter=size * 0.5),
        summary=ParagraphStyle("card-summary", parent=body, fontName=fonts.SANS_ITALIC,
                               spaceAfter=size * 0.55),
        heading=ParagraphStyle("card-heading", parent=body, fontName=fonts.SANS_BOLD,
                               fontSize=size * 0.95, leading=size * 0.95 * lead, textColor=ACCENT,
                               spaceBefore=size * 0.45, spaceAfter=size * 0.15),
        body=body,
        item=ParagraphStyle("card-item", parent=body, leftIndent=size * 1.5,
                            bulletIndent=size * 0.2, bulletFontName=fonts.SANS, bulletFontSize=size,
                            spaceAfter=size * 0.22),
        small=ParagraphStyle("card-small", parent=body, fontName=fonts.SANS_ITALIC,
                             fontSize=size * 0.8, leading=size * 0.8 * lead, textColor=MUTED,
                             spaceBefore=size * 0.4),
        marker=ParagraphStyle("card-marker", parent=body, fontName=fonts.SANS_ITALIC,
                              fontSize=max(size * 0.8, 6), leading=max(size * 0.8, 6) * lead,
                              textColor=MUTED, alignment=2),
    )


def _heading(text: str, st: Styles) -> Paragraph:
    p = Paragraph(escape(text), st.heading)
    p.keepWithNext = True
    return p


def _range(rng: dict[str, int], unit: str) -> str:
    lo, hi = rng["min"], rng["max"]
    return f"{lo}\u00a0{unit}" if lo == hi else f"{lo}–{hi}\u00a0{unit}"


def title(card: dict[str, Any], st: Styles, note: str = "") -> Paragraph:
    text = escape(card["name"])
    if note:
        text += f' <font name="{fonts.SANS}" color="#52606d" size="{st.size:g}">({escape(note)})</font>'
    return Paragraph(text, st.title)


def front(card: dict[str, Any], st: Styles) -> list[Flowable]:
    facts = [_range(card["duration"], "min"), _range(card["group_size"], "people")]
    facts += card.get("themes", [])
    out: list[Flowable] = [
        title(card, st),
        Paragraph(escape("  ·  ".join(facts)), st.facts),
        Paragraph(escape(card["summary"]), st.summary),
        _heading("Purpose", st),
        Paragraph(escape(card["purpose"]), st.body),
    ]
    if card.get("when_to_use"):
        out += [_heading("When to use", st), Paragraph(escape(card["when_to_use"]), st.body)]
    if card.get("materials"):
        out.append(_heading("Materials", st))
        out += [Paragraph(escape(m), st.item, bulletText="•") for m in card["materials"]]
    return out


def back(card: dict[str, Any], st: Styles) -> list[Flowable]:
    out: list[Flowable] = [title(card, st, "how to run it"), _heading("Steps", st)]
    for n, step in enumerate(card["steps"], 1):
        # no-break spaces: "· 8 min" never wraps into "· 8" and a lone "min"
        minutes = (f' <font color="#52606d">·\u00a0{step["minutes"]}\u00a0min</font>'
                   if step["minutes"] else "")
        out.append(Paragraph(escape(step["text"]) + minutes, st.item, bulletText=f"{n}."))
    for name, label in (("tips", "Facilitator tips"), ("considerations", "Frontline considerations")):
        if card.get(name):
            out.append(_heading(label, st))
            out += [Paragraph(escape(t), st.item, bulletText="•") for t in card[name]]
    credit = " · ".join(x for x in (card.get("source", ""), card.get("licence", "")) if x)
    if credit:
        out.append(Paragraph(escape(credit), st.small))
    return out
