"""The rows each workbook is written from, as plain dicts keyed by the workbook columns' fields.

Consent decides what leaves the team: worksheets (rules registers, self-assessments) only for
participants whose consent to share with their organisation is recorded (flex.sharing)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from facilitator.models import (
    Assessment,
    AssessmentScore,
    Attendance,
    Cohort,
    Event,
    Organisation,
    OrganisationRuleResponse,
    Participant,
    PeerGroup,
    PlanSession,
    PulseAnswer,
    PulseQuestion,
    PulseSurvey,
    RuleEntry,
)
from facilitator.services.flex import crowd
from facilitator.services.flex.data_files import TEMPLATE_KEYS, template
from facilitator.services.flex.registers import FIELDS as RULE_FIELDS
from facilitator.services.flex.sharing import consent_recorded
from facilitator.services.learning import insights, pulse, trends
from facilitator.services.plans import plan_view
from facilitator.services.plans.timing import clock
from facilitator.services.privacy import consent
from facilitator.services.records import Record, get_or_fail
from facilitator.services.returns import questions as org_questions
from facilitator.store.database import Database

RULE_FIELD_NAMES = tuple(f.name for f in RULE_FIELDS)


def _name(p: Participant) -> str:
    return p.full_name


def scope(db: Database, cohort_id: int, organisation_id: int | None = None,
          participant_id: int | None = None) -> Record:
    with db.read() as s:
        c = get_or_fail(s, Cohort, cohort_id, "cohort")
        out = {"cohort_id": c.id, "cohort_uuid": c.uuid, "cohort_name": c.name,
               "organisation_uuid": "", "participant_uuid": "", "subject": c.name}
        if organisation_id is not None:
            o = get_or_fail(s, Organisation, organisation_id, "organisation")
            out.update(organisation_uuid=o.uuid, subject=o.name)
        if participant_id is not None:
            p = get_or_fail(s, Participant, participant_id, "participant")
            out.update(participant_uuid=p.uuid, subject=p.full_name)
        return out


def people_ids(db: Database, cohort_id: int, organisation_id: int | None = None) -> list[int]:
    """The ids of a cohort's participants (or one organisation's): who a workbook is about."""
    with db.read() as s:
        stmt = select(Participant.id).where(Participant.cohort_id == cohort_id)
        if organisation_id is not None:
            stmt = stmt.where(Participant.organisation_id == organisation_id)
        return list(s.scalars(stmt))


def find_participant(db: Database, cohort_id: int, full_name: str) -> list[Record]:
    wanted = " ".join(full_name.split()).lower()
    with db.read() as s:
        people = s.scalars(select(Participant).where(Participant.cohort_id == cohort_id)).all()
        return [{"id": p.id, "name": p.full_name} for p in people
                if " ".join(p.full_name.split()).lower() == wanted]


def find_organisation(db: Database, cohort_id: int, name: str) -> Record | None:
    with db.read() as s:
        o = s.scalar(select(Organisation).where(Organisation.cohort_id == cohort_id,
                                                Organisation.name.ilike(name.strip())))
        return {"id": o.id, "name": o.name} if o else None


def _attendance_rows(s, participant_ids: list[int] | None, cohort_id: int) -> list[Record]:
    stmt = (select(Participant, Attendance.status, Attendance.note, Event.title, Event.start_date,
                   PlanSession.title, PlanSession.day)
            .join(Attendance, Attendance.participant_id == Participant.id)
            .join(Event, Event.id == Attendance.event_id)
            .outerjoin(PlanSession, PlanSession.id == Attendance.session_id)
            .where(Participant.cohort_id == cohort_id)
            .order_by(Participant.family_name, Participant.given_name, Event.start_date,
                      PlanSession.day, PlanSession.position))
    if participant_ids is not None:
        stmt = stmt.where(Participant.id.in_(participant_ids))
    return [{"person": _name(p), "event": ev, "date": sday or estart,
             "session": stitle or "(whole event)", "mark": status, "note": note}
            for p, status, note, ev, estart, stitle, sday in s.execute(stmt)]


def _assessment_rows(s, people: list[Participant]) -> list[Record]:
    by_id = {p.id: p for p in people}
    stmt = (select(Assessment.participant_id, Assessment.template, Assessment.point,
                   AssessmentScore.item, AssessmentScore.score, AssessmentScore.note)
            .join(AssessmentScore, AssessmentScore.assessment_id == Assessment.id)
            .where(Assessment.participant_id.in_(list(by_id)))
            .order_by(Assessment.participant_id, Assessment.template, Assessment.point,
                      AssessmentScore.id))
    out = []
    for pid, key, point, item, score, note in s.execute(stmt):
        tpl = template(key)
        label = tpl.item(item).label if tpl.item(item) else item
        out.append({"person": _name(by_id[pid]), "assessment": tpl.title, "point": point,
                    "item": label, "score": score, "note": note})
    return out


def organisation_book(db: Database, organisation_id: int) -> Record:
    """One organisation's workbook: people who consented (role and contact to confirm), their
    rules with the organisation's answers so far, their assessments, everyone's attendance."""
    with db.read() as s:
        org = get_or_fail(s, Organisation, organisation_id, "organisation")
        people = s.scalars(select(Participant).where(Participant.organisation_id == org.id)
                           .order_by(Participant.family_name, Participant.given_name,
                                     Participant.id)).all()
        shared = [p for p in people if consent_recorded(p)]
        by_id = {p.id: p for p in shared}
        rules = []
        stmt = (select(RuleEntry, OrganisationRuleResponse)
                .outerjoin(OrganisationRuleResponse,
                           OrganisationRuleResponse.rule_entry_id == RuleEntry.id)
                .where(RuleEntry.participant_id.in_(list(by_id))).order_by(RuleEntry.id))
        for r, resp in s.execute(stmt):
            rules.append({"uuid": r.uuid, "person": _name(by_id[r.participant_id]),
                          "rule": r.rule, "area": r.area, "belief": r.belief,
                          "verdict": r.verdict or "not checked",
                          "their_flex_holder": r.flex_holder,
                          "is_ours": resp.is_ours if resp else "",
                          "real_source": resp.real_source if resp else "",
                          "can_flex": resp.can_flex if resp else "",
                          "flex_holder": resp.flex_holder if resp else "",
                          "comment": resp.comment if resp else ""})
        got = org_questions.answers_in(s, org.id)
        asked = [{"key": question_key(org.uuid, q["key"]), "person": org.name,
                  "prompt": q["prompt"], "help": q["help"], "answer": got.get(q["key"], "")}
                 for q in org_questions.questions_in(s, org.cohort_id)]
        return {
            "organisation": org.name,
            "questions": asked,
            "withheld": len(people) - len(shared),
            "people": [{"uuid": p.uuid, "person": _name(p), "pronouns": p.pronouns,
                        "role": p.role, "email": p.email, "phone": p.phone} for p in shared],
            "rules": rules,
            "assessments": _assessment_rows(s, shared),
            "attendance": _attendance_rows(s, [p.id for p in people], org.cohort_id),
        }


def participant_book(db: Database, participant_id: int) -> Record:
    """One person's rules register and both self-assessments, to fill in offline."""
    with db.read() as s:
        p = get_or_fail(s, Participant, participant_id, "participant")
        rules = [{"uuid": r.uuid, **{f: getattr(r, f) for f in RULE_FIELD_NAMES}}
                 for r in s.scalars(select(RuleEntry).where(RuleEntry.participant_id == p.id)
                                    .order_by(RuleEntry.created_at, RuleEntry.id))]
        scores: dict[tuple[str, str, str], tuple[Any, str]] = {}
        for key, point, item, score, note in s.execute(
                select(Assessment.template, Assessment.point, AssessmentScore.item,
                       AssessmentScore.score, AssessmentScore.note)
                .join(AssessmentScore, AssessmentScore.assessment_id == Assessment.id)
                .where(Assessment.participant_id == p.id)):
            scores[(key, point, item)] = (score, note)
        assessments = {}
        for key in TEMPLATE_KEYS:
            tpl = template(key)
            rows = []
            for it in tpl.items:
                start = scores.get((key, "start", it.key), (None, ""))
                end = scores.get((key, "end", it.key), (None, ""))
                rows.append({"key": f"{p.uuid}/{key}/{it.key}", "item": it.label,
                             "prompt": it.prompt, "score_start": start[0],
                             "note_start": start[1], "score_end": end[0], "note_end": end[1]})
            assessments[key] = {"template": tpl, "rows": rows}
        return {"person": p.full_name, "rules": rules, "assessments": assessments}


