"""Backups through SQLite's backup API, each checked before it is kept."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from pathlib import Path

from facilitator.fileio import fsync_folder, temp_path_for
from facilitator.store.checks import integrity_ok
from facilitator.store.errors import StoreError
from facilitator.store.paths import backups_dir, sidecar

KEEP = 10


def copy_database(src: Path, dest: Path) -> Path:
    """Copy a (possibly live) database with the backup API; write atomically; verify."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path_for(dest)
    try:
        source = sqlite3.connect(src, timeout=10)
        try:
            target = sqlite3.connect(tmp)
            try:
                source.backup(target)
                target.execute("PRAGMA journal_mode=DELETE")
            finally:
                target.close()
        finally:
            source.close()
        ok, problem = integrity_ok(tmp)
        if not ok:
            raise StoreError(f"The backup of {src.name} failed its integrity check: {problem}.")
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
        fsync_folder(dest.parent)
    finally:
        for leftover in (tmp, sidecar(tmp, "-journal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    return dest


def make_backup(db_path: Path, reason: str = "auto", keep: int = KEEP) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    folder = backups_dir(db_path)
    dest = folder / f"{db_path.stem}-{stamp}-{reason}.sqlite"
    n = 1
    while dest.exists():
        n += 1
        dest = folder / f"{db_path.stem}-{stamp}-{reason}-{n}.sqlite"
    copy_database(db_path, dest)
    prune(db_path, keep)
    return dest


def list_backups(db_path: Path) -> list[Path]:
    """Backups, newest first."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob("*.sqlite") if not p.name.startswith(".")]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def newest_good_backup(db_path: Path) -> Path | None:
    for candidate in list_backups(db_path):
        if integrity_ok(candidate)[0]:
            return candidate
    return None


def prune(db_path: Path, keep: int) -> None:
    """Keep the newest `keep` routine backups; never prune the ones made before upgrades."""
    routine = [p for p in list_backups(db_path) if "before-upgrade" not in p.name]
    for old in routine[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()


def move_aside(db_path: Path, label: str) -> list[Path]:
    """Rename the database and its -wal/-shm together (never delete them); return new names."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    moved = []
    for suffix in ("", "-wal", "-shm"):
        src = sidecar(db_path, suffix)
        if src.exists():
            dest = db_path.with_name(f"{db_path.name}.{label}-{stamp}{suffix}")
            os.replace(src, dest)
            moved.append(dest)
    return moved


def restore_backup(backup: Path, db_path: Path) -> list[Path]:
    """Put a backup in place of the database (which must not be open).

    Whatever stood there is moved aside first, never deleted; returns where it went."""
    ok, problem = integrity_ok(backup)
    if not ok:
        raise StoreError(f"The backup {backup.name} is damaged ({problem}); it was not restored.")
    moved = move_aside(db_path, "replaced")
    copy_database(backup, db_path)
    return moved
