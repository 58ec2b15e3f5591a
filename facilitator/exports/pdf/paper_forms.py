"""The paper forms of a participant pack: the rules register worksheet (with a person's rules
so far pre-filled), the two self-assessments as tick boxes, reflective prompts and a
small-experiment canvas. Each starts on its own page under a code block (form code,
participant code, QR code), so a returned sheet is matched without a name on it."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

from facilitator.exports.pdf.parts import (
    BASE,
    Lines,
    TickBox,
    choices_row,
    code_block,
    form_code,
    grid,
    head,
    para,
)
from facilitator.exports.pdf.styles import RULE, SHADE, esc, styles
from facilitator.models.worksheets import BELIEFS, VERDICTS
from facilitator.services.flex.data_files import Template, template

WIDTH = 178 * mm
LABEL_W = 40 * mm
BLANK_RULES = 2  # empty blocks after a person's own rules
BLANK_RULES_ALONE = 4  # on a pack printed for nobody in particular

REGISTER_ROWS = (
    ("rule", "The rule, in your words", 12),
    ("area", "Area of work", 7),
    ("belief", "Before checking, I believe it is", 0),
    ("source", "I think it comes from", 10),
    ("checked_with", "Checked with (and when)", 8),
    ("evidence", "What checking found", 14),
    ("verdict", "Verdict after checking", 0),
    ("flex_holder", "Who can grant flex", 7),
    ("experiment", "Flex idea or experiment", 14),
)
REGISTER_CODE = form_code("RR", *(label for _k, label, _h in REGISTER_ROWS), *BELIEFS, *VERDICTS)

PROMPTS = (
    "What surprised you most in this event, and why?",
    "Which rule did you hear about that you now want to check?",
    "Where did you notice a bit of flex, in your work or someone else's?",
    "What will you do differently in the next two weeks?",
)
PROMPTS_CODE = form_code("RP", *PROMPTS)

CANVAS_BOXES = (
    ("The rule or practice I will test", "What people assume it says, and what I think is true."),
    ("What I will try", "Small, safe, and within a month."),
    ("Who I need on side", "Who can grant the flex; who could block it."),
    ("Risks and safeguards", "What could go wrong, and how people stay safe."),
    ("How I will know", "What I will notice or count if it works."),
    ("When", "The day I start, and the day I look back."),
)
CANVAS_CODE = form_code("SE", *(title for title, _ in CANVAS_BOXES))


def assessment_code(tpl: Template) -> str:
    prefix = "".join(w[0] for w in tpl.key.split("_")).upper()
    return form_code(prefix, str(tpl.low), str(tpl.high),
                     *(f"{i.key}:{i.label}" for i in tpl.items))


def all_forms(person: dict | None, rules: list[dict], event_code: str) -> list:
    """Every paper form for one person (None: a blank pack with a box for the code)."""
    code = person["code"] if person else None
    story = rules_register(code, rules, event_code)
    story += assessment_form(template("skills_for_change"), code, event_code)
    story += assessment_form(template("learning_profile"), code, event_code)
    story += reflective_prompts(code, event_code)
    story += experiment_canvas(code, event_code)
    return story


def rules_register(person_code: str | None, rules: list[dict], event_code: str) -> list:
    st = styles()
    story = [*code_block("Finding the flex: my rules register", REGISTER_CODE, person_code,
                         event_code, WIDTH),
             Spacer(1, 2 * mm),
             Paragraph("One block for each rule you meet in your work. Fill in what you believe "
                       "first; check it later with a manager, the policy itself or the "
                       "regulator, and write what you found.", st["small"])]
    if rules:
        story.append(Paragraph(f"Your {len(rules)} rule(s) so far are printed in; add to them "
                               "or correct them in pen.", st["small"]))
    blanks = BLANK_RULES if person_code else BLANK_RULES_ALONE
    for n, rule in enumerate([*rules, *([None] * blanks)], 1):
        story.append(Spacer(1, 3 * mm))
        story.append(KeepTogether(register_block(n, rule)))
    story.append(PageBreak())
    return story


def register_block(n: int, rule: dict | None) -> Table:
    st = styles()
    rows = []
    for key, label, height in REGISTER_ROWS:
        value = None
        if key == "belief":
            value = choices_row(list(BELIEFS), rule["belief"] if rule else None)
        elif key == "verdict":
            value = choices_row(list(VERDICTS), (rule or {}).get("verdict") or None)
        elif rule:
            if key == "source":
                text = " – ".join(t for t in (rule["source_kind"], rule["believed_source"]) if t)
            elif key == "checked_with":
                when = f" ({rule['checked_on']:%d %b %Y})" if rule.get("checked_on") else ""
                text = (rule["checked_with"] or "") + when
            else:
                text = rule.get(key) or ""
            if text:
                value = para(text, "cell")
        cell = value if value is not None else Spacer(1, height * mm)
        rows.append([Paragraph(esc(label), st["cell_bold"]), cell])
    rows[0][0] = Paragraph(f"{n}. {esc(REGISTER_ROWS[0][1])}", st["cell_bold"])
    t = Table(rows, colWidths=[LABEL_W, WIDTH - LABEL_W], hAlign="LEFT")
    t.setStyle(TableStyle(BASE + [("GRID", (0, 0), (-1, -1), 0.4, RULE),
                           ("BOX", (0, 0), (-1, -1), 0.9, RULE),
                           ("BACKGROUND", (0, 0), (0, -1), SHADE),
                           ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("TOPPADDING", (0, 0), (-1, -1), 3),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    return t


def assessment_form(tpl: Template, person_code: str | None, event_code: str) -> list:
    st = styles()
    points = list(range(tpl.low, tpl.high + 1))
    story = [*code_block(f"Self-assessment: {tpl.title}", assessment_code(tpl), person_code,
                         event_code, WIDTH),
             Spacer(1, 2 * mm), para(tpl.summary, "small"),
             Paragraph(f"{tpl.low} = {esc(tpl.low_label)} · {tpl.high} = {esc(tpl.high_label)}",
                       st["small"]),
             choices_row(["At the start of the programme", "At the end"]),
             Spacer(1, 3 * mm)]
    box_w = 11 * mm
    rows = [head("", *[str(p) for p in points], centre_from=1)]
    for item in tpl.items:
        rows.append([[Paragraph(esc(item.label), st["cell_bold"]),
                      Paragraph(esc(item.prompt), st["cell_small"])],
                     *[TickBox(4.2 * mm) for _ in points]])
    story.append(grid(rows, [WIDTH - box_w * len(points), *[box_w] * len(points)],
                      extra=[("ALIGN", (1, 1), (-1, -1), "CENTER"),
                             ("VALIGN", (1, 1), (-1, -1), "MIDDLE"),
                             ("TOPPADDING", (0, 1), (-1, -1), 4),
                             ("BOTTOMPADDING", (0, 1), (-1, -1), 5)]))
    story += [Spacer(1, 4 * mm), Paragraph("Anything you want to add", st["h3"]), Lines(4)]
    story.append(PageBreak())
    return story


def reflective_prompts(person_code: str | None, event_code: str) -> list:
    st = styles()
    story = [*code_block("Reflection", PROMPTS_CODE, person_code, event_code, WIDTH),
             Spacer(1, 2 * mm),
             Paragraph("A few minutes at the end of each day. Short notes are fine; nobody "
                       "marks this.", st["small"])]
    for prompt in PROMPTS:
        story += [Paragraph(esc(prompt), st["prompt"]), Spacer(1, 2 * mm), Lines(6)]
    story.append(PageBreak())
    return story


def experiment_canvas(person_code: str | None, event_code: str) -> list:
    st = styles()
    story = [*code_block("My small experiment", CANVAS_CODE, person_code, event_code, WIDTH),
             Spacer(1, 2 * mm),
             Paragraph("One small experiment a month: something you can try in your own work "
                       "to test where the flex is.", st["small"])]
    half = WIDTH / 2
    cells = [[Paragraph(f"<b>{esc(title)}</b>", st["cell"]), Paragraph(esc(hint), st["cell_small"])]
             for title, hint in CANVAS_BOXES]
    rows = [cells[k:k + 2] for k in range(0, len(cells), 2)]
    t = Table(rows, colWidths=[half, half], rowHeights=[68 * mm] * len(rows), hAlign="LEFT")
    t.setStyle(TableStyle(BASE + [("GRID", (0, 0), (-1, -1), 0.8, RULE),
                           ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("TOPPADDING", (0, 0), (-1, -1), 4)]))
    story += [Spacer(1, 3 * mm), t, PageBreak()]
    return story
