"""`facilitator export sar`: everything held about one person, for a subject access request.

    facilitator export sar --cohort C --participant "Given Family" --out DIR

DIR is made, holding subject-access.pdf, subject-access.json and README.txt; an existing
DIR that is not empty is refused. A cohort or person that is not there is named, with what
is (exit 2), and nothing is written."""

from __future__ import annotations

from facilitator.commands.groups import export_kinds

MAX_LISTED = 20


def register(subparsers) -> None:
    p = export_kinds(subparsers).add_parser(
        "sar", help="everything held about one participant (subject access): a folder with a "
        "PDF, a JSON file and a README")
    p.add_argument("--cohort", required=True, metavar="NAME", help="the cohort they are in")
    p.add_argument("--participant", required=True, metavar='"GIVEN FAMILY"',
                   help="their given and family name")
    p.add_argument("--out", required=True, metavar="DIR", help="a new (or empty) folder")
    p.set_defaults(run=export_sar)


def _listed(names: list[str]) -> str:
    if not names:
        return "none"
    shown = ", ".join(names[:MAX_LISTED])
    return shown + (f" and {len(names) - MAX_LISTED} more" if len(names) > MAX_LISTED else "")


def export_sar(args, db) -> int:
    from pathlib import Path

    from facilitator.commands.terminal import safe_text, say_error
    from facilitator.exports import sar
    from facilitator.services.errors import NotFound
    from facilitator.services.privacy import erasure, subject_access

    try:
        pid = erasure.find_participant(db, args.cohort, args.participant)
    except NotFound as exc:
        people = subject_access.choices(db, args.cohort)
        if people:
            say_error(f"{exc} The people in it: {_listed(people)}.")
        else:
            say_error(f"{exc} The cohorts: {_listed(subject_access.choices(db))}.")
        return 2
    result = sar.write_sar(db, pid, Path(args.out))
    print(safe_text(f"Subject access for {result.name}: {result.records} record(s) of "
                    f"{result.kinds} kind(s) in {result.folder}"))
    for name in sar.FILES:
        print(f"  {name}")
    return 0
