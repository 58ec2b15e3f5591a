"""Writing files so that a crash never leaves a half-written one: a temp file in the same
folder, fsync, os.replace, then fsync of the folder. Temp files carry TEMP_PREFIX, and only
those are swept at start-up (never anybody else's hidden files)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

TEMP_PREFIX = ".facilitator-"
TEMP_SUFFIX = ".tmp"


def temp_path_for(path: Path) -> Path:
    """A temp name beside `path` (for writers that need a path, like SQLite's backup)."""
    return path.with_name(f"{TEMP_PREFIX}{path.name}.{os.getpid()}{TEMP_SUFFIX}")


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step; the file keeps the usual permissions."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{path.name}.", suffix=TEMP_SUFFIX,
                               dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _default_mode(path))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)


def fsync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); a no-op where folders cannot be opened (Windows)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def sweep_temp_files(folder: Path) -> None:
    """Remove our own temp files that a killed write left behind."""
    if not folder.is_dir():
        return
    for stale in folder.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            stale.unlink()


def _default_mode(path: Path) -> int:
    """An existing file's mode, or what the umask gives a new file (mkstemp makes 0600)."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
