"""The shared page kit: one BaseDocTemplate subclass with portrait and landscape pages, a
footer (title, printed date, "contains personal data" where it does, page x of y), an
outline, document metadata, PrintScaling None, and the build that reports progress, stops
when cancelled and writes the file atomically (a cancelled export leaves no file)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reportlab.lib.pagesizes import landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageTemplate

from facilitator.exports.pdf import fonts
from facilitator.exports.pdf.styles import MUTED, RULE, WARN, page_size
from facilitator.fileio import write_atomically

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]
MARGIN = 16 * mm
FOOTER_GAP = 9 * mm
AUTHOR = "Facilitator"
LANGUAGE = "en-GB"


class ExportCancelled(Exception):
    """The person pressed Cancel: nothing was written."""


@dataclass(frozen=True)
class PackRequest:
    """What to print: the cohort, the event, the people and the options of the dialog or CLI."""

    cohort_id: int
    event_id: int | None = None
    paper: str = "a4"
    each: bool = False  # participant pack: one per participant, merged in name order
    people: tuple[int, ...] | None = None  # only these participants (None = everybody expected)
    per: str = "day"  # sign-in sheets: one per "day" or per "session"
    week: int | None = None  # pulse form: the week printed (None: the current week)
    pseudonymise: bool = False  # cohort report: participant codes instead of names
    printed_on: date = field(default_factory=date.today)
    invariant: bool = False  # byte-stable output (golden tests)


@dataclass
class PackContent:
    """A pack's story and the words that describe it."""

    title: str
    subject: str
    story: list
    personal: bool = True
    people: tuple[int, ...] = ()  # the participants the pack names (for the export log)


class Bookmark(Flowable):
    """An outline entry (and named destination) where it lands; takes no room."""

    _ZEROSIZE = 1

    def __init__(self, title: str, level: int, key: str):
        super().__init__()
        self.title, self.level, self.key = title, level, key
        self.width = self.height = 0

    def wrap(self, _w, _h):
        return 0, 0

    def draw(self):
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.title, self.key, level=self.level, closed=self.level > 0)


class Outline:
    """Hands out bookmarks with unique keys; levels never skip (reportlab refuses that)."""

    def __init__(self):
        self.count = 0

    def mark(self, title: str, level: int = 0) -> Bookmark:
        self.count += 1
        return Bookmark(title, level, f"b{self.count}")


def landscape_next() -> NextPageTemplate:
    return NextPageTemplate("landscape")


def portrait_next() -> NextPageTemplate:
    return NextPageTemplate("portrait")


TOTAL_FORM = "pageTotal"
LOOKAHEAD = 64  # flowables kept ready ahead of the layout when the story is a generator


class _FooterCanvas(Canvas):
    """Writes each page as it goes (as reportlab's own canvas does); "of y" in the footer is
    a form drawn on every page and defined once at the end, when y is known. Keeping every
    page until the end instead (the usual two-pass canvas) held 2,000 pages in memory."""

    pages_done = 0

    def save(self):
        self.beginForm(TOTAL_FORM)
        self.setFont(fonts.CONDENSED, 7.5)
        self.setFillColor(MUTED)
        self.drawString(0, 0, str(self.pages_done))
        self.endForm()
        Canvas.save(self)


