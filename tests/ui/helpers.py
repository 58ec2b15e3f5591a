"""Driving modal dialogs from tests: act on the dialog once it is up, from the event loop."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog


def when_dialog_opens(action: Callable[[QDialog], None], *, then_close: bool = False) -> list:
    """Run `action(dialog)` on the next modal dialog. Returns a list that gets the dialog."""
    seen: list = []

    def poll():
        dlg = QApplication.activeModalWidget()
        if dlg is None:
            QTimer.singleShot(10, poll)
            return
        seen.append(dlg)
        try:
            action(dlg)
        finally:
            if then_close and dlg.isVisible():
                dlg.reject()

    QTimer.singleShot(0, poll)
    return seen
