"""Backups through SQLite's backup API, each checked before it is kept, and the retention
that keeps history.

Retention (README, "The database"): every backup of the last 24 hours (up to RECENT_MAX), the
newest of each day for 14 days, of each week for 8 weeks, of each month for a year; the newest
three made before upgrading from each schema, whatever their age; and, whatever its age, the newest backup of all and the
newest one that holds participants, so routine backups of an emptied file never push out the
last one with people in it."""

from __future__ import annotations

import contextlib
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from facilitator.fileio import fsync_folder, temp_path_for
from facilitator.store import checks, cipher
from facilitator.store.errors import PassphraseRequired, StoreError, WrongPassphrase
from facilitator.store.paths import backups_dir, real_path, sidecar

DAY = 24 * 3600
RECENT_MAX = 48
UPGRADE_KEEP = 3  # the newest backups made before upgrading from each schema
DAILY_FOR = 14 * DAY
WEEKLY_FOR = 8 * 7 * DAY
MONTHLY_FOR = 365 * DAY
STAMP = "%Y%m%d-%H%M%S"
NAME_RE = re.compile(r"-(?P<stamp>\d{8}-\d{6})-(?P<reason>[a-z0-9-]+?)(?:-(?P<n>\d{1,3}))?\.sqlite")
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def make_private(path: Path, mode: int = PRIVATE_FILE) -> None:
    """Owner-only permissions on POSIX (a shared laptop's other accounts cannot read it)."""
    if os.name != "nt":
        with contextlib.suppress(FileNotFoundError):
            os.chmod(path, mode)


def private_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
    make_private(folder, PRIVATE_FOLDER)
    return folder


def copy_database(src: Path, dest: Path, *, key=cipher.AUTO) -> Path:
    """Copy a (possibly live) database with the backup API; write atomically; verify.

    The copy is created 0600 before SQLite writes a byte into it. It has the source's key
    (a backup of an encrypted database is encrypted with the same key and salt, so the same
    passphrase opens it) unless `key` names another (None: plain), when it is written through
    sqlcipher_export instead (a plain backup restored into an encrypted database)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    src_key = cipher.key_for(src)
    dest_key = src_key if key is cipher.AUTO else key
    tmp = temp_path_for(dest)
    try:
        tmp.unlink(missing_ok=True)
        os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE))
        if dest_key == src_key:
            _backup_api_copy(src, tmp, src_key)
        else:
            cipher.export(src, src_key, tmp, dest_key)
        ok, problem = checks.integrity_ok(tmp, key=dest_key)
        if not ok:
            raise StoreError(f"{src} may be damaged: a copy of it failed its integrity check "
                             f"({problem}), so no backup was made.")
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        make_private(tmp)
        os.replace(tmp, dest)
        fsync_folder(dest.parent)
    finally:
        for leftover in (tmp, sidecar(tmp, "-journal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    return dest


def _backup_api_copy(src: Path, dest: Path, key) -> None:
    source = cipher.connect(src, key, timeout=10)
    try:
        target = cipher.connect(dest, key)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
    finally:
        source.close()


def make_backup(db_path: Path, reason: str = "auto", *, now: float | None = None) -> Path:
    """A checked copy in the backups folder, then the retention applied to that folder."""
    db_path = real_path(db_path)
    now = time.time() if now is None else now
    stamp = time.strftime(STAMP, time.localtime(now))
    folder = private_folder(backups_dir(db_path))
    dest = folder / f"{db_path.stem}-{stamp}-{reason}.sqlite"
    n = 1
    while dest.exists():
        n += 1
        dest = folder / f"{db_path.stem}-{stamp}-{reason}-{n}.sqlite"
    copy_database(db_path, dest)
    prune(db_path, now=now)
    return dest


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    when: float  # seconds since the epoch
    size: int
    reason: str
    cohorts: int | None = None  # None: not counted (or unreadable: see `readable`)
    participants: int | None = None
    readable: bool = True
    encrypted: bool = False  # and, when not readable, its passphrase was not given


def made_at(path: Path) -> float:
    """When a backup was made: from its name (mtimes change when files are copied about)."""
    m = NAME_RE.search(path.name)
    if m:
        with contextlib.suppress(ValueError, OverflowError):
            return time.mktime(time.strptime(m["stamp"], STAMP))
    return path.stat().st_mtime


def _reason(path: Path) -> str:
    m = NAME_RE.search(path.name)
    return m["reason"] if m else "copy"


def list_backups(db_path: Path) -> list[Path]:
    """Backups, newest first."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob("*.sqlite") if not p.name.startswith(".") and p.is_file()]
    return sorted(found, key=lambda p: (made_at(p), p.name), reverse=True)


def count_people(path: Path) -> tuple[int | None, int | None]:
    """(cohorts, participants) in a backup, read without changing it; raises if unreadable."""
    with checks.reading(path) as con:
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        counts = [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] if t in names else None
                  for t in ("cohorts", "participants")]
    return counts[0], counts[1]


def describe(path: Path) -> BackupInfo:
    """When one backup was made, its size and what it holds."""
    try:
        cohorts, people = count_people(path)
        readable = True
    except (*cipher.DATABASE_ERRORS, PassphraseRequired):
        cohorts = people = None
        readable = False
    return BackupInfo(path, made_at(path), path.stat().st_size, _reason(path), cohorts, people,
                      readable, cipher.is_encrypted(path))


def describe_backups(db_path: Path) -> list[BackupInfo]:
    """Every backup, newest first, with what it holds (for `facilitator backups`; the Restore
    dialog calls `describe` one by one, to show progress and stop on Cancel)."""
    return [describe(path) for path in list_backups(db_path)]


