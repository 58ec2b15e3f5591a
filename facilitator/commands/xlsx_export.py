"""`facilitator export xlsx cohort|organisation|participant …`: the three workbooks."""

from __future__ import annotations

import sys
from pathlib import Path

from facilitator.commands.groups import xlsx_kinds


def register(subparsers) -> None:
    kinds = xlsx_kinds(subparsers)
    c = kinds.add_parser("cohort", help="the cohort workbook (team, funder)")
    c.add_argument("--cohort", required=True, metavar="C", help="the cohort's name")
    c.add_argument("--out", required=True, metavar="F", help="the .xlsx file to write")
    c.add_argument("--pseudonymise", action="store_true",
                   help="participant codes instead of names, and names in free text replaced")
    c.set_defaults(run=run_cohort)
    o = kinds.add_parser("organisation", help="a workbook for one partner organisation, or each")
    o.add_argument("--cohort", required=True, metavar="C", help="the cohort's name")
    which = o.add_mutually_exclusive_group(required=True)
    which.add_argument("--organisation", metavar="O", help="the organisation's name")
    which.add_argument("--each", action="store_true", help="one workbook per organisation")
    o.add_argument("--out", required=True, metavar="F|DIR",
                   help="the .xlsx file (with --organisation) or a folder (with --each)")
    o.set_defaults(run=run_organisation)
    p = kinds.add_parser("participant", help="one participant's return workbook")
    p.add_argument("--cohort", required=True, metavar="C", help="the cohort's name")
    p.add_argument("--participant", required=True, metavar="P", help='"Given Family" name')
    p.add_argument("--out", required=True, metavar="F", help="the .xlsx file to write")
    p.set_defaults(run=run_participant)


def _fail(message: str) -> int:
    print(f"facilitator: {message}", file=sys.stderr)
    return 2


def _cohort(db, name: str):
    from facilitator.services.cohort import cohorts

    cohort = cohorts.find_cohort(db, name)
    if cohort is None:
        names = ", ".join(repr(c["name"]) for c in cohorts.list_cohorts(db)) or "none yet"
        _fail(f"there is no cohort called {name!r} (cohorts: {names})")
    return cohort


def _out_file(text: str) -> Path | None:
    out = Path(text).expanduser().absolute()
    if not out.parent.is_dir():
        _fail(f"the folder {out.parent} does not exist")
        return None
    if out.is_dir():
        _fail(f"{out} is a folder; give a file name ending .xlsx")
        return None
    return out


def _write(fn, *args) -> dict | None:
    from facilitator.exports.xlsx.cells import ExportRefused

    try:
        return fn(*args)
    except ExportRefused as exc:
        _fail(f"not written: {exc}")
    except OSError as exc:
        _fail(f"could not write {args[-1]}: {exc.strerror or exc}")
    return None


def run_cohort(args, db) -> int:
    from facilitator.exports.xlsx.cohort import export_cohort

    cohort = _cohort(db, args.cohort)
    out = _out_file(args.out) if cohort else None
    if out is None:
        return 2
    done = _write(lambda *a: export_cohort(*a, pseudonymise=args.pseudonymise),
                  db, cohort["id"], out)
    if done is None:
        return 2
    kind = "pseudonymised cohort workbook" if args.pseudonymise else "cohort workbook"
    print(f"Wrote the {kind} of {done['cohort']} ({done['participants']} participants, "
          f"{done['sessions']} sessions) to {out}")
    return 0


def _safe_name(name: str) -> str:
    keep = "".join(ch if ch.isalnum() or ch in " -_" else " " for ch in name)
    return "-".join(keep.split()) or "organisation"


def run_organisation(args, db) -> int:
    from facilitator.exports.xlsx.organisation import export_organisation
    from facilitator.services.cohort import organisations
    from facilitator.services.returns import sources

    cohort = _cohort(db, args.cohort)
    if cohort is None:
        return 2
    if args.each:
        folder = Path(args.out).expanduser().absolute()
        if folder.exists() and not folder.is_dir():
            return _fail(f"{folder} is not a folder (with --each, --out names a folder)")
        if not folder.parent.is_dir():
            return _fail(f"the folder {folder.parent} does not exist")
        folder.mkdir(exist_ok=True)  # a new folder for the workbooks, as `--out DIR` suggests
        orgs = organisations.list_organisations(db, cohort["id"])
        if not orgs:
            return _fail(f"{cohort['name']} has no organisations yet")
        targets = [(o, folder / f"{_safe_name(o['name'])}.xlsx") for o in orgs]
    else:
        org = sources.find_organisation(db, cohort["id"], args.organisation)
        if org is None:
            names = ", ".join(repr(o["name"]) for o in
                              organisations.list_organisations(db, cohort["id"])) or "none yet"
            return _fail(f"{cohort['name']} has no organisation called {args.organisation!r} "
                         f"(organisations: {names})")
        out = _out_file(args.out)
        if out is None:
            return 2
        targets = [(org, out)]
    for org, out in targets:
        done = _write(export_organisation, db, cohort["id"], org["id"], out)
        if done is None:
            return 2
        print(f"Wrote the workbook for {done['organisation']} ({done['people']} sharing, "
              f"{done['withheld']} not sharing, {done['rules']} rules) to {out}")
    return 0


def run_participant(args, db) -> int:
    from facilitator.exports.xlsx.participant import export_participant
    from facilitator.services.returns import sources

    cohort = _cohort(db, args.cohort)
    if cohort is None:
        return 2
    found = sources.find_participant(db, cohort["id"], args.participant)
    if not found:
        return _fail(f"{cohort['name']} has no participant called {args.participant!r}")
    if len(found) > 1:
        return _fail(f"{len(found)} participants of {cohort['name']} are called "
                     f"{args.participant!r}; export from the app instead")
    out = _out_file(args.out)
    if out is None:
        return 2
    done = _write(export_participant, db, cohort["id"], found[0]["id"], out)
    if done is None:
        return 2
    weeks = f", {done['pulse_weeks']} pulse weeks" if done["pulse_weeks"] else ""
    print(f"Wrote the return workbook of {done['person']} ({done['rules']} rules{weeks}) to {out}")
    return 0
