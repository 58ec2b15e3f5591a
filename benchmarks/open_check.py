"""The check every open makes (issue 9), on a 5,000-participant database.

    .venv/bin/python benchmarks/open_check.py [--participants 5000] [--runs 7]

Prints the time of our quick_check at open (read-only, through store.checks.reading) next to a
bare sqlite3 connection running PRAGMA quick_check on the same file, the full
integrity_check used after an unclean shutdown, and the whole open_database (lock, check,
revision, engine) with the check's share of it."""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def raw_quick_check(path: Path) -> None:
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--participants", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args(argv)
    from facilitator.cli import main as cli
    from facilitator.store import checks
    from facilitator.store.database import open_database

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scale.sqlite"
        if cli(["--db", str(path), "demo", "--participants", str(args.participants), "--cohorts", "1"]):
            return 1
        size_mb = path.stat().st_size / 1e6
        raw = median_ms(lambda: raw_quick_check(path), args.runs)
        ours = median_ms(lambda: checks.integrity_ok(path, quick=True), args.runs)
        full = median_ms(lambda: checks.integrity_ok(path), args.runs)

        def open_close():
            open_database(path, routine_backup=False).close(backup_on_close=False)

        opened = median_ms(open_close, args.runs)
    print(f"figure: database_size {size_mb:.1f} MB")
    print(f"figure: open_quick_check_{args.participants} {ours:.1f} ms")
    print(f"figure: raw_sqlite3_quick_check_{args.participants} {raw:.1f} ms")
    print(f"figure: unclean_integrity_check_{args.participants} {full:.1f} ms")
    print(f"figure: open_database_{args.participants} {opened:.1f} ms")
    print(f"ratio: open_quick_check_vs_raw {ours / raw:.2f}")
    print(f"ratio: check_share_of_open {ours / opened:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
