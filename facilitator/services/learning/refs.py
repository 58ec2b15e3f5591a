"""Checks that a record's links point at rows of the same cohort, and the labelled choices
for them (what a form's drop-downs offer)."""

from __future__ import annotations

from sqlalchemy import select

from facilitator.models import DiaryEntry, Event, Experiment, Participant, RuleEntry
from facilitator.services.errors import ValidationError
from facilitator.store.database import Database

LINKS = {  # field -> (model, noun)
    "participant_id": (Participant, "participant"),
    "rule_id": (RuleEntry, "rule"),
    "event_id": (Event, "event"),
    "experiment_id": (Experiment, "experiment"),
    "diary_id": (DiaryEntry, "diary entry"),
}


def check_links(s, cohort_id: int, data: dict) -> None:
    problems = {}
    for name, (model, noun) in LINKS.items():
        ref = data.get(name)
        if ref is None:
            continue
        row = s.get(model, ref)
        if row is None or row.cohort_id != cohort_id:
            problems[name] = f"That {noun} is not in this cohort (it may have been deleted)."
    if problems:
        raise ValidationError(problems)


def _name(given: str, family: str) -> str:
    return f"{given} {family}".strip()


def choices(db: Database, cohort_id: int) -> dict[str, list[tuple[str, int]]]:
    """Ref kind -> [(label, id)] for the cohort: participants, rules (with whose), events,
    experiments, and diary entries whose writer gave permission to use them."""
    with db.read() as s:
        people = s.execute(select(Participant.id, Participant.given_name, Participant.family_name)
                           .where(Participant.cohort_id == cohort_id)
                           .order_by(Participant.given_name, Participant.family_name)).all()
        names = {pid: _name(g, f) for pid, g, f in people}
        rules = s.execute(select(RuleEntry.id, RuleEntry.participant_id, RuleEntry.rule)
                          .where(RuleEntry.cohort_id == cohort_id)
                          .order_by(RuleEntry.participant_id, RuleEntry.id)).all()
        events = s.execute(select(Event.id, Event.title, Event.start_date)
                           .where(Event.cohort_id == cohort_id).order_by(Event.start_date)).all()
        experiments = s.execute(select(Experiment.id, Experiment.participant_id, Experiment.title)
                                .where(Experiment.cohort_id == cohort_id)
                                .order_by(Experiment.participant_id, Experiment.id)).all()
        diaries = s.execute(select(DiaryEntry.id, DiaryEntry.participant_id, DiaryEntry.written_on)
                            .where(DiaryEntry.cohort_id == cohort_id, DiaryEntry.may_use)
                            .order_by(DiaryEntry.participant_id, DiaryEntry.written_on)).all()
    return {
        "participants": [(names[pid], pid) for pid, *_ in people],
        "rules": [(f"{names.get(pid, '?')}: {rule[:70]}", rid) for rid, pid, rule in rules],
        "events": [(f"{title} ({day:%d %b %Y})", eid) for eid, title, day in events],
        "experiments": [(f"{names.get(pid, '?')}: {title[:70]}", xid) for xid, pid, title in experiments],
        "diaries": [(f"{names.get(pid, '?')}: {day:%d %b %Y}" if day else names.get(pid, "?"), did)
                    for did, pid, day in diaries],
    }
