"""Event templates: an event's days, sessions and items saved for reuse.

The built-in templates are JSON files in resources/templates/; saved ones are rows of
event_templates holding the same JSON:

    {"name", "description", "kind", "days", "day_end": "17:30", "venue",
     "sessions": [{"day": 1, "title", "start": "09:30" or "", "objectives",
                   "facilitator_notes", "items": [{"title", "kind", "duration", "pinned",
                   "track", "lead", "method", "tool_key", "materials", "instructions"}]}]}
"""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import func, select

from facilitator.models import AgendaItem, Event, EventTemplate, PlanSession
from facilitator.models.plan import EVENT_KINDS, ITEM_KINDS
from facilitator.resources import resource
from facilitator.services.changes import Changes, Result
from facilitator.services.errors import ValidationError
from facilitator.services.plans import deletes, form_values
from facilitator.services.plans.events import MAX_DAYS
from facilitator.services.plans.timing import parse_clock
from facilitator.services.records import Record, get_or_fail
from facilitator.store.database import Database

BUILTIN_PREFIX = "builtin:"
SAVED_PREFIX = "saved:"


def _builtin_files():
    folder = resource("templates")
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def list_templates(db: Database) -> list[Record]:
    out = []
    for path in _builtin_files():
        data = json.loads(path.read_text(encoding="utf-8"))
        out.append({"key": BUILTIN_PREFIX + path.stem, "name": data["name"],
                    "description": data.get("description", ""), "builtin": True,
                    "days": data.get("days", 1)})
    with db.read() as s:
        for t in s.scalars(select(EventTemplate).order_by(EventTemplate.name)):
            data = json.loads(t.content)
            out.append({"key": f"{SAVED_PREFIX}{t.id}", "id": t.id, "name": t.name,
                        "description": t.description, "builtin": False,
                        "days": data.get("days", 1)})
    return out


def load_template(db: Database, key: str) -> dict:
    if key.startswith(BUILTIN_PREFIX):
        name = key[len(BUILTIN_PREFIX):]
        path = next((p for p in _builtin_files() if p.stem == name), None)
        if path is None:
            raise ValidationError({"template": f"There is no built-in template {name!r}."})
        data = json.loads(path.read_text(encoding="utf-8"))
    elif key.startswith(SAVED_PREFIX) and key[len(SAVED_PREFIX):].isdigit():
        with db.read() as s:
            t = get_or_fail(s, EventTemplate, int(key[len(SAVED_PREFIX):]), "template")
            data = json.loads(t.content)
    else:
        raise ValidationError({"template": "Choose a template from the list."})
    check_template(data)
    return data


def check_template(data: dict) -> None:
    """Raise ValidationError naming the first thing wrong with a template's content."""
    def bad(where: str, what: str):
        raise ValidationError({"template": f"The template is damaged: {where} {what}."})

    if not isinstance(data, dict) or not isinstance(data.get("sessions"), list):
        bad("it", "has no list of sessions")
    days = data.get("days", 1)
    if not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        bad("its number of days", f"must be 1 to {MAX_DAYS}")
    if data.get("kind", "other") not in EVENT_KINDS:
        bad("its kind", f"must be one of {', '.join(EVENT_KINDS)}")
    for n, ps in enumerate(data["sessions"], 1):
        where = f"session {n}"
        if not isinstance(ps, dict) or not str(ps.get("title", "")).strip():
            bad(where, "has no title")
        if not isinstance(ps.get("day"), int) or not 1 <= ps["day"] <= days:
            bad(where, f"must be on day 1 to {days}")
        for m, it in enumerate(ps.get("items", []), 1):
            w = f"item {m} of {where}"
            if not isinstance(it, dict) or not str(it.get("title", "")).strip():
                bad(w, "has no title")
            if it.get("kind", "activity") not in ITEM_KINDS:
                bad(w, f"has an unknown kind {it.get('kind')!r}")
            d = it.get("duration", 0)
            if isinstance(d, bool) or not isinstance(d, int) or not 0 <= d <= 1440:
                bad(w, "needs a duration of 0 to 1440 minutes")


def _time(text: str | None) -> int | None:
    return parse_clock(text) if text else None


