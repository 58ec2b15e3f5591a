"""SQLAlchemy engines on the SQLite file: the app's, and the one migrations run on.

The migration engine makes SQLite's DDL transactional. pysqlite's own transaction handling
opens a transaction only before INSERT/UPDATE/DELETE, so a `CREATE TABLE` runs outside any
transaction and is not undone when a half-done upgrade is killed or rolled back. With the
driver's implicit handling off (`isolation_level = None`) and `BEGIN IMMEDIATE` emitted on
SQLAlchemy's "begin" event (the recipe in SQLAlchemy's SQLite dialect notes), every
migration of one upgrade runs in one transaction: a kill at any moment leaves the old schema
or the new one, never anything between.

An encrypted file gets the same engines on SQLCipher's driver (`sqlite+pysqlcipher`), keyed
with the raw key and salt (store.cipher): SQLAlchemy's dialect sets the key first thing on
every new connection, before the pragmas below."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine
from sqlalchemy.pool import NullPool, QueuePool

from facilitator.store import cipher

BUSY_TIMEOUT_MS = 5000


def configure_connection(dbapi_conn, _record=None) -> None:
    from facilitator.services.fields import name_key

    # name_key(x) in SQL: names compared NFC-normalised and case-folded (SQLite's own lower()
    # folds only ASCII, so "ÉQUIPE" and "équipe" would differ).
    dbapi_conn.create_function("name_key", 1, lambda t: None if t is None else name_key(str(t)),
                               deterministic=True)
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA secure_delete=ON")
    cur.close()


def _url(path: Path, key) -> URL | str:
    if key is cipher.AUTO:
        key = cipher.key_for(path)
    if key is None:
        return f"sqlite:///{path}"
    return URL.create("sqlite+pysqlcipher", password=key.literal(), database=str(path))


def make_engine(path: Path, key=cipher.AUTO) -> Engine:
    """The app's engine; `key` as in cipher.connect (found from the file by default). An
    encrypted file gets the pool a plain one does (the SQLCipher dialect's default is one
    connection per thread)."""
    url = _url(path, key)
    pool = {} if isinstance(url, str) else {"poolclass": QueuePool}
    engine = create_engine(url, future=True, **pool)
    event.listen(engine, "connect", configure_connection)
    return engine


def make_migration_engine(path: Path, key=cipher.AUTO) -> Engine:
    """An engine whose transactions include DDL. Foreign keys are off while tables are
    rebuilt (SQLite's advice for schema changes; batch mode drops and renames tables), and
    `foreign_key_check` runs before the commit instead (see migrate.upgrade)."""
    engine = create_engine(_url(path, key), future=True, poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, record):
        configure_connection(dbapi_conn, record)
        dbapi_conn.execute("PRAGMA foreign_keys=OFF")
        dbapi_conn.isolation_level = None  # no implicit BEGIN/COMMIT by the driver

    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine

