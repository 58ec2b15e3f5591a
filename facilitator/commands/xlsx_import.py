"""`facilitator import xlsx FILE [--dry-run | --apply] [--take theirs|ours]`: read a returned
workbook, show what it would change, and apply it only when asked. Conflicts are never settled
silently: with conflicts, --apply refuses (exit 1) unless --take says which side wins."""

from __future__ import annotations

import sys
from pathlib import Path

from facilitator.commands.groups import import_kinds


def register(subparsers) -> None:
    p = import_kinds(subparsers).add_parser(
        "xlsx", help="a returned workbook: show its changes (--dry-run) or apply them (--apply)")
    p.add_argument("file", metavar="FILE", help="the returned .xlsx")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--dry-run", action="store_true", help="print the changes (the default)")
    mode.add_argument("--apply", action="store_true", help="apply the changes in one step")
    p.add_argument("--take", choices=("theirs", "ours"),
                   help="settle every conflict: the workbook's value (theirs) or this "
                        "database's (ours)")
    p.set_defaults(run=run_import)


def _show(value) -> str:
    if value is None:
        return "(empty)"
    text = str(value).replace("\n", " ⏎ ")
    return repr(text if len(text) <= 50 else text[:47] + "…")


def print_review(review, out=None) -> None:
    from facilitator.imports.review import CONFLICT, KEPT, NEW, UPDATE

    out = out or sys.stdout
    b = review.book
    print(f"{b.name}: {b.kind} workbook exported {review.export['exported_at']:%d %b %Y %H:%M}",
          file=out)
    sheets = dict.fromkeys(c.sheet for c in review.changes)
    for sheet in sheets:
        mine = [c for c in review.changes if c.sheet == sheet]
        counts = ", ".join(f"{sum(1 for c in mine if c.status == s)} {s}" for s in
                           (UPDATE, NEW, CONFLICT, KEPT) if any(c.status == s for c in mine))
        print(f"\n{sheet}: {counts}", file=out)
        for c in mine:
            where = f"  row {c.row} {c.label} · {c.header}"
            if c.status in (UPDATE, NEW):
                print(f"{where}: {_show(c.base)} → {_show(c.theirs)}", file=out)
            elif c.status == CONFLICT:
                print(f"{where}: CONFLICT exported {_show(c.base)}, workbook {_show(c.theirs)}, "
                      f"here now {_show(c.ours)}", file=out)
            else:
                print(f"{where}: kept {_show(c.ours)} (changed here since the export; the "
                      "workbook still has the exported value)", file=out)
    for note in review.notes:
        print(f"note: {note}", file=out)
    for problem in review.problems:
        print(f"problem: {problem}", file=out)
    if not review.changes and not review.problems:
        print("Nothing to change: the workbook matches this database.", file=out)


def run_import(args, db) -> int:
    from facilitator.imports.review import NotReady, apply_review, review_workbook
    from facilitator.imports.safe_reader import WorkbookRefused
    from facilitator.services.errors import ServiceError

    try:
        review = review_workbook(db, Path(args.file).expanduser())
    except WorkbookRefused as exc:
        print(f"facilitator: {exc}", file=sys.stderr)
        return 2
    print_review(review)
    if review.problems:
        print(f"\n{len(review.problems)} problem(s): nothing was changed. Correct the workbook "
              "and read it in again.", file=sys.stderr)
        return 1
    if not args.apply:
        print("\nDry run: nothing was changed. Use --apply to apply these changes.")
        return 0
    if args.take:
        review.resolve_all(args.take)
    if not review.writes and not review.unresolved:
        print("\nNothing to apply.")
        return 0
    if review.unresolved:
        print(f"\nfacilitator: {len(review.unresolved)} conflict(s) (listed above): nothing was "
              "changed. Settle them in the app, or add --take theirs or --take ours.",
              file=sys.stderr)
        return 1
    try:
        applied = apply_review(db, review)
    except (NotReady, ServiceError) as exc:
        print(f"facilitator: {exc}", file=sys.stderr)
        return 1
    print(f"\nApplied: {applied.rows} record(s) changed in one step.")
    return 0