def create_from_template(db: Database, cohort_id: int, key: str, start_date,
                         title: str = "") -> Result:
    """A new event on `start_date` with the template's sessions and items."""
    data = load_template(db, key)
    if start_date is None:
        raise ValidationError({"start_date": "Choose the event's first day."})
    try:
        day_end = _time(data.get("day_end"))
        starts = [_time(ps.get("start")) for ps in data["sessions"]]
        pins = [[_time(it.get("pinned")) for it in ps.get("items", [])] for ps in data["sessions"]]
    except ValueError as exc:
        raise ValidationError({"template": f"The template has a time that {exc}."}) from None
    with db.session() as s:
        ev = Event(cohort_id=cohort_id, title=(title.strip() or data["name"])[:160],
                   kind=data.get("kind", "other"), venue=data.get("venue", ""),
                   address=data.get("address", ""), notes=data.get("description", ""),
                   start_date=start_date,
                   end_date=start_date + timedelta(days=data.get("days", 1) - 1),
                   day_end_minutes=day_end)
        s.add(ev)
        s.flush()
        order: dict[int, int] = {}
        for ps, start, ps_pins in zip(data["sessions"], starts, pins, strict=True):
            day = ps["day"]
            row = PlanSession(event_id=ev.id, day=start_date + timedelta(days=day - 1),
                              position=order.get(day, 0), start_minutes=start,
                              title=ps["title"][:160], objectives=ps.get("objectives", ""),
                              facilitator_notes=ps.get("facilitator_notes", ""))
            order[day] = order.get(day, 0) + 1
            s.add(row)
            s.flush()
            s.add_all(AgendaItem(
                session_id=row.id, position=k, title=it["title"][:160],
                kind=it.get("kind", "activity"), duration_minutes=it.get("duration", 0),
                pinned_minutes=pin, track=it.get("track", ""), lead=it.get("lead", ""),
                method=it.get("method", ""), tool_key=it.get("tool_key") or None,
                materials=it.get("materials", ""), instructions=it.get("instructions", ""),
            ) for k, (it, pin) in enumerate(zip(ps.get("items", []), ps_pins, strict=True)))
        new_id = ev.id
    return Result(new_id, Changes.of("events", "plan_sessions", "agenda_items",
                                     cohort_id=cohort_id))


def _clock_text(minutes: int | None) -> str:
    return form_values.time_to_form(minutes)


def event_to_template(db: Database, event_id: int, name: str, description: str = "") -> dict:
    with db.read() as s:
        ev = get_or_fail(s, Event, event_id, "event")
        sessions = []
        for ps in ev.sessions:
            sessions.append({
                "day": (ps.day - ev.start_date).days + 1, "title": ps.title,
                "start": _clock_text(ps.start_minutes), "objectives": ps.objectives,
                "facilitator_notes": ps.facilitator_notes,
                "items": [{"title": it.title, "kind": it.kind, "duration": it.duration_minutes,
                           "pinned": _clock_text(it.pinned_minutes), "track": it.track,
                           "lead": it.lead, "method": it.method, "tool_key": it.tool_key,
                           "materials": it.materials, "instructions": it.instructions}
                          for it in ps.items],
            })
        return {"name": name, "description": description or ev.notes, "kind": ev.kind,
                "days": (ev.end_date - ev.start_date).days + 1,
                "day_end": _clock_text(ev.day_end_minutes), "venue": ev.venue,
                "address": ev.address, "sessions": sessions}


def _clean_name(name: str | None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": "Give the template a name."})
    if len(name) > 160:
        raise ValidationError({"name": "The template's name is too long (160 characters at most)."})
    return name


def _refuse_taken(s, name: str, template_id: int | None = None) -> None:
    query = select(func.count()).where(func.lower(EventTemplate.name) == name.lower())
    if template_id is not None:
        query = query.where(EventTemplate.id != template_id)
    if s.scalar(query):
        raise ValidationError({"name": f"There is already a template called {name!r}."})


def check_name(db: Database, name: str, template_id: int | None = None) -> str:
    """The name tidied, or a ValidationError if it is empty, too long or taken by another
    saved template (so a form can show it before anything is written)."""
    name = _clean_name(name)
    with db.read() as s:
        _refuse_taken(s, name, template_id)
    return name


def save_as_template(db: Database, event_id: int, name: str, description: str = "") -> Result:
    name = _clean_name(name)
    content = event_to_template(db, event_id, name, description)
    with db.session() as s:
        _refuse_taken(s, name)
        t = EventTemplate(name=name, description=content["description"],
                          content=json.dumps(content, ensure_ascii=False))
        s.add(t)
        s.flush()
        new_id = t.id
    return Result(new_id, Changes.of("event_templates"))


def rename_template(db: Database, template_id: int, name: str) -> Changes:
    """Rename a saved template (built-in ones are files and keep their names). The name inside
    its content changes too, so an event made from it later carries the new name."""
    name = _clean_name(name)
    with db.session() as s:
        t = get_or_fail(s, EventTemplate, template_id, "template")
        _refuse_taken(s, name, template_id)
        content = json.loads(t.content)
        content["name"] = name
        t.name = name
        t.content = json.dumps(content, ensure_ascii=False)
    return Changes.of("event_templates")


def delete_template(db: Database, template_id: int):
    return deletes.delete_row(db, EventTemplate, template_id, "template")


def restore_template(db: Database, snap) -> Changes:
    return deletes.restore_rows(db, snap, None)
