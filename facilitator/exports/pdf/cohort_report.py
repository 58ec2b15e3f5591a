"""Pack 6, the cohort report: what the crowd knows (rule groups with their contested and myth
flags), the crowd view's three charts drawn as vector graphics, the self-assessments at start
and end, the shareable insights at four levels and the pulse trends. Only participants who
consented to share are named; others are counted. Pseudonymised (request.pseudonymise), the
named are their participant codes and members' names in free text become codes."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, PageBreak, Paragraph, Spacer

from facilitator.exports.pdf.charts import BELIEF_COLOURS, BLUE, ORANGE, BarChartDrawing
from facilitator.exports.pdf.document import Outline, PackContent, PackRequest
from facilitator.exports.pdf.parts import grid, head, para
from facilitator.exports.pdf.report_learning import insights_part, pulse_part
from facilitator.exports.pdf.report_names import ReportNames
from facilitator.exports.pdf.styles import WARN, esc, styles
from facilitator.services.cohort import cohorts
from facilitator.services.flex import assessments, crowd
from facilitator.services.flex.data_files import TEMPLATE_KEYS, template
from facilitator.services.privacy import consent
from facilitator.store.database import Database

FLAG_TEXT = {"contested": "contested", "myth": "myth"}
PSEUDONYMISED = ("Pseudonymised: participants appear as codes (P- and six letters and digits) instead of "
                 "names, and their names written in free text are replaced by their codes.")


def build(db: Database, request: PackRequest) -> PackContent:
    st = styles()
    cohort = cohorts.get_cohort(db, request.cohort_id)
    view = crowd.crowd_view(db, request.cohort_id)
    names = ReportNames.for_cohort(db, request.cohort_id, request.pseudonymise)
    t = names.text
    cohort_name = t(cohort["name"])
    outline = Outline()
    flagged = [g for g in view.groups if g.flags]
    story = [outline.mark("What the crowd knows", 0),
             Paragraph(f"Cohort report · {esc(cohort_name)}", st["title"]),
             Paragraph(f"{len(view.entries)} rule(s) from {len({e['participant_id'] for e in view.entries.values()})} "
                       f"participant(s), in {len(view.groups)} group(s); {len(flagged)} flagged "
                       "contested (read as absolute by some and discretionary by others) or as a "
                       "myth (believed absolute, found discretionary on checking).",
                       st["subtitle"]),
             Paragraph("Only participants who consented to share their worksheets are named; "
                       "everyone else is counted.", st["small"])]
    if names.pseudonymised:
        story.append(Paragraph(PSEUDONYMISED, st["small"]))
    story += [Spacer(1, 2 * mm), *groups_table(view, names)]
    story += [PageBreak(), outline.mark("Charts", 0), Paragraph("The crowd in charts", st["h1"])]
    orgs = sorted(view.beliefs_by_org)
    story.append(BarChartDrawing("Beliefs by organisation (all rules)", [t(o) for o in orgs], [
        (b, [view.beliefs_by_org[o][b] for o in orgs], BELIEF_COLOURS[b])
        for b in ("absolute", "discretionary", "unsure")]))
    sources = view.source_kinds.most_common()
    story += [Spacer(1, 4 * mm), BarChartDrawing("Where people think rules come from",
                                                 [t(s) for s, _ in sources],
                                                 [("rules", [c for _, c in sources], BLUE)])]
    conditions = view.conditions.most_common()
    story += [Spacer(1, 4 * mm), CondPageBreak(50 * mm),
              BarChartDrawing("Conditions of change", [t(c) for c, _ in conditions],
                              [("rules", [n for _, n in conditions], ORANGE)])]
    story += [PageBreak(), outline.mark("Self-assessments", 0),
              Paragraph("Self-assessments at start and end", st["h1"])]
    for key in TEMPLATE_KEYS:
        story += assessment_part(db, request.cohort_id, key)
    story += [PageBreak(), outline.mark("Insights", 0),
              *insights_part(db, request.cohort_id, names),
              PageBreak(), outline.mark("Pulse trends", 0),
              *pulse_part(db, request.cohort_id, names)]
    kind = "Cohort report (pseudonymised)" if names.pseudonymised else "Cohort report"
    return PackContent(title=f"{kind}: {cohort_name}",
                       subject=f"What the crowd knows, skills at start and end, insights and "
                               f"the pulse for {cohort_name}"
                               + (" · pseudonymised: participant codes instead of names"
                                  if names.pseudonymised else ""),
                       story=story, people=tuple(sorted(names.consenting)))


def groups_table(view, names: ReportNames) -> list:
    st = styles()
    if not view.groups:
        return [para("No rules have been recorded yet.")]
    rows = [head("Rule", "People", "Beliefs", "After checking", "Raised by")]
    extra = []
    ordered = sorted(view.groups, key=lambda g: (not g.flags, -g.people, g.title.lower()))
    for n, g in enumerate(ordered, 1):
        title, area = consent.shown_wording(g, view.entries, names.consenting)
        rule = [Paragraph(f"<b>{esc(names.text(title))}</b>", st["cell"])]
        if area:
            rule.append(para(names.text(area), "cell_small"))
        if g.flags:
            rule.append(Paragraph(" ".join("<font color='white' backColor='#c53030'>"
                                           f"&nbsp;{FLAG_TEXT[f]}&nbsp;</font>" for f in g.flags),
                                  st["cell"]))
        beliefs = ", ".join(f"{k} {v}" for k, v in sorted(g.beliefs.items()) if v)
        verdicts = ", ".join(f"{k} {v}" for k, v in sorted(g.verdicts.items()) if v)
        pids = sorted({view.entries[i]["participant_id"] for i in g.entry_ids})
        named = sorted(n for n in map(names.name, pids) if n)
        others = len(pids) - len(named)
        who = ", ".join(named)
        if others:
            who += f"{' and ' if named else ''}{others} {'other' if named else 'participant'}" \
                   f"{'s' if others != 1 else ''} not named"
        rows.append([rule, Paragraph(str(g.people), st["centre"]), para(beliefs, "cell"),
                     para(verdicts, "cell"), para(who, "cell")])
        if g.flags:
            extra.append(("LINEBEFORE", (0, n), (0, n), 2.5, WARN))
    return [grid(rows, [66 * mm, 14 * mm, 30 * mm, 30 * mm, 38 * mm], extra=extra)]


def assessment_part(db: Database, cohort_id: int, key: str) -> list:
    st = styles()
    tpl = template(key)
    summary = assessments.cohort_summary(db, cohort_id, key)
    labels = [row["label"] for row in summary.values()]
    story = [CondPageBreak(80 * mm), Paragraph(esc(tpl.title), st["h2"]),
             Paragraph(f"Cohort average, {tpl.low} ({esc(tpl.low_label)}) to {tpl.high} "
                       f"({esc(tpl.high_label)}).", st["small"])]
    rows = [head("Item", "Start", "People", "End", "People", "Change", centre_from=1)]
    for row in summary.values():
        start, end = row["start"], row["end"]
        change = f"{end - start:+.1f}" if start is not None and end is not None else "–"
        rows.append([para(row["label"], "cell"),
                     Paragraph("–" if start is None else f"{start:.1f}", st["centre"]),
                     Paragraph(str(row["start_n"]), st["centre"]),
                     Paragraph("–" if end is None else f"{end:.1f}", st["centre"]),
                     Paragraph(str(row["end_n"]), st["centre"]),
                     Paragraph(change, st["centre"])])
    story.append(grid(rows, [88 * mm, 18 * mm, 18 * mm, 18 * mm, 18 * mm, 18 * mm]))
    story += [Spacer(1, 3 * mm), BarChartDrawing(
        f"{tpl.title}: start and end", labels,
        [("start", [r["start"] for r in summary.values()], BLUE),
         ("end", [r["end"] for r in summary.values()], ORANGE)], maximum=tpl.high),
        Spacer(1, 4 * mm)]
    return story
