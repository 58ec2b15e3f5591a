"""Erase this person (issue 13) on a 5,000-participant database.

    .venv/bin/python benchmarks/erasure.py [--participants 5000] [--runs 5] [--backups 3]

Prints the time to erase one person from the live database (the foreign-key walk, deletes,
WAL checkpoint, erasure record) next to a bare sqlite3 connection deleting one participant by
ON DELETE CASCADE and checkpointing, and the time per backup rewritten without them (copy,
erase, VACUUM, integrity_check, replace) next to the bare backup API copying the same file."""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--participants", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--backups", type=int, default=3)
    args = ap.parse_args(argv)
    from facilitator.cli import main as cli
    from facilitator.services.cohort import participants
    from facilitator.services.privacy import erasure
    from facilitator.store import backup
    from facilitator.store.database import open_database

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scale.sqlite"
        if cli(["--db", str(path), "demo", "--participants", str(args.participants), "--cohorts", "1"]):
            return 1
        raw_path = Path(tmp) / "raw.sqlite"
        backup.copy_database(path, raw_path)
        db = open_database(path, routine_backup=False)
        cid = 1
        people = [p["id"] for p in participants.list_participants(db, cid)]
        live = []
        for pid in people[: args.runs]:
            t0 = time.perf_counter()
            erasure.erase_participant(db, pid, backups=erasure.REWRITE)
            live.append((time.perf_counter() - t0) * 1000)
        raw = []
        con = sqlite3.connect(raw_path, isolation_level=None)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA foreign_keys=ON")
        con.execute("PRAGMA secure_delete=ON")
        for pid in people[args.runs: 2 * args.runs]:
            t0 = time.perf_counter()
            con.execute("BEGIN")
            con.execute("DELETE FROM participants WHERE id = ?", (pid,))
            con.execute("COMMIT")
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            raw.append((time.perf_counter() - t0) * 1000)
        con.close()
        for _ in range(args.backups):
            db.backup("manual")
        target = people[2 * args.runs]
        t0 = time.perf_counter()
        result = erasure.erase_participant(db, target)
        with_backups = (time.perf_counter() - t0) * 1000
        assert result.backups_done == args.backups and not result.problems
        copy_ms = []
        for i in range(args.backups):
            t0 = time.perf_counter()
            src, dst = sqlite3.connect(path), sqlite3.connect(Path(tmp) / f"copy{i}.sqlite")
            src.backup(dst)
            src.close()
            dst.close()
            copy_ms.append((time.perf_counter() - t0) * 1000)
        size_mb = path.stat().st_size / 1e6
        db.close(backup_on_close=False)
    ours, bare = statistics.median(live), statistics.median(raw)
    per_backup = (with_backups - ours) / args.backups
    copy = statistics.median(copy_ms)
    n = args.participants
    print(f"figure: database_size {size_mb:.1f} MB")
    print(f"figure: erase_live_{n} {ours:.1f} ms")
    print(f"figure: raw_sqlite3_cascade_delete_{n} {bare:.1f} ms")
    print(f"figure: erase_with_{args.backups}_backups_{n} {with_backups:.1f} ms")
    print(f"figure: per_backup_rewrite_{n} {per_backup:.1f} ms")
    print(f"figure: raw_backup_api_copy_{n} {copy:.1f} ms")
    print(f"ratio: erase_live_vs_raw_delete {ours / bare:.2f}")
    print(f"ratio: backup_rewrite_vs_raw_copy {per_backup / copy:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
