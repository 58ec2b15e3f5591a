"""Agenda items: create, edit, reorder, move between sessions, duplicate, live nudges."""

from __future__ import annotations

import json

from sqlalchemy import select

from facilitator.models import AgendaItem, Event, PlanSession
from facilitator.models.plan import ITEM_KINDS
from facilitator.services.changes import Changes, Result
from facilitator.services.errors import ValidationError
from facilitator.services.fields import FieldSpec, clean
from facilitator.services.plans import deletes, form_values
from facilitator.services.plans.events import ITEM_COLUMNS
from facilitator.services.records import Record, get_or_fail
from facilitator.store.database import Database

FIELDS = (
    FieldSpec("title", "Title", required=True, max_length=160),
    FieldSpec("kind", "Kind", kind="choice", choices=ITEM_KINDS, required=True),
    FieldSpec("duration", "Minutes", required=True, max_length=6,
              help="How long it lasts. 0 is allowed, for pre-work."),
    FieldSpec("pinned", "Pinned start", max_length=8,
              help="A time like 12:30 that this item keeps however the items before it move. "
                   "Leave empty to follow the item before it."),
    FieldSpec("track", "Parallel track", max_length=80,
              help="Breakout groups: items with a track run side by side in the slot of the "
                   "item just before them."),
    FieldSpec("lead", "Lead facilitator", max_length=120),
    FieldSpec("method", "Method or tool", max_length=160,
              help="The name of a tool from the library, or any method."),
    FieldSpec("materials", "Materials", kind="multiline", max_length=5000),
    FieldSpec("instructions", "Instructions", kind="multiline", max_length=20_000),
)
TEXT_COLUMNS = ("title", "kind", "track", "lead", "method", "materials", "instructions")
TOOL_MIME = "application/x-facilitator-tool"
KINDS = ("agenda_items",)


def to_record(it: AgendaItem) -> Record:
    rec = {"id": it.id, "uuid": it.uuid, "session_id": it.session_id, "position": it.position,
           "duration": str(it.duration_minutes), "duration_minutes": it.duration_minutes,
           "pinned": form_values.time_to_form(it.pinned_minutes), "pinned_minutes": it.pinned_minutes,
           "nudge_minutes": it.nudge_minutes, "tool_key": it.tool_key}
    rec.update({c: getattr(it, c) for c in TEXT_COLUMNS})
    return rec


def validate(values: Record) -> dict:
    """Check a whole form's values without saving: raises ValidationError naming each field."""
    return _columns(values, partial=False)


def _columns(values: Record, *, partial: bool) -> dict:
    data = clean(FIELDS, values, partial=partial)
    problems: dict[str, str] = {}
    out = {k: v for k, v in data.items() if k not in ("duration", "pinned")}
    if "duration" in data:
        out["duration_minutes"] = form_values.minutes_from_form(problems, "duration", "Minutes",
                                                       data["duration"])
    if "pinned" in data:
        out["pinned_minutes"] = form_values.time_from_form(problems, "pinned", "Pinned start",
                                                  data["pinned"])
    if "tool_key" in values:
        key = values["tool_key"]
        out["tool_key"] = str(key).strip()[:80] or None if key else None
    form_values.raise_if(problems)
    return out


def _ordered(s, session_id: int) -> list[AgendaItem]:
    return list(s.scalars(select(AgendaItem).where(AgendaItem.session_id == session_id)
                          .order_by(AgendaItem.position, AgendaItem.id)))


def _renumber(items: list[AgendaItem]) -> None:
    for k, it in enumerate(items):
        if it.position != k:
            it.position = k


def _cohort(ps: PlanSession) -> int:
    return ps.event.cohort_id


def get_item(db: Database, item_id: int) -> Record:
    with db.read() as s:
        return to_record(get_or_fail(s, AgendaItem, item_id, "agenda item"))


def create_item(db: Database, session_id: int, values: Record, position: int | None = None) -> Result:
    """Add an item at `position` (default: the end of the session)."""
    data = _columns(values, partial=False)
    with db.session() as s:
        ps = get_or_fail(s, PlanSession, session_id, "session")
        items = _ordered(s, session_id)
        it = AgendaItem(session_id=session_id, **data)
        s.add(it)
        at = len(items) if position is None else max(0, min(position, len(items)))
        items.insert(at, it)
        _renumber(items)
        s.flush()
        new_id, cohort_id = it.id, _cohort(ps)
    return Result(new_id, Changes.of(*KINDS, cohort_id=cohort_id))


def update_item(db: Database, item_id: int, values: Record) -> Changes:
    data = _columns(values, partial=True)
    with db.session() as s:
        it = get_or_fail(s, AgendaItem, item_id, "agenda item")
        for k, v in data.items():
            setattr(it, k, v)
        cohort_id = _cohort(it.session)
    return Changes.of(*KINDS, cohort_id=cohort_id)


def delete_item(db: Database, item_id: int):
    return deletes.delete_row(db, AgendaItem, item_id, "agenda item")


def restore(db: Database, snap, cohort_id: int | None) -> Changes:
    return deletes.restore_rows(db, snap, cohort_id)


