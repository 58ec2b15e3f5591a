"""An event's plan as plain data: days, sessions, items with computed clock times and every
problem the timing found. The timing itself is facilitator.services.plans.timing (no database)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select

from facilitator.models import AgendaItem, Event, PlanSession
from facilitator.services.plans import agenda, events, sessions
from facilitator.services.plans.timing import SessionPlan, Slot, TimedDay, time_day
from facilitator.services.records import Record, get_or_fail
from facilitator.store.database import Database


def _load(s, event_ids: list[int]):
    rows = s.scalars(select(PlanSession).where(PlanSession.event_id.in_(event_ids))
                     .order_by(PlanSession.day, PlanSession.position, PlanSession.id)).all()
    items = s.scalars(select(AgendaItem).join(PlanSession)
                      .where(PlanSession.event_id.in_(event_ids))
                      .order_by(AgendaItem.session_id, AgendaItem.position, AgendaItem.id)).all()
    by_session: dict[int, list[AgendaItem]] = {}
    for it in items:
        by_session.setdefault(it.session_id, []).append(it)
    return rows, by_session


def event_plan(db: Database, event_id: int) -> Record:
    with db.read() as s:
        ev = get_or_fail(s, Event, event_id, "event")
        rows, by_session = _load(s, [event_id])
        return _plan(ev, rows, by_session)


def cohort_plans(db: Database, cohort_id: int) -> list[Record]:
    """Every event of a cohort, timed (for calendars and overviews)."""
    with db.read() as s:
        evs = s.scalars(select(Event).where(Event.cohort_id == cohort_id)
                        .order_by(Event.start_date, Event.id)).all()
        rows, by_session = _load(s, [e.id for e in evs])
        per_event: dict[int, list[PlanSession]] = {}
        for ps in rows:
            per_event.setdefault(ps.event_id, []).append(ps)
        return [_plan(e, per_event.get(e.id, []), by_session) for e in evs]


def _plan(ev: Event, rows: list[PlanSession], by_session: dict) -> Record:
    days: dict[date, list[PlanSession]] = {}
    d = ev.start_date
    while d <= ev.end_date:
        days[d] = []
        d += timedelta(days=1)
    for ps in rows:
        days.setdefault(ps.day, []).append(ps)
    out_days = []
    for k, (day, day_sessions) in enumerate(sorted(days.items())):
        plans = [SessionPlan(ps.start_minutes, [_slot(it) for it in by_session.get(ps.id, [])],
                             ps.title) for ps in day_sessions]
        timed = time_day(plans, ev.day_end_minutes)
        out_days.append(_day(k, day, ev, day_sessions, by_session, timed))
    rec = events.to_record(ev)
    rec["days_plan"] = out_days
    rec["problems"] = sum(len(dd["problems"]) + sum(len(x["problems"]) for x in dd["sessions"])
                          for dd in out_days)
    return rec


def _slot(it: AgendaItem) -> Slot:
    return Slot(it.duration_minutes, it.pinned_minutes, it.track, it.title, it.nudge_minutes)


def _day(k: int, day: date, ev: Event, day_sessions, by_session, timed: TimedDay) -> Record:
    problems = [p.message for p in timed.problems]
    if not ev.start_date <= day <= ev.end_date:
        problems.insert(0, "This day is outside the event's dates.")
    out_sessions = []
    for ps, ts in zip(day_sessions, timed.sessions, strict=True):
        rec = sessions.to_record(ps)
        rec.update(start_at=ts.start, end_at=ts.end, minutes=ts.minutes)
        item_problems: dict[int, list[str]] = {}
        for p in ts.problems:
            if p.item is not None:
                item_problems.setdefault(p.item, []).append(p.message)
        items = []
        for i, it in enumerate(by_session.get(ps.id, [])):
            r = agenda.to_record(it)
            r.update(start_at=ts.starts[i], end_at=ts.ends[i],
                     in_block=ts.block_of[i] != i, problems=item_problems.get(i, []))
            items.append(r)
        rec["items"] = items
        rec["problems"] = [p.message for p in ts.problems]
        out_sessions.append(rec)
    return {"index": k, "date": day, "sessions": out_sessions, "start_at": timed.start,
            "end_at": timed.end, "minutes": timed.minutes, "problems": problems,
            "label": f"Day {k + 1} · {day:%a %d %b}"}


def now_and_next(plan: Record, now: datetime) -> Record:
    """Running the day: the item on now, the next one and the minutes left, for `now`'s date
    (or for the event's first day when `now` is not one of its days: a rehearsal)."""
    days = plan["days_plan"]
    day = next((d for d in days if d["date"] == now.date()), days[0] if days else None)
    out = {"day": day, "rehearsal": day is None or day["date"] != now.date(), "now": None,
           "next": None, "left": None, "after_end": False}
    if day is None:
        return out
    minute = now.hour * 60 + now.minute
    line = [it for ps in day["sessions"] for it in ps["items"] if not it["in_block"]]
    for k, it in enumerate(line):
        if it["start_at"] <= minute < it["end_at"]:
            out["now"] = it
            out["left"] = it["end_at"] - minute
            out["next"] = line[k + 1] if k + 1 < len(line) else None
            break
        if it["start_at"] > minute:
            out["next"] = it
            break
    if line and out["now"] is None and out["next"] is None and minute >= line[-1]["end_at"]:
        out["after_end"] = True
    return out
