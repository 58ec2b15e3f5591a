"""The `facilitator` command: opens the app, or does terminal work with the same services.

    facilitator [--db PATH]                 open the app
    facilitator demo [--participants N --cohorts K]
    facilitator backup [--out FILE]
    facilitator check
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="facilitator", description="Facilitator: cohort programmes, offline.")
    parser.add_argument("--db", metavar="PATH", help="database file (default: FACILITATOR_DB or the user data folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="create the demo cohort, or scale data for benchmarks")
    demo.add_argument("--participants", type=int, metavar="N", help="scale data: N participants in each cohort")
    demo.add_argument("--cohorts", type=int, default=1, metavar="K", help="scale data: K cohorts (default 1)")
    demo.set_defaults(run=_demo)

    backup = sub.add_parser("backup", help="write a checked backup of the database")
    backup.add_argument("--out", metavar="FILE", help="where to write it (default: the backups folder)")
    backup.set_defaults(run=_backup)

    check = sub.add_parser("check", help="check the database's integrity and schema (read-only)")
    check.set_defaults(run=None, check=True)

    from facilitator.commands import register_all

    register_all(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        from facilitator.app import run_app

        return run_app(args.db)
    from facilitator.store.errors import StoreError
    from facilitator.store.paths import resolve_db_path

    path = resolve_db_path(args.db)
    try:
        if getattr(args, "check", False):
            return _check(path)
        return _with_db(path, args)
    except StoreError as exc:
        print(f"facilitator: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"facilitator: {exc.strerror or exc}{where}", file=sys.stderr)
        return 2


def _with_db(path: Path, args) -> int:
    from facilitator.services.errors import ServiceError
    from facilitator.store.database import open_database

    db = open_database(path)
    try:
        return int(args.run(args, db) or 0)
    except ServiceError as exc:
        print(f"facilitator: {exc}", file=sys.stderr)
        return 2
    finally:
        db.close(backup_on_close=False)


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


def _check(path: Path) -> int:
    """Integrity and schema of a database file, read-only: nothing is migrated or written."""
    from facilitator.store import checks, migrate
    from facilitator.store.errors import NotADatabase

    if not path.is_file():
        raise NotADatabase(f"There is no database file at {path}.")
    with open(path, "rb") as fh:
        if fh.read(len(checks.SQLITE_HEADER)) != checks.SQLITE_HEADER:
            raise NotADatabase(f"{path} is not a Facilitator database; it was not changed.")
    revision, _ = checks.read_revision(path)
    ok, problem = checks.integrity_ok(path)
    state = "up to date"
    if revision is None:
        state = "not a Facilitator schema"
    elif migrate.is_newer(revision):
        state = "newer than this version of Facilitator"
    elif revision != migrate.head_revision():
        state = f"will be upgraded to {migrate.head_revision()} when opened"
    print(f"Database: {path}")
    print(f"Schema: {revision} ({state})")
    print(f"Integrity: {problem}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
