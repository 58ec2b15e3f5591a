"""Looks at a database file before anything writes to it, and says what is wrong in words."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from facilitator.store import cipher
from facilitator.store.errors import NotADatabase, ReadOnlyDatabase
from facilitator.store.paths import sidecar

SQLITE_HEADER = cipher.SQLITE_HEADER
JOURNALS = ("-wal", "-journal")
SQLITE_READONLY = 8  # the family of "a reader may not do this" result codes


def check_file(path: Path) -> bool:
    """Raise if `path` cannot be our database. Return True when it exists and holds data.
    A file that may be encrypted (store.cipher.looks_encrypted) passes: its passphrase
    decides."""
    if path.exists():
        if not path.is_file():
            raise NotADatabase(f"{path} is a folder, not a database file.")
        size = path.stat().st_size
        if size:
            with open(path, "rb") as fh:
                head = fh.read(len(SQLITE_HEADER))
            if head != SQLITE_HEADER and not cipher.looks_encrypted(head, size):
                kind = describe_foreign_file(head)
                raise NotADatabase(
                    f"{path} is not a Facilitator database{kind}.\n"
                    "The file was not changed. Choose another file, or start with a new one."
                )
        if not os.access(path, os.R_OK | os.W_OK):
            raise ReadOnlyDatabase(
                f"{path} is read-only, so changes could not be saved.\n"
                "Copy it somewhere you can write to, or change its permissions, then open it again."
            )
        folder = path.parent
        if not os.access(folder, os.W_OK):
            raise ReadOnlyDatabase(
                f"The folder {folder} is read-only. Facilitator keeps a journal beside the "
                "database while it works, so it needs to write there.\n"
                "Move the database to a folder you can write to."
            )
        return size > 0
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReadOnlyDatabase(f"Cannot create the folder {folder}: {exc.strerror}.") from None
    if not os.access(folder, os.W_OK):
        raise ReadOnlyDatabase(f"Cannot create a database in {folder}: the folder is read-only.")
    return False


def describe_foreign_file(head: bytes) -> str:
    if head.startswith(b"PK\x03\x04"):
        return " (it looks like a zip file, perhaps a workbook)"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return " (it looks like an old Office document)"
    if head.startswith(b"%PDF"):
        return " (it is a PDF)"
    return " (it is not an SQLite file)"


@contextlib.contextmanager
def reading(path: Path, key=cipher.AUTO) -> Iterator:
    """A connection to `path` that can neither change it nor create anything beside it.

    With no -wal or -journal beside the file, it is opened `immutable` (no locks, no -shm, no
    -wal is created). With one, `mode=ro` reads it as SQLite would. When that needs a
    recovery a reader may not do (a writer was killed mid-transaction), the file and its
    journals are copied into a private folder and the copy is read instead: the original
    stays exactly as it was, as evidence if it turns out to be damaged.

    An encrypted file is read with its key (store.cipher); PassphraseRequired when none is
    known."""
    path = Path(os.path.realpath(path))
    key = cipher.key_for(path) if key is cipher.AUTO else key
    journals = [sidecar(path, s) for s in JOURNALS if sidecar(path, s).exists()]
    query = "mode=ro" if journals else "immutable=1"
    con = cipher.connect(path, key, query=query, timeout=5)
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except cipher.OPERATIONAL_ERRORS as exc:
        con.close()
        if getattr(exc, "sqlite_errorcode", 0) & 0xFF != SQLITE_READONLY:
            raise
        with tempfile.TemporaryDirectory(prefix="facilitator-check-") as scratch:
            copy = Path(scratch) / path.name
            for src in [path, *journals]:
                shutil.copyfile(src, Path(scratch) / src.name)
            con = cipher.connect(copy, key, timeout=5)
            try:
                yield con
            finally:
                con.close()
        return
    try:
        yield con
    finally:
        con.close()


def read_revision(path: Path) -> tuple[str | None, bool]:
    """(schema revision, has any tables), read without changing anything."""
    try:
        with reading(path) as con:
            names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if "alembic_version" not in names:
                return None, bool(names)
            rows = [r[0] for r in con.execute("SELECT version_num FROM alembic_version")]
    except cipher.DATABASE_ERRORS as exc:
        raise NotADatabase(f"{path} cannot be read as a database: {exc}.") from None
    return (rows[0] if rows else None), True


def integrity_ok(path: Path, *, quick: bool = False, key=cipher.AUTO) -> tuple[bool, str]:
    """PRAGMA integrity_check (or the cheaper quick_check) on `path`; (ok, first problem).

    Read through `reading`, so a leftover -wal is read but never checkpointed into the file
    or removed: if the check fails, the evidence is moved aside as it was."""
    pragma = "quick_check" if quick else "integrity_check"
    try:
        with reading(path, key) as con:
            rows = [r[0] for r in con.execute(f"PRAGMA {pragma}")]
    except cipher.DATABASE_ERRORS as exc:
        return False, str(exc)
    if rows == ["ok"]:
        return True, "ok"
    return False, rows[0] if rows else "no answer"
