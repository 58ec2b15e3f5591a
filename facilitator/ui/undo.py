"""Undoable edits: each QUndoCommand calls services, never touches widgets.

An edit is done once, outside the stack, so a validation error can be shown before anything
is pushed; the pushed command then skips its first redo().

If an undo or redo fails (the database is busy, say), the command stays on the stack and the
stack steps back to where it was, so the user can simply try again; only a command whose
record is gone for good (NotFound) is dropped."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoCommand

from facilitator.services.changes import Changes
from facilitator.services.errors import NotFound, ServiceError, ValidationError
from facilitator.store.errors import StoreError

Step = Callable[[], Changes]


class ServiceCommand(QUndoCommand):
    def __init__(self, ctx, text: str, redo: Step, undo: Step):
        super().__init__(text)
        self._ctx = ctx
        self._redo = redo
        self._undo = undo
        self._skip = True  # the first redo(): the edit was already done by perform()

    def redo(self) -> None:
        self._step(self._redo)

    def undo(self) -> None:
        self._step(self._undo)

    def _step(self, step: Step) -> None:
        if self._skip:
            self._skip = False
            return
        back_to = self._ctx.undo_stack.index()  # Qt moves the index after this call returns
        try:
            self._ctx.broadcast(step())
        except NotFound as exc:
            self.setObsolete(True)
            self._ctx.show_error(exc)
        except (ServiceError, StoreError) as exc:
            # Nothing changed: step the stack back without running the step again.
            self._skip = True
            QTimer.singleShot(0, lambda: self._ctx.undo_stack.setIndex(back_to))
            self._ctx.show_error(exc)


def perform(ctx, text: str, do: Step, undo: Step, redo: Step | None = None, *,
            inline_errors: bool = False) -> bool:
    """Do an edit now; if it worked, push it for undo. Returns whether it worked.

    With inline_errors, a ValidationError is raised to the caller (a FormDialog shows each
    message under its field) instead of being shown in a message box."""
    try:
        changes = do()
    except ValidationError as exc:
        if inline_errors:
            raise
        ctx.show_error(exc)
        return False
    except (ServiceError, StoreError) as exc:
        ctx.show_error(exc)
        return False
    ctx.undo_stack.push(ServiceCommand(ctx, text, redo or do, undo))
    ctx.broadcast(changes)
    return True


def add(ctx, noun: str, create: Callable, delete: Callable, restore: Callable, *,
        inline_errors: bool = False) -> int | None:
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

    ok = perform(ctx, f"Add {noun}", do, undo, redo, inline_errors=inline_errors)
    return state["id"] if ok else None


def edit(ctx, noun: str, update: Callable, record_id: int, before: dict, after: dict, *,
         inline_errors: bool = False) -> bool:
    """update(id, values) -> Changes; undo writes `before` back."""
    changed = {k: v for k, v in after.items() if before.get(k) != v}
    if not changed:
        return True
    old = {k: before.get(k) for k in changed}
    return perform(
        ctx, f"Edit {noun}", lambda: update(record_id, changed), lambda: update(record_id, old),
        inline_errors=inline_errors,
    )


def remove(ctx, noun: str, delete: Callable, restore: Callable, record_id: int) -> bool:
    state: dict = {}

    def do() -> Changes:
        state["snap"], changes = delete(record_id)
        return changes

    return perform(ctx, f"Delete {noun}", do, lambda: restore(state["snap"]))
