"""SQLCipher: telling an encrypted database from a plain one, its key, and connections to it.

A plain SQLite file starts with "SQLite format 3\\0"; a SQLCipher 4 file starts with the 16
random bytes of its salt and is whole pages of ciphertext after that. So a file without the
SQLite header, whole pages long and not recognisably something else (a workbook, a PDF), may
be encrypted: it is never taken for damaged or foreign before a passphrase has been tried.

The key is SQLCipher 4's own derivation (PBKDF2-HMAC-SHA512, 256,000 iterations, the file's
salt), done once per file here (hashlib computes the same function at the same speed) and
then handed to SQLCipher as a raw key with that salt (`x'<key><salt>'`). Every later connection
(the check at open, the schema upgrade, the engine's pool, each backup) then opens in under a
millisecond instead of paying about 0.25 s for the derivation again (benchmarks/open_encrypted.py).
The passphrase itself is not kept.

Copies of an encrypted database (its backups, files kept aside) are made with the same raw key
and salt, so they open with the same passphrase; keys are remembered by salt while their
database is open, and any store function given the path of one of its copies finds the key.
The terminal may also offer its passphrase for files whose key is not known yet."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlcipher3 import dbapi2

from facilitator.store.errors import PassphraseRequired, WrongPassphrase

SQLITE_HEADER = b"SQLite format 3\x00"
FOREIGN_HEADS = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF")
KDF_ITER = 256_000  # SQLCipher 4's default; measured quick enough (see the module's docstring)
KEY_BYTES = 32
SALT_BYTES = 16
PAGE = 4096  # SQLCipher 4's page size: page 1 holds the salt and proves a key
MIN_PAGE = 512
MIN_PASSPHRASE = 10
SQLITE_NOTADB = 26

DATABASE_ERRORS = (sqlite3.DatabaseError, dbapi2.DatabaseError)
OPERATIONAL_ERRORS = (sqlite3.OperationalError, dbapi2.OperationalError)
ERRORS = (sqlite3.Error, dbapi2.Error)


def _quiet() -> None:
    """SQLCipher logs a failed page check to stderr; a wrong passphrase is told in words."""
    con = dbapi2.connect(":memory:")
    try:
        con.execute("PRAGMA cipher_log_level = NONE")
    finally:
        con.close()


_quiet()


@dataclass(frozen=True, eq=True)
class Key:
    """A derived key and the salt it belongs to (never printed: see __repr__)."""

    raw: bytes
    salt: bytes

    def __repr__(self) -> str:
        return "Key(…)"

    def literal(self) -> str:
        """The raw key with its salt, as SQLCipher's `PRAGMA key` takes it."""
        return f"x'{self.raw.hex()}{self.salt.hex()}'"


def derive(passphrase: str, salt: bytes) -> Key:
    raw = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ITER, KEY_BYTES)
    return Key(raw, salt)


def new_key(passphrase: str) -> Key:
    """A key for a file about to be written, with a new random salt."""
    return derive(passphrase, os.urandom(SALT_BYTES))


def looks_encrypted(head: bytes, size: int) -> bool:
    """Whether a file starting with `head`, `size` bytes long, may be a SQLCipher database."""
    return (size >= MIN_PAGE and size % MIN_PAGE == 0 and not head.startswith(SQLITE_HEADER)
            and not head.startswith(FOREIGN_HEADS))


