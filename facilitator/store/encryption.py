"""Encrypting an open database, changing its passphrase, removing its encryption: the file and
every copy of it beside it (its backups and the files kept aside) together.

Each file is rewritten the same way: sqlcipher_export into a new file beside it, that file
checked (integrity_check with the new key, and every table's row count against the old one)
and fsynced, then put in place with one os.replace. Nothing is converted in place, so a crash
at any moment leaves the old file or the new one, never half of each.

A plain file that encryption replaces is not kept aside (a plain copy on the disk would undo
the point): it is overwritten with zeros and then deleted. Overwriting is best effort: an SSD
or a journalling or copy-on-write file system may keep older blocks (full-disk encryption is
the answer to that). Backups made before encryption are plain too: they are encrypted with the
same key, or deleted (overwritten first) if the caller chooses. A copy that cannot be read
(truly damaged, or encrypted with a passphrase nobody gave) is named in `problems` and left
as it was."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from facilitator.fileio import fsync_folder, temp_path_for
from facilitator.store import backup, checks, cipher, scrub
from facilitator.store.errors import DatabaseBusy, PassphraseRequired, StoreError, WrongPassphrase
from facilitator.store.paths import sidecar

ENCRYPT, DELETE = "encrypt", "delete"  # what becomes of the plain copies when encrypting
WIPE_CHUNK = 1 << 20
Progress = Callable[[int, int, str], None]


class PassphraseTooShort(StoreError):
    title = "Passphrase too short"


@dataclass(frozen=True)
class ConversionResult:
    path: Path
    encrypted: bool  # the state of the database afterwards
    copies_converted: int = 0
    copies_deleted: int = 0
    problems: list[str] = field(default_factory=list)


def check_new_passphrase(passphrase: str) -> None:
    if len(passphrase) < cipher.MIN_PASSPHRASE:
        raise PassphraseTooShort(
            f"A passphrase needs at least {cipher.MIN_PASSPHRASE} characters (this one has "
            f"{len(passphrase)}). Several unrelated words are easier to remember and harder to "
            "guess than one short word.")
    if passphrase != passphrase.strip() or "\n" in passphrase or "\r" in passphrase:
        raise PassphraseTooShort("A passphrase cannot start or end with a space or hold a line "
                                 "break (the terminal reads it as one line).")


def check_current(db, passphrase: str) -> None:
    """Raise WrongPassphrase unless `passphrase` is the open database's (asked again before
    its passphrase is changed or its encryption removed, so an unlocked screen is not enough)."""
    if db.key is None or cipher.derive(passphrase, db.key.salt) != db.key:
        raise WrongPassphrase(cipher.wrong_passphrase_text(db.path))


def encrypt(db, passphrase: str, *, plain_copies: str = ENCRYPT,
            progress: Progress | None = None) -> ConversionResult:
    """Encrypt the open plain database `db` with `passphrase`, and its backups and the files
    kept aside with the same key (or delete the plain ones: `plain_copies=DELETE`)."""
    if db.encrypted:
        raise StoreError(f"{db.path.name} is already encrypted; change its passphrase instead.")
    if plain_copies not in (ENCRYPT, DELETE):
        raise ValueError(plain_copies)
    check_new_passphrase(passphrase)
    return _convert(db, cipher.new_key(passphrase), plain_copies, progress)


def change_passphrase(db, passphrase: str, *, progress: Progress | None = None) -> ConversionResult:
    """A new passphrase (and a new salt and key) for the open encrypted database and every
    copy of it that opens with the old one: afterwards the old passphrase opens none of them."""
    if not db.encrypted:
        raise StoreError(f"{db.path.name} is not encrypted; encrypt it first.")
    check_new_passphrase(passphrase)
    return _convert(db, cipher.new_key(passphrase), ENCRYPT, progress)


def decrypt(db, *, progress: Progress | None = None) -> ConversionResult:
    """Remove the encryption of the open database and of its copies that open with its key."""
    if not db.encrypted:
        raise StoreError(f"{db.path.name} is not encrypted.")
    return _convert(db, None, ENCRYPT, progress)


def _convert(db, new_key: cipher.Key | None, plain_copies: str, progress) -> ConversionResult:
    report = progress or (lambda *_: None)
    old_key = db.key
    copies = backup.list_backups(db.path) + scrub.set_aside_files(db.path)
    total = len(copies) + 1
    report(0, total, f"{'Encrypting' if new_key else 'Decrypting'} {db.path.name}…")
    if not db.checkpoint():
        raise DatabaseBusy(f"{db.path.name} is being read by another task; nothing was changed. "
                           "Try again in a moment.")
    if db.engine.pool.checkedout():
        raise DatabaseBusy(f"{db.path.name} is in use by another task; nothing was changed. "
                           "Try again when it has finished.")
    db.engine.dispose()
    if new_key is not None:
        cipher.remember(new_key)
    try:
        rewrite(db.path, old_key, new_key)
    except BaseException:
        cipher.forget(new_key)  # the old file is still in place; the engine reconnects to it
        raise
    for suffix in ("-wal", "-shm"):  # they belonged to the old file (the WAL was empty)
        with contextlib.suppress(FileNotFoundError):
            sidecar(db.path, suffix).unlink()
    from facilitator.store.engines import make_engine

    db.key = new_key
    db._use(make_engine(db.path, new_key))
    converted = deleted = 0
    problems: list[str] = []
    for i, copy in enumerate(copies, start=1):
        report(i, total, f"{copy.name}…")
        try:
            done = _convert_copy(copy, old_key, new_key, plain_copies)
        except (StoreError, OSError, *cipher.DATABASE_ERRORS) as exc:
            state = "plain" if cipher.file_salt(copy) is None else "encrypted as before"
            problems.append(f"{copy.name} could not be converted ({exc}); it is still {state}: "
                            "delete it if it should not stay so.")
            continue
        converted += done == "converted"
        deleted += done == "deleted"
    cipher.forget(old_key)  # only now: the copies were found by it
    report(total, total, "Done.")
    return ConversionResult(db.path, new_key is not None, converted, deleted, problems)


def _convert_copy(path: Path, old_key, new_key, plain_copies: str) -> str:
    try:
        key = cipher.key_for(path)
    except PassphraseRequired:
        raise StoreError("it is encrypted with another passphrase") from None
    if key == new_key:
        return "unchanged"
    if key is None and old_key is not None:
        return "unchanged"  # plain already, from before: decrypting leaves it so
    if key is not None and key != old_key:
        raise StoreError("it is encrypted with another passphrase")
    if key is None and plain_copies == DELETE:
        wipe(path)
        for suffix in ("-wal", "-shm", "-journal"):
            wipe(sidecar(path, suffix))
        fsync_folder(path.parent)
        return "deleted"
    rewrite(path, key, new_key)
    for suffix in ("-wal", "-shm"):
        wipe(sidecar(path, suffix))
    return "converted"


def rewrite(path: Path, old_key, new_key) -> None:
    """Put a copy of the database file `path` written with `new_key` (None: plain) in its
    place, checked first; a plain file replaced is overwritten with zeros. The caller makes
    sure nothing has the file open."""
    tmp = temp_path_for(path.with_name(path.name + ".convert"))
    wipe_link = temp_path_for(path.with_name(path.name + ".wipe"))
    try:
        tmp.unlink(missing_ok=True)
        os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, backup.PRIVATE_FILE))
        cipher.export(path, old_key, tmp, new_key)
        _verify(path, old_key, tmp, new_key)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        backup.make_private(tmp)
        wipe_link.unlink(missing_ok=True)
        if old_key is None:
            # a second name keeps the plain file's blocks until they are zeroed (a file system
            # without hard links, like FAT, gets the replace without the overwrite)
            with contextlib.suppress(OSError):
                os.link(path, wipe_link)
        os.replace(tmp, path)
        fsync_folder(path.parent)
        wipe(wipe_link)
    finally:
        for leftover in (tmp, sidecar(tmp, "-journal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        # a link not yet replaced is the live file itself: remove the name only
        with contextlib.suppress(FileNotFoundError):
            wipe_link.unlink()


def _verify(old: Path, old_key, new: Path, new_key) -> None:
    ok, problem = checks.integrity_ok(new, key=new_key)
    if not ok:
        raise StoreError(f"the converted copy of {old.name} failed its check ({problem}); "
                         "nothing was changed")
    before, after = _row_counts(old, old_key), _row_counts(new, new_key)
    if before != after:
        raise StoreError(f"the converted copy of {old.name} does not hold the same records; "
                         "nothing was changed")


def _row_counts(path: Path, key) -> dict[str, int]:
    with checks.reading(path, key) as con:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND sql NOT LIKE 'CREATE VIRTUAL%'")]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def wipe(path: Path) -> None:
    """Overwrite a file with zeros, fsync, and delete it (best effort: see the module's notes)."""
    try:
        fd = os.open(path, os.O_WRONLY)
    except FileNotFoundError:
        return
    try:
        size = os.fstat(fd).st_size
        zeros = bytes(min(size, WIPE_CHUNK))
        done = 0
        while done < size:
            done += os.write(fd, zeros[: size - done])
        os.fsync(fd)
    finally:
        os.close(fd)
    path.unlink()