def question_key(organisation_uuid: str, key: str) -> str:
    """The record id of one question to an organisation in its workbook."""
    return f"{organisation_uuid}/question/{key}"


PULSE_PREFIX = "pulse:"  # a pulse question's field: "pulse:" + its key (no clash with "week")


def pulse_key(participant_uuid: str, week: int) -> str:
    """The record id of one person's pulse week in a participant workbook."""
    return f"{participant_uuid}/pulse/{week}"


def pulse_book(db: Database, cohort_id: int, participant_id: int,
               today: date | None = None) -> Record | None:
    """One person's pulse for the participant workbook, or None when the cohort has no pulse:
    its questions and one row per week from week 1 to this week (or to the last week they
    answered, if later), each with its dates and the answers so far ("pulse:" + key)."""
    with db.read() as s:
        sv = s.scalar(select(PulseSurvey).where(PulseSurvey.cohort_id == cohort_id))
        if sv is None:
            return None
        p = get_or_fail(s, Participant, participant_id, "participant")
        questions = s.scalars(select(PulseQuestion).where(PulseQuestion.survey_id == sv.id)
                              .order_by(PulseQuestion.position, PulseQuestion.id)).all()
        kinds = {q.id: (q.key, q.kind) for q in questions}
        answers: dict[int, dict[str, Any]] = {}
        for qid, week, score, text in s.execute(
                select(PulseAnswer.question_id, PulseAnswer.week, PulseAnswer.score,
                       PulseAnswer.text)
                .where(PulseAnswer.participant_id == p.id,
                       PulseAnswer.question_id.in_(list(kinds)))):
            key, kind = kinds[qid]
            answers.setdefault(week, {})[PULSE_PREFIX + key] = score if kind == "scale" else (text or None)
        start, puuid = sv.start_date, p.uuid
        recs = [{"key": q.key, "kind": q.kind, "prompt": q.prompt, "low": q.low_label,
                 "high": q.high_label} for q in questions]
    last = min(max(pulse.week_of(start, today or date.today()), max(answers, default=0)),
               pulse.MAX_WEEK)
    weeks = []
    for n in range(1, last + 1):
        first = pulse.week_start(start, n)
        weeks.append({"key": pulse_key(puuid, n), "week": n, "starts": first,
                      "ends": first + timedelta(days=6), **answers.get(n, {})})
    return {"questions": recs, "weeks": weeks}


