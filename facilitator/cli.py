"""The `facilitator` command: opens the app, or does terminal work with the same services.

    facilitator [--db PATH]                 open the app
    facilitator demo [--participants N --cohorts K]
    facilitator backup [--out FILE]
    facilitator backups                     list the backups
    facilitator restore FILE | --newest     put one back (the current file is kept aside)
    facilitator check                       read-only: exits non-zero unless healthy and openable
    facilitator encrypt | decrypt | rekey   SQLCipher encryption (see commands/encryption.py)

An encrypted database's passphrase comes from --passphrase-stdin (before or after the command)
or FACILITATOR_PASSPHRASE, never from an argument.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="facilitator", description="Facilitator: cohort programmes, offline.")
    parser.add_argument("--db", metavar="PATH", help="database file (default: FACILITATOR_DB or the user data folder)")
    from facilitator.commands.encryption import add_passphrase_option

    add_passphrase_option(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="create the demo cohort, or scale data for benchmarks")
    demo.add_argument("--participants", type=int, metavar="N", help="scale data: N participants in each cohort")
    demo.add_argument("--cohorts", type=int, default=1, metavar="K", help="scale data: K cohorts (default 1)")
    demo.set_defaults(run=_demo)

    backup = sub.add_parser("backup", help="write a checked backup of the database")
    backup.add_argument("--out", metavar="FILE", help="where to write it (default: the backups folder)")
    backup.set_defaults(run=_backup)

    check = sub.add_parser("check", help="check the database's integrity and schema (read-only)")
    check.set_defaults(run=None, standalone=_check)

    from facilitator.commands import register_all

    register_all(sub)
    for command in dict.fromkeys(sub.choices.values()):  # every command: it may open one
        add_passphrase_option(command)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        from facilitator.app import run_app

        return run_app(args.db)
    from facilitator.commands.encryption import PassphraseInputError, read_passphrases
    from facilitator.commands.terminal import say_error
    from facilitator.store import cipher
    from facilitator.store.errors import (
        DamagedDatabase,
        PassphraseRequired,
        StoreError,
        WrongPassphrase,
    )
    from facilitator.store.paths import real_path, resolve_db_path

    path = real_path(resolve_db_path(args.db))
    try:
        read_passphrases(args)
        standalone = getattr(args, "standalone", None)
        with cipher.offered(args.passphrase):  # for backups and copies of an encrypted one
            if standalone is not None:  # check, backups, restore: they never open the database
                return standalone(args, path)
            return _with_db(path, args)
    except PassphraseInputError as exc:
        say_error(exc)
        return 2
    except WrongPassphrase as exc:
        say_error(exc)
        return 2
    except PassphraseRequired as exc:
        say_error(f"{exc} Give it with --passphrase-stdin or FACILITATOR_PASSPHRASE.")
        return 2
    except DamagedDatabase as exc:
        say_error(f"{exc}\nTo put the newest good backup in its place: facilitator restore "
                  "--newest (or choose one from: facilitator backups).")
        return 2
    except StoreError as exc:
        say_error(exc)
        return 2
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        say_error(f"{exc.strerror or exc}{where}")
        return 2


def _with_db(path: Path, args) -> int:
    from facilitator.commands.terminal import say_error
    from facilitator.services.errors import ServiceError
    from facilitator.store.database import open_database

    _refuse_to_replace_a_damaged_file(path)
    db = open_database(path, passphrase=args.passphrase)
    try:
        return int(args.run(args, db) or 0)
    except ServiceError as exc:
        say_error(exc)
        return 2
    finally:
        db.close(backup_on_close=False)


def _refuse_to_replace_a_damaged_file(path: Path) -> None:
    """After a damaged file was moved aside, a terminal command does not quietly start an
    empty database in its place: it says what happened and how to restore."""
    from facilitator.store.database import replaced_damaged_file
    from facilitator.store.errors import StoreError

    refusal = replaced_damaged_file(path)
    if refusal is None:
        return
    how = ("facilitator restore --newest puts it back." if refusal.good_backup
           else "facilitator backups lists what there is.")
    raise StoreError(f"{refusal}\n{how}\n"
                     "To start an empty database there instead, move the damaged file out of "
                     "that folder.")


def _demo(args, db) -> int:
    from facilitator import demo

    if args.participants is not None:
        if args.participants < 1 or args.cohorts < 1:
            print("facilitator: --participants and --cohorts must be at least 1", file=sys.stderr)
            return 2
        ids = demo.create_scale_data(db, args.participants, args.cohorts)
        print(f"Created {len(ids)} cohort(s) of {args.participants} participants in {db.path}")
        return 0
    cohort_id, _ = demo.create_demo(db)
    print(f"Demo cohort ready (id {cohort_id}) in {db.path}")
    return 0


def _backup(args, db) -> int:
    from facilitator.store import backup

    if args.out:
        dest = backup.copy_database(db.path, Path(args.out).expanduser().absolute())
    else:
        dest = db.backup("manual")
    print(f"Backup written and checked: {dest}")
    return 0


def _check(_args, path: Path) -> int:
    """Integrity and schema of a database file, read-only: nothing is migrated, written or
    created (no -wal, no -shm; see store.checks.reading). Exits 0 only for a healthy
    Facilitator database of a schema this version opens; otherwise 1 with the reason."""
    from facilitator.commands.terminal import say_error
    from facilitator.store import checks, cipher, migrate
    from facilitator.store.errors import NotADatabase

    if not path.is_file():
        raise NotADatabase(f"There is no database file at {path}.")
    with open(path, "rb") as fh:
        plain = fh.read(len(checks.SQLITE_HEADER)) == checks.SQLITE_HEADER
    if not plain and not cipher.is_encrypted(path):
        raise NotADatabase(f"{path} is not a Facilitator database; it was not changed.")
    ok, problem = checks.integrity_ok(path)  # an encrypted file: with the passphrase given
    print(f"Database: {path}{'' if plain else ' (encrypted)'}")
    if not ok:
        print(f"Integrity: {problem}")
        say_error(f"{path} is damaged ({problem}).")
        return 1
    revision, has_tables = checks.read_revision(path)
    reason = ""
    if revision is None:
        state = "empty" if not has_tables else "not a Facilitator schema"
        reason = (f"{path} is an empty SQLite file, not yet a Facilitator database." if not has_tables
                  else f"{path} is an SQLite database, but not one of Facilitator's.")
    elif migrate.is_newer(revision):
        state = "newer than this version of Facilitator"
        reason = (f"{path} was saved by a newer version of Facilitator (schema {revision}; this "
                  f"version knows up to {migrate.head_revision()}).")
    elif revision != migrate.head_revision():
        state = f"will be upgraded to {migrate.head_revision()} when opened"
    else:
        state = "up to date"
    print(f"Schema: {revision} ({state})")
    print(f"Integrity: {problem}")
    if reason:
        say_error(reason)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
