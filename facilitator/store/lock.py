"""One writer per database: an OS lock on a file beside it, released by the OS if we die."""

from __future__ import annotations

import os
from pathlib import Path

from facilitator.store.errors import AlreadyOpen
from facilitator.store.paths import real_path, sidecar


class InstanceLock:
    def __init__(self, db_path: Path):
        self.path = sidecar(real_path(db_path), ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(fd)
        except OSError:
            holder = _read_holder(fd)
            os.close(fd)
            who = f" (process {holder})" if holder else ""
            raise AlreadyOpen(
                f"The database {self.path.with_suffix('').name!r} is already open in another "
                f"Facilitator window{who}.\nSwitch to that window, or close it and try again. "
                "Two copies writing to one file could lose work, so this one will not open it."
            ) from None
        if os.name != "nt":
            os.fchmod(fd, 0o600)  # a lock file left by an older version may be wider
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        os.fsync(fd)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            try:
                _unlock(self._fd)
            finally:
                os.close(self._fd)
                self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None


def _read_holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        return os.read(fd, 32).decode(errors="replace").strip()
    except OSError:
        return ""


if os.name == "nt":  # pragma: no cover - exercised on Windows builds only
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
