"""Looks at a database file before anything writes to it, and says what is wrong in words."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from facilitator.store.errors import NotADatabase, ReadOnlyDatabase

SQLITE_HEADER = b"SQLite format 3\x00"


def check_file(path: Path) -> bool:
    """Raise if `path` cannot be our database. Return True when it exists and holds data."""
    if path.exists():
        if not path.is_file():
            raise NotADatabase(f"{path} is a folder, not a database file.")
        size = path.stat().st_size
        if size:
            with open(path, "rb") as fh:
                head = fh.read(len(SQLITE_HEADER))
            if head != SQLITE_HEADER:
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


def read_revision(path: Path) -> tuple[str | None, bool]:
    """(schema revision, has any tables), read through a read-only connection."""
    uri = path.resolve().as_uri() + "?mode=ro"
    con = sqlite3.connect(uri, uri=True)
    try:
        try:
            names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        except sqlite3.DatabaseError as exc:
            raise NotADatabase(f"{path} cannot be read as a database: {exc}.") from None
        if "alembic_version" not in names:
            return None, bool(names)
        rows = [r[0] for r in con.execute("SELECT version_num FROM alembic_version")]
        return (rows[0] if rows else None), True
    finally:
        con.close()


def integrity_ok(path: Path) -> tuple[bool, str]:
    """PRAGMA integrity_check on `path`; (ok, first problem).

    Read-only, so a leftover -wal is read but not checkpointed into the file or removed:
    if the check fails, the evidence is moved aside as it was."""
    try:
        con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=5)
        try:
            rows = [r[0] for r in con.execute("PRAGMA integrity_check")]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return False, str(exc)
    if rows == ["ok"]:
        return True, "ok"
    return False, rows[0] if rows else "no answer"