def cohort_counts(db: Database, cohort_id: int) -> Record:
    with db.read() as s:
        people = s.scalars(select(Participant).where(Participant.cohort_id == cohort_id)).all()
        sessions = s.scalars(select(PlanSession.id).join(Event)
                             .where(Event.cohort_id == cohort_id)).all()
        n_events = len(s.scalars(select(Event.id).where(Event.cohort_id == cohort_id)).all())
        return {"participants": len(people), "sessions": len(sessions),
                "columns": len(sessions) + n_events,
                "withheld": sum(1 for p in people if not consent_recorded(p))}


def cohort_book(db: Database, cohort_id: int) -> Record:
    """Everything the cohort workbook holds, except attendance (streamed: attendance_grid)."""
    with db.read() as s:
        people = s.scalars(select(Participant).where(Participant.cohort_id == cohort_id)
                           .order_by(Participant.family_name, Participant.given_name,
                                     Participant.id)).all()
        orgs = {o.id: o for o in s.scalars(select(Organisation)
                                           .where(Organisation.cohort_id == cohort_id)
                                           .order_by(Organisation.name))}
        counts: dict[int, int] = {}
        for p in people:
            counts[p.organisation_id] = counts.get(p.organisation_id, 0) + 1
        shared = [p for p in people if consent_recorded(p)]
        shared_ids = {p.id for p in shared}
        groups = []
        for g in s.scalars(select(PeerGroup).where(PeerGroup.cohort_id == cohort_id)
                           .order_by(PeerGroup.name)):
            groups.append({"name": g.name, "members": ", ".join(_name(m) for m in g.members),
                           "size": len(g.members)})
        rules = []
        by_id = {p.id: p for p in people}
        for r in s.scalars(select(RuleEntry).where(RuleEntry.cohort_id == cohort_id,
                                                   RuleEntry.participant_id.in_(shared_ids))
                           .order_by(RuleEntry.id)):
            p = by_id[r.participant_id]
            org = orgs.get(p.organisation_id)
            rules.append({"person": _name(p), "organisation": org.name if org else "",
                          **{f: getattr(r, f) for f in RULE_FIELD_NAMES}})
        assessments = _assessment_rows(s, shared)
        book = {
            "cohort": s.get(Cohort, cohort_id).name,
            "withheld": len(people) - len(shared),
            "participants": [{"person": _name(p), "pronouns": p.pronouns,
                              "organisation": orgs[p.organisation_id].name
                              if p.organisation_id in orgs else "",
                              "role": p.role, "email": p.email, "phone": p.phone,
                              "status": p.status,
                              "shares": "yes" if consent_recorded(p) else "no"} for p in people],
            "organisations": [{"name": o.name, "sector": o.sector, "region": o.region,
                               "contact_name": o.contact_name, "contact_email": o.contact_email,
                               "contact_phone": o.contact_phone,
                               "participants": counts.get(o.id, 0)} for o in orgs.values()],
            "peer_groups": groups, "rules": rules, "assessments": assessments,
        }
    entries = [e for e in crowd.load_entries(db, cohort_id) if e["participant_id"] in shared_ids]
    view = crowd.summarise(entries, group_texts=crowd.load_group_texts(db, cohort_id))
    book["rule_groups"] = [{"title": g.title, "area": g.area, "people": g.people,
                            "entries": len(g.entry_ids), "absolute": g.beliefs["absolute"],
                            "discretionary": g.beliefs["discretionary"],
                            "unsure": g.beliefs["unsure"], "flags": ", ".join(g.flags)}
                           for g in view.groups]
    plans = plan_view.cohort_plans(db, cohort_id)
    book["events"] = [{"title": p["title"], "kind": p["kind"], "start_date": p["start_date"],
                       "end_date": p["end_date"], "venue": p["venue"],
                       "sessions": sum(len(d["sessions"]) for d in p["days_plan"])} for p in plans]
    agenda = []
    for p in plans:
        for d in p["days_plan"]:
            for ps in d["sessions"]:
                for it in ps["items"]:
                    agenda.append({"event": p["title"], "date": d["date"], "session": ps["title"],
                                   "start": clock(it["start_at"]), "end": clock(it["end_at"]),
                                   "title": it["title"], "kind": it["kind"],
                                   "minutes": it["duration_minutes"], "track": it["track"],
                                   "lead": it["lead"], "method": it["method"]})
    book["agenda"] = agenda
    return book


