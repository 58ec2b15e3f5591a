"""What a returned workbook may change, sheet by sheet: for each returnable sheet, how to read
the database's values now for the rows' record ids, and how to write accepted values back.

Values are compared as the baseline keeps them (schema.normalise: "" is None, dates as ISO).
`current` gives, per record id, the values now, or leaves the id out when the record is gone
(or was never made: the participant workbook's blank rows)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.exports.xlsx.schema import normalise
from facilitator.models import (
    Assessment,
    AssessmentScore,
    Attendance,
    Event,
    Organisation,
    OrganisationRuleResponse,
    Participant,
    PlanSession,
    PulseAnswer,
    PulseQuestion,
    PulseSurvey,
    RuleEntry,
    WorkbookExport,
)
from facilitator.services.errors import ValidationError
from facilitator.services.fields import clean
from facilitator.services.flex import registers
from facilitator.services.flex.data_files import TEMPLATE_KEYS, template
from facilitator.services.flex.sharing import consent_recorded
from facilitator.services.learning import pulse
from facilitator.services.returns import questions as org_questions
from facilitator.services.returns.sources import PULSE_PREFIX, RULE_FIELD_NAMES

Values = dict[str, Any]  # field -> value (None = empty)


@dataclass(frozen=True)
class Target:
    table: str  # the Changes kind
    fields: tuple[str, ...]
    current: Callable[[Session, WorkbookExport, list[str]], dict[str, Values]]
    write: Callable[[Session, WorkbookExport, str, Values | None], None]  # None: remove
    creates: bool = False  # an id the database does not know may be a new record
    bulk: bool = False  # `current` reads the whole scope at once (no IN list to chunk)

    def values_now(self, s: Session, wx: WorkbookExport, keys: list[str]) -> dict[str, Values]:
        if self.bulk:
            return self.current(s, wx, keys)
        out: dict[str, Values] = {}
        for i in range(0, len(keys), 900):  # SQLite's bound-parameter limit
            out |= self.current(s, wx, keys[i:i + 900])
        return out


def _text(v: Any) -> str:
    return "" if v is None else str(v)


# organisation: our people -------------------------------------------------------------------
_PEOPLE = ("role", "email", "phone")


def _org_people(s: Session, wx: WorkbookExport, keys: list[str]) -> dict[str, Values]:
    rows = s.scalars(select(Participant).where(Participant.uuid.in_(keys),
                                               Participant.organisation_id == wx.organisation_id))
    return {p.uuid: {f: normalise(getattr(p, f)) for f in _PEOPLE} for p in rows
            if consent_recorded(p)}


def _write_org_person(s: Session, wx: WorkbookExport, key: str, values: Values | None) -> None:
    p = s.scalar(select(Participant).where(Participant.uuid == key))
    for f, v in (values or {}).items():
        setattr(p, f, _text(v))


# organisation: rules we meet ----------------------------------------------------------------
_RESPONSE = ("is_ours", "real_source", "can_flex", "flex_holder", "comment")


def _org_rules(s: Session, wx: WorkbookExport, keys: list[str]) -> dict[str, Values]:
    stmt = (select(RuleEntry.uuid, Participant, OrganisationRuleResponse)
            .join(Participant, Participant.id == RuleEntry.participant_id)
            .outerjoin(OrganisationRuleResponse,
                       OrganisationRuleResponse.rule_entry_id == RuleEntry.id)
            .where(RuleEntry.uuid.in_(keys), Participant.organisation_id == wx.organisation_id))
    out = {}
    for uuid, p, resp in s.execute(stmt):
        if consent_recorded(p):
            out[uuid] = {f: normalise(getattr(resp, f)) if resp else None for f in _RESPONSE}
    return out


def _write_org_rule(s: Session, wx: WorkbookExport, key: str, values: Values | None) -> None:
    rule = s.scalar(select(RuleEntry).where(RuleEntry.uuid == key))
    resp = s.scalar(select(OrganisationRuleResponse)
                    .where(OrganisationRuleResponse.rule_entry_id == rule.id))
    if values is None:
        if resp is not None:
            s.delete(resp)
        return
    if resp is None:
        resp = OrganisationRuleResponse(rule_entry_id=rule.id)
        s.add(resp)
    for f, v in values.items():
        setattr(resp, f, _text(v))


# organisation: questions for you ------------------------------------------------------------
def _question_of_key(s: Session, wx: WorkbookExport, key: str) -> str | None:
    org_uuid, _, qkey = key.rpartition("/question/")
    o = s.get(Organisation, wx.organisation_id) if wx.organisation_id else None
    return qkey if o is not None and org_uuid == o.uuid else None


def _org_questions(s: Session, wx: WorkbookExport, keys: list[str]) -> dict[str, Values]:
    """Each asked question that the cohort still asks, with the organisation's answer now."""
    if wx.organisation_id is None:
        return {}
    asked = {q["key"] for q in org_questions.questions_in(s, wx.cohort_id)}
    got = org_questions.answers_in(s, wx.organisation_id)
    out = {}
    for k in keys:
        qkey = _question_of_key(s, wx, k)
        if qkey in asked:
            out[k] = {"answer": normalise(got.get(qkey))}
    return out


