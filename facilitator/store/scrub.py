"""Erasing rows and everything that depends on them, in the live database and in copies of it
(backups, files kept aside), by walking the foreign keys each file itself declares.

Walking the file's own schema, not a list kept by hand, means a table added later (pulse
answers, diary entries, experiments) that refers to a participant is erased with them as soon
as its migration exists, and an older backup is scrubbed by its own, older, schema.
A reference declared ON DELETE SET NULL (an insight that quotes a person) loses the link, and
the columns named in `blank_with_link` for it (the quote) are emptied too.

An encrypted copy is rewritten encrypted, with its own key (store.cipher): the working copy is
never plain."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from facilitator.fileio import fsync_folder, temp_path_for
from facilitator.store import backup, checks, cipher
from facilitator.store.errors import PassphraseRequired, StoreError
from facilitator.store.paths import sidecar

Execute = Callable[[str, tuple], list[tuple]]
Blanks = Mapping[tuple[str, str], Iterable[str]]  # (table, link column) -> columns to empty
# Each level nests one more subquery; SQLite's parser stops at 12 ("parser stack overflow").
MAX_DEPTH = 10


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def references_to(execute: Execute, table: str) -> list[tuple[str, str, str, str, bool]]:
    """(child table, child column, parent column, on delete, child column nullable) for every
    foreign key in the file that points at `table`."""
    found = []
    tables = [r[0] for r in execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
        "AND sql NOT LIKE 'CREATE VIRTUAL%'", ())]
    for child in tables:
        for row in execute(f"PRAGMA foreign_key_list({_q(child)})", ()):
            _id, _seq, parent, col, to, _upd, on_delete, _match = row[:8]
            if parent != table:
                continue
            notnull = {r[1]: bool(r[3]) for r in execute(f"PRAGMA table_info({_q(child)})", ())}
            found.append((child, col, to or "id", on_delete.upper(), not notnull.get(col, False)))
    return found


def erase_where(execute: Execute, table: str, where: str, params: tuple,
                blanks: Blanks | None = None) -> dict[str, int]:
    """Delete the rows of `table` matching `where` and, first, every row that depends on
    them. Returns rows removed (or unlinked, as "table.column") per table."""
    counts: dict[str, int] = {}
    _erase(execute, table, where, params, blanks or {}, counts, 0)
    return counts


def _erase(execute, table, where, params, blanks, counts, depth) -> None:
    if depth > MAX_DEPTH:
        raise StoreError(f"The references from {table} go round in a circle; nothing was erased.")
    for child, col, to, on_delete, nullable in references_to(execute, table):
        sub = f"SELECT {_q(to)} FROM {_q(table)} WHERE {where}"
        if on_delete == "SET NULL" and nullable:
            cols = [c for c in blanks.get((child, col), ()) if c in _columns(execute, child)]
            sets = ", ".join([f"{_q(col)} = NULL", *(f"{_q(c)} = ''" for c in cols)])
            n = _count(execute, child, f"{_q(col)} IN ({sub})", params)
            execute(f"UPDATE {_q(child)} SET {sets} WHERE {_q(col)} IN ({sub})", params)
            if n:
                counts[f"{child}.{col}"] = counts.get(f"{child}.{col}", 0) + n
        else:
            _erase(execute, child, f"{_q(col)} IN ({sub})", params, blanks, counts, depth + 1)
    n = _count(execute, table, where, params)
    execute(f"DELETE FROM {_q(table)} WHERE {where}", params)
    if n:
        counts[table] = counts.get(table, 0) + n


def _count(execute, table, where, params) -> int:
    return execute(f"SELECT count(*) FROM {_q(table)} WHERE {where}", params)[0][0]


def _columns(execute, table) -> set[str]:
    return {r[1] for r in execute(f"PRAGMA table_info({_q(table)})", ())}


def sqlite_execute(con) -> Execute:
    return lambda sql, params: con.execute(sql, params).fetchall()


def scrub_copy(path: Path, erase: Callable[[Execute], dict[str, int]]) -> dict[str, int]:
    """Rewrite the database file `path` (a backup, or a file kept aside) without what `erase`
    removes: the file is copied with SQLite's backup API (its WAL read, never written), the
    copy is erased with secure_delete on and VACUUMed, checked with integrity_check and put in
    place of `path` in one step; a -wal/-shm left beside `path` is then removed, since the
    rewritten file holds everything they did. Raises StoreError, leaving `path` as it was, if
    the file cannot be read or the result fails its check."""
    work = temp_path_for(path.with_name(path.name + ".scrub"))
    try:
        os.close(os.open(work, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, backup.PRIVATE_FILE))
        try:
            key = cipher.key_for(path)
        except PassphraseRequired as exc:
            raise StoreError(f"{path.name} is encrypted with a passphrase that was not given "
                             f"({exc}), so it could not be rewritten.") from None
        try:
            with checks.reading(path, key) as source:
                target = cipher.connect(work, key)
                try:
                    source.backup(target)
                finally:
                    target.close()
        except cipher.DATABASE_ERRORS as exc:
            raise StoreError(f"{path.name} cannot be read ({exc}), so it could not be "
                             "rewritten.") from None
        con = cipher.connect(work, key, isolation_level=None)
        try:
            _name_key(con)
            con.execute("PRAGMA journal_mode=DELETE")
            con.execute("PRAGMA secure_delete=ON")
            con.execute("PRAGMA foreign_keys=ON")
            con.execute("BEGIN IMMEDIATE")
            try:
                counts = erase(sqlite_execute(con))
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("VACUUM")
        except cipher.DATABASE_ERRORS as exc:
            raise StoreError(f"{path.name} could not be rewritten ({exc}).") from None
        finally:
            con.close()
        backup.copy_database(work, path)  # checked, fsynced, replaced in one step
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                sidecar(path, suffix).unlink()
        fsync_folder(path.parent)
        return counts
    finally:
        for leftover in (work, sidecar(work, "-journal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def _name_key(con) -> None:
    from facilitator.services.fields import name_key

    con.create_function("name_key", 1, lambda t: None if t is None else name_key(str(t)),
                        deterministic=True)


def set_aside_files(db_path: Path) -> list[Path]:
    """The database files kept aside beside it (NAME.damaged-… and NAME.replaced-…), each
    main file once (its -wal/-shm travel with it)."""
    found = []
    for label in ("damaged", "replaced"):
        for p in sorted(db_path.parent.glob(f"{db_path.name}.{label}-*")):
            if p.is_file() and not p.name.endswith(("-wal", "-shm")):
                found.append(p)
    return found


def delete_database_file(path: Path) -> None:
    """Remove a database file and its -wal/-shm (for erasure by deleting)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            sidecar(path, suffix).unlink()
    fsync_folder(path.parent)
