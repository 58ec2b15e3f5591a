"""`facilitator flex`: what the crowd knows, from a terminal (groups, flags, counts)."""

from __future__ import annotations

import sys


def register(subparsers) -> None:
    p = subparsers.add_parser("flex", help="print a cohort's rules grouped, with contested and myth flags")
    p.add_argument("--cohort", metavar="NAME", help="the cohort (default: the only or newest one)")
    p.add_argument("--threshold", type=int, default=50, metavar="PCT",
                   help="how alike rules must be to group, 30-100 (default 50)")
    p.add_argument("--flagged", action="store_true", help="only contested rules and myths")
    p.set_defaults(run=run)


def run(args, db) -> int:
    from facilitator.services.cohort import cohorts
    from facilitator.services.flex import crowd

    if not 30 <= args.threshold <= 100:
        print("facilitator: --threshold must be from 30 to 100", file=sys.stderr)
        return 2
    if args.cohort:
        rec = cohorts.find_cohort(db, args.cohort)
        if rec is None:
            print(f"facilitator: there is no cohort called {args.cohort!r}", file=sys.stderr)
            return 2
    else:
        every = cohorts.list_cohorts(db)
        if not every:
            print("facilitator: there are no cohorts yet", file=sys.stderr)
            return 2
        rec = every[0]
    view = crowd.crowd_view(db, rec["id"], args.threshold / 100)
    groups = [g for g in view.groups if g.flags or not args.flagged]
    print(f"{rec['name']}: {len(view.groups)} groups, "
          f"{sum(g.contested for g in view.groups)} contested, {sum(g.myth for g in view.groups)} myths")
    for g in groups:
        flags = f" [{', '.join(g.flags)}]" if g.flags else ""
        print(f"- {g.title}{flags}: {g.people} people; absolute {g.beliefs['absolute']}, "
              f"discretionary {g.beliefs['discretionary']}, unsure {g.beliefs['unsure']}")
    return 0
