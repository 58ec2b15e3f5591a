"""The participant return workbook: one person's rules register and both self-assessments,
the same forms as the paper pack, to fill in offline and send back. Blank rows at the end of
the register carry record ids of their own, so a new rule comes back as itself."""

from __future__ import annotations

import uuid
from pathlib import Path

from facilitator.exports.xlsx.book import Progress, SheetRows, write_workbook
from facilitator.exports.xlsx.recorded import new_scope, record
from facilitator.exports.xlsx.schema import Column, Sheet, WorkbookSpec
from facilitator.models.worksheets import BELIEFS, VERDICTS
from facilitator.services.flex.data_files import TEMPLATE_KEYS, choices, template
from facilitator.services.flex.registers import FIELDS as RULE_FIELDS
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


def spec() -> WorkbookSpec:
    c = choices()
    return WorkbookSpec(
        kind="participant", title="Facilitator · my rules register and self-assessments",
        audience="You, the participant named above. It is yours: the programme team reads it "
                 "in when you send it back, and shares it with your organisation only if you "
                 "have agreed to that.",
        how_to_fill="Fill in the yellow cells. In 'My rules', one row per rule: what you "
                    "believe first, then what checking found, then where the flex might be. "
                    "Use the blank rows at the end for new rules. In the self-assessments, give "
                    "a score on the scale shown and a note if you like. Save and send the file "
                    "back to the programme team.",
        sheets=(RULES, *(assessment_sheet(k) for k in TEMPLATE_KEYS)),
        lists={"beliefs": BELIEFS, "verdicts": VERDICTS, "areas": c["areas"],
               "source_kinds": c["source_kinds"], "conditions": c["conditions"],
               "statuses": c["statuses"]},
    )


def export_participant(db: Database, cohort_id: int, participant_id: int, path: Path,
                       progress: Progress | None = None) -> dict:
    book = sources.participant_book(db, participant_id)
    scope = new_scope(db, "participant", cohort_id, participant_id=participant_id)
    s = spec()
    fields = [c.field for c in RULES.columns]
    rules = [([r.get(f) for f in fields], r["uuid"], book["person"]) for r in book["rules"]]
    rules += [([None] * len(fields), str(uuid.uuid4()), "a blank row")
              for _ in range(BLANK_RULES)]
    sheets = [SheetRows(RULES, iter(rules), len(rules))]
    for sheet, key in zip(s.sheets[1:], TEMPLATE_KEYS, strict=True):
        af = [c.field for c in sheet.columns]
        rows = [([r.get(f) for f in af], r["key"], book["person"])
                for r in book["assessments"][key]["rows"]]
        sheets.append(SheetRows(sheet, iter(rows), len(rows)))
    write_workbook(path, s, scope, book["person"], sheets, progress)
    record(db, scope, cohort_id, participant_id=participant_id)
    log_export(db, "workbook", path, cohort_id=cohort_id, participant_ids=[participant_id])
    return {"path": path, "person": book["person"], "rules": len(book["rules"])}