def _write_org_answer(s: Session, wx: WorkbookExport, key: str, values: Values | None) -> None:
    qkey = _question_of_key(s, wx, key)
    org_questions.write_answer(s, wx.organisation_id, qkey, (values or {}).get("answer"))


# cohort: attendance -------------------------------------------------------------------------
def _split(key: str) -> tuple[str, str]:
    person, _, session = key.partition(":")
    return person, session


def _columns(s: Session, cohort_id: int) -> dict[str, tuple[int, int | None]]:
    """uuid -> (event id, session id or None for the event as a whole)."""
    out = {u: (eid, None) for u, eid in s.execute(
        select(Event.uuid, Event.id).where(Event.cohort_id == cohort_id))}
    out |= {u: (eid, sid) for u, sid, eid in s.execute(
        select(PlanSession.uuid, PlanSession.id, PlanSession.event_id).join(Event)
        .where(Event.cohort_id == cohort_id))}
    return out


def _attendance(s: Session, wx: WorkbookExport, keys: list[str]) -> dict[str, Values]:
    people = dict(s.execute(select(Participant.uuid, Participant.id)
                            .where(Participant.cohort_id == wx.cohort_id)).all())
    cols = _columns(s, wx.cohort_id)
    marks = {(pid, eid, sid): (st, note) for pid, eid, sid, st, note in s.execute(
        select(Attendance.participant_id, Attendance.event_id, Attendance.session_id,
               Attendance.status, Attendance.note).join(Participant)
        .where(Participant.cohort_id == wx.cohort_id))}
    out = {}
    for key in keys:
        pu, cu = _split(key)
        if pu in people and cu in cols:
            st, note = marks.get((people[pu], *cols[cu]), (None, None))
            out[key] = {"mark": normalise(st), "note": normalise(note)}
    return out


def _write_attendance(s: Session, wx: WorkbookExport, key: str, values: Values | None) -> None:
    pu, cu = _split(key)
    pid = s.scalar(select(Participant.id).where(Participant.uuid == pu))
    event_id, session_id = _columns(s, wx.cohort_id)[cu]
    same = (Attendance.session_id.is_(None) if session_id is None
            else Attendance.session_id == session_id)
    row = s.scalar(select(Attendance).where(Attendance.participant_id == pid,
                                            Attendance.event_id == event_id, same))
    merged = {"mark": row.status if row else None, "note": row.note if row else None}
    merged |= values or {"mark": None, "note": None}
    if not merged["mark"]:
        if merged["note"]:
            raise ValidationError({"note": "A note on attendance needs a mark as well."})
        if row is not None:
            s.delete(row)
        return
    if row is None:
        row = Attendance(participant_id=pid, event_id=event_id, session_id=session_id)
        s.add(row)
    row.status, row.note = merged["mark"], _text(merged["note"])


