"""Background work: long jobs and big queries run off the UI thread.

`run_in_background(fn, on_done, on_error)` runs fn(progress, cancelled) -> result in the
thread pool. progress(done, total, text) and cancelled() let the job report and stop."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from shiboken6 import isValid

_live: dict = {}  # job -> bridge: both kept alive until the job reports back


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object, str)
    progress = Signal(int, int, str)


class Job(QRunnable):
    def __init__(self, fn: Callable[..., Any], *, with_progress: bool = False):
        super().__init__()
        self.setAutoDelete(False)
        self.signals = _Signals()
        self._fn = fn
        self._with_progress = with_progress
        self._cancel = threading.Event()
        self.finished = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @Slot()
    def run(self) -> None:
        try:
            if self._with_progress:
                result = self._fn(self._report, self._cancel.is_set)
            else:
                result = self._fn()
        except Exception as exc:  # delivered to the UI thread, shown there in words
            self._emit(self.signals.failed, exc, traceback.format_exc())
        else:
            self._emit(self.signals.done, result)
        finally:
            self.finished.set()

    @staticmethod
    def _emit(signal, *args) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:
            pass  # the app is closing and the receiver is gone: nobody is waiting for it

    def _report(self, done: int, total: int, text: str = "") -> None:
        self.signals.progress.emit(done, total, text)


class _Bridge(QObject):
    """Lives on the UI thread, so signals from the worker reach these slots queued."""

    def __init__(self, job: Job, on_done, on_error, on_progress):
        super().__init__()
        self._job, self._on_done, self._on_error, self._on_progress = job, on_done, on_error, on_progress

    @Slot(object)
    def done(self, result) -> None:
        _live.pop(self._job, None)
        if self._on_done:
            self._on_done(result)

    @Slot(object, str)
    def failed(self, exc, _tb: str) -> None:
        _live.pop(self._job, None)
        if self._on_error:
            self._on_error(exc)
        else:
            raise exc

    @Slot(int, int, str)
    def progress(self, done: int, total: int, text: str) -> None:
        if self._on_progress:
            self._on_progress(done, total, text)


def run_in_background(
    fn: Callable[..., Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
    *,
    on_progress: Callable[[int, int, str], None] | None = None,
    cancellable: bool = False,
) -> Job:
    """Start fn in the pool; callbacks run on the UI thread.

    With on_progress or cancellable, fn is called as fn(progress, cancelled)."""
    job = Job(fn, with_progress=on_progress is not None or cancellable)
    bridge = _Bridge(job, on_done, on_error, on_progress)
    _live[job] = bridge
    job.signals.done.connect(bridge.done)
    job.signals.failed.connect(bridge.failed)
    job.signals.progress.connect(bridge.progress)
    QThreadPool.globalInstance().start(job)
    return job


def running_jobs() -> list[Job]:
    """The jobs started and not yet reported back (to wait for before closing their database)."""
    return list(_live)


def while_alive(widget: QObject, fn: Callable[..., Any]) -> Callable[..., Any]:
    """A callback that does nothing if `widget` was destroyed while the job ran."""
    return lambda *args: fn(*args) if isValid(widget) else None
