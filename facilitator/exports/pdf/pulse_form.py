"""The pulse form: one page per participant (or one blank page) with the cohort's weekly
pulse questions, each 1–5 scale as tick boxes and lines for the free-text prompts, the week,
and the code block (form code, participant code, week, QR code). The code to type at the foot
of the head is what "Enter answers…" reads back: it opens the right person and week."""

from __future__ import annotations

from datetime import timedelta

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

from facilitator.exports.pdf.document import Outline, PackContent, PackRequest
from facilitator.exports.pdf.parts import (
    BASE,
    FormMark,
    Lines,
    QrCode,
    TickBox,
    grid,
    head,
)
from facilitator.exports.pdf.styles import ACCENT, esc, styles
from facilitator.services.cohort import cohorts, roster
from facilitator.services.errors import NotFound
from facilitator.services.learning import pulse, pulse_codes
from facilitator.services.learning.pulse_codes import survey_code
from facilitator.store.database import Database

WIDTH = 178 * mm
BOX_W = 12 * mm
TEXT_LINES = 5


def build(db: Database, request: PackRequest) -> PackContent:
    cohort = cohorts.get_cohort(db, request.cohort_id)
    survey = pulse.get_survey(db, request.cohort_id, request.printed_on)
    if survey is None:
        raise NotFound(f"{cohort['name']} has no weekly pulse yet: start one in Learning first.")
    week = request.week or survey["current_week"]
    code = survey_code(survey["questions"])
    outline = Outline()
    story: list = []
    people: list = []
    if request.each or request.people is not None:
        people = roster.expected(db, request.cohort_id, only=request.people)
    for person in people:
        story.append(outline.mark(person["name"], 0))
        story += page(survey, week, code, pulse_codes.participant_code(person["uuid"]))
    if not people:
        story.append(outline.mark(f"Week {week}", 0))
        story += page(survey, week, code, None)
    title = f"Pulse form, week {week}: {cohort['name']}"
    return PackContent(title=title, subject=f"The weekly pulse for {cohort['name']}, week {week}",
                       story=story, personal=bool(people),
                       people=tuple(p["id"] for p in people))


def page(survey: dict, week: int, code: str, person_code: str | None) -> list:
    st = styles()
    start = pulse.week_start(survey["start_date"], week)
    last = pulse.week_start(survey["start_date"], week + 1) - timedelta(days=1)
    days = f"{start:%d %b} – {last:%d %b %Y}"
    story = [*code_head(survey["title"] or "Weekly pulse", code, person_code, week, days),
             Spacer(1, 2 * mm),
             Paragraph(f"Tick one box for each question: {pulse.LOW} is low, {pulse.HIGH} is "
                       "high. Short notes are fine; nobody marks this.", st["small"]),
             Spacer(1, 3 * mm)]
    scales = [q for q in survey["questions"] if q["kind"] == "scale"]
    texts = [q for q in survey["questions"] if q["kind"] != "scale"]
    if scales:
        story.append(scale_table(scales))
    for q in texts:
        story.append(KeepTogether([Spacer(1, 4 * mm), Paragraph(esc(q["prompt"]), st["prompt"]),
                                   Spacer(1, 1 * mm), Lines(TEXT_LINES)]))
    story.append(PageBreak())
    return story


def scale_table(questions: list[dict]) -> Table:
    st = styles()
    points = list(range(pulse.LOW, pulse.HIGH + 1))
    rows = [head("", *[str(p) for p in points], centre_from=1)]
    for q in questions:
        ends = " · ".join(t for t in (f"{pulse.LOW} = {q['low']}" if q["low"] else "",
                                      f"{pulse.HIGH} = {q['high']}" if q["high"] else "") if t)
        cell = [Paragraph(esc(q["prompt"]), st["cell_bold"])]
        if ends:
            cell.append(Paragraph(esc(ends), st["cell_small"]))
        rows.append([cell, *[TickBox(4.2 * mm) for _ in points]])
    return grid(rows, [WIDTH - BOX_W * len(points), *[BOX_W] * len(points)],
                extra=[("ALIGN", (1, 1), (-1, -1), "CENTER"),
                       ("VALIGN", (1, 1), (-1, -1), "MIDDLE"),
                       ("TOPPADDING", (0, 1), (-1, -1), 4),
                       ("BOTTOMPADDING", (0, 1), (-1, -1), 5)])


def code_head(title: str, code: str, person_code: str | None, week: int, days: str) -> list:
    """Like the other paper forms' code block, with the week in place of the event, and the
    short code to type into "Enter answers…" (the QR code holds the same)."""
    st = styles()
    who = (f"Participant code: <b>{esc(person_code)}</b>" if person_code
           else "Participant code: ____________")
    typed = pulse_codes.typed_code(code, person_code, week)
    left = [Paragraph(f"{esc(title)} · week {week}", st["h1"]),
            Paragraph(f"Form {esc(code)} · {who} · Week {week} ({esc(days)})", st["small"]),
            Paragraph(f"Code to type: <b>{esc(typed)}</b>" if person_code else
                      "Write your participant code above; please do not write your name.",
                      st["small"])]
    if person_code:
        left.append(Paragraph("Please do not write your name on this sheet: the codes match it "
                              "to you.", st["small"]))
    t = Table([[left, QrCode(pulse_codes.qr_payload(code, person_code, week))]],
              colWidths=[WIDTH - 21 * mm, 21 * mm], hAlign="LEFT")
    t.setStyle(TableStyle(BASE + [("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                           ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    return [FormMark((code, person_code or "", f"W{week}")), t]