def newest_good_backup(db_path: Path) -> Path | None:
    for candidate in list_backups(db_path):
        try:
            if checks.integrity_ok(candidate)[0] and _is_ours(candidate):
                return candidate
        except WrongPassphrase:
            raise  # the terminal's passphrase: say so, not "no good backup"
        except PassphraseRequired:
            continue  # encrypted with a key not given
    return None


def _holds_participants(path: Path) -> bool:
    try:
        return (count_people(path)[1] or 0) > 0
    except (*cipher.DATABASE_ERRORS, PassphraseRequired):
        return False


def choose_kept(backups: list[tuple[Path, float]], now: float, holds_people) -> set[Path]:
    """Which backups the retention keeps. `backups` is (path, when) newest first;
    `holds_people(path)` says whether one holds participants (asked newest first, and only
    until the first that does)."""
    kept: set[Path] = set()
    if not backups:
        return kept
    kept.add(backups[0][0])
    recent = 0
    buckets: set[tuple[str, str]] = set()
    upgrades: dict[str, int] = {}
    for path, when in backups:
        age = now - when
        m = NAME_RE.search(path.name)
        reason = m["reason"] if m else ""
        if reason.startswith("before-upgrade"):
            upgrades[reason] = upgrades.get(reason, 0) + 1
            if upgrades[reason] <= UPGRADE_KEEP:  # retried upgrades don't pile up copies
                kept.add(path)
                continue
        if age < DAY and recent < RECENT_MAX:
            recent += 1
            kept.add(path)
            continue
        t = time.localtime(when)
        for kind, span, key in (("day", DAILY_FOR, time.strftime("%Y-%m-%d", t)),
                                ("week", WEEKLY_FOR, time.strftime("%G-%V", t)),
                                ("month", MONTHLY_FOR, time.strftime("%Y-%m", t))):
            if age < span and (kind, key) not in buckets:
                buckets.add((kind, key))
                kept.add(path)
    for path, _when in backups:
        if holds_people(path):
            kept.add(path)
            break
    return kept


def prune(db_path: Path, *, now: float | None = None) -> list[Path]:
    """Apply the retention to the backups folder; return what was removed."""
    now = time.time() if now is None else now
    entries = [(p, made_at(p)) for p in list_backups(db_path)]
    kept = choose_kept(entries, now, _holds_participants)
    removed = []
    for path, _ in entries:
        if path not in kept:
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def move_aside(db_path: Path, label: str) -> list[Path]:
    """Rename the database and its -wal/-shm together (never delete them); return new names."""
    db_path = real_path(db_path)
    stamp = time.strftime(STAMP)
    base = f"{db_path.name}.{label}-{stamp}"
    n = 1
    while any(db_path.with_name(base + s).exists() for s in ("", "-wal", "-shm")):
        n += 1
        base = f"{db_path.name}.{label}-{stamp}-{n}"
    moved = []
    for suffix in ("", "-wal", "-shm"):
        src = sidecar(db_path, suffix)
        if src.exists():
            dest = db_path.with_name(base + suffix)
            os.replace(src, dest)
            moved.append(dest)
    fsync_folder(db_path.parent)
    return moved


def _is_ours(path: Path) -> bool:
    from facilitator.store import migrate

    try:
        revision, _ = checks.read_revision(path)
    except StoreError:
        return False
    return revision is not None and not migrate.is_newer(revision)


def check_restorable(backup: Path) -> None:
    """Raise, in words, unless `backup` is a sound Facilitator database this version opens."""
    from facilitator.store import migrate

    if not backup.is_file():
        raise StoreError(f"There is no backup file at {backup}.")
    with open(backup, "rb") as fh:
        plain = fh.read(len(checks.SQLITE_HEADER)) == checks.SQLITE_HEADER
    if not plain and not cipher.is_encrypted(backup):
        raise StoreError(f"{backup} is not a Facilitator database; it was not restored.")
    ok, problem = checks.integrity_ok(backup)
    if not ok:
        raise StoreError(f"The backup {backup} is damaged ({problem}); it was not restored.")
    revision, _ = checks.read_revision(backup)
    if revision is None:
        raise StoreError(f"{backup} is not a Facilitator database; it was not restored.")
    if migrate.is_newer(revision):
        raise StoreError(f"{backup} was made by a newer version of Facilitator (schema "
                         f"{revision}); it was not restored.")


def restored_key(backup: Path, db_path: Path):
    """The key a restored file gets: a restore never leaves the database less encrypted than
    the backup or the file it replaces, so the key of the file there now if it is encrypted,
    else the backup's own."""
    current = cipher.key_for(db_path)
    return current if current is not None else cipher.key_for(backup)


def put_in_place(backup: Path, db_path: Path, key=cipher.AUTO) -> list[Path]:
    """Copy a checked backup into the database's place; whatever stood there is moved aside
    first (never deleted). The caller holds the database's lock. `key`: the restored file's
    (restored_key by default)."""
    check_restorable(backup)
    db_path = real_path(db_path)
    key = restored_key(backup, db_path) if key is cipher.AUTO else key
    moved = move_aside(db_path, "replaced")
    try:
        copy_database(backup, db_path, key=key)
    except BaseException:
        for aside in moved:  # put back what stood there; nothing is lost either way
            suffix = next((s for s in ("-wal", "-shm") if aside.name.endswith(s)), "")
            os.replace(aside, sidecar(db_path, suffix))
        raise
    make_private(db_path)
    return moved


def restore_backup(backup: Path, db_path: Path) -> list[Path]:
    """Put a backup in place of the database, which must not be open anywhere: its lock is
    taken for the time it takes (AlreadyOpen otherwise). Returns where the old file went."""
    from facilitator.store.lock import InstanceLock

    lock = InstanceLock(db_path)
    lock.acquire()
    try:
        return put_in_place(real_path(backup), db_path)
    finally:
        lock.release()
