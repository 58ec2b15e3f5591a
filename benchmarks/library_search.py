"""Search-as-you-type over 10,000 generated cards: time per keystroke query.

    .venv/bin/python benchmarks/library_search.py [--cards N]

Prints `figure:` lines (ours) and `ratio:` lines (ours ÷ a raw sqlite3 FTS5 query doing the
same search on the same file). Target: under 30 ms per keystroke query."""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

from facilitator.models import Tool
from facilitator.models.base import new_uuid, utcnow
from facilitator.services.library import search
from facilitator.services.library.search import WEIGHTS, match_expression
from facilitator.store.database import open_database

WORDS = (
    "trust check listening coaching peer system map iceberg pattern structure model change "
    "theory prototype experiment field trip debrief learning call reflection harvest insight rule "
    "flex discretion policy custom nature river forest season network housing recovery team "
    "manager colleague frontline service person story question round circle pair group wall "
    "sticky paper timer safeguarding confidential energy care support risk permission"
).split()
THEMES = ["community and trust", "seeing systems", "peer coaching", "reflection", "finding the flex",
          "harvesting insights", "tech audit", "field trips"]
QUERIES = ["peer coaching", "iceberg model", "safeguarding", "rule flex"]


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def fill(db, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    now = utcnow()
    rows = []
    for i in range(count):
        lo = rng.choice([5, 10, 20, 30, 45, 60])
        rows.append({
            "uuid": new_uuid(), "created_at": now, "updated_at": now, "key": f"gen-{i:05d}",
            "name": sentence(rng, 3)[:-1], "summary": sentence(rng, 14), "purpose": sentence(rng, 30),
            "when_to_use": sentence(rng, 12), "themes": "\n".join(rng.sample(THEMES, 2)),
            "duration_min": lo, "duration_max": lo + 15, "group_min": rng.choice([1, 2, 3, 6]),
            "group_max": rng.choice([8, 12, 24, 40]), "materials": "Paper\nPens",
            "steps": json.dumps([{"minutes": 5, "text": sentence(rng, 12)} for _ in range(5)]),
            "tips": "\n".join(sentence(rng, 10) for _ in range(3)),
            "considerations": sentence(rng, 10), "source": "", "licence": "generated",
            "builtin": False, "builtin_version": 0, "user_modified": False,
            "favourite": rng.random() < 0.05,
        })
    with db.session() as s:
        s.execute(insert(Tool), rows)


def raw_search(con: sqlite3.Connection, text: str) -> list:
    if not match_expression(text):  # a lone letter: the app lists cards until the next key
        return con.execute("SELECT * FROM tools ORDER BY favourite DESC, lower(name) LIMIT 200").fetchall()
    return con.execute(
        "SELECT t.* FROM tools_fts f JOIN tools t ON t.id = f.rowid WHERE tools_fts MATCH ? "
        f"ORDER BY bm25(tools_fts, {WEIGHTS}), t.favourite DESC, t.name LIMIT 200",
        (match_expression(text),),
    ).fetchall()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cards", type=int, default=10_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "bench.sqlite", routine_backup=False)
        t0 = time.perf_counter()
        fill(db, args.cards)
        print(f"figure: library_generate_{args.cards}_cards {time.perf_counter() - t0:.2f} s")
        con = sqlite3.connect(db.path)
        # The library lists its cards when it opens, before anyone types: that first query
        # also compiles the statements. Time it on its own, then the keystrokes.
        t = time.perf_counter()
        search.search_tools(db, search.Query())
        first_ms = (time.perf_counter() - t) * 1000
        raw_search(con, "")
        ours, raw, worst = [], [], 0.0
        for query in QUERIES:
            for n in range(1, len(query) + 1):  # one query per keystroke
                typed = query[:n]
                if not typed.strip():
                    continue
                t = time.perf_counter()
                rows = search.search_tools(db, search.Query(text=typed))
                ours.append(time.perf_counter() - t)
                worst = max(worst, ours[-1])
                t = time.perf_counter()
                raw_rows = raw_search(con, typed)
                raw.append(time.perf_counter() - t)
                assert len(rows) == len(raw_rows)
        t = time.perf_counter()
        filtered = search.search_tools(db, search.Query(text="coach", theme="reflection", group=10, fits_minutes=30))
        filter_ms = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        search.search_tools(db, search.Query())
        empty_ms = (time.perf_counter() - t) * 1000
        con.close()
        db.close(backup_on_close=False)
    med, raw_med = statistics.median(ours) * 1000, statistics.median(raw) * 1000
    print(f"figure: library_first_listing_cold {first_ms:.2f} ms")
    print(f"figure: library_keystroke_query_median {med:.2f} ms")
    print(f"figure: library_keystroke_query_p95 {sorted(ours)[int(len(ours) * 0.95)] * 1000:.2f} ms")
    print(f"figure: library_keystroke_query_worst {worst * 1000:.2f} ms")
    print(f"figure: library_filtered_query {filter_ms:.2f} ms ({len(filtered)} rows)")
    print(f"figure: library_empty_query_listing {empty_ms:.2f} ms")
    print(f"figure: raw_fts5_keystroke_query_median {raw_med:.2f} ms")
    print(f"ratio: library_keystroke_query {med / raw_med:.2f}")
    print(f"target: under 30 ms per keystroke query: {'met' if worst * 1000 < 30 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
