"""Tool packs: cards exchanged between facilitators as one JSON file with a schema version.

Reading checks everything before anything is written: size (before parsing), JSON, duplicate
object keys, schema version, every card's fields and types, duplicate card keys. Importing
merges by key in one transaction; conflicts (same key, different text) are reported first and
written only when told how to resolve them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select

from facilitator.fileio import InputFileError, read_input_file, write_atomically
from facilitator.models import Tool
from facilitator.services import snapshots
from facilitator.services.changes import Changes
from facilitator.services.errors import ServiceError, ValidationError
from facilitator.services.fields import name_key
from facilitator.services.library.cards import KEY_RE, check_card
from facilitator.services.library.tools import CHANGES, STATE_FLAGS, card_of, new_key, write_card
from facilitator.services.privacy import export_log
from facilitator.store.database import Database

FORMAT = "facilitator-tool-pack"
SCHEMA_VERSION = 1
MAX_PACK_BYTES = 5 * 1024 * 1024
MAX_CARDS = 2000
RESOLUTIONS = ("keep", "replace", "copy")


class PackError(ServiceError):
    title = "Cannot read that tool pack"


class ConflictError(ServiceError):
    title = "The tool pack has conflicts"


# export ----------------------------------------------------------------------------------------
def pack_cards(db: Database, keys: list[str] | None = None) -> list[dict[str, Any]]:
    with db.read() as s:
        stmt = select(Tool).order_by(Tool.key)
        if keys:
            stmt = stmt.where(Tool.key.in_(keys))
        cards = [card_of(t) for t in s.scalars(stmt)]
    missing = sorted(set(keys or []) - {c["key"] for c in cards})
    if missing:
        raise ServiceError(f"No card with the key(s): {', '.join(missing)}. Nothing was exported.")
    return cards


def export_pack(db: Database, path: Path, keys: list[str] | None = None) -> int:
    """Write the chosen cards (all when keys is empty) atomically; return how many."""
    cards = pack_cards(db, keys)
    pack = {
        "format": FORMAT, "schema_version": SCHEMA_VERSION,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"), "tools": cards,
    }
    write_atomically(Path(path), json.dumps(pack, ensure_ascii=False, indent=2).encode("utf-8"))
    export_log.log_export(db, "tool pack", path)
    return len(cards)


# reading -------------------------------------------------------------------------------------
def _no_duplicate_keys(pairs):
    seen = {}
    for k, v in pairs:
        if k in seen:
            raise PackError(f"The field {k!r} appears twice in the same object.")
        seen[k] = v
    return seen


def read_pack(path: Path) -> list[dict[str, Any]]:
    """Read and check a pack file; raise PackError saying why it cannot be used."""
    path = Path(path)
    try:
        data = read_input_file(path, max_bytes=MAX_PACK_BYTES, what="tool pack")
    except InputFileError as exc:
        raise PackError(f"{exc} Nothing was imported.") from None
    return parse_pack(data, path.name)


def parse_pack(data: bytes, name: str = "the pack") -> list[dict[str, Any]]:
    try:
        pack = json.loads(data.decode("utf-8"), object_pairs_hook=_no_duplicate_keys)
    except PackError as exc:
        raise PackError(f"{name}: {exc} Nothing was imported.") from None
    except UnicodeDecodeError:
        raise PackError(f"{name} is not a tool pack: it is not UTF-8 text. Nothing was imported.") from None
    except (json.JSONDecodeError, RecursionError) as exc:
        where = f" (line {exc.lineno}, column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise PackError(f"{name} is not a tool pack: it is not valid JSON{where}. Nothing was imported.") from None
    except ValueError:  # e.g. an integer of more than 4,300 digits
        raise PackError(f"{name} is not a tool pack: it holds a number too long to read. "
                        "Nothing was imported.") from None
    if not isinstance(pack, dict) or pack.get("format") != FORMAT:
        raise PackError(f"{name} is not a Facilitator tool pack (its 'format' is not {FORMAT!r}).")
    version = pack.get("schema_version")
    if type(version) is not int or version != SCHEMA_VERSION:  # true and 1.0 are not 1
        newer = type(version) is int and version > SCHEMA_VERSION
        raise PackError(
            f"{name} has schema version {version!r}; this version of Facilitator reads version "
            f"{SCHEMA_VERSION}." + (" It was made by a newer Facilitator." if newer else "")
            + " Nothing was imported."
        )
    tools = pack.get("tools")
    if not isinstance(tools, list) or not tools:
        raise PackError(f"{name}: 'tools' must be a list of at least one card. Nothing was imported.")
    if len(tools) > MAX_CARDS:
        raise PackError(f"{name} holds {len(tools):,} cards; the most is {MAX_CARDS:,}.")
    cards, problems, seen, names = [], [], set(), {}
    for n, raw in enumerate(tools, 1):
        key = raw.get("key") if isinstance(raw, dict) else None
        shown = key if isinstance(key, str) and KEY_RE.fullmatch(key) else repr(key)[:40]
        label = f"card {n}" + (f" ({shown})" if isinstance(key, str) else "")
        try:
            card = check_card(raw, where=label[:80])
        except ValidationError as exc:
            problems.extend(exc.problems.values())
            continue
        if card["key"] in seen:
            problems.append(f"{label}: the key {card['key']!r} appears more than once in the pack.")
        seen.add(card["key"])
        same = names.setdefault(name_key(card["name"]), label)
        if same != label:
            problems.append(f"{label}: the name {card['name']!r} is already used by {same} "
                            "(names are compared ignoring case and accent encoding).")
        cards.append(card)
    if problems:
        shown = problems[:12] + ([f"… and {len(problems) - 12} more."] if len(problems) > 12 else [])
        raise PackError(f"{name} has problems, so nothing was imported:\n" + "\n".join(shown))
    return cards


# importing -----------------------------------------------------------------------------------
@dataclass
class ImportPlan:
    new: list[str] = field(default_factory=list)  # keys
    same: list[str] = field(default_factory=list)
    conflicts: list[tuple[str, str, str]] = field(default_factory=list)  # key, ours, theirs
    same_name: list[tuple[str, str]] = field(default_factory=list)  # new key, our card's name

    def describe(self) -> str:
        lines = [f"{len(self.new)} new card(s), {len(self.same)} already here unchanged, "
                 f"{len(self.conflicts)} conflict(s)."]
        for key, ours, theirs in self.conflicts:
            lines.append(f"  conflict: {key}: ours {ours!r}, theirs {theirs!r} (different text)")
        for key, ours in self.same_name:
            lines.append(f"  note: new card {key} has the same name as your card {ours!r}")
        return "\n".join(lines)


@dataclass
class ImportResult:
    created: list[int] = field(default_factory=list)
    replaced: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # id, state before
    changes: Changes = field(default_factory=Changes)
    # Filled by undo_import, so redo_import brings back the same cards (same ids).
    created_rows: list[snapshots.Snapshot] = field(default_factory=list)
    replaced_after: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


def _content(card: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in card.items() if k != "version"}


def plan_import(db: Database, cards: list[dict[str, Any]]) -> ImportPlan:
    with db.read() as s:
        return _plan(s, cards)


def _plan(s, cards) -> ImportPlan:
    keys = [c["key"] for c in cards]
    ours = {t.key: t for t in s.scalars(select(Tool).where(Tool.key.in_(keys)))}
    plan = ImportPlan()
    by_name = {name_key(n): n for n in s.scalars(select(Tool.name))}
    for card in cards:
        obj = ours.get(card["key"])
        if obj is None:
            plan.new.append(card["key"])
            if name_key(card["name"]) in by_name:
                plan.same_name.append((card["key"], by_name[name_key(card["name"])]))
        elif _content(card_of(obj)) == _content(card):
            plan.same.append(card["key"])
        else:
            plan.conflicts.append((card["key"], obj.name, card["name"]))
    return plan


def apply_import(db: Database, cards: list[dict[str, Any]], on_conflict: str | None = None) -> ImportResult:
    """Write the pack in one transaction. With conflicts and no on_conflict, write nothing."""
    if on_conflict is not None and on_conflict not in RESOLUTIONS:
        raise ServiceError(f"on_conflict must be one of {', '.join(RESOLUTIONS)}.")
    result = ImportResult()
    with db.session() as s:
        plan = _plan(s, cards)
        if plan.conflicts and on_conflict is None:
            raise ConflictError(plan.describe() + "\nNothing was imported; choose keep, replace or copy.")
        conflicts = {k for k, _o, _t in plan.conflicts}
        for card in cards:
            key = card["key"]
            if key in plan.new or (key in conflicts and on_conflict == "copy"):
                obj = Tool(key=key if key in plan.new else new_key(s, card["name"]), builtin=False)
                obj.builtin_version = 0
                write_card(obj, card)
                if key not in plan.new:
                    obj.name = (card["name"][:108] + " (imported)")
                s.add(obj)
                s.flush()
                result.created.append(obj.id)
            elif key in conflicts and on_conflict == "replace":
                obj = s.scalar(select(Tool).where(Tool.key == key))
                before = _state(obj)
                write_card(obj, card)
                if obj.builtin:
                    obj.user_modified = True
                result.replaced.append((obj.id, before))
    if result.created or result.replaced:
        result.changes = CHANGES
    return result


def undo_import(db: Database, result: ImportResult) -> Changes:
    """Take an import back; keeps what it removes so redo_import can put it back."""
    with db.session() as s:
        result.created_rows = [snapshots.capture(s, "tools", i) for i in result.created
                               if s.get(Tool, i) is not None]
        s.expunge_all()
        if result.created:
            s.execute(delete(Tool.__table__).where(Tool.__table__.c.id.in_(result.created)))
        result.replaced_after = []
        for tool_id, before in result.replaced:
            obj = s.get(Tool, tool_id)
            if obj is not None:
                result.replaced_after.append((tool_id, _state(obj)))
                _put(obj, before)
    return CHANGES


def redo_import(db: Database, result: ImportResult) -> Changes:
    """Do an undone import again: the same cards with the same ids."""
    with db.session() as s:
        for snap in result.created_rows:
            snapshots.restore(s, snap)
        for tool_id, after in result.replaced_after:
            obj = s.get(Tool, tool_id)
            if obj is not None:
                _put(obj, after)
    return CHANGES


def _state(obj: Tool) -> dict[str, Any]:
    return {"card": card_of(obj)} | {f: getattr(obj, f) for f in STATE_FLAGS}


def _put(obj: Tool, state: dict[str, Any]) -> None:
    write_card(obj, state["card"])
    for f in STATE_FLAGS:
        setattr(obj, f, state[f])
