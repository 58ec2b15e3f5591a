"""The cohort report's learning sections: the shareable insights at four levels, and the
pulse trend of each 1–5 question (median, spread and how many answered, week by week).

What never reaches these pages: an insight not marked shareable (nor its quote), any diary
text (an insight from a diary entry prints its own words, never the entry's), free-text pulse
answers, and any one person's pulse line. People are named only with consent (ReportNames)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from facilitator.exports.pdf.parts import markup, para
from facilitator.exports.pdf.report_names import ReportNames
from facilitator.exports.pdf.styles import esc, styles
from facilitator.exports.pdf.trend_chart import TrendDrawing
from facilitator.services.learning import insights, pulse, trends
from facilitator.services.privacy import consent
from facilitator.store.database import Database


def insights_part(db: Database, cohort_id: int, names: ReportNames) -> list:
    st = styles()
    shared = insights.list_insights(db, cohort_id, shareable=True)
    kept = len(insights.list_insights(db, cohort_id, shareable=False))
    story: list = [Paragraph("Insights at four levels", st["h1"])]
    if not shared:
        story.append(para("No insights have been marked as shareable yet." if kept else
                          "No insights have been recorded yet."))
        return story
    note = "Only insights marked as shareable outside the team are printed"
    note += f"; {kept} more {'is' if kept == 1 else 'are'} kept within the team." if kept else "."
    story.append(Paragraph(esc(note), st["small"]))
    for level in insights.LEVELS:
        at_level = [i for i in shared if i["level"] == level]
        story += [Paragraph(esc(level.capitalize()), st["h2"]),
                  Paragraph(esc(insights.LEVEL_HELP[level]), st["small"])]
        if not at_level:
            story.append(para("No shareable insights at this level yet.", "note"))
        story += [insight_block(i, names) for i in at_level]
    return story


def insight_block(ins: dict, names: ReportNames) -> KeepTogether:
    st = styles()
    parts = [Paragraph(esc(names.text(ins["title"])), st["h3"])]
    if ins["text"]:
        parts.append(para(names.text(ins["text"])))
    quote = consent.shown_quote(ins, names.consenting)  # only shareable insights reach here
    if quote:
        parts.append(Paragraph(f"<i>“{esc(names.text(quote))}”</i>", st["bullet"]))
    meta = []
    if ins["themes"]:
        meta.append(f"Themes: {names.text(ins['themes'])}")
    source = ins["source_kind"]
    if ins["event"]:  # an event's title says where, not who
        source += f" ({names.text(ins['event'])})"
    meta.append(f"From: {source}")
    who = names.name(ins["participant_id"])
    if who:
        meta.append(who)
    if ins["noted_on"]:
        meta.append(f"noted {ins['noted_on']:%d %b %Y}")
    parts += [Paragraph(esc(" · ".join(meta)), st["small"]), Spacer(1, 1.5 * mm)]
    return KeepTogether(parts)


def pulse_part(db: Database, cohort_id: int, names: ReportNames) -> list:
    st = styles()
    story: list = [Paragraph("Pulse trends", st["h1"])]
    survey = pulse.get_survey(db, cohort_id)
    if survey is None:
        return [*story, para("This cohort has no weekly pulse yet.")]
    scales = [q for q in survey["questions"] if q["kind"] == "scale"]
    by_key = trends.trends(db, cohort_id)
    weeks = sorted({p.week for q in scales for p in by_key.get(q["key"], [])})
    if not scales or not weeks:
        return [*story, para("Nobody has answered the weekly pulse yet." if scales else
                             "The weekly pulse has no 1–5 questions.")]
    start = survey["start_date"]
    first, last = weeks[0], weeks[-1]
    story.append(markup(
        f"Week by week from week {first} ({pulse.week_start(start, first):%d %b %Y}) to week "
        f"{last} ({pulse.week_start(start, last):%d %b %Y}): the cohort's median answer "
        f"(the line), the middle half of the answers (the band, lower to upper quartile), the "
        f"lowest and highest answer, and how many answered. Week 1 starts on "
        f"{start:%d %b %Y}. Free-text answers and individual answers are not printed.",
        "small"))

    def day_of(week: int) -> str:
        return f"{pulse.week_start(start, week):%d %b}"

    for q in scales:
        ends = " · ".join(t for t in (f"{pulse.LOW} = {q['low']}" if q["low"] else "",
                                      f"{pulse.HIGH} = {q['high']}" if q["high"] else "") if t)
        block = [Paragraph(esc(names.text(q["prompt"])), st["h3"])]
        if ends:
            block.append(Paragraph(esc(names.text(ends)), st["small"]))
        points = by_key.get(q["key"], [])
        block.append(TrendDrawing(points, (first, last), day_of, pulse.LOW, pulse.HIGH)
                     if points else para("Nobody has answered this question yet.", "note"))
        story += [KeepTogether(block), Spacer(1, 3 * mm)]
    return story
