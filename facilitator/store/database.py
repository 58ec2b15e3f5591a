"""Opening the database safely, and short sessions on it."""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from facilitator.fileio import sweep_temp_files
from facilitator.store import backup, checks, migrate
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
from facilitator.store.paths import backups_dir, sidecar

BUSY_TIMEOUT_MS = 5000
ROUTINE_BACKUP_AGE_S = 24 * 3600


def _configure_connection(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA secure_delete=ON")
    cur.close()


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _configure_connection)
    return engine


@dataclass
class OpenReport:
    """What happened while opening, for the status bar and the log."""

    created: bool = False
    upgraded_from: str | None = None
    recovered_unclean: bool = False
    backups_made: list[Path] = field(default_factory=list)


class Database:
    """An open database: engine, session factory and the instance lock."""

    def __init__(self, path: Path, engine: Engine, lock: InstanceLock, report: OpenReport):
        self.path = path
        self.engine = engine
        self.lock = lock
        self.report = report
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A short unit of work: commits on success, rolls back on error."""
        with translate_errors(self.path), self._sessions() as s, s.begin():
            yield s

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
        self.engine.dispose()
        self.engine = None
        try:
            if backup_on_close:
                backup.make_backup(self.path, "on-close")
        except (StoreError, OSError, sqlite3.Error):
            pass  # a failed routine backup must not stop the app from closing
        finally:
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


def open_database(path: Path, *, routine_backup: bool = True) -> Database:
    """Check, lock, recover, migrate and open `path`; raise a StoreError in words if we can't.

    A file that is not ours, read-only, locked or from a newer version is left untouched."""
    report = OpenReport()
    has_data = checks.check_file(path)
    lock = InstanceLock(path)
    lock.acquire()
    try:
        sweep_temp_files(backups_dir(path))
        sweep_temp_files(path.parent)
        if has_data:
            _recover_if_unclean(path, report)
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
        engine = make_engine(path)
        if revision != migrate.head_revision():
            if revision is not None:
                report.upgraded_from = revision
                report.backups_made.append(
                    backup.make_backup(path, f"before-upgrade-{revision}", keep=backup.KEEP)
                )
            with translate_errors(path):
                migrate.upgrade(engine)
        db = Database(path, engine, lock, report)
        if routine_backup and has_data and _backup_is_due(path):
            report.backups_made.append(backup.make_backup(path, "daily"))
        return db
    except BaseException:
        lock.release()
        raise


def _recover_if_unclean(path: Path, report: OpenReport) -> None:
    wal = sidecar(path, "-wal")
    if not (wal.exists() and wal.stat().st_size > 0):
        return
    report.recovered_unclean = True
    ok, problem = checks.integrity_ok(path)
    if ok:
        return
    moved = backup.move_aside(path, "damaged")
    raise DamagedDatabase(
        f"Facilitator was not closed properly last time, and {path.name} is now damaged "
        f"({problem}).\nIt has been moved aside (not deleted) as {moved[0].name}.",
        moved_to=moved,
        backups=backup.list_backups(path),
    )


def _backup_is_due(path: Path) -> bool:
    existing = backup.list_backups(path)
    return not existing or time.time() - existing[0].stat().st_mtime > ROUTINE_BACKUP_AGE_S
