"""AppContext: the open database, the undo stack, the current cohort and the change broadcast."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from facilitator.services.changes import Changes
from facilitator.services.errors import NotFound, ServiceError, ValidationError
from facilitator.store.errors import StoreError
from facilitator.ui import messages


class AppContext(QObject):
    """One per window. Views listen to `changed` and refresh what they show."""

    changed = Signal(object)  # Changes
    cohort_changed = Signal(object)  # int | None

    def __init__(self, db, parent: QObject | None = None):
        super().__init__(parent)
        self.db = db
        self.undo_stack = QUndoStack(self)
        self.cohort_id: int | None = None
        self.window: QWidget | None = None

    def set_cohort(self, cohort_id: int | None) -> None:
        if cohort_id != self.cohort_id:
            self.cohort_id = cohort_id
            self.cohort_changed.emit(cohort_id)

    def broadcast(self, changes: Changes | None) -> None:
        if changes:
            self.changed.emit(changes)

    def call(self, fn: Callable[..., Any], *args, parent: QWidget | None = None, **kwargs):
        """Run a service call; show its error in words and return None if it fails."""
        try:
            return fn(*args, **kwargs)
        except (ServiceError, StoreError) as exc:
            self.show_error(exc, parent)
            return None

    def reload_failed(self, exc: Exception, parent: QWidget | None = None) -> bool:
        """A view's background reload failed. When what it showed is gone (NotFound: an undo,
        or another view, removed it as the reload was asked for), that is not the user's
        problem: nothing is shown and True says "it is gone, show what is there now".
        Any other error is shown in words (False)."""
        if isinstance(exc, NotFound):
            return True
        self.show_error(exc, parent)
        return False

    def show_error(self, exc: Exception, parent: QWidget | None = None) -> None:
        title = getattr(exc, "title", None) or (
            "Please check the form" if isinstance(exc, ValidationError) else "Could not do that"
        )
        messages.warn(parent or self.window, title, str(exc))
