"""Grouping rules across a cohort: 20,000 rules from 1,000 participants (target: under 2 s).

Three in four rules are wordings of 16 common rules (8 phrasings, 7 endings, some with an
area); one in four is a one-off drawn from a wide vocabulary. A worst case draws the one-offs
from only 20 words, so they all look alike and every prefix word has thousands of postings.

    .venv/bin/python benchmarks/flex_grouping.py

Prints `figure:` lines, and a `ratio:` line against a naive baseline doing the same job on a
1,000-rule sample: every pair compared with difflib.SequenceMatcher on the normalised text
(ours ÷ naive: below 1 means ours is faster). The naive pass grows with the square of the
number of rules, so its 20,000-rule time is also given, extrapolated from the sample."""

from __future__ import annotations

import difflib
import itertools
import random
import tempfile
import time
from pathlib import Path

from facilitator.services.flex.grouping import Item, group

BASES = [
    "visit a client without two staff", "tenancy start without photo id",
    "mental health assessment while drinking", "share information with other agencies without written consent",
    "close the case after three missed appointments", "register with a gp without a fixed address",
    "full assessment form before support starts", "pets in supported housing",
    "give out bus fares to clients", "see someone who has been barred from the service",
    "refer to the crisis team out of hours", "keep a bed open for more than three nights",
    "change a support plan without the manager signing it", "text clients from a personal phone",
    "accept a referral from a family member", "work with someone still on a waiting list",
]
FRAMES = ["We can't {}", "You cannot {}", "No one may {}", "Staff must never {}", "Not allowed to {}",
          "It is forbidden to {}", "{} is not permitted", "Our team can't {}"]
EXTRAS = ["at all", "ever", "in our service", "on this ward", "here", "under any circumstances", ""]
NARROW = ("form manager weekend budget rota email locker keys car mileage visitor laptop "
          "signature training badge parking canteen heating printer leaflet").split()
# one-off rules in real registers use a wide vocabulary: 20 x 12 = 240 two-part words
WIDE = [a + b for a in ("night", "day", "team", "case", "risk", "care", "home", "data", "fund",
                        "key", "rent", "food", "drug", "ward", "hub", "desk", "van", "lock", "pay",
                        "shift")
        for b in ("book", "log", "rule", "form", "list", "plan", "card", "pass", "note", "sheet",
                  "code", "fee")]
AREAS = ["", "Housing and tenancy", "Information sharing", "Lone working and visits"]


def make_rules(n_people: int, per_person: int, seed: int = 1, noise=WIDE) -> list[Item]:
    rnd = random.Random(seed)
    items = []
    for p in range(n_people):
        for _ in range(per_person):
            i = len(items)
            if rnd.random() < 0.25:  # one-off rules nobody else has
                text = "Can't " + " ".join(rnd.sample(noise, rnd.randint(3, 6))) + f" {p}"
            else:
                text = rnd.choice(FRAMES).format(rnd.choice(BASES)) + " " + rnd.choice(EXTRAS)
            items.append(Item(i, text, rnd.choice(AREAS) if rnd.random() < 0.3 else ""))
    return items


def naive(items: list[Item], threshold: float = 0.8) -> int:
    from facilitator.services.flex.grouping import normalise

    texts = [" ".join(sorted(normalise(it.text))) for it in items]
    parent = list(range(len(items)))

    def find(i):
        while parent[i] != i:
            i = parent[i]
        return i

    for a, b in itertools.combinations(range(len(items)), 2):
        if difflib.SequenceMatcher(None, texts[a], texts[b]).ratio() >= threshold:
            parent[find(b)] = find(a)
    return len({find(i) for i in range(len(items))})


def best_of(fn, repeat=3) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def through_the_database(items: list[Item]) -> float:
    """The whole cohort view, as the UI's worker runs it: load 20,000 rows, group, count."""
    from sqlalchemy import insert, select

    from facilitator.demo.cohort_demo import build_scale
    from facilitator.models import Participant, RuleEntry
    from facilitator.models.base import new_uuid, utcnow
    from facilitator.services.flex import crowd
    from facilitator.store.database import open_database

    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "bench.sqlite", routine_backup=False)
        try:
            cid = build_scale(db, 1000, 1)[0]
            with db.session() as s:
                pids = list(s.scalars(select(Participant.id).where(Participant.cohort_id == cid)))
                now, rnd = utcnow(), random.Random(2)
                s.execute(insert(RuleEntry), [
                    {"uuid": new_uuid(), "created_at": now, "updated_at": now, "cohort_id": cid,
                     "participant_id": pids[it.id % len(pids)], "group_id": None, "rule": it.text,
                     "area": it.area, "belief": rnd.choice(("absolute", "discretionary", "unsure")),
                     "source_kind": "", "believed_source": "", "checked_with": "", "checked_on": None,
                     "evidence": "", "verdict": rnd.choice(("", "", "discretionary", "absolute")),
                     "flex_holder": "", "condition": "", "experiment": "", "risk": "", "status": ""}
                    for it in items])
            took = best_of(lambda: crowd.crowd_view(db, cid))
            print(f"figure: ui_longest_pause_while_grouping_in_worker {responsiveness(db, cid):.0f} ms")
            return took
        finally:
            db.close(backup_on_close=False)


def responsiveness(db, cohort_id) -> float:
    """The longest gap between 10 ms timer ticks on the UI thread while the cohort view is
    built in a worker (run_in_background), as the app does it."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from facilitator.services.flex import crowd
    from facilitator.ui.workers import run_in_background

    app = QApplication.instance() or QApplication([])
    ticks: list[float] = []
    done: list = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    run_in_background(lambda: crowd.crowd_view(db, cohort_id), done.append)
    while not done:
        app.processEvents()
        time.sleep(0.001)
    timer.stop()
    gaps = [b - a for a, b in itertools.pairwise(ticks)] or [0.0]
    return max(gaps) * 1000


def main() -> None:
    items = make_rules(1000, 20)
    ours = best_of(lambda: group(items))
    groups = group(items)
    print(f"figure: grouping_20000_rules {ours:.3f} s")
    print(f"figure: groups_found {len(groups)} groups")
    print(f"figure: biggest_group {len(groups[0])} rules")
    narrow = make_rules(1000, 20, noise=NARROW)
    worst = best_of(lambda: group(narrow))
    print(f"figure: grouping_20000_rules_one_offs_from_20_words_worst_case {worst:.3f} s")
    print(f"figure: cohort_view_20000_rules_with_database {through_the_database(items):.3f} s")
    sample = items[:1000]
    ours_sample = best_of(lambda: group(sample))
    naive_sample = best_of(lambda: naive(sample), repeat=1)
    print(f"figure: grouping_1000_rules {ours_sample * 1000:.1f} ms")
    print(f"figure: naive_difflib_all_pairs_1000_rules {naive_sample:.2f} s")
    print(f"figure: naive_difflib_all_pairs_20000_rules_extrapolated {naive_sample * 400:.0f} s")
    print(f"ratio: grouping_vs_naive_difflib_all_pairs_1000 {ours_sample / naive_sample:.4f}")


if __name__ == "__main__":
    main()
