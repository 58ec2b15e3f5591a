"""Undoable edits: each QUndoCommand calls services, never touches widgets.

An edit is done once, outside the stack, so a validation error can be shown before anything
is pushed; the pushed command then skips its first redo()."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from facilitator.services.changes import Changes
from facilitator.services.errors import ServiceError
from facilitator.store.errors import StoreError

Step = Callable[[], Changes]


class ServiceCommand(QUndoCommand):
    def __init__(self, ctx, text: str, redo: Step, undo: Step):
        super().__init__(text)
        self._ctx = ctx
        self._redo = redo
        self._undo = undo
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._apply(self._redo)

    def undo(self) -> None:
        self._apply(self._undo)

    def _apply(self, step: Step) -> None:
        try:
            self._ctx.broadcast(step())
        except (ServiceError, StoreError) as exc:
            self.setObsolete(True)
            self._ctx.show_error(exc)


def perform(ctx, text: str, do: Step, undo: Step, redo: Step | None = None) -> bool:
    """Do an edit now; if it worked, push it for undo. Returns whether it worked."""
    try:
        changes = do()
    except (ServiceError, StoreError) as exc:
        ctx.show_error(exc)
        return False
    ctx.undo_stack.push(ServiceCommand(ctx, text, redo or do, undo))
    ctx.broadcast(changes)
    return True


def add(ctx, noun: str, create: Callable, delete: Callable, restore: Callable) -> int | None:
    """create() -> Result; delete(id) -> (snapshot, Changes); restore(snapshot) -> Changes."""
    state: dict = {}

    def do() -> Changes:
        result = create()
        state["id"] = result.id
        return result.changes

    def undo() -> Changes:
        state["snap"], changes = delete(state["id"])
        return changes

    def redo() -> Changes:
        return restore(state["snap"])

    return state["id"] if perform(ctx, f"Add {noun}", do, undo, redo) else None


def edit(ctx, noun: str, update: Callable, record_id: int, before: dict, after: dict) -> bool:
    """update(id, values) -> Changes; undo writes `before` back."""
    changed = {k: v for k, v in after.items() if before.get(k) != v}
    if not changed:
        return True
    old = {k: before.get(k) for k in changed}
    return perform(
        ctx, f"Edit {noun}", lambda: update(record_id, changed), lambda: update(record_id, old)
    )


def remove(ctx, noun: str, delete: Callable, restore: Callable, record_id: int) -> bool:
    state: dict = {}

    def do() -> Changes:
        state["snap"], changes = delete(record_id)
        return changes

    return perform(ctx, f"Delete {noun}", do, lambda: restore(state["snap"]))
