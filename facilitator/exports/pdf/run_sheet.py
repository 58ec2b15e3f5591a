"""Pack 1, the run sheet (facilitators): a cover with the event, venue, dates, team and every
timing problem the agenda knows; then each day and session with its timed items (pinned
marked, parallel tracks grouped under their block), the method cards' steps and the
facilitator notes set apart; then who is expected, ready to take the register."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from facilitator.exports.pdf.document import Outline, PackContent, PackRequest
from facilitator.exports.pdf.parts import (
    BASE,
    TickBox,
    dates_text,
    grid,
    head,
    minutes_text,
    para,
)
from facilitator.exports.pdf.styles import NOTE_SHADE, RULE, esc, styles
from facilitator.services.cohort import cohorts, facilitators, roster
from facilitator.services.plans import plan_cards, plan_view
from facilitator.store.database import Database

TRACK_SHADE = colors.HexColor("#e6fffa")
WIDTH = 178 * mm  # the A4 frame; Letter's is 184 mm, so tables fit both
COLUMNS = [21 * mm, 10 * mm, 88 * mm, 24 * mm, 35 * mm]
KIND_LABEL = {"activity": "activity", "break": "break", "meal": "meal", "energiser": "energiser",
              "reflection": "reflection", "travel": "travel"}


def build(db: Database, request: PackRequest) -> PackContent:
    plan = plan_view.event_plan(db, request.event_id)
    cohort = cohorts.get_cohort(db, plan["cohort_id"])
    team = facilitators.list_facilitators(db, plan["cohort_id"])
    cards = plan_cards.cards_for_event(db, request.event_id)
    people = roster.expected(db, plan["cohort_id"], only=request.people)
    outline = Outline()
    story = cover(plan, cohort, team, outline)
    for day in plan["days_plan"]:
        story += day_pages(day, cards, outline)
    story += expected_list(people, outline)
    return PackContent(title=f"Run sheet: {plan['title']}",
                       subject=f"Facilitators' run sheet for {plan['title']} ({cohort['name']})",
                       people=tuple(p["id"] for p in people), story=story)


def all_problems(plan) -> list[str]:
    out = []
    for day in plan["days_plan"]:
        out += [f"{day['label']}: {p}" for p in day["problems"]]
        for ps in day["sessions"]:
            out += [f"{day['label']}, {ps['title']}: {p}" for p in ps["problems"]]
    return out


def cover(plan, cohort, team, outline: Outline) -> list:
    st = styles()
    story = [outline.mark("Cover and timing problems", 0),
             Paragraph(esc(plan["title"]), st["title"]),
             Paragraph(f"Run sheet · {esc(plan['kind'])} · {esc(cohort['name'])}", st["subtitle"])]
    facts = [["When", dates_text(plan["start_date"], plan["end_date"])],
             ["Venue", plan["venue"] or "not set"]]
    if plan["address"]:
        facts.append(["Address", plan["address"]])
    facts.append(["Team", "\n".join(f"{t['name']} ({t['role']})" for t in team) or "nobody yet"])
    t = Table([[Paragraph(f"<b>{esc(k)}</b>", st["body"]), para(v)] for k, v in facts],
              colWidths=[28 * mm, WIDTH - 28 * mm], hAlign="LEFT")
    t.setStyle(TableStyle(BASE + [("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("LINEBELOW", (0, 0), (-1, -2), 0.3, RULE)]))
    story += [t, Spacer(1, 6 * mm)]
    problems = all_problems(plan)
    if problems:
        story.append(Paragraph(f"Timing problems ({len(problems)}): check these before the day",
                               st["h2"]))
        story += [Paragraph(esc(p), st["problem"], bulletText="!") for p in problems]
    else:
        story.append(Paragraph("Timing: no problems found (nothing crowded out, no overruns, "
                               "no clashes).", st["h3"]))
    if plan["notes"]:
        story += [Paragraph("Notes", st["h2"]), para(plan["notes"])]
    story.append(PageBreak())
    return story


def day_pages(day, cards, outline: Outline) -> list:
    st = styles()
    span = (f"{minutes_text(day['start_at'])}–{minutes_text(day['end_at'])}"
            if day["sessions"] else "nothing planned")
    story = [outline.mark(day["label"], 0),
             Paragraph(f"{esc(day['label'])} <font size=11 color='#4a5568'>· {span}</font>",
                       st["h1"])]
    story += [Paragraph(esc(p), st["problem"], bulletText="!") for p in day["problems"]]
    if not day["sessions"]:
        story.append(para("No sessions are planned for this day."))
    for ps in day["sessions"]:
        story += session_block(ps, cards, outline)
    story.append(PageBreak())
    return story


def session_block(ps, cards, outline: Outline) -> list:
    st = styles()
    times = f"{minutes_text(ps['start_at'])}–{minutes_text(ps['end_at'])}"
    top = [outline.mark(f"{times} {ps['title']}", 1),
           Paragraph(f"{times} · {esc(ps['title'])} <font size=9 color='#4a5568'>"
                     f"({ps['minutes']} min)</font>", st["h2"])]
    top += [Paragraph(esc(p), st["problem"], bulletText="!") for p in ps["problems"]]
    if ps["objectives"]:
        top.append(Paragraph("<b>Objectives</b>", st["small"]))
        top += [Paragraph(esc(line), st["bullet"], bulletText="•")
                for line in ps["objectives"].splitlines() if line.strip()]
    story = [CondPageBreak(40 * mm), KeepTogether(top)]
    if ps["items"]:
        story.append(items_table(ps["items"], cards))
    else:
        story.append(para("No agenda items yet.", "small"))
    if ps["facilitator_notes"]:
        story.append(Spacer(1, 2 * mm))
        story.append(notes_box(ps["facilitator_notes"]))
    story.append(Spacer(1, 3 * mm))
    return story


def notes_box(text: str) -> Table:
    st = styles()
    t = Table([[[Paragraph("<b>Facilitator notes</b> (not for participants)", st["note"]),
                 Paragraph(esc(text), st["note"])]]], colWidths=[WIDTH], hAlign="LEFT")
    t.setStyle(TableStyle(BASE + [("BACKGROUND", (0, 0), (-1, -1), NOTE_SHADE),
                           ("BOX", (0, 0), (-1, -1), 0.6, colors.HexColor("#d69e2e")),
                           ("LEFTPADDING", (0, 0), (-1, -1), 5),
                           ("TOPPADDING", (0, 0), (-1, -1), 4),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
    return t


def items_table(items, cards) -> Table:
    st = styles()
    rows = [head("Time", "Min", "Item", "Lead", "Materials")]
    extra = []
    for n, it in enumerate(items, 1):
        tracked = bool(it["track"]) and it["in_block"]
        when = f"{minutes_text(it['start_at'])}–{minutes_text(it['end_at'])}"
        if it["pinned_minutes"] is not None:
            when += "<br/><font color='#c53030'><b>pinned</b></font>"
        parts = []
        title = f"<b>{esc(it['title'])}</b> <font color='#4a5568'>· " \
                f"{esc(KIND_LABEL.get(it['kind'], it['kind']))}</font>"
        if tracked:
            title = f"<font color='#2c7a7b'><b>‖ Track: {esc(it['track'])}</b></font><br/>" + title
        parts.append(Paragraph(title, st["cell"]))
        for p in it["problems"]:
            parts.append(Paragraph(f"<b>!</b> {esc(p)}",
                                   st["cell_problem"]))
        if it["instructions"]:
            parts.append(Paragraph(esc(it["instructions"]), st["cell"]))
        card = cards.get(it["tool_key"]) if it["tool_key"] else None
        if card is not None:
            parts.append(Paragraph(f"<i>Method: {esc(card['name'])}</i>", st["cell_small"]))
            for k, step in enumerate(card["steps"], 1):
                mins = f" ({step['minutes']} min)" if step.get("minutes") else ""
                parts.append(Paragraph(f"{k}. {esc(step['text'])}{esc(mins)}", st["cell_small"]))
        elif it["method"]:
            parts.append(Paragraph(f"<i>Method: {esc(it['method'])}</i>", st["cell_small"]))
        rows.append([Paragraph(when, st["cell"]), Paragraph(str(it["duration_minutes"]),
                                                            st["cell"]),
                     parts, para(it["lead"], "cell"), para(it["materials"], "cell")])
        if tracked:
            extra.append(("BACKGROUND", (0, n), (-1, n), TRACK_SHADE))
            extra.append(("LINEBEFORE", (2, n), (2, n), 2.5, colors.HexColor("#38b2ac")))
        elif it["kind"] in ("break", "meal"):
            extra.append(("TEXTCOLOR", (0, n), (-1, n), colors.HexColor("#4a5568")))
    return grid(rows, COLUMNS, extra=extra)


def expected_list(people, outline: Outline) -> list:
    st = styles()
    story = [outline.mark("Who is expected", 0),
             Paragraph(f"Who is expected ({len(people)})", st["h1"]),
             Paragraph("Tick one box each: P present, L late, E excused, A absent. Then enter "
                       "the marks in Plans → Register.", st["small"])]
    rows = [head("#", "Name", "Organisation", "P", "L", "E", "A", centre_from=3)]
    for n, p in enumerate(people, 1):
        rows.append([Paragraph(str(n), st["cell"]), para(p["name"], "cell_bold"),
                     para(p["organisation"], "cell"), TickBox(), TickBox(), TickBox(), TickBox()])
    if len(rows) == 1:
        story.append(para("Nobody is expected: the cohort has no participants yet."))
        return story
    story.append(grid(rows, [9 * mm, 62 * mm, 71 * mm, 9 * mm, 9 * mm, 9 * mm, 9 * mm],
                      extra=[("ALIGN", (3, 1), (-1, -1), "CENTER"),
                             ("VALIGN", (3, 1), (-1, -1), "MIDDLE")]))
    return story
