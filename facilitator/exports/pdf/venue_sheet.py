"""Pack 5, the venue sheet: the access and dietary needs of the people expected at an event,
and nothing else about them (no organisation, contact details or notes)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from facilitator.exports.pdf.document import Outline, PackContent, PackRequest
from facilitator.exports.pdf.parts import dates_text, grid, head, para
from facilitator.exports.pdf.styles import esc, styles
from facilitator.services.cohort import roster
from facilitator.services.plans import plan_view
from facilitator.store.database import Database


def build(db: Database, request: PackRequest) -> PackContent:
    st = styles()
    plan = plan_view.event_plan(db, request.event_id)
    people = roster.expected(db, plan["cohort_id"], only=request.people)
    with_needs = [p for p in people if p["access_needs"].strip() or p["dietary_needs"].strip()]
    outline = Outline()
    story = [outline.mark("Access and dietary needs", 0),
             Paragraph(f"For the venue · {esc(plan['title'])}", st["title"]),
             Paragraph(esc(f"{dates_text(plan['start_date'], plan['end_date'])}"
                           f"{' · ' + plan['venue'] if plan['venue'] else ''}"), st["subtitle"]),
             Paragraph(f"<b>{len(people)}</b> participant(s) expected, plus the team. "
                       f"<b>{len(with_needs)}</b> have access or dietary needs, listed below; "
                       f"the other {len(people) - len(with_needs)} have none recorded.",
                       st["body"])]
    diets: dict[str, int] = {}
    for p in with_needs:
        if p["dietary_needs"].strip():
            key = p["dietary_needs"].strip()
            diets[key] = diets.get(key, 0) + 1
    if diets:
        story.append(Paragraph("Dietary needs, counted", st["h2"]))
        rows = [head("Need", "People")]
        rows += [[para(k, "cell"), Paragraph(str(n), st["centre"])]
                 for k, n in sorted(diets.items(), key=lambda kv: (-kv[1], kv[0].lower()))]
        story.append(grid(rows, [150 * mm, 28 * mm]))
    story.append(Paragraph("By person", st["h2"]))
    if with_needs:
        rows = [head("Name", "Access needs", "Dietary needs")]
        rows += [[para(p["name"], "cell_bold"), para(p["access_needs"], "cell"),
                  para(p["dietary_needs"], "cell")] for p in with_needs]
        story.append(grid(rows, [48 * mm, 75 * mm, 55 * mm]))
    else:
        story.append(para("Nobody expected has access or dietary needs recorded."))
    return PackContent(title=f"Venue sheet: {plan['title']}",
                       subject=f"Access and dietary needs for {plan['title']}",
                       people=tuple(p["id"] for p in people), story=story)
