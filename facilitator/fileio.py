"""Writing files so that a crash never leaves a half-written one: a temp file in the same
folder, fsync, os.replace, then fsync of the folder. Temp files are named
`.facilitator-<pid>-<name>….tmp`: the sweep at start-up removes only ours whose process is
gone (never a live writer's, never anybody else's hidden files), and their -journal too."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from pathlib import Path

TEMP_PREFIX = ".facilitator-"
TEMP_SUFFIX = ".tmp"
OWNER_RE = re.compile(re.escape(TEMP_PREFIX) + r"(\d+)-")
WINDOWS_STALE_AFTER_S = 24 * 3600  # where a pid cannot be asked after, age decides


def temp_path_for(path: Path) -> Path:
    """A temp name beside `path` (for writers that need a path, like SQLite's backup)."""
    return path.with_name(f"{TEMP_PREFIX}{os.getpid()}-{path.name}{TEMP_SUFFIX}")


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step; the file keeps the usual permissions."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-{path.name}.", suffix=TEMP_SUFFIX,
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


def sweep_temp_files(folder: Path) -> list[Path]:
    """Remove our own temp files (and SQLite's -journal of one) that a killed write left
    behind: only those whose owning process is no longer running. A temp name without an
    owner comes from an older version, which wrote one file at a time; it is swept."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for pattern in (f"{TEMP_PREFIX}*{TEMP_SUFFIX}", f"{TEMP_PREFIX}*{TEMP_SUFFIX}-journal"):
        for stale in folder.glob(pattern):
            if _owner_alive(stale):
                continue
            with contextlib.suppress(OSError):
                stale.unlink()
                removed.append(stale)
    return removed


def _owner_alive(path: Path) -> bool:
    m = OWNER_RE.match(path.name)
    if not m:
        return False
    pid = int(m[1])
    if pid == os.getpid():
        return True  # another thread of this process may be writing it
    if os.name == "nt":  # os.kill(pid, 0) would signal the process on Windows
        with contextlib.suppress(OSError):
            return time.time() - path.stat().st_mtime < WINDOWS_STALE_AFTER_S
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, another account's
    except OSError:
        return False
    return True


def _default_mode(path: Path) -> int:
    """An existing file's mode, or what the umask gives a new file (mkstemp makes 0600)."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
