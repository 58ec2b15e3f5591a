"""Undoable plan edits, built on facilitator.ui.undo (every one calls services only)."""

from __future__ import annotations

from collections.abc import Callable

from facilitator.ui import undo


def create(ctx, text: str, make: Callable, delete: Callable, restore: Callable) -> int | None:
    """make() -> Result; delete(id) -> (snapshot, Changes); restore(snapshot) -> Changes.
    Like undo.add, with the undo text given in full ("Duplicate session")."""
    state: dict = {}

    def do():
        result = make()
        state["id"] = result.id
        return result.changes

    def undo_():
        state["snap"], changes = delete(state["id"])
        return changes

    return state["id"] if undo.perform(ctx, text, do, undo_, lambda: restore(state["snap"])) else None


def move(ctx, text: str, move_fn: Callable, item_id: int, session_id: int, position: int) -> bool:
    """move_fn(item_id, session_id, position) -> ((old session, old position), Changes)."""
    state: dict = {}

    def do():
        state["old"], changes = move_fn(item_id, session_id, position)
        return changes

    return undo.perform(ctx, text, do, lambda: move_fn(item_id, *state["old"])[1])


def set_value(ctx, text: str, setter: Callable, before, after) -> bool:
    """setter(value) -> Changes, for edits whose undo is setting the old value back."""
    return undo.perform(ctx, text, lambda: setter(after), lambda: setter(before))
