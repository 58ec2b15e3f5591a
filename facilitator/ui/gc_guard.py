"""Garbage collection only on the UI thread.

Python's cyclic collector runs in whichever thread happens to allocate at the time. If that is
a worker and the garbage holds Qt widgets, Qt objects get destroyed off the GUI thread and the
process can crash. So automatic collection is switched off and a UI-thread timer collects."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 3000


class UiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.collect)
        self.timer.start()

    @staticmethod
    def collect() -> None:
        gc.collect()