def file_salt(path: Path) -> bytes | None:
    """The salt of an encrypted database file; None for a plain, empty or missing one."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
            size = os.fstat(fh.fileno()).st_size
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None
    return head[:SALT_BYTES] if looks_encrypted(head, size) else None


def is_encrypted(path: Path) -> bool:
    return file_salt(path) is not None


_lock = threading.Lock()
_keys: dict[bytes, tuple[Key, int]] = {}  # salt -> (key, how many holders)
_offered: list[str] = []  # passphrases the terminal was given, for files not yet unlocked
_offered_keys: dict[bytes, Key] = {}  # what they opened, while they are offered


def remember(key: Key) -> None:
    with _lock:
        held = _keys.get(key.salt, (key, 0))[1]
        _keys[key.salt] = (key, held + 1)


def forget(key: Key | None) -> None:
    if key is None:
        return
    with _lock:
        found = _keys.get(key.salt)
        if found is not None:
            if found[1] <= 1:
                del _keys[key.salt]
            else:
                _keys[key.salt] = (found[0], found[1] - 1)


@contextlib.contextmanager
def offered(passphrase: str | None) -> Iterator[None]:
    """While inside, `passphrase` (a terminal command's) is tried on any encrypted file whose
    key is not known; the keys it opens are forgotten on the way out."""
    if passphrase is None:
        yield
        return
    with _lock:
        _offered.append(passphrase)
    try:
        yield
    finally:
        with _lock:
            _offered.remove(passphrase)
            if not _offered:
                _offered_keys.clear()


def forget_all() -> None:
    """No keys and no offered passphrases (tests)."""
    with _lock:
        _keys.clear()
        _offered.clear()
        _offered_keys.clear()


def known_key(salt: bytes) -> Key | None:
    with _lock:
        found = _keys.get(salt)
        return found[0] if found else _offered_keys.get(salt)


def key_for(path: Path) -> Key | None:
    """The key of the database file at `path`: None when it is plain (or empty, or missing);
    raises PassphraseRequired when it is encrypted and no key or offered passphrase opens it."""
    salt = file_salt(path)
    if salt is None:
        return None
    key = known_key(salt)
    if key is not None:
        return key
    with _lock:
        offered = list(_offered)
    for passphrase in offered:
        key = derive(passphrase, salt)
        if opens(path, key):
            with _lock:
                _offered_keys[salt] = key
            return key
    if offered:
        raise WrongPassphrase(wrong_passphrase_text(path))
    raise PassphraseRequired(f"{path} is encrypted: its passphrase is needed to open it. "
                             "The file was not changed.")


def wrong_passphrase_text(path: Path) -> str:
    return f"Wrong passphrase for {path}: it did not open, and the file was not changed."


def unlock(path: Path, passphrase: str | None) -> Key:
    """The key of the encrypted file at `path` from `passphrase` (or already known, or offered
    by the terminal), remembered once more for the caller, who forgets it when done. Only
    page 1 is read, from a private copy: a wrong passphrase changes nothing and creates
    nothing beside the file (no -wal, -shm or lock)."""
    salt = file_salt(path)
    if salt is None:
        raise ValueError(f"{path} is not encrypted")
    key = known_key(salt)
    if key is None and passphrase is None:
        key = key_for(path)  # a passphrase the terminal offered, or PassphraseRequired
    elif key is None:
        key = derive(passphrase, salt)
        if not opens(path, key):
            raise WrongPassphrase(wrong_passphrase_text(path))
    remember(key)
    return key


def opens(path: Path, key: Key) -> bool:
    """Whether `key` decrypts the file's first page, read from a copy in a private folder."""
    with open(path, "rb") as fh:
        first = fh.read(PAGE)
    with tempfile.TemporaryDirectory(prefix="facilitator-key-") as scratch:
        copy = Path(scratch) / "page1"
        copy.write_bytes(first)
        con = _keyed(f"{copy.as_uri()}?immutable=1", key, uri=True)
        try:
            con.execute("PRAGMA user_version").fetchone()
            return True
        except dbapi2.DatabaseError as exc:
            if getattr(exc, "sqlite_errorcode", 0) == SQLITE_NOTADB:
                return False
            return True  # page 1 decrypted; what is beyond it is not in the copy
        finally:
            con.close()


AUTO = object()  # connect's default: the key of the file, found by its salt


def connect(path: Path, key=AUTO, *, query: str = "", **kwargs):
    """A DB-API connection to the database file `path`: sqlite3's for a plain file, SQLCipher's,
    keyed, for an encrypted one (`key` says which, or is found from the file). `query` (e.g.
    "mode=ro") opens it through a file: URI."""
    if key is AUTO:
        key = key_for(path)
    target, uri = (f"{Path(os.path.realpath(path)).as_uri()}?{query}", True) if query else (
        str(path), False)
    if key is None:
        return sqlite3.connect(target, uri=uri, **kwargs)
    return _keyed(target, key, uri=uri, **kwargs)


def _keyed(target: str, key: Key | None, **kwargs):
    con = dbapi2.connect(target, **kwargs)
    if key is not None:
        con.execute(f'PRAGMA key = "{key.literal()}"')
    return con


@contextlib.contextmanager
def cipher_connection(path: Path, key: Key | None, **kwargs) -> Iterator:
    """A SQLCipher connection to `path` (plain when `key` is None), for sqlcipher_export."""
    con = _keyed(str(path), key, **kwargs)
    try:
        yield con
    finally:
        con.close()


def export(src: Path, src_key: Key | None, dest: Path, dest_key: Key | None) -> None:
    """Write the whole database `src` into the new file `dest` with `dest_key` (None: plain),
    through SQLCipher's sqlcipher_export. `dest` must not exist or be empty."""
    with cipher_connection(src, src_key, isolation_level=None) as con:
        literal = dest_key.literal() if dest_key is not None else ""
        con.execute("ATTACH DATABASE ? AS converted KEY ?", (str(dest), literal))
        try:
            con.execute("SELECT sqlcipher_export('converted')").fetchall()
            version = con.execute("PRAGMA main.user_version").fetchone()[0]
            con.execute(f"PRAGMA converted.user_version = {int(version)}")
        finally:
            con.execute("DETACH DATABASE converted")
