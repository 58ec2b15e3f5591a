"""Pack 2, the participant pack: a welcome, the participant-facing agenda (no facilitator
notes, no instructions for the team) and the paper forms. One pack for everybody, or with
`each` one per participant (their rules pre-filled, their codes printed) merged into one
file in name order. Flowables are built afresh for each person: reportlab cannot lay out the
same Paragraph object twice."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, PageBreak, Paragraph, Spacer

from facilitator.exports.pdf.document import Outline, PackContent, PackRequest
from facilitator.exports.pdf.paper_forms import all_forms
from facilitator.exports.pdf.parts import (
    FormMark,
    dates_text,
    grid,
    head,
    minutes_text,
    para,
    participant_code,
)
from facilitator.exports.pdf.styles import esc, styles
from facilitator.services.cohort import cohorts, roster
from facilitator.services.flex import registers
from facilitator.services.plans import plan_view
from facilitator.store.database import Database

TRACK_SHADE = colors.HexColor("#e6fffa")
WIDTH = 178 * mm


def build(db: Database, request: PackRequest, progress=None, cancelled=None) -> PackContent:
    plan = plan_view.event_plan(db, request.event_id)
    cohort = cohorts.get_cohort(db, plan["cohort_id"])
    event_code = plan["uuid"].replace("-", "")[:6].upper()
    outline = Outline()
    story: list = []  # or, one pack each, a generator of flowables
    people: list = []
    if request.each or request.people is not None:
        people = roster.expected(db, plan["cohort_id"], only=request.people)

        def one_by_one():
            """Each person's pages, read and built only when the layout reaches them."""
            for k, person in enumerate(people):
                if cancelled is not None and cancelled():
                    return
                person = person | {"code": participant_code(person["uuid"])}
                rules = registers.list_rules(db, plan["cohort_id"], person["id"])
                yield outline.mark(person["name"], 0)
                yield from welcome(plan, cohort, person)
                yield outline.mark("Agenda", 1)
                yield from agenda_story(plan)
                yield outline.mark("Paper forms", 1)
                yield from all_forms(person, rules, event_code)
                if progress is not None:
                    progress(k + 1, len(people), f"{k + 1} of {len(people)} participants")

        story = one_by_one()
        title = f"Participant packs: {plan['title']}"
    else:
        story.append(outline.mark("Welcome", 0))
        story += welcome(plan, cohort, None)
        story += [outline.mark("Agenda", 0), *agenda_story(plan)]
        story += [outline.mark("Paper forms", 0), *all_forms(None, [], event_code)]
        title = f"Participant pack: {plan['title']}"
    return PackContent(title=title, subject=f"Welcome, agenda and paper forms for "
                                            f"{plan['title']} ({cohort['name']})",
                       story=story, personal=bool(request.each or request.people),
                       people=tuple(p["id"] for p in people))


def welcome(plan, cohort, person) -> list:
    st = styles()
    hello = f"Welcome, {esc(person['name'])}" if person else "Welcome"
    story = [FormMark(None), Paragraph(hello, st["title"]),
             Paragraph(f"{esc(plan['title'])} · {esc(cohort['name'])}", st["subtitle"]),
             Paragraph(f"<b>When:</b> {esc(dates_text(plan['start_date'], plan['end_date']))}",
                       st["body"])]
    if plan["venue"]:
        story.append(Paragraph(f"<b>Where:</b> {esc(plan['venue'])}", st["body"]))
    if plan["address"]:
        story.append(para(plan["address"], "body"))
    story.append(Spacer(1, 4 * mm))
    if cohort.get("description"):
        story.append(para(cohort["description"]))
    story.append(Paragraph(
        "This pack holds the agenda and the paper forms for the event. The forms carry codes "
        "instead of your name: hand them back to the team, who keep them safe.", st["body"]))
    principles = [p for p in (cohort.get("design_principles") or "").splitlines() if p.strip()]
    if principles:
        story.append(Paragraph("How we work together", st["h2"]))
        story += [Paragraph(esc(p), st["bullet"], bulletText="•") for p in principles]
    story.append(PageBreak())
    return story


def agenda_story(plan) -> list:
    """The agenda as participants see it: times, titles, kinds, tracks and objectives."""
    st = styles()
    story = [Paragraph("Agenda", st["h1"])]
    for day in plan["days_plan"]:
        story += [CondPageBreak(30 * mm), Paragraph(esc(day["label"]), st["h2"])]
        if not day["sessions"]:
            story.append(para("Nothing planned.", "small"))
        for ps in day["sessions"]:
            times = f"{minutes_text(ps['start_at'])}–{minutes_text(ps['end_at'])}"
            story.append(Paragraph(f"{times} · <b>{esc(ps['title'])}</b>", st["h3"]))
            objectives = [x for x in (ps["objectives"] or "").splitlines() if x.strip()]
            story += [Paragraph(esc(x), st["bullet"], bulletText="•") for x in objectives]
            if not ps["items"]:
                continue
            rows = [head("Time", "What")]
            extra = []
            for n, it in enumerate(ps["items"], 1):
                text = f"<b>{esc(it['title'])}</b>"
                if it["kind"] not in ("activity",):
                    text += f" <font color='#4a5568'>· {esc(it['kind'])}</font>"
                if it["track"] and it["in_block"]:
                    text = f"<font color='#2c7a7b'><b>‖ {esc(it['track'])}:</b></font> " + text
                    extra.append(("BACKGROUND", (0, n), (-1, n), TRACK_SHADE))
                rows.append([Paragraph(f"{minutes_text(it['start_at'])}–"
                                       f"{minutes_text(it['end_at'])}", st["cell"]),
                             Paragraph(text, st["cell"])])
            story.append(grid(rows, [24 * mm, WIDTH - 24 * mm], extra=extra))
    story.append(PageBreak())
    return story
