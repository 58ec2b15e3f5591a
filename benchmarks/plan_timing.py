"""Re-timing speed: one session of 500 items, and every event of a 50-event cohort.

    .venv/bin/python benchmarks/plan_timing.py

Prints `figure: <name> <value> <unit>` and `ratio: <name> <value>` lines. A ratio is ours ÷ a
plain Python loop (or raw sqlite3 + loop) doing the same additions, so it shows what the
rules (pins, tracks, problems) and the ORM cost on top of the bare work."""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from facilitator.services.plans.timing import Slot, time_session  # noqa: E402

RUNS = 50


def best_ms(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def session_of(n: int) -> list[Slot]:
    slots = []
    for i in range(n):
        if i % 50 == 25:
            slots.append(Slot(60, pinned=9 * 60 + i * 5, title=f"Pinned {i}"))
        elif i % 20 in (11, 12, 13):
            slots.append(Slot(10 + i % 7, track=f"Group {i % 3}", title=f"Track item {i}"))
        else:
            slots.append(Slot(5 + i % 25, title=f"Item {i}", nudge=5 if i % 97 == 0 else 0))
    return slots


def plain_loop(start: int, durations: list[int]):
    starts, t = [], start
    for d in durations:
        starts.append(t)
        t += d
    return starts, t


def cohort_db(folder: Path, events_n: int = 50):
    from facilitator.services.cohort import cohorts
    from facilitator.services.plans import agenda, events, sessions
    from facilitator.store.database import open_database

    db = open_database(folder / "bench.sqlite", routine_backup=False)
    cid = cohorts.create_cohort(db, {"name": "Benchmark cohort"}).id
    day0 = date(2026, 1, 5)
    for e in range(events_n):
        start = day0 + timedelta(days=7 * e)
        days = 3 if e % 10 == 0 else 1
        ev = events.create_event(db, cid, {"title": f"Event {e + 1}", "kind": "learning lab",
                                           "start_date": start,
                                           "end_date": start + timedelta(days=days - 1),
                                           "day_end": "17:00"}).id
        for d in range(days):
            for k, begin in enumerate(("09:30", "", "13:30")):
                ps = sessions.create_session(db, ev, {"title": f"S{k}", "day": start + timedelta(d),
                                                      "start": begin}).id
                for i in range(6):
                    agenda.create_item(db, ps, {"title": f"Item {i}", "kind": "activity",
                                                "duration": str(10 + 5 * i),
                                                "pinned": "12:30" if (k, i) == (1, 5) else ""})
    return db, cid


def main() -> None:
    slots = session_of(500)
    durations = [s.duration + s.nudge for s in slots]
    ours = best_ms(lambda: time_session(9 * 60, slots), 200)
    raw = best_ms(lambda: plain_loop(9 * 60, durations), 200)
    timed = time_session(9 * 60, slots)
    print(f"figure: retime_500_items {ours:.3f} ms")
    print(f"figure: retime_500_items_problems_found {len(timed.problems)} problems")
    print(f"figure: retime_500_items_plain_loop {raw:.3f} ms")
    print(f"ratio: retime_500_items {ours / raw:.1f}")

    from facilitator.services.plans import plan_view

    with tempfile.TemporaryDirectory() as tmp:
        db, cid = cohort_db(Path(tmp))
        try:
            plans = plan_view.cohort_plans(db, cid)
            items = sum(len(ps["items"]) for p in plans for d in p["days_plan"]
                        for ps in d["sessions"])
            ours = best_ms(lambda: plan_view.cohort_plans(db, cid), 20)
            con = sqlite3.connect(db.path)
            sql = ("SELECT s.id, s.start_minutes, i.duration_minutes FROM agenda_items i "
                   "JOIN plan_sessions s ON s.id = i.session_id JOIN events e ON e.id = s.event_id "
                   "WHERE e.cohort_id = ? ORDER BY e.start_date, s.day, s.position, i.position")

            def raw_cohort():
                totals: dict[int, int] = {}
                for sid, start, minutes in con.execute(sql, (cid,)):
                    totals[sid] = totals.get(sid, start or 540) + minutes
                return totals

            raw = best_ms(raw_cohort, 20)
            con.close()
        finally:
            db.close(backup_on_close=False)
    print(f"figure: cohort_50_events_items {items} items")
    print(f"figure: cohort_50_events_load_and_retime {ours:.2f} ms")
    print(f"figure: cohort_50_events_raw_sqlite_and_loop {raw:.2f} ms")
    print(f"ratio: cohort_50_events {ours / raw:.1f}")


if __name__ == "__main__":
    main()
