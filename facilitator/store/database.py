"""Opening the database safely, and short sessions on it."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from facilitator.fileio import sweep_temp_files
from facilitator.store import backup, checks, cipher, migrate
from facilitator.store.engines import make_engine
from facilitator.store.errors import (
    Conflict,
    DamagedDatabase,
    DatabaseBusy,
    NewerSchema,
    NotADatabase,
    ReadOnlyDatabase,
    StoreError,
)
from facilitator.store.lock import InstanceLock
from facilitator.store.paths import backups_dir, real_path, sidecar

ROUTINE_BACKUP_AGE_S = 24 * 3600


@dataclass
class OpenReport:
    """What happened while opening, for the status bar and the log."""

    created: bool = False
    upgraded_from: str | None = None
    recovered_unclean: bool = False
    backups_made: list[Path] = field(default_factory=list)


class Database:
    """An open database: engine, session factory and the instance lock."""

    def __init__(self, path: Path, engine: Engine, lock: InstanceLock, report: OpenReport,
                 key: cipher.Key | None = None):
        self.path = path
        self.engine = engine
        self.lock = lock
        self.report = report
        self.key = key  # SQLCipher's key while the file is encrypted (store.cipher)
        self._wipe_pending = False
        self._use(engine)

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    def _use(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        event.listen(engine, "before_cursor_execute", self._note_deletes)

    def _note_deletes(self, _conn, _cursor, statement, *_args) -> None:
        if statement.lstrip()[:6].upper() == "DELETE":
            self._wipe_pending = True

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A short unit of work: commits on success, rolls back on error.

        After a unit that deleted rows (a person, or a cohort and everyone in it), the WAL
        is checkpointed and truncated: with secure_delete on, the deleted text is then in no
        file of the live database, not even after a crash."""
        with translate_errors(self.path), self._sessions() as s, s.begin():
            yield s
        if self._wipe_pending:
            # The change is committed; a checkpoint that cannot finish now (a reader in
            # another thread) is tried again after the next unit and at close.
            with contextlib.suppress(StoreError, OperationalError):
                self.checkpoint()

    def checkpoint(self) -> bool:
        """Copy the WAL into the database and truncate it to nothing; True if it completed
        (a reader in another thread can make SQLite leave some of it for later)."""
        with translate_errors(self.path), self.engine.connect() as con:
            busy, _log, _done = con.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
        self._wipe_pending = self._wipe_pending and busy != 0
        return busy == 0

    def erase(self, erase, *, dry_run: bool = False) -> dict[str, int]:
        """Run `erase(execute)` (see store.scrub) on the live database, rolled back on error or
        committed in one transaction (the caller then empties the WAL with `empty_wal`: with
        secure_delete on, what was erased is then in no file of the live database).
        `dry_run` rolls back: the counts of what would go."""

        def execute(sql: str, params: tuple) -> list[tuple]:
            result = con.exec_driver_sql(sql, params)
            return result.fetchall() if result.returns_rows else []

        with translate_errors(self.path), self.engine.connect() as con:
            trans = con.begin()
            try:
                counts = erase(execute)
            except BaseException:
                trans.rollback()
                raise
            if dry_run:
                trans.rollback()
                return counts
            trans.commit()
        self._wipe_pending = True
        return counts

    def empty_wal(self, tries: int = 50, pause_s: float = 0.1) -> bool:
        """Checkpoint (TRUNCATE) until it completes; False if a reader kept it from finishing
        (it is tried again after the next change and at close)."""
        for _ in range(tries):
            with contextlib.suppress(DatabaseBusy):
                if self.checkpoint():
                    return True
            time.sleep(pause_s)
        return False

    @staticmethod
    def table_names() -> list[str]:
        """Every kind of record (for a Changes that says "everything" after a restore)."""
        from facilitator.models import Base

        return sorted(Base.metadata.tables)

    def restore(self, backup_path: Path) -> list[Path]:
        """Replace this open database with a backup, keeping the lock throughout: the backup
        is checked first, the current file is moved aside (never deleted), the backup is
        copied in and upgraded if it is older. Returns where the current file went.

        An encrypted database stays encrypted with its key (a plain backup is encrypted on
        the way in); restoring an encrypted backup into a plain one leaves it encrypted."""
        backup.check_restorable(backup_path)
        key = self.key if self.key is not None else cipher.key_for(backup_path)
        self.checkpoint()
        self.engine.dispose()
        moved = backup.put_in_place(backup_path, self.path, key=key)
        self._set_key(key)
        revision, _ = checks.read_revision(self.path)
        if revision != migrate.head_revision():
            with translate_errors(self.path):
                migrate.upgrade_file(self.path)
        self._use(make_engine(self.path, key))
        return moved

    def _set_key(self, key: cipher.Key | None) -> None:
        if key == self.key:
            return
        if key is not None:
            cipher.remember(key)
        cipher.forget(self.key)
        self.key = key

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading only: `with db.read() as s:`."""
        with translate_errors(self.path), self._sessions() as s:
            yield s

    def backup(self, reason: str = "manual") -> Path:
        return backup.make_backup(self.path, reason)

    def close(self, *, backup_on_close: bool = True) -> None:
        if self.engine is None:
            return
        with contextlib.suppress(StoreError, OperationalError, *cipher.ERRORS):
            self.checkpoint()
        self.engine.dispose()
        self.engine = None
        try:
            if backup_on_close:
                backup.make_backup(self.path, "on-close")
        except (StoreError, OSError, *cipher.ERRORS):
            pass  # a failed routine backup must not stop the app from closing
        finally:
            self._set_key(None)
            self.lock.release()


@contextlib.contextmanager
def translate_errors(path: Path) -> Iterator[None]:
    try:
        yield
    except IntegrityError as exc:
        raise Conflict(
            "That change clashes with other records (it may refer to something that has been "
            "deleted in the meantime). Nothing was saved."
        ) from exc
    except OperationalError as exc:
        text = str(exc.orig).lower()
        if "locked" in text or "busy" in text:
            raise DatabaseBusy(
                f"{path.name} is busy (another program is writing to it). Nothing was changed; "
                "try again in a moment."
            ) from exc
        if "readonly" in text or "read-only" in text:
            raise ReadOnlyDatabase(f"{path} has become read-only; the change was not saved.") from exc
        if "disk" in text and "full" in text:
            raise StoreError("The disk is full; the change was not saved.") from exc
        raise


def replaced_damaged_file(path: Path) -> DamagedDatabase | None:
    """When `path` is missing because an earlier open found it damaged and moved it aside, the
    error that says so (and names the newest good backup): an open must not quietly start an
    empty database in its place. None when there is nothing of the kind."""
    from facilitator.store import backup

    path = real_path(path)
    if path.exists():
        return None
    aside = sorted(path.parent.glob(f"{path.name}.damaged-*[0-9]"))
    if not aside:
        return None
    good = backup.newest_good_backup(path)
    offer = (f"The newest good backup is {good.name}." if good
             else "There is no good backup of it.")
    return DamagedDatabase(
        f"{path} was found damaged and moved aside as {aside[-1].name}, so no empty database "
        f"was started in its place. {offer}", moved_to=[aside[-1]],
        backups=backup.list_backups(path), good_backup=good)


def open_database(path: Path, *, passphrase: str | None = None, routine_backup: bool = True,
                  empty_after_damage: bool = False) -> Database:
    """Check, lock, recover, migrate and open `path`; raise a StoreError in words if we can't.

    A file that is not ours, read-only, locked or from a newer version is left untouched.
    Every open checks the file before anything writes to it (quick_check; the full
    integrity_check after an unclean shutdown): a damaged file is moved aside, never written.
    The lock and the backups folder belong to the file's real path, so a symlink to an open
    database finds it locked.

    An encrypted file needs `passphrase` (PassphraseRequired without it, WrongPassphrase for
    a wrong one): it is tried on a private copy of the first page before anything else, so
    neither is ever taken for damage, and nothing (not even the lock file) is created. A
    plain file ignores `passphrase`. The key is remembered while the Database is open (and
    after DamagedDatabase, so that its backups can be read and restored)."""
    path = real_path(path)
    if not empty_after_damage and (refusal := replaced_damaged_file(path)) is not None:
        raise refusal
    report = OpenReport()
    has_data = checks.check_file(path)
    key = cipher.unlock(path, passphrase) if has_data and cipher.is_encrypted(path) else None
    lock = InstanceLock(path)
    try:
        lock.acquire()
    except BaseException:
        cipher.forget(key)
        raise
    try:
        sweep_temp_files(backups_dir(path))
        sweep_temp_files(path.parent)
        if has_data:
            _refuse_if_damaged(path, report)
            revision, has_tables = checks.read_revision(path)
            if revision is None and has_tables:
                raise NotADatabase(
                    f"{path} is an SQLite database, but not one of Facilitator's. "
                    "It was not changed."
                )
            if revision is not None and migrate.is_newer(revision):
                raise NewerSchema(
                    f"{path.name} was saved by a newer version of Facilitator (schema {revision}; "
                    f"this version knows up to {migrate.head_revision()}).\n"
                    "Install the newer version to open it. The file was not changed."
                )
        else:
            revision = None
            report.created = True
        _make_private(path)
        engine = make_engine(path, key)
        if revision != migrate.head_revision():
            if revision is not None:
                report.upgraded_from = revision
                report.backups_made.append(
                    backup.make_backup(path, f"before-upgrade-{revision}")
                )
            with translate_errors(path):
                migrate.upgrade_file(path)
        db = Database(path, engine, lock, report, key)
        if routine_backup and has_data and _backup_is_due(path):
            report.backups_made.append(backup.make_backup(path, "daily"))
        return db
    except DamagedDatabase:
        lock.release()  # the key stays known: its backups are offered and restored next
        raise
    except BaseException:
        cipher.forget(key)
        lock.release()
        raise


def _refuse_if_damaged(path: Path, report: OpenReport) -> None:
    wal = sidecar(path, "-wal")
    report.recovered_unclean = wal.exists() and wal.stat().st_size > 0
    ok, problem = checks.integrity_ok(path, quick=not report.recovered_unclean)
    if ok:
        return
    moved = backup.move_aside(path, "damaged")
    good = backup.newest_good_backup(path)
    when = "Facilitator was not closed properly last time, and " if report.recovered_unclean else ""
    offer = (f"The newest good backup is {good}." if good else
             f"There is no good backup of it in {backups_dir(path)}.")
    raise DamagedDatabase(
        f"{when}{path} is damaged ({problem}).\n"
        f"It has been moved aside (not deleted) as {moved[0].name}, and nothing was written to it.\n"
        f"{offer}",
        moved_to=moved,
        backups=backup.list_backups(path),
        good_backup=good,
    )


def _make_private(path: Path) -> None:
    """The database and its -wal/-shm are 0600 on POSIX: a new file is created so before
    SQLite writes to it (SQLite gives the -wal and -shm the database's own mode), an older
    one is narrowed."""
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, backup.PRIVATE_FILE))
    for suffix in ("", "-wal", "-shm"):
        backup.make_private(sidecar(path, suffix))


def _backup_is_due(path: Path) -> bool:
    existing = backup.list_backups(path)
    return not existing or time.time() - backup.made_at(existing[0]) > ROUTINE_BACKUP_AGE_S
