"""Pack 4: sign-in sheets for an event (one per day or per session: names pre-printed with
their organisation, a signature box, tick boxes for the register's four marks) and the
cohort's attendance summary for funders (every session with its date, times, duration and
description; each participant's present / late / excused / absent totals)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, Spacer

from facilitator.exports.pdf.document import Outline, PackContent, PackRequest
from facilitator.exports.pdf.parts import TickBox, dates_text, grid, head, minutes_text, para
from facilitator.exports.pdf.styles import esc, styles
from facilitator.models.attendance import ATTENDANCE_STATUSES
from facilitator.services.cohort import cohorts, participants, roster
from facilitator.services.plans import attendance, plan_view
from facilitator.store.database import Database

SIGN_WIDTHS = [8 * mm, 46 * mm, 46 * mm, 42 * mm, 9 * mm, 9 * mm, 9 * mm, 9 * mm]
SHEET_PER = ("day", "session")


def build_sign_in(db: Database, request: PackRequest) -> PackContent:
    if request.per not in SHEET_PER:
        raise ValueError(f"Sign-in sheets are one per {' or per '.join(SHEET_PER)}.")
    plan = plan_view.event_plan(db, request.event_id)
    cohort = cohorts.get_cohort(db, plan["cohort_id"])
    people = roster.expected(db, plan["cohort_id"], only=request.people)
    outline = Outline()
    story: list = []
    for day in plan["days_plan"]:
        if request.per == "day" or not day["sessions"]:
            titles = "; ".join(ps["title"] for ps in day["sessions"]) or "no sessions planned"
            when = (f"{minutes_text(day['start_at'])}–{minutes_text(day['end_at'])}"
                    if day["sessions"] else "")
            story += sign_in_sheet(plan, day["label"], when, titles, people, outline)
        else:
            for ps in day["sessions"]:
                when = f"{minutes_text(ps['start_at'])}–{minutes_text(ps['end_at'])}"
                story += sign_in_sheet(plan, f"{day['label']}: {ps['title']}", when, "",
                                       people, outline)
    return PackContent(title=f"Sign-in: {plan['title']}",
                       subject=f"Sign-in sheets for {plan['title']} ({cohort['name']})",
                       people=tuple(p["id"] for p in people), story=story)


def sign_in_sheet(plan, label: str, when: str, detail: str, people, outline: Outline) -> list:
    st = styles()
    story = [outline.mark(label, 0),
             Paragraph(f"Sign in · {esc(plan['title'])}", st["h1"]),
             Paragraph(f"<b>{esc(label)}</b> {esc(when)}", st["h2"])]
    if detail:
        story.append(para(detail, "small"))
    if plan["venue"]:
        story.append(para(plan["venue"], "small"))
    story.append(Paragraph("Please sign beside your name. The team ticks one box: P present, "
                           "L late, E excused, A absent.", st["small"]))
    rows = [head("#", "Name", "Organisation", "Signature", "P", "L", "E", "A", centre_from=4)]
    for n, p in enumerate(people, 1):
        rows.append([Paragraph(str(n), st["cell"]), para(p["name"], "cell_bold"),
                     para(p["organisation"], "cell"), "", TickBox(), TickBox(), TickBox(),
                     TickBox()])
    for _ in range(3):  # room for someone not on the list
        rows.append(["", "", "", "", TickBox(), TickBox(), TickBox(), TickBox()])
    story.append(grid(rows, SIGN_WIDTHS, zebra=False,
                      extra=[("ALIGN", (4, 1), (-1, -1), "CENTER"),
                             ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
                             ("TOPPADDING", (0, 1), (-1, -1), 5.5),
                             ("BOTTOMPADDING", (0, 1), (-1, -1), 5.5)]))
    story.append(PageBreak())
    return story


def build_attendance(db: Database, request: PackRequest) -> PackContent:
    st = styles()
    cohort = cohorts.get_cohort(db, request.cohort_id)
    plans = plan_view.cohort_plans(db, request.cohort_id)
    outline = Outline()
    story = [outline.mark("Sessions", 0),
             Paragraph(f"Attendance summary · {esc(cohort['name'])}", st["title"]),
             Paragraph("Every session the programme ran, then each participant's marks over "
                       "the events.", st["subtitle"])]
    total_minutes = 0
    for plan in plans:
        story += [Paragraph(f"{esc(plan['title'])} <font size=9 color='#4a5568'>· "
                            f"{esc(plan['kind'])} · "
                            f"{esc(dates_text(plan['start_date'], plan['end_date']))}</font>",
                            st["h2"])]
        rows = [head("Date", "Time", "Minutes", "Session")]
        for day in plan["days_plan"]:
            for ps in day["sessions"]:
                total_minutes += ps["minutes"]
                what = [Paragraph(f"<b>{esc(ps['title'])}</b>", st["cell"])]
                if ps["objectives"]:
                    what.append(para(ps["objectives"], "cell_small"))
                rows.append([Paragraph(f"{day['date']:%a %d %b %Y}", st["cell"]),
                             Paragraph(f"{minutes_text(ps['start_at'])}–"
                                       f"{minutes_text(ps['end_at'])}", st["cell"]),
                             Paragraph(str(ps["minutes"]), st["cell"]), what])
        if len(rows) == 1:
            story.append(para("No sessions planned.", "small"))
        else:
            story.append(grid(rows, [28 * mm, 22 * mm, 16 * mm, 112 * mm]))
    story.append(Paragraph(f"{len(plans)} event(s), {total_minutes // 60} h "
                           f"{total_minutes % 60:02d} min of sessions in all.", st["h3"]))
    story += [PageBreak(), outline.mark("Participants", 0),
              Paragraph("Attendance by participant", st["h1"]),
              Paragraph("Marks for whole events, as taken in Plans → Register.", st["small"])]
    totals = attendance.participant_totals(db, request.cohort_id)
    people = sorted(participants.list_participants(db, request.cohort_id),
                    key=lambda p: (p["given_name"].lower(), p["family_name"].lower(), p["id"]))
    rows = [head("Name", "Organisation", *[s.title() for s in ATTENDANCE_STATUSES],
                 centre_from=2)]
    for p in people:
        t = totals.get(p["id"], {})
        rows.append([para(f"{p['given_name']} {p['family_name']}".strip(), "cell_bold"),
                     para(p["organisation"] or "", "cell"),
                     *[Paragraph(str(t.get(s, 0)), st["centre"]) for s in ATTENDANCE_STATUSES]])
    story.append(grid(rows, [56 * mm, 58 * mm, 16 * mm, 16 * mm, 16 * mm, 16 * mm]))
    story.append(Spacer(1, 2 * mm))
    return PackContent(title=f"Attendance summary: {cohort['name']}",
                       subject=f"Sessions and attendance of {cohort['name']}", story=story,
                       people=tuple(p["id"] for p in people))
