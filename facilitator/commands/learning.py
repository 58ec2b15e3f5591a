"""`facilitator pulse` and `facilitator insights`: learning between events, from a terminal."""

from __future__ import annotations

import sys

LEVELS = ("individual", "organisation", "services", "systems")


def register(subparsers) -> None:
    p = subparsers.add_parser("pulse", help="print who answered the weekly pulse each week and "
                                            "the trend per question")
    p.add_argument("--cohort", metavar="C", required=True, help="the cohort's name")
    p.set_defaults(run=run_pulse)
    p = subparsers.add_parser("insights", help="list a cohort's insights, by level")
    p.add_argument("--cohort", metavar="C", required=True, help="the cohort's name")
    p.add_argument("--level", metavar="L", choices=LEVELS,
                   help="only one level: " + ", ".join(LEVELS))
    p.set_defaults(run=run_insights)


def _cohort(db, name: str):
    from facilitator.services.cohort import cohorts

    rec = cohorts.find_cohort(db, name)
    if rec is None:
        print(f"facilitator: there is no cohort called {name!r}", file=sys.stderr)
    return rec


def _num(v: float) -> str:
    return f"{v:g}" if v == int(v) else f"{v:.1f}"


def run_pulse(args, db) -> int:
    from facilitator.services.cohort import participants
    from facilitator.services.learning import pulse, trends

    rec = _cohort(db, args.cohort)
    if rec is None:
        return 2
    survey = pulse.get_survey(db, rec["id"])
    if survey is None:
        print(f"facilitator: {rec['name']!r} has no weekly pulse yet", file=sys.stderr)
        return 1
    people = {p["id"]: f"{p['given_name']} {p['family_name']}".strip()
              for p in participants.list_participants(db, rec["id"])
              if p["status"] == "active"}
    answered = trends.answered_by_week(db, rec["id"])
    start = survey["start_date"]
    print(f"{rec['name']}: weekly pulse from {start:%d %b %Y}, {len(people)} active participants")
    print("Who answered")
    for week in range(1, max(answered, default=0) + 1):
        who = set(answered.get(week, []))
        missing = sorted(name for pid, name in people.items() if pid not in who)
        line = f"  week {week:>2} ({pulse.week_start(start, week):%d %b}): {len(who & set(people))} of {len(people)}"
        if missing:
            line += " — not yet: " + ", ".join(missing)
        print(line)
    if not answered:
        print("  nobody has answered yet")
    data = trends.trends(db, rec["id"])
    print("Trend per question (week: median [middle half], answers)")
    for q in survey["questions"]:
        if q["kind"] != "scale":
            continue
        print(f"  {q['prompt']}")
        points = data.get(q["key"], [])
        if not points:
            print("    no answers yet")
        for pt in points:
            print(f"    week {pt.week:>2}: {_num(pt.median)} [{_num(pt.lower)}–{_num(pt.upper)}], {pt.answers}")
    last = max(answered, default=0)
    if last:
        flagged = trends.drops(db, rec["id"], last)
        print(f"Check in with (week {last}): " + (", ".join(
            f"{d.name} ({_num(d.before)} → {_num(d.now)})" for d in flagged) or "nobody"))
        print(f"  Rule: {trends.DROP_RULE}")
    return 0


def run_insights(args, db) -> int:
    from facilitator.services.learning import insights

    rec = _cohort(db, args.cohort)
    if rec is None:
        return 2
    rows = insights.list_insights(db, rec["id"], level=args.level)
    levels = [args.level] if args.level else list(LEVELS)
    print(f"{rec['name']}: {len(rows)} insights" + (f" at the {args.level} level" if args.level else ""))
    for level in levels:
        mine = [r for r in rows if r["level"] == level]
        print(f"{level.title()} ({len(mine)})")
        for r in mine:
            flags = [] if r["shareable"] else ["not for sharing"]
            if r["merged"]:
                flags.append(f"{r['merged']} merged in")
            extra = f" [{'; '.join(flags)}]" if flags else ""
            print(f"  - {r['title']}{extra}")
            where = r["source_kind"] + (f": {r['event']}" if r["event"] else "")
            themes = f"; themes: {r['themes']}" if r["themes"] else ""
            print(f"    from {where}{themes}")
    return 0
