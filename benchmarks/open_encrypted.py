"""What encryption at rest costs at open (issue 13), on a 5,000-participant database.

    .venv/bin/python benchmarks/open_encrypted.py [--participants 5000] [--runs 5]

The whole open_database (passphrase check, lock, quick_check, revision, engine, first query)
on the plain file and on the same data encrypted, and beside them the raw libraries doing the
least an open can: sqlite3 connect + first query, and sqlcipher3 connect + PRAGMA key with the
passphrase (SQLCipher 4's PBKDF2-HMAC-SHA512, 256,000 iterations) + first query. The key is
derived once per open (store.cipher), so the encrypted open costs about one derivation more
than the plain one; the first query on the raw key shows what every later connection pays."""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

PASSPHRASE = "benchmark passphrase"


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def first_query(con) -> None:
    try:
        assert con.execute("SELECT count(*) FROM participants").fetchone()[0] > 0
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--participants", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)
    import sqlite3

    from sqlcipher3 import dbapi2

    from facilitator.cli import main as cli
    from facilitator.store import cipher
    from facilitator.store.database import open_database

    n = args.participants
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "plain.sqlite"
        if cli(["--db", str(plain), "demo", "--participants", str(n), "--cohorts", "1"]):
            return 1
        enc = Path(tmp) / "encrypted.sqlite"
        cipher.export(plain, None, enc, cipher.new_key(PASSPHRASE))

        def open_ours(path: Path, passphrase: str | None):
            def run():
                db = open_database(path, passphrase=passphrase, routine_backup=False)
                with db.engine.connect() as con:
                    con.exec_driver_sql("SELECT count(*) FROM participants").scalar()
                db.close(backup_on_close=False)
            return run

        def raw_cipher():
            con = dbapi2.connect(str(enc))
            con.execute(f"PRAGMA key = '{PASSPHRASE}'")
            first_query(con)

        key = cipher.derive(PASSPHRASE, enc.read_bytes()[:16])

        def raw_cipher_key():
            con = dbapi2.connect(str(enc))
            con.execute(f'PRAGMA key = "{key.literal()}"')
            first_query(con)

        ours_plain = median_ms(open_ours(plain, None), args.runs)
        ours_enc = median_ms(open_ours(enc, PASSPHRASE), args.runs)
        raw_plain = median_ms(lambda: first_query(sqlite3.connect(plain)), args.runs)
        raw_enc = median_ms(raw_cipher, args.runs)
        raw_key = median_ms(raw_cipher_key, args.runs)
        derive = median_ms(lambda: cipher.derive(PASSPHRASE, key.salt), args.runs)
        size_mb = enc.stat().st_size / 1e6
    print(f"figure: database_size_encrypted {size_mb:.1f} MB")
    print(f"figure: open_plain_{n} {ours_plain:.1f} ms")
    print(f"figure: open_encrypted_{n} {ours_enc:.1f} ms")
    print(f"figure: raw_sqlite3_open_query_{n} {raw_plain:.1f} ms")
    print(f"figure: raw_sqlcipher3_open_key_query_{n} {raw_enc:.1f} ms")
    print(f"figure: raw_sqlcipher3_raw_key_query_{n} {raw_key:.1f} ms")
    print(f"figure: key_derivation_pbkdf2_{cipher.KDF_ITER} {derive:.1f} ms")
    print(f"ratio: open_encrypted_vs_plain {ours_enc / ours_plain:.2f}")
    print(f"ratio: open_encrypted_vs_raw_sqlcipher3 {ours_enc / raw_enc:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
