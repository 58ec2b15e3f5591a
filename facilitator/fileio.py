"""Writing files so that a crash never leaves a half-written one: a temp file in the same
folder, fsync, os.replace, then fsync of the folder. Temp files carry TEMP_PREFIX, and only
those are swept at start-up (never anybody else's hidden files)."""

from __future__ import annotations

import contextlib
import os
import stat
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


class InputFileError(ValueError):
    """A file the user chose cannot be read as input; the message says why, naming the file."""


def read_input_file(path: Path, *, max_bytes: int, what: str = "file") -> bytes:
    """Every file the app takes in (tool packs, returned workbooks) is read here: a regular
    file only (a FIFO, device or folder is refused at once, never waited on), opened once,
    its size checked on the open handle before any byte is read, and read to at most
    `max_bytes`. `what` names the kind of file in messages ("tool pack", "workbook")."""
    path = Path(path)
    name = path.name or str(path)
    limit = f"{max_bytes / (1024 * 1024):.0f} MB" if max_bytes >= 1024 * 1024 else f"{max_bytes} bytes"
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputFileError(f"{name}: there is no such file.") from None
    except IsADirectoryError:
        raise InputFileError(f"{name} is a folder, not a {what}.") from None
    except OSError as exc:
        raise InputFileError(f"{name} cannot be read: {exc.strerror or exc}.") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputFileError(f"{name} is a folder, not a {what}.")
        if not stat.S_ISREG(info.st_mode):
            raise InputFileError(f"{name} is not a regular file (a pipe or device?), so it "
                                 f"cannot be a {what}.")
        if info.st_size > max_bytes:
            raise InputFileError(f"{name} is {info.st_size / 1e6:.1f} MB; a {what} is at most "
                                 f"{limit}.")
        chunks, total = [], 0
        while total <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise InputFileError(f"{name} cannot be read: {exc.strerror or exc}.") from None
    finally:
        os.close(fd)
    if total > max_bytes:
        raise InputFileError(f"{name} grew past {limit} while it was read; a {what} is at most "
                             f"{limit}.")
    return b"".join(chunks)


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