def attendance_grid(db: Database, cohort_id: int) -> tuple[list[Record], Iterator[Record]]:
    """(columns in order, then one row per participant × column with the mark, streamed):
    the cohort workbook's attendance sheets, whose mark and note can be filled in. Each event
    has a "(whole event)" column for marks kept for the event as a whole, then its sessions."""
    with db.read() as s:
        sessions: list[Record] = []
        for ev in s.scalars(select(Event).where(Event.cohort_id == cohort_id)
                            .order_by(Event.start_date, Event.id)):
            sessions.append({"id": None, "uuid": ev.uuid, "event": ev.title,
                             "date": ev.start_date, "title": "(whole event)", "event_id": ev.id})
            sessions += [{"id": ps.id, "uuid": ps.uuid, "event": ev.title, "date": ps.day,
                          "title": ps.title, "event_id": ev.id}
                         for ps in ev.sessions]
        people = s.execute(select(Participant.id, Participant.uuid, Participant.given_name,
                                  Participant.family_name, Organisation.name)
                           .outerjoin(Organisation, Organisation.id == Participant.organisation_id)
                           .where(Participant.cohort_id == cohort_id)
                           .order_by(Participant.family_name, Participant.given_name,
                                     Participant.id)).all()
        marks = {(pid, eid, sid): (st, note) for pid, eid, sid, st, note in s.execute(
            select(Attendance.participant_id, Attendance.event_id, Attendance.session_id,
                   Attendance.status, Attendance.note).join(Participant)
            .where(Participant.cohort_id == cohort_id))}

    def rows() -> Iterator[Record]:
        for pid, puuid, given, family, org in people:
            person = f"{given} {family}".strip()
            for ps in sessions:
                st, note = marks.get((pid, ps["event_id"], ps["id"]), ("", ""))
                yield {"key": f"{puuid}:{ps['uuid']}", "person": person,
                       "organisation": org or "", "event": ps["event"], "date": ps["date"],
                       "session": ps["title"], "mark": st, "note": note, "pid": pid,
                       "sid": ps["id"]}
    return sessions, rows()


def _insight_source(rec: Record) -> str:
    return rec["source_kind"] + (f": {rec['event']}" if rec.get("event") else "")


def learning_book(db: Database, cohort_id: int) -> Record:
    """The cohort workbook's insights and pulse trends. Only shareable insights go out, by
    level, each quote as consent.shown_quote allows (none from a diary, none of a person who
    does not share)."""
    order = {lv: n for n, lv in enumerate(insights.LEVELS)}
    sharing = consent.sharing_now(db, cohort_id)
    found = sorted((r for r in insights.list_insights(db, cohort_id) if r["shareable"]),
                   key=lambda r: order.get(r["level"], len(order)))
    rows = [{"level": r["level"], "title": r["title"], "text": r["text"], "themes": r["themes"],
             "source": _insight_source(r),
             "quote": consent.shown_quote(r, sharing)} for r in found]
    survey = pulse.get_survey(db, cohort_id)
    points = []
    if survey is not None:
        by_key = trends.trends(db, cohort_id)
        for q in survey["questions"]:
            for wp in by_key.get(q["key"], []):
                points.append({"question": q["prompt"], "week": wp.week,
                               "starts": pulse.week_start(survey["start_date"], wp.week),
                               "answers": wp.answers, "median": wp.median, "lower": wp.lower,
                               "upper": wp.upper, "lowest": wp.lowest, "highest": wp.highest})
    return {"insights": rows, "pulse_trends": points}
