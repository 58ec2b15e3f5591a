"""`facilitator backups` and `facilitator restore`: the backups of the database, from a
terminal. Neither opens the database (nothing is migrated, nothing written by listing);
restore takes the database's lock, so it refuses while the app has the file open.

    facilitator backups                 when, size, cohorts and participants in each
    facilitator restore FILE            put that backup in place (the current file is kept aside)
    facilitator restore --newest        the newest backup that passes its integrity check"""

from __future__ import annotations

import time
from pathlib import Path


def register(subparsers) -> None:
    lst = subparsers.add_parser("backups", help="list the database's backups (newest first)")
    lst.set_defaults(run=None, standalone=list_backups)
    res = subparsers.add_parser("restore", help="put a backup in place of the database "
                                "(the current file is kept aside, never deleted)")
    which = res.add_mutually_exclusive_group(required=True)
    which.add_argument("file", nargs="?", metavar="FILE",
                       help="a backup file (a path, or a name from `facilitator backups`)")
    which.add_argument("--newest", action="store_true", help="the newest good backup")
    res.set_defaults(run=None, standalone=restore)


def when(seconds: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(seconds))


def size(n: int) -> str:
    return f"{n / 1024:,.0f} KB" if n < 1024 * 1024 else f"{n / (1024 * 1024):,.1f} MB"


def _count(n: int | None) -> str:
    return "-" if n is None else f"{n:,}"


def list_backups(args, db_path: Path) -> int:
    from facilitator.store import backup, cipher
    from facilitator.store.paths import backups_dir

    if getattr(args, "passphrase", None) is not None and db_path.exists():
        cipher.key_for(db_path)  # a wrong passphrase is said (exit 2), not shown as "encrypted"
    infos = backup.describe_backups(db_path)
    if not infos:
        print(f"No backups of {db_path} yet (they are kept in {backups_dir(db_path)}).")
        return 0
    print(f"Backups of {db_path}, newest first, in {backups_dir(db_path)}:")
    rows = [("Made", "Size", "Cohorts", "Participants", "Why", "File")]
    for info in infos:
        rows.append((when(info.when), size(info.size),
                     _count(info.cohorts) if info.readable else
                     ("encrypted" if info.encrypted else "unreadable"),
                     _count(info.participants) if info.readable else "-",
                     info.reason, info.path.name))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    for r in rows:
        print("  ".join([r[0].ljust(widths[0]), r[1].rjust(widths[1]), r[2].rjust(widths[2]),
                         r[3].rjust(widths[3]), r[4].ljust(widths[4]), r[5]]))
    return 0


def _chosen(args, db_path: Path) -> Path:
    from facilitator.store import backup
    from facilitator.store.errors import StoreError
    from facilitator.store.paths import backups_dir

    if args.newest:
        good = backup.newest_good_backup(db_path)
        if good is None:
            raise StoreError(f"There is no good backup of {db_path} in {backups_dir(db_path)}.")
        return good
    given = Path(args.file).expanduser()
    if not given.exists() and given.name == args.file:
        in_folder = backups_dir(db_path) / given.name
        if in_folder.exists():
            return in_folder
    return given.absolute()


def restore(args, db_path: Path) -> int:
    from facilitator.store import backup

    chosen = _chosen(args, db_path)
    moved = backup.restore_backup(chosen, db_path)
    cohorts, people = backup.count_people(db_path)
    print(f"Restored {chosen.name} (made {when(backup.made_at(chosen))}: {_count(cohorts)} "
          f"cohort(s), {_count(people)} participant(s)) to {db_path}.")
    if moved:
        print(f"The file that was there is kept (not deleted) as {moved[0]}.")
    return 0