class PackDocument(BaseDocTemplate):
    def __init__(self, target, content: PackContent, request: PackRequest,
                 progress: Progress | None = None, cancelled: Cancelled | None = None):
        size = page_size(request.paper)
        super().__init__(
            target, pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
            bottomMargin=MARGIN + FOOTER_GAP, title=content.title, author=AUTHOR,
            subject=content.subject, creator="Facilitator (reportlab)", lang=LANGUAGE,
            invariant=1 if request.invariant else 0, keywords="", pageCompression=1,
            initialFontName=fonts.SANS, initialFontSize=9,
        )
        self.content, self.request = content, request
        self._progress, self._cancelled = progress, cancelled
        self._total = 1
        self._done = 0
        self._step = 1
        self.addPageTemplates([self._template("portrait", size),
                               self._template("landscape", landscape(size))])

    def _template(self, name: str, size) -> PageTemplate:
        w, h = size
        frame = Frame(MARGIN, MARGIN + FOOTER_GAP, w - 2 * MARGIN, h - 2 * MARGIN - FOOTER_GAP,
                      id=f"{name}-body", leftPadding=0, rightPadding=0, topPadding=0,
                      bottomPadding=0)
        return PageTemplate(id=name, frames=[frame], pagesize=size, onPageEnd=self._page_end)

    def beforeDocument(self):
        canv = self.canv
        canv.setViewerPreference("PrintScaling", "None")
        canv.showOutline()

    def _page_end(self, canv: Canvas, _doc) -> None:
        number = canv.getPageNumber()
        canv.pages_done = number
        self._footer(canv, number)

    def _footer(self, canv: Canvas, number: int) -> None:
        w, _h = canv._pagesize
        y = MARGIN
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(MARGIN, y + 4 * mm, w - MARGIN, y + 4 * mm)
        canv.setFont(fonts.CONDENSED, 7.5)
        canv.setFillColor(MUTED)
        left = f"{self.content.title} · printed {self.request.printed_on:%d %b %Y}"
        canv.drawString(MARGIN, y, _fit(left, 110))
        label = f"Page {number} of "
        x = w - MARGIN - stringWidth("Page 0000 of 0000", fonts.CONDENSED, 7.5)
        canv.drawString(x, y, label)
        canv.saveState()
        canv.translate(x + stringWidth(label, fonts.CONDENSED, 7.5), y)
        canv.doForm(TOTAL_FORM)
        canv.restoreState()
        if self.content.personal:
            canv.setFont(fonts.CONDENSED_BOLD, 7.5)
            canv.setFillColor(WARN)
            canv.drawString(MARGIN, y - 3.6 * mm, "Contains personal data: keep it safe and "
                                                  "shred it when it is no longer needed.")
        canv.restoreState()
        form = getattr(canv, "_form_codes", None)
        if form is not None and form[1] != number:
            self._form_header(canv, *form[0])

    def _form_header(self, canv: Canvas, code: str, person: str, event: str) -> None:
        """A paper form's codes and QR code at the top of its second and later pages."""
        from facilitator.exports.pdf.parts import QrCode, qr_payload

        w, h = canv._pagesize
        size = 10 * mm
        canv.saveState()
        canv.setFont(fonts.CONDENSED, 7.5)
        canv.setFillColor(MUTED)
        who = person or "____________"
        canv.drawRightString(w - MARGIN - size - 2 * mm, h - MARGIN + 2.5 * mm,
                             f"Form {code} · Participant code: {who} · Event {event} (continued)")
        QrCode(qr_payload(code, person or None, event), size).drawOn(
            canv, w - MARGIN - size, h - MARGIN + 1.5 * mm)
        canv.restoreState()

    # a story that is a generator: pulled as the layout needs it --------------------------
    _source = None
    _story: list | None = None

    def feed(self, source, flowables: list) -> None:
        self._source, self._story = iter(source), flowables
        self._progress = None  # the generator reports its own progress
        self.filterFlowables(flowables)

    def filterFlowables(self, flowables):
        if flowables is not self._story:  # also called on reportlab's own "hanging" list
            return
        while self._source is not None and len(flowables) < LOOKAHEAD:
            try:
                flowables.append(next(self._source))
            except StopIteration:
                self._source = None

    # progress and cancel ------------------------------------------------------------------
    def start(self, flowables: int) -> None:
        self._total = max(flowables, 1)
        self._step = max(self._total // 100, 1)

    def afterFlowable(self, flowable):
        self._done += 1
        if self._cancelled is not None and self._done % 8 == 0 and self._cancelled():
            raise ExportCancelled("The export was cancelled; no file was written.")
        if self._progress is not None and self._done % self._step == 0:
            self._progress(min(self._done, self._total), self._total,
                           f"Page {self.canv.getPageNumber()}")


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render(content: PackContent, request: PackRequest, progress: Progress | None = None,
           cancelled: Cancelled | None = None) -> bytes:
    """The pack as PDF bytes; raises ExportCancelled if `cancelled()` turns true."""
    fonts.register_fonts()
    buf = io.BytesIO()
    doc = PackDocument(buf, content, request, progress, cancelled)
    if isinstance(content.story, list):
        story = list(content.story)
        doc.start(len(story))
    else:  # a generator (one participant after another): never all in memory at once
        story = []
        doc.feed(content.story, story)
    doc.build(story, canvasmaker=_FooterCanvas)
    if cancelled is not None and cancelled():
        raise ExportCancelled("The export was cancelled; no file was written.")
    if progress is not None:
        progress(doc._total, doc._total, f"{doc.canv.pages_done} pages")
    return buf.getvalue()


def write(path: Path, data: bytes) -> None:
    write_atomically(Path(path), data)
