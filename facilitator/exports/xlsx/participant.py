"""The participant return workbook: one person's rules register, both self-assessments and
(when the cohort has a weekly pulse) their pulse answers week by week, the same forms as the
paper pack, to fill in offline and send back. Blank rows at the end of the register carry
record ids of their own, so a new rule comes back as itself.

The Pulse sheet's columns are the cohort's questions as they were when it was written; they
go into the hidden metadata too, so the workbook is read back by the columns it was written
with even if the questions have been edited since. Its rows run from week 1 to the week of
the export: a pulse answer is about a week that has happened, and the next workbook carries
the weeks after."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from facilitator.exports.xlsx.book import Progress, SheetRows, write_workbook
from facilitator.exports.xlsx.recorded import new_scope, record
from facilitator.exports.xlsx.schema import Column, Sheet, WorkbookSpec
from facilitator.models.worksheets import BELIEFS, VERDICTS
from facilitator.services.flex.data_files import TEMPLATE_KEYS, choices, template
from facilitator.services.flex.registers import FIELDS as RULE_FIELDS
from facilitator.services.learning import pulse, question_set
from facilitator.services.privacy.export_log import log_export
from facilitator.services.returns import sources
from facilitator.store.database import Database

BLANK_RULES = 15
_LISTS = {"belief": "beliefs", "verdict": "verdicts", "area": "areas",
          "source_kind": "source_kinds", "condition": "conditions", "status": "statuses"}
_WIDTH = {"rule": 40, "believed_source": 30, "evidence": 30, "experiment": 30, "risk": 24}


def _rule_column(f) -> Column:
    kind = {"date": "date", "choice": "choice", "multiline": "multiline"}.get(f.kind, "text")
    guidance = f.help or ("choose from the list" if kind == "choice" else "")
    if f.free_choice:
        guidance = "choose, or type your own"
    if kind == "date":
        guidance = "a date, e.g. 14/03/2026"
    return Column(f.label, f.name, type=kind, list=_LISTS.get(f.name, ""), free=f.free_choice,
                  editable=True, width=_WIDTH.get(f.name, 18), max_length=f.limit,
                  guidance=guidance[:120])


RULES = Sheet("My rules", tuple(_rule_column(f) for f in RULE_FIELDS),
              intro="your rules register: one row per rule you meet (blank rows at the end "
                    "for new ones).")


def assessment_sheet(key: str) -> Sheet:
    tpl = template(key)
    scale = f"{tpl.low} ({tpl.low_label}) to {tpl.high} ({tpl.high_label})"
    return Sheet(tpl.title[:31], (
        Column("Item", "item", width=30), Column("What it means", "prompt", width=50),
        Column("Score at the start", "score_start", type="int", editable=True, width=10,
               low=tpl.low, high=tpl.high, guidance=scale),
        Column("Note at the start", "note_start", type="multiline", editable=True, width=30,
               max_length=2000),
        Column("Score at the end", "score_end", type="int", editable=True, width=10,
               low=tpl.low, high=tpl.high, guidance=scale),
        Column("Note at the end", "note_end", type="multiline", editable=True, width=30,
               max_length=2000),
    ), intro=tpl.summary)


PULSE_META = "pulse_questions"  # the metadata entry holding the Pulse sheet's questions
PULSE_PREFIX = sources.PULSE_PREFIX
SCORES = tuple(range(pulse.LOW, pulse.HIGH + 1))


def _pulse_column(q: dict[str, Any]) -> Column:
    field = PULSE_PREFIX + q["key"]
    if q["kind"] == "scale":
        ends = f"{pulse.LOW} {q['low']} … {pulse.HIGH} {q['high']}" if q["low"] or q["high"] \
            else f"{pulse.LOW} (low) to {pulse.HIGH} (high)"
        return Column(q["prompt"], field, type="int", list="scores", editable=True, width=18,
                      low=pulse.LOW, high=pulse.HIGH, guidance=ends[:120])
    return Column(q["prompt"], field, type="multiline", editable=True, width=40,
                  max_length=pulse.TEXT_LIMIT, guidance="in your own words")


def pulse_sheet(questions: list[dict[str, Any]]) -> Sheet:
    return Sheet("Pulse", (
        Column("Week", "week", type="int", width=7),
        Column("Starts", "starts", type="date", width=12),
        Column("Ends", "ends", type="date", width=12),
        *(_pulse_column(q) for q in questions),
    ), intro="your weekly pulse: one row per week so far, a score from 1 to 5 for each "
             "scale question (a drop-down) and a few words for the others.", align_top=True)


def pulse_questions_of(meta: dict[str, str]) -> list[dict[str, Any]] | None:
    """The Pulse sheet's questions from a returned workbook's metadata (None: it has no Pulse
    sheet); ValueError when the entry is not a valid question list."""
    text = meta.get(PULSE_META)
    if not text:
        return None
    try:
        data = json.loads(text)
        return question_set.clean_questions(data)
    except Exception as exc:  # JSON or the question checks: either way it cannot be trusted
        raise ValueError(f"its pulse questions in the metadata are damaged ({exc})") from None


def spec(pulse_questions: list[dict[str, Any]] | None = None) -> WorkbookSpec:
    c = choices()
    sheets = (RULES, *(assessment_sheet(k) for k in TEMPLATE_KEYS))
    if pulse_questions:
        sheets += (pulse_sheet(pulse_questions),)
    return WorkbookSpec(
        kind="participant", title="Facilitator · my rules register and self-assessments",
        audience="You, the participant named above. It is yours: the programme team reads it "
                 "in when you send it back, and shares it with your organisation only if you "
                 "have agreed to that.",
        how_to_fill="Fill in the yellow cells. In 'My rules', one row per rule: what you "
                    "believe first, then what checking found, then where the flex might be. "
                    "Use the blank rows at the end for new rules. In the self-assessments, give "
                    "a score on the scale shown and a note if you like. On 'Pulse' (if it is "
                    "there), one row per week: choose 1 to 5 for each scale question and write "
                    "a few words for the others; leave a week empty if you did not answer it. "
                    "Save and send the file back to the programme team.",
        sheets=sheets,
        lists={"beliefs": BELIEFS, "verdicts": VERDICTS, "areas": c["areas"],
               "source_kinds": c["source_kinds"], "conditions": c["conditions"],
               "statuses": c["statuses"], "scores": SCORES},
    )


def export_participant(db: Database, cohort_id: int, participant_id: int, path: Path,
                       progress: Progress | None = None) -> dict:
    book = sources.participant_book(db, participant_id)
    scope = new_scope(db, "participant", cohort_id, participant_id=participant_id)
    weekly = sources.pulse_book(db, cohort_id, participant_id)
    questions = weekly["questions"] if weekly else None
    if questions:
        scope.extra[PULSE_META] = json.dumps(questions, ensure_ascii=False)
    s = spec(questions)
    fields = [c.field for c in RULES.columns]
    rules = [([r.get(f) for f in fields], r["uuid"], book["person"]) for r in book["rules"]]
    rules += [([None] * len(fields), str(uuid.uuid4()), "a blank row")
              for _ in range(BLANK_RULES)]
    sheets = [SheetRows(RULES, iter(rules), len(rules))]
    for sheet, key in zip(s.sheets[1:1 + len(TEMPLATE_KEYS)], TEMPLATE_KEYS, strict=True):
        af = [c.field for c in sheet.columns]
        rows = [([r.get(f) for f in af], r["key"], book["person"])
                for r in book["assessments"][key]["rows"]]
        sheets.append(SheetRows(sheet, iter(rows), len(rows)))
    if questions:
        sheet = s.sheets[-1]
        pf = [c.field for c in sheet.columns]
        rows = [([w.get(f) for f in pf], w["key"], f"{book['person']}, week {w['week']}")
                for w in weekly["weeks"]]
        sheets.append(SheetRows(sheet, iter(rows), len(rows)))
    write_workbook(path, s, scope, book["person"], sheets, progress)
    record(db, scope, cohort_id, participant_id=participant_id)
    log_export(db, "workbook", path, cohort_id=cohort_id, participant_ids=[participant_id])
    return {"path": path, "person": book["person"], "rules": len(book["rules"]),
            "pulse_weeks": len(weekly["weeks"]) if weekly else 0}
