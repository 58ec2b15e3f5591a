"""`facilitator export ics --cohort NAME --out FILE`: the cohort's events as an iCalendar file."""

from __future__ import annotations

import sys
from pathlib import Path

from facilitator.commands.groups import export_kinds


def register(subparsers) -> None:
    ics = export_kinds(subparsers).add_parser(
        "ics", help="a cohort's events as an iCalendar (.ics) file for participants' calendars")
    ics.add_argument("--cohort", required=True, metavar="NAME", help="the cohort's name")
    ics.add_argument("--out", required=True, metavar="FILE", help="the .ics file to write")
    ics.set_defaults(run=run_ics)


def run_ics(args, db) -> int:
    from facilitator.services.cohort import cohorts
    from facilitator.services.plans import calendar_export

    cohort = cohorts.find_cohort(db, args.cohort)
    if cohort is None:
        names = ", ".join(repr(c["name"]) for c in cohorts.list_cohorts(db)) or "none yet"
        print(f"facilitator: there is no cohort called {args.cohort!r} (cohorts: {names})",
              file=sys.stderr)
        return 2
    out = Path(args.out).expanduser().absolute()
    if not out.parent.is_dir():
        print(f"facilitator: the folder {out.parent} does not exist", file=sys.stderr)
        return 2
    try:
        count = calendar_export.write_ics(db, cohort["id"], out)
    except OSError as exc:
        print(f"facilitator: could not write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"Wrote {count} event(s) of {cohort['name']} to {out}")
    return 0
