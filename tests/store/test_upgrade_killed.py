"""An upgrade killed at any moment leaves the old schema or the new one, never a mix.

One helper process imports everything once, then forks a child per trial that upgrades its
own copy of the 0001 fixture; the helper kills it with SIGKILL after a random delay spread
over the measured length of an upgrade. Every file must then read as 0001 with 0001's tables
or as the newest schema, and open (upgrading if needed) through the app's own path."""

from __future__ import annotations

import random
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from facilitator.services.cohort import participants
from facilitator.store import migrate
from facilitator.store.database import open_database

FIXTURE = Path(__file__).parents[1] / "fixtures" / "schema_0001.sqlite"
KILLS = 30
MAX_TRIALS = 60

HELPER = textwrap.dedent(
    """
    import os, signal, sys, time
    from pathlib import Path
    from facilitator.store.database import open_database
    import facilitator.store.migrate, alembic.command, facilitator.models  # noqa: F401 - loaded before forking

    def trial(path):
        pid = os.fork()
        if pid == 0:
            try:
                open_database(Path(path), routine_backup=False).close(backup_on_close=False)
            finally:
                os._exit(0)
        return pid

    print("ready", flush=True)
    for line in sys.stdin:
        path, delay = line.split("\\t")
        delay = float(delay)
        t0 = time.perf_counter()
        pid = trial(path)
        if delay < 0:  # a timing run: let it finish
            os.waitpid(pid, 0)
            print(f"done {time.perf_counter() - t0:.4f}", flush=True)
            continue
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        killed = os.WIFSIGNALED(status)
        print("killed" if killed else "finished", flush=True)
    """
)


def _look(path: Path, sql: str) -> list:
    """Run `sql` on a scratch copy of the file and its -wal (SQLite recovers the copy as it
    would the original), so the file itself is left for the app to open."""
    scratch = path.with_name("scratch")
    scratch.mkdir(exist_ok=True)
    copy = scratch / path.name
    for suffix in ("", "-wal"):
        src = path.with_name(path.name + suffix)
        dest = copy.with_name(copy.name + suffix)
        dest.unlink(missing_ok=True)
        if src.exists():
            shutil.copyfile(src, dest)
    con = sqlite3.connect(copy)
    try:
        return [r[0] for r in con.execute(sql)]
    finally:
        con.close()
        for suffix in ("", "-wal", "-shm"):
            copy.with_name(copy.name + suffix).unlink(missing_ok=True)


def _tables(path: Path) -> set[str]:
    return set(_look(path, "SELECT name FROM sqlite_master WHERE type='table'"))


def _revision(path: Path) -> str:
    return _look(path, "SELECT version_num FROM alembic_version")[0]


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="fork and SIGKILL are POSIX")
def test_upgrade_killed_at_random_moments_leaves_old_or_new_schema(tmp_path):
    rng = random.Random(20261201)
    old_tables = _tables(FIXTURE)
    proc = subprocess.Popen([sys.executable, "-c", HELPER], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)

    def ask(path: Path, delay: float) -> str:
        proc.stdin.write(f"{path}\t{delay}\n")
        proc.stdin.flush()
        return proc.stdout.readline().strip()

    try:
        assert proc.stdout.readline().strip() == "ready"
        lengths = []
        for n in range(3):
            timing = tmp_path / f"timing{n}.sqlite"
            shutil.copy(FIXTURE, timing)
            answer = ask(timing, -1)
            assert answer.startswith("done"), answer
            lengths.append(float(answer.split()[1]))
        length = min(lengths)
        outcomes = []
        while sum(what == "killed" for _, what in outcomes) < KILLS and len(outcomes) < MAX_TRIALS:
            path = tmp_path / f"trial{len(outcomes)}.sqlite"
            shutil.copy(FIXTURE, path)
            outcomes.append((path, ask(path, rng.uniform(0, length))))
    finally:
        proc.stdin.close()
        proc.wait(timeout=60)
    killed = [p for p, what in outcomes if what == "killed"]
    assert len(killed) >= KILLS, f"only {len(killed)} of {len(outcomes)} trials were killed mid-run"
    seen = set()
    for path, _ in outcomes:
        revision = _revision(path)
        seen.add(revision)
        if revision == "0001":
            assert _tables(path) == old_tables, f"{path.name}: 0001 with tables of later schemas"
        else:
            assert revision == migrate.head_revision(), f"{path.name}: stopped at {revision}"
        db = open_database(path, routine_backup=False)
        try:
            assert {r["given_name"] for r in participants.list_participants(db, 1)} >= {"Amira", "Ewa", "Liam"}
        finally:
            db.close(backup_on_close=False)
        assert _revision(path) == migrate.head_revision()
    assert "0001" in seen, "no kill landed before the upgrade committed: the test proves nothing"
