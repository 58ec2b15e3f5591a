"""`facilitator erase`: erase a person from the database and every copy of it.

    facilitator erase --cohort C --participant "Given Family"         says what would go
    facilitator erase --cohort C --participant "Given Family" --yes   erases (cannot be undone)

Backups and the files kept aside (.damaged-/.replaced-) are rewritten without the person
unless --delete-backups / --delete-set-aside choose to delete them instead.

    facilitator retention [--months N] [--cohort C --keep-until YYYY-MM-DD|default]"""

from __future__ import annotations


def register(subparsers) -> None:
    p = subparsers.add_parser("erase", help="erase a participant from the database and every "
                              "backup (cannot be undone)")
    p.add_argument("--cohort", required=True, metavar="NAME", help="the cohort they are in")
    p.add_argument("--participant", required=True, metavar='"GIVEN FAMILY"',
                   help="their given and family name")
    p.add_argument("--yes", action="store_true", help="really erase (without it: only say what "
                   "would be erased)")
    p.add_argument("--delete-backups", action="store_true",
                   help="delete every backup instead of rewriting them without the person")
    p.add_argument("--delete-set-aside", action="store_true",
                   help="delete the .damaged-/.replaced- files instead of rewriting them")
    p.set_defaults(run=erase)
    r = subparsers.add_parser("retention", help="each cohort's keep-until date; set the period "
                              "kept after a programme ends, or a date by hand")
    r.add_argument("--months", type=int, metavar="N",
                   help="keep a cohort N months after its end date (default 12)")
    r.add_argument("--cohort", metavar="NAME", help="the cohort --keep-until applies to")
    r.add_argument("--keep-until", metavar="YYYY-MM-DD",
                   help="a keep-until date by hand for --cohort ('default' to go back)")
    r.set_defaults(run=retention_command)


def erase(args, db) -> int:
    from facilitator.commands.terminal import safe_text, say_error
    from facilitator.services.privacy import erasure

    pid = erasure.find_participant(db, args.cohort, args.participant)
    plan = erasure.plan_erasure(db, pid)
    backups = erasure.DELETE if args.delete_backups else erasure.REWRITE
    aside = erasure.DELETE if args.delete_set_aside else erasure.REWRITE
    if not args.yes:
        print(safe_text(f"Erasing {plan.name} from {plan.cohort} would remove:"))
        for line in plan.describe():
            print(f"  {line}")
        print(f"Backups would be {'deleted' if args.delete_backups else 'rewritten without them'}"
              f"; files kept aside would be {'deleted' if args.delete_set_aside else 'rewritten'}.")
        say_error("nothing was erased: add --yes to erase (it cannot be undone)")
        return 2
    result = erasure.erase_participant(db, pid, backups=backups, set_aside=aside)
    print(f"Erased ({sum(result.counts.values())} record(s)); reference {result.reference}.")
    print(f"Backups {'deleted' if backups == erasure.DELETE else 'rewritten'}: "
          f"{result.backups_done}; files kept aside "
          f"{'deleted' if aside == erasure.DELETE else 'rewritten'}: {result.set_aside_done}.")
    for problem in result.problems:
        say_error(problem)
    return 1 if result.problems else 0



def retention_command(args, db) -> int:
    from datetime import date, datetime

    from facilitator.commands.terminal import safe_text, say_error
    from facilitator.services.cohort import cohorts
    from facilitator.services.privacy import retention

    if args.months is not None:
        retention.set_keep_months(db, args.months)
    if args.keep_until is not None:
        if not args.cohort:
            say_error("--keep-until needs --cohort NAME")
            return 2
        rec = cohorts.find_cohort(db, args.cohort)
        if rec is None:
            say_error(f"there is no cohort called {args.cohort!r}")
            return 2
        when = None
        if args.keep_until != "default":
            try:
                when = datetime.strptime(args.keep_until, "%Y-%m-%d").date()
            except ValueError:
                say_error(f"--keep-until {args.keep_until!r} is not a date like 2027-06-30")
                return 2
        retention.set_keep_until(db, rec["id"], when)
    today = date.today()
    print(f"Cohorts are kept {retention.keep_months(db)} months after they end, unless a date "
          "is set by hand.")
    for row in retention.retention(db):
        until = row["keep_until"]
        state = ("no end date, so no keep-until date" if until is None else
                 f"keep until {until:%Y-%m-%d}{' (set by hand)' if row['set_by_hand'] else ''}"
                 f"{' - PASSED: erase it from the app, or set a later date' if until < today else ''}")
        print(safe_text(f"  {row['name']}: {state}"))
    return 0