# participant: my rules ----------------------------------------------------------------------
def _my_rules(s: Session, wx: WorkbookExport, keys: list[str]) -> dict[str, Values]:
    rows = s.scalars(select(RuleEntry).where(RuleEntry.uuid.in_(keys),
                                             RuleEntry.participant_id == wx.participant_id))
    return {r.uuid: {f: normalise(getattr(r, f)) for f in RULE_FIELD_NAMES} for r in rows}


def _write_my_rule(s: Session, wx: WorkbookExport, key: str, values: Values | None) -> None:
    r = s.scalar(select(RuleEntry).where(RuleEntry.uuid == key))
    if values is None:
        if r is not None:
            s.delete(r)
        return
    merged = {f: getattr(r, f) for f in RULE_FIELD_NAMES} if r else {}
    merged |= {f: (date.fromisoformat(v) if isinstance(v, str) and f == "checked_on" else v)
               for f, v in values.items()}
    data = clean(registers.FIELDS, merged)
    registers.KIND.check(None, wx.cohort_id, data, r.id if r else None)
    if r is None:
        s.add(RuleEntry(uuid=key, cohort_id=wx.cohort_id, participant_id=wx.participant_id,
                        **data))
    else:
        for f, v in data.items():
            setattr(r, f, v)


# participant: self-assessments ----------------------------------------------------------------
_SCORES = ("score_start", "note_start", "score_end", "note_end")


def _assessment_target(key_name: str) -> Target:
    def current(s: Session, wx: WorkbookExport, keys: list[str]) -> dict[str, Values]:
        p = s.get(Participant, wx.participant_id)
        if p is None:
            return {}
        tpl = template(key_name)
        got = {(pt, item): (score, note) for pt, item, score, note in s.execute(
            select(Assessment.point, AssessmentScore.item, AssessmentScore.score,
                   AssessmentScore.note)
            .join(AssessmentScore, AssessmentScore.assessment_id == Assessment.id)
            .where(Assessment.participant_id == p.id, Assessment.template == key_name))}
        out, wanted = {}, set(keys)
        for it in tpl.items:
            k = f"{p.uuid}/{key_name}/{it.key}"
            if k in wanted:
                a, b = got.get(("start", it.key), (None, None)), got.get(("end", it.key), (None, None))
                out[k] = {"score_start": a[0], "note_start": normalise(a[1]),
                          "score_end": b[0], "note_end": normalise(b[1])}
        return out

    def write(s: Session, wx: WorkbookExport, key: str, values: Values | None) -> None:
        item = key.rsplit("/", 1)[1]
        for point in ("start", "end"):
            mine = {f.split("_")[0]: v for f, v in (values or {}).items() if f.endswith(point)}
            if values is not None and not mine:
                continue
            a = s.scalar(select(Assessment).where(Assessment.participant_id == wx.participant_id,
                                                  Assessment.template == key_name,
                                                  Assessment.point == point))
            if a is None:
                a = Assessment(cohort_id=wx.cohort_id, participant_id=wx.participant_id,
                               template=key_name, point=point)
                s.add(a)
                s.flush()
            row = s.scalar(select(AssessmentScore).where(AssessmentScore.assessment_id == a.id,
                                                         AssessmentScore.item == item))
            score = mine.get("score", row.score if row else None)
            note = mine.get("note", row.note if row else None)
            if score is None and not note:
                if row is not None:
                    s.delete(row)
                continue
            if row is None:
                row = AssessmentScore(assessment_id=a.id, item=item)
                s.add(row)
            row.score, row.note = score, _text(note)

    return Target("assessment_scores", _SCORES, current, write, bulk=True)


# participant: pulse ---------------------------------------------------------------------------
def _pulse_questions(s: Session, cohort_id: int) -> list[PulseQuestion]:
    return list(s.scalars(select(PulseQuestion).join(PulseSurvey)
                          .where(PulseSurvey.cohort_id == cohort_id)
                          .order_by(PulseQuestion.position, PulseQuestion.id)))


def _week_of_key(s: Session, wx: WorkbookExport, key: str) -> int | None:
    """The week a Pulse row's record id names, if it is this workbook's person's."""
    person, _, week = key.rpartition("/pulse/")
    p = s.get(Participant, wx.participant_id) if wx.participant_id else None
    if p is None or person != p.uuid or not week.isdigit():
        return None
    n = int(week)
    return n if 1 <= n <= pulse.MAX_WEEK else None


