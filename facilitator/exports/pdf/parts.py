"""Small pieces several packs use: paragraphs of user text, tables with a header row, tick
boxes, writing lines, and the code block (form code, participant code, QR) of a paper form."""

from __future__ import annotations

import hashlib

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from facilitator.exports.pdf import fonts
from facilitator.exports.pdf.styles import ACCENT, INK, RULE, SHADE, esc, styles
from facilitator.services.privacy.pseudonyms import participant_code  # noqa: F401 (re-exported)

# Tables set their own font for plain-text cells (Helvetica unless told): always ours.
BASE = [("FONT", (0, 0), (-1, -1), fonts.CONDENSED, 8.5)]


def para(text, style: str = "body") -> Paragraph:
    """User text, escaped."""
    return Paragraph(esc(text), styles()[style])


def markup(text: str, style: str = "body") -> Paragraph:
    """Our own markup (never user text unless escaped by the caller)."""
    return Paragraph(text, styles()[style])


def grid(rows: list[list], widths: list[float], *, header: bool = True, zebra: bool = True,
         extra: list | None = None) -> Table:
    """A table whose first row is a header repeated on each page."""
    t = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    cmds = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        cmds.append(("BACKGROUND", (0, 0), (-1, 0), ACCENT))
    if zebra:
        cmds.append(("ROWBACKGROUNDS", (0, 1 if header else 0), (-1, -1), [colors.white, SHADE]))
    t.setStyle(TableStyle(BASE + cmds + (extra or [])))
    return t


def head(*labels: str, centre_from: int | None = None) -> list[Paragraph]:
    st = styles()
    return [Paragraph(esc(label), st["head_centre" if centre_from is not None and i >= centre_from
                                     else "head"]) for i, label in enumerate(labels)]


class TickBox(Flowable):
    """An empty square to tick by hand, optionally already ticked."""

    def __init__(self, size: float = 3.6 * mm, ticked: bool = False):
        super().__init__()
        self.size, self.ticked = size, ticked

    def wrap(self, _w, _h):
        return self.size, self.size

    def draw(self):
        c = self.canv
        c.setStrokeColor(INK)
        c.setLineWidth(0.7)
        c.rect(0, 0, self.size, self.size)
        if self.ticked:
            c.setLineWidth(1.1)
            s = self.size
            c.line(0.2 * s, 0.5 * s, 0.42 * s, 0.22 * s)
            c.line(0.42 * s, 0.22 * s, 0.85 * s, 0.85 * s)


class Lines(Flowable):
    """Ruled lines to write on."""

    def __init__(self, count: int, gap: float = 7.5 * mm):
        super().__init__()
        self.count, self.gap = count, gap
        self.width = 0

    def wrap(self, width, _h):
        self.width = width
        return width, self.count * self.gap

    def draw(self):
        c = self.canv
        c.setStrokeColor(RULE)
        c.setLineWidth(0.4)
        for k in range(self.count):
            y = k * self.gap
            c.line(0, y, self.width, y)


def choices_row(labels: list[str], ticked: str | None = None) -> Table:
    """"□ absolute  □ discretionary  □ unsure" on one line."""
    st = styles()
    cells, widths = [], []
    for label in labels:
        cells += [TickBox(ticked=label == ticked), Paragraph(esc(label), st["cell"])]
        widths += [5 * mm, stringWidth(label, st["cell"].fontName, st["cell"].fontSize) + 9 * mm]
    t = Table([cells], colWidths=widths, hAlign="LEFT")
    t.setStyle(TableStyle(BASE + [("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 1),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                           ("TOPPADDING", (0, 0), (-1, -1), 0),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return t


def form_code(name: str, *layout: str) -> str:
    """A short code that names a form and fingerprints its layout (its items and scale), so a
    returned sheet is read against the exact version it was printed from: "SFC-3F2A"."""
    digest = hashlib.sha1("\x1f".join(layout).encode("utf-8")).hexdigest()[:4].upper()
    return f"{name}-{digest}"




class QrCode(Flowable):
    """A QR code drawn straight onto the canvas as one path of dark runs.

    reportlab's QrCodeWidget tries all eight masks and draws one shape per module: 0.15 s a
    code, most of a participant pack's time. Any mask is valid QR (readers decode them all),
    so one fixed mask is used, and each row's dark runs are single rectangles."""

    MASK = 0

    def __init__(self, text: str, size: float = 17 * mm):
        super().__init__()
        code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        code.addData(text)
        code.version = code.calculate_version()
        code.makeImpl(False, self.MASK)
        self.modules = code.modules
        self.size = size

    def wrap(self, _w, _h):
        return self.size, self.size

    def draw(self):
        n = len(self.modules)
        quiet = 2
        cell = self.size / (n + 2 * quiet)
        c = self.canv
        path = c.beginPath()
        for r, row in enumerate(self.modules):
            y = self.size - (quiet + r + 1) * cell
            col = 0
            while col < n:
                if row[col]:
                    start = col
                    while col < n and row[col]:
                        col += 1
                    path.rect((quiet + start) * cell, y, (col - start) * cell, cell)
                else:
                    col += 1
        c.setFillColor(INK)
        c.drawPath(path, stroke=0, fill=1)


class FormMark(Flowable):
    """Takes no room; tells the page kit which paper form the following pages belong to, so a
    form running onto a second page carries its codes and QR code there too (None: no form)."""

    _ZEROSIZE = 1

    def __init__(self, codes: tuple[str, str, str] | None):
        super().__init__()
        self.codes = codes
        self.width = self.height = 0

    def wrap(self, _w, _h):
        return 0, 0

    def draw(self):
        page = self.canv.getPageNumber()
        self.canv._form_codes = (self.codes, page) if self.codes else None


def qr_payload(code: str, person_code: str | None, event_code: str) -> str:
    return f"FAC1|form={code}|participant={person_code or ''}|event={event_code}"


def code_block(title: str, code: str, person_code: str | None, event_code: str,
               width: float) -> Table:
    """The head of every paper form: its title, the form and participant codes, and a QR
    code holding them (a blank box to write the code in when printed for nobody in particular)."""
    st = styles()
    who = (f"Participant code: <b>{esc(person_code)}</b>" if person_code
           else "Participant code: ____________")
    left = [Paragraph(esc(title), st["h1"]),
            Paragraph(f"Form {esc(code)} · {who} · Event {esc(event_code)}", st["small"]),
            Paragraph("Please do not write your name on this sheet: the codes match it to you.",
                      st["small"])]
    t = Table([[left, QrCode(qr_payload(code, person_code, event_code))]], colWidths=[width - 21 * mm, 21 * mm], hAlign="LEFT")
    t.setStyle(TableStyle(BASE + [("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                           ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    return [FormMark((code, person_code or "", event_code)), t]


def minutes_text(m: int | None) -> str:
    if m is None:
        return ""
    return f"{m // 60:02d}:{m % 60:02d}"


def dates_text(start, end) -> str:
    if start == end:
        return f"{start:%A %d %B %Y}"
    if start.year == end.year:
        return f"{start:%d %B} – {end:%d %B %Y}"
    return f"{start:%d %B %Y} – {end:%d %B %Y}"
