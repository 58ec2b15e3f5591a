"""Built-in cards: one TOML file per card in resources/tools/, loaded into the database on first
run and again whenever a card's content version rises. A card the user has edited is the
user's version and is never overwritten; "reset to built-in" brings the shipped text back."""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path
from typing import Any

from sqlalchemy import select

from facilitator.models import Tool
from facilitator.resources import resource
from facilitator.services.changes import Changes
from facilitator.services.errors import NotFound, ServiceError, ValidationError
from facilitator.services.library.cards import check_card
from facilitator.services.library.tools import CHANGES, _get, write_card
from facilitator.store.database import Database
from facilitator.store.errors import Conflict


class BuiltinCardError(ServiceError):
    pass


def tools_dir() -> Path:
    return resource("tools")


def load_card_file(path: Path) -> dict[str, Any]:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise BuiltinCardError(f"{path.name}: cannot be read as TOML ({exc}).") from exc
    try:
        card = check_card(raw, where=path.name)
    except ValidationError as exc:
        raise BuiltinCardError(str(exc)) from exc
    if card["key"] != path.stem:
        raise BuiltinCardError(f"{path.name}: key {card['key']!r} must match the file name.")
    return card


@functools.lru_cache(maxsize=4)
def _load_all(folder: str, stamp: tuple) -> dict[str, dict[str, Any]]:
    return {p.stem: load_card_file(p) for p in sorted(Path(folder).glob("*.toml"))}


def builtin_cards(folder: Path | None = None) -> dict[str, dict[str, Any]]:
    """key -> checked card, for every shipped file (cached until a file changes)."""
    folder = folder or tools_dir()
    files = sorted(folder.glob("*.toml"))
    stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in files)
    return _load_all(str(folder), stamp)


def sync_builtin_cards(db: Database, folder: Path | None = None) -> Changes:
    """Add new built-in cards and update unedited ones whose content version rose."""
    try:
        return _sync(db, builtin_cards(folder))
    except Conflict:  # another process or thread added the same cards at the same moment
        return _sync(db, builtin_cards(folder))


def _sync(db: Database, cards: dict[str, dict[str, Any]]) -> Changes:
    touched = False
    with db.session() as s:
        existing = {t.key: t for t in s.scalars(select(Tool).where(Tool.key.in_(list(cards))))}
        for key, card in cards.items():
            obj = existing.get(key)
            if obj is None:
                obj = Tool(key=key, builtin=True, builtin_version=card["version"])
                write_card(obj, card)
                s.add(obj)
                touched = True
            elif obj.builtin and not obj.user_modified and obj.builtin_version < card["version"]:
                write_card(obj, card)
                obj.builtin_version = card["version"]
                touched = True
    return CHANGES if touched else Changes()


def reset_to_builtin(db: Database, tool_id: int, folder: Path | None = None) -> Changes:
    """Put the shipped text back on a built-in card (undo with tools.put_state)."""
    with db.session() as s:
        obj = _get(s, tool_id)
        card = builtin_cards(folder).get(obj.key) if obj.builtin else None
        if card is None:
            raise NotFound(f"{obj.name!r} is not a built-in card, so there is nothing to reset to.")
        write_card(obj, card)
        obj.builtin_version = card["version"]
        obj.user_modified = False
    return CHANGES


def newer_builtin(rec: dict[str, Any]) -> int | None:
    """The shipped version of an edited built-in card, if it is newer than the one edited."""
    if not (rec.get("builtin") and rec.get("user_modified")):
        return None
    card = builtin_cards().get(rec["key"])
    return card["version"] if card and card["version"] > rec["builtin_version"] else None