def _pulse_weeks(s: Session, wx: WorkbookExport, keys: list[str]) -> dict[str, Values]:
    """Each asked week that has answers: every question's answer ("pulse:" + key). A week
    with none is left out, so answers to it come back as new."""
    weeks = {w: k for k in keys if (w := _week_of_key(s, wx, k)) is not None}
    questions = _pulse_questions(s, wx.cohort_id)
    if not weeks or not questions:
        return {}
    kinds = {q.id: q for q in questions}
    out: dict[str, Values] = {}
    for qid, week, score, text in s.execute(
            select(PulseAnswer.question_id, PulseAnswer.week, PulseAnswer.score, PulseAnswer.text)
            .where(PulseAnswer.participant_id == wx.participant_id,
                   PulseAnswer.question_id.in_(list(kinds)), PulseAnswer.week.in_(list(weeks)))):
        row = out.setdefault(weeks[week], {PULSE_PREFIX + q.key: None for q in questions})
        q = kinds[qid]
        row[PULSE_PREFIX + q.key] = score if q.kind == "scale" else normalise(text)
    return out


def _write_pulse_week(s: Session, wx: WorkbookExport, key: str, values: Values | None) -> None:
    """Merge the accepted answers into that week's, checked as the Pulse tab checks them."""
    week = _week_of_key(s, wx, key)
    questions = _pulse_questions(s, wx.cohort_id)
    if week is None or not questions:
        raise ValidationError({"week": "This pulse week is not this participant's, or the "
                                       "cohort's pulse has been removed."})
    by_key = {q.key: q for q in questions}
    ids = [q.id for q in questions]
    rows = s.scalars(select(PulseAnswer).where(PulseAnswer.participant_id == wx.participant_id,
                                               PulseAnswer.question_id.in_(ids),
                                               PulseAnswer.week == week)).all()
    by_id = {q.id: q.key for q in questions}
    merged: dict[str, tuple[Any, str]] = {by_id[a.question_id]: (a.score, a.text) for a in rows}
    for f, v in (values or {}).items():
        qkey = f.removeprefix(PULSE_PREFIX)
        q = by_key.get(qkey)
        if q is None:
            raise ValidationError({f: f"the pulse question {qkey!r} has been removed since the "
                                      "workbook was exported."})
        merged[qkey] = (v, "") if q.kind == "scale" else (None, _text(v))
    if values is None:
        merged = {}
    cleaned = pulse.clean_answers([{"key": q.key, "kind": q.kind, "prompt": q.prompt}
                                   for q in questions],
                                  {k: v for k, v in merged.items() if v != (None, "")})
    for a in rows:
        s.delete(a)
    s.flush()
    s.add_all(PulseAnswer(question_id=by_key[k].id, participant_id=wx.participant_id, week=week,
                          score=score, text=text) for k, (score, text) in cleaned.items())


def targets(kind: str) -> dict[str, Target]:
    """Returnable sheet name -> Target, for one workbook kind."""
    if kind == "organisation":
        return {"Our people": Target("participants", _PEOPLE, _org_people, _write_org_person),
                "Rules we meet": Target("organisation_rule_responses", _RESPONSE, _org_rules,
                                        _write_org_rule),
                "Questions for you": Target("organisation_answers", ("answer",), _org_questions,
                                            _write_org_answer)}
    if kind == "cohort":
        return {"Attendance": Target("attendance", ("mark", "note"), _attendance,
                                     _write_attendance, bulk=True)}
    if kind == "participant":
        out = {"My rules": Target("rule_entries", RULE_FIELD_NAMES, _my_rules, _write_my_rule,
                                  creates=True)}
        for k in TEMPLATE_KEYS:
            out[template(k).title[:31]] = _assessment_target(k)
        out["Pulse"] = Target("pulse_answers", (), _pulse_weeks, _write_pulse_week, creates=True)
        return out
    return {}


