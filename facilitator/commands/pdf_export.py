"""`facilitator export pdf PACK …`: the printable packs, the same code as the app's dialog.

    export pdf run-sheet --cohort C --event E --out F [--paper a4|letter]
    export pdf participant-pack --cohort C --event E [--each] --out F
    export pdf sign-in --cohort C --event E --out F [--per day|session]
    export pdf attendance --cohort C --out F
    export pdf venue --cohort C --event E --out F
    export pdf cohort-report --cohort C --out F [--pseudonymise]
    export pdf pulse-form --cohort C --out F [--week N] [--each]

A missing cohort or event exits 2 naming the ones that exist; nothing is written."""

from __future__ import annotations

import sys
from pathlib import Path

from facilitator.commands.groups import pdf_kinds

PACK_HELP = {
    "run-sheet": "an event's run sheet for facilitators",
    "participant-pack": "an event's participant pack: welcome, agenda and paper forms",
    "sign-in": "sign-in sheets for an event, one per day (or per session)",
    "attendance": "the cohort's attendance summary for funders",
    "venue": "access and dietary needs of the people expected at an event",
    "cohort-report": "what the crowd knows, charts, self-assessments, insights and pulse trends "
                     "of a cohort (--pseudonymise: codes instead of names)",
    "pulse-form": "the weekly pulse on paper, one page per participant (--each) or blank",
}


def register(subparsers) -> None:
    from facilitator.exports.pdf.packs import PACKS

    group = pdf_kinds(subparsers)
    for kind in PACKS:
        p = group.add_parser(kind.key, help=PACK_HELP.get(kind.key, kind.label))
        p.add_argument("--cohort", required=True, metavar="C", help="the cohort's name")
        if kind.needs_event:
            p.add_argument("--event", required=True, metavar="E", help="the event's title")
        if "each" in kind.options:
            p.add_argument("--each", action="store_true",
                           help="one pack per participant (their rules pre-filled), merged into "
                                "one file in name order")
        if "per" in kind.options:
            p.add_argument("--per", choices=("day", "session"), default="day",
                           help="one sheet per day (default) or per session")
        if "week" in kind.options:
            p.add_argument("--week", type=int, default=None, metavar="N",
                           help="the pulse week to print (default: this week)")
        if "pseudonymise" in kind.options:
            p.add_argument("--pseudonymise", action="store_true",
                           help="participant codes instead of names, and cohort members' names "
                                "in free text replaced by their codes")
        p.add_argument("--paper", choices=("a4", "letter"), default=None,
                       help="paper size (default: from the locale)")
        p.add_argument("--out", required=True, metavar="F", help="the PDF file to write")
        p.set_defaults(run=run_pack, pdf_pack=kind.key)


def _fail(message: str) -> int:
    print(f"facilitator: {message}", file=sys.stderr)
    return 2


def run_pack(args, db) -> int:
    from facilitator.exports.pdf.document import PackRequest
    from facilitator.exports.pdf.packs import BY_KEY, export
    from facilitator.exports.pdf.styles import default_paper
    from facilitator.services.cohort import cohorts
    from facilitator.services.plans import events

    kind = BY_KEY[args.pdf_pack]
    cohort = cohorts.find_cohort(db, args.cohort)
    if cohort is None:
        names = ", ".join(repr(c["name"]) for c in cohorts.list_cohorts(db)) or "none yet"
        return _fail(f"there is no cohort called {args.cohort!r} (cohorts: {names})")
    event_id = None
    if kind.needs_event:
        evs = events.list_events(db, cohort["id"])
        wanted = args.event.strip().lower()
        match = [e for e in evs if e["title"].strip().lower() == wanted]
        if not match:
            names = ", ".join(repr(e["title"]) for e in evs) or "none yet"
            return _fail(f"{cohort['name']} has no event called {args.event!r} "
                         f"(events: {names})")
        if len(match) > 1:
            dates = ", ".join(f"{e['start_date']:%d %b %Y}" for e in match)
            return _fail(f"{cohort['name']} has {len(match)} events called {args.event!r} "
                         f"(on {dates}); rename one in Plans so they can be told apart")
        event_id = match[0]["id"]
    week = getattr(args, "week", None)
    if "week" in kind.options:
        from facilitator.services.learning import pulse

        if pulse.get_survey(db, cohort["id"]) is None:
            return _fail(f"{cohort['name']} has no weekly pulse yet; start one in Learning "
                         "(nothing was written)")
        if week is not None and not 1 <= week <= pulse.MAX_WEEK:
            return _fail(f"--week must be from 1 to {pulse.MAX_WEEK}, not {week}")
    out = Path(args.out).expanduser().absolute()
    if not out.parent.is_dir():
        return _fail(f"the folder {out.parent} does not exist")
    if out.is_dir():
        return _fail(f"{out} is a folder; give a file name for the PDF")
    request = PackRequest(cohort_id=cohort["id"], event_id=event_id,
                          paper=args.paper or default_paper(),
                          each=bool(getattr(args, "each", False)),
                          per=getattr(args, "per", "day"), week=week,
                          pseudonymise=bool(getattr(args, "pseudonymise", False)))
    try:
        size = export(db, kind, request, out)
    except OSError as exc:
        return _fail(f"could not write {out}: {exc.strerror or exc}")
    what = f"{'pseudonymised ' if request.pseudonymise else ''}{kind.label.lower()}"
    print(f"Wrote {what} of {cohort['name']} to {out} ({size // 1024} KB, "
          f"{request.paper.upper() if request.paper == 'a4' else 'Letter'})")
    return 0