def move_item(db: Database, item_id: int, session_id: int, position: int):
    """Put an item at `position` (0 = first) in `session_id`, which may be another session of
    the same cohort. Returns ((old session id, old position), Changes); moving it back there
    undoes the move exactly."""
    with db.session() as s:
        it = get_or_fail(s, AgendaItem, item_id, "agenda item")
        target = get_or_fail(s, PlanSession, session_id, "session")
        cohort_id = _cohort(it.session)
        if _cohort(target) != cohort_id:
            raise ValidationError({"session": "Items can only move to a session of the same cohort."})
        source = _ordered(s, it.session_id)
        old = (it.session_id, source.index(it))
        source.remove(it)
        items = source if session_id == it.session_id else _ordered(s, session_id)
        at = max(0, min(position, len(items)))
        items.insert(at, it)
        it.session_id = session_id
        _renumber(items)
        if items is not source:
            _renumber(source)
    return old, Changes.of(*KINDS, cohort_id=cohort_id)


def step_item(db: Database, item_id: int, delta: int):
    """Move an item up (-1) or down (+1) within its session; None if it is already at the end."""
    with db.read() as s:
        it = get_or_fail(s, AgendaItem, item_id, "agenda item")
        items = _ordered(s, it.session_id)
        at = next(k for k, o in enumerate(items) if o.id == item_id) + delta
        session_id = it.session_id
    if not 0 <= at < len(items):
        return None
    return move_item(db, item_id, session_id, at)


def duplicate_item(db: Database, item_id: int) -> Result:
    """A copy of the item right after it (without its live nudge)."""
    with db.session() as s:
        it = get_or_fail(s, AgendaItem, item_id, "agenda item")
        items = _ordered(s, it.session_id)
        copy = AgendaItem(session_id=it.session_id, **{c: getattr(it, c) for c in ITEM_COLUMNS})
        s.add(copy)
        items.insert(items.index(it) + 1, copy)
        _renumber(items)
        s.flush()
        new_id, cohort_id = copy.id, _cohort(it.session)
    return Result(new_id, Changes.of(*KINDS, cohort_id=cohort_id))


def tool_payload(raw: bytes | str) -> Record:
    """The values of a new item from a library tool dropped on an agenda (TOOL_MIME payload:
    JSON {"key", "name", "duration", "materials"}). Raises ValidationError on a bad payload."""
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise ValidationError({"tool": "The dropped tool could not be read."}) from None
    return values_from_tool(data)


def values_from_tool(data) -> Record:
    """A new item's values from a card's name, key, typical minutes and materials."""
    if not isinstance(data, dict) or not str(data.get("name") or "").strip():
        raise ValidationError({"tool": "The dropped tool has no name."})
    duration = data.get("duration", 0)
    if isinstance(duration, bool) or not isinstance(duration, int | float) or duration < 0:
        raise ValidationError({"tool": "The dropped tool's duration is not a number of minutes."})
    name = str(data["name"]).strip()
    return {"title": name[:160], "kind": "activity", "duration": str(int(duration)),
            "method": name[:160], "materials": str(data.get("materials") or ""),
            "tool_key": str(data.get("key") or "").strip()[:80] or None}


def link_tool(db: Database, item_id: int, key: str | None, *, take_defaults: bool = True):
    """Point an agenda item at a library card (or at none, with key=None).

    With take_defaults the item also takes the card's typical minutes and, where the card
    lists any, its materials. Returns the item's previous values (for undo) and the change."""
    from facilitator.services.library.tools import tool_defaults

    before = get_item(db, item_id)
    if key is None:
        values: Record = {"tool_key": None, "method": ""}
    else:
        card = values_from_tool(tool_defaults(db, key))
        values = {"tool_key": card["tool_key"], "method": card["method"]}
        if take_defaults:
            values["duration"] = card["duration"]
            if card["materials"]:
                values["materials"] = card["materials"]
    changes = update_item(db, item_id, values)
    return {k: before[k] for k in values}, changes


def nudge_item(db: Database, item_id: int, delta: int) -> Changes:
    """Running the day: the item takes `delta` more (or fewer) minutes than planned; everything
    after it re-times. The plan's own minutes are kept, so the nudge can be cleared."""
    with db.session() as s:
        it = get_or_fail(s, AgendaItem, item_id, "agenda item")
        if it.duration_minutes + it.nudge_minutes + delta < 0:
            raise ValidationError({"nudge": f"{it.title!r} cannot be shortened below 0 minutes."})
        it.nudge_minutes += delta
        cohort_id = _cohort(it.session)
    return Changes.of(*KINDS, cohort_id=cohort_id)


def set_nudges(db: Database, event_id: int, nudges: dict[int, int] | None = None):
    """Set the live nudges of an event's items (None: clear them all). Returns the previous
    nudges ({item id: minutes}, only those not 0) for undo, and the Changes."""
    with db.session() as s:
        ev = get_or_fail(s, Event, event_id, "event")
        items = s.scalars(select(AgendaItem).join(PlanSession)
                          .where(PlanSession.event_id == event_id))
        before = {}
        for it in items:
            if it.nudge_minutes:
                before[it.id] = it.nudge_minutes
            it.nudge_minutes = (nudges or {}).get(it.id, 0)
        cohort_id = ev.cohort_id
    return before, Changes.of(*KINDS, cohort_id=cohort_id)
