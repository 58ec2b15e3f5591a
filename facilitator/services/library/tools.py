"""Method cards in the database: read, create, edit, duplicate, delete, favourite.

Changes name the table, "tools". A built-in card cannot be deleted (it would come back with
the next content version); it can be edited, which makes the text the user's own."""

from __future__ import annotations

import json
import re
import uuid as uuidlib
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from facilitator.models import Tool
from facilitator.services import snapshots
from facilitator.services.changes import Changes, Result
from facilitator.services.errors import NotFound, ServiceError
from facilitator.services.library.cards import LISTS, TEXTS, typical_minutes
from facilitator.services.library.forms import card_to_form, form_to_card
from facilitator.services.library.usage import usage_counts
from facilitator.store.database import Database

KIND = "tools"
CHANGES = Changes.of(KIND)
# Everything put_state writes back (content and the flags an edit or reset changes).
STATE_FLAGS = ("builtin_version", "user_modified", "favourite")


def card_of(obj: Tool) -> dict[str, Any]:
    card: dict[str, Any] = {"key": obj.key, "version": max(obj.builtin_version, 1)}
    for name in TEXTS:
        card[name] = getattr(obj, name)
    for name in LISTS:
        card[name] = [line for line in getattr(obj, name).split("\n") if line]
    card["duration"] = {"min": obj.duration_min, "max": obj.duration_max}
    card["group_size"] = {"min": obj.group_min, "max": obj.group_max}
    card["steps"] = json.loads(obj.steps or "[]")
    return card


def write_card(obj: Tool, card: dict[str, Any]) -> None:
    for name in TEXTS:
        setattr(obj, name, card[name])
    for name in LISTS:
        setattr(obj, name, "\n".join(card[name]))
    obj.duration_min, obj.duration_max = card["duration"]["min"], card["duration"]["max"]
    obj.group_min, obj.group_max = card["group_size"]["min"], card["group_size"]["max"]
    obj.steps = json.dumps(card["steps"], ensure_ascii=False)


def record_of(obj: Tool, times_used: int = 0) -> dict[str, Any]:
    card = card_of(obj)
    return card | {
        "id": obj.id, "uuid": obj.uuid, "builtin": obj.builtin,
        "builtin_version": obj.builtin_version, "user_modified": obj.user_modified,
        "favourite": obj.favourite, "times_used": times_used,
        "typical_minutes": typical_minutes(card),
    }


def _get(s: Session, tool_id: int) -> Tool:
    obj = s.get(Tool, tool_id)
    if obj is None:
        raise NotFound("That card no longer exists.")
    return obj


def get_tool(db: Database, tool_id: int) -> dict[str, Any]:
    with db.read() as s:
        obj = _get(s, tool_id)
        return record_of(obj, usage_counts(s, [obj.key]).get(obj.key, 0))


def get_tool_form(db: Database, tool_id: int) -> dict[str, str]:
    return card_to_form(get_tool(db, tool_id))


def new_key(s: Session, name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:45].strip("-") or "card"
    while True:
        key = f"{slug}-{uuidlib.uuid4().hex[:6]}"
        if not s.scalar(select(func.count()).where(Tool.key == key)):
            return key


def create_tool(db: Database, values: dict[str, Any]) -> Result:
    """A new card of the user's own, from form values."""
    with db.session() as s:
        card = form_to_card(values, "new-card")  # checked now; its real key is made below
        obj = Tool(key=new_key(s, card["name"]), builtin=False, builtin_version=0)
        write_card(obj, card)
        s.add(obj)
        s.flush()
        return Result(obj.id, CHANGES)


def update_tool(db: Database, tool_id: int, values: dict[str, Any]) -> Changes:
    """Apply (possibly partial) form values; a built-in card becomes the user's version."""
    with db.session() as s:
        obj = _get(s, tool_id)
        card = form_to_card(card_to_form(card_of(obj)) | values, obj.key)
        write_card(obj, card)
        if obj.builtin:
            obj.user_modified = True
    return CHANGES


def tool_state(db: Database, tool_id: int) -> dict[str, Any]:
    """Content and flags of a card, for undo (put_state writes it back exactly)."""
    with db.read() as s:
        obj = _get(s, tool_id)
        return {"card": card_of(obj)} | {f: getattr(obj, f) for f in STATE_FLAGS}


def put_state(db: Database, tool_id: int, state: dict[str, Any]) -> Changes:
    with db.session() as s:
        obj = _get(s, tool_id)
        write_card(obj, state["card"])
        for f in STATE_FLAGS:
            setattr(obj, f, state[f])
    return CHANGES


def duplicate_tool(db: Database, tool_id: int) -> Result:
    with db.session() as s:
        src = _get(s, tool_id)
        card = card_of(src)
        card["name"] = (card["name"][:113] + " (copy)")
        obj = Tool(key=new_key(s, card["name"]), builtin=False, builtin_version=0)
        write_card(obj, card)
        s.add(obj)
        s.flush()
        return Result(obj.id, CHANGES)


def delete_tool(db: Database, tool_id: int) -> tuple[snapshots.Snapshot, Changes]:
    with db.session() as s:
        obj = _get(s, tool_id)
        if obj.builtin:
            raise ServiceError(
                f"{obj.name!r} is a built-in card, so it cannot be deleted. Edit it to make it "
                "your own, or duplicate it."
            )
        snap = snapshots.capture(s, KIND, tool_id)
        s.expunge(obj)
        s.execute(delete(Tool.__table__).where(Tool.__table__.c.id == tool_id))
    return snap, CHANGES


def restore_tools(db: Database, snap: snapshots.Snapshot) -> Changes:
    with db.session() as s:
        snapshots.restore(s, snap)
    return CHANGES


def set_favourite(db: Database, tool_id: int, favourite: bool) -> Changes:
    with db.session() as s:
        _get(s, tool_id).favourite = bool(favourite)
    return CHANGES


def tool_defaults(db: Database, key: str) -> dict[str, Any]:
    """What an agenda item takes from a card: its name, typical minutes and materials."""
    with db.read() as s:
        obj = s.scalar(select(Tool).where(Tool.key == key))
        if obj is None:
            raise NotFound(f"There is no card with the key {key!r} in the library.")
        return drag_payload(record_of(obj))


def drag_payload(rec: dict[str, Any]) -> dict[str, Any]:
    return {
        "key": rec["key"], "name": rec["name"], "duration": rec["typical_minutes"],
        "materials": "\n".join(rec["materials"]),
    }


def list_tool_choices(db: Database) -> list[tuple[str, str]]:
    """(name, key) of every card, by name, for a picker."""
    with db.read() as s:
        rows = s.execute(select(Tool.name, Tool.key).order_by(func.lower(Tool.name))).all()
        return [(name, key) for name, key in rows]
