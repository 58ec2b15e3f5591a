"""SIGKILL right after a saved edit loses nothing, and the file stays sound."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from facilitator.services.cohort import participants
from facilitator.store.database import open_database

CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from facilitator.store.database import open_database
    from facilitator.services.cohort import cohorts, participants
    db = open_database(Path(sys.argv[1]), routine_backup=False)
    cid = cohorts.create_cohort(db, {"name": "Crash cohort"}).id
    for i in range(int(sys.argv[2])):
        participants.create_participant(db, cid, {"given_name": f"Person {i}", "status": "active"})
        print(f"saved {i}", flush=True)
    time.sleep(60)
    """
)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("edits", [1, 25])
def test_sigkill_after_saved_edit_loses_nothing(db_path, edits):
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db_path), str(edits)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        last = None
        for line in proc.stdout:
            last = line.strip()
            if last == f"saved {edits - 1}":
                break
        assert last == f"saved {edits - 1}", "child did not report its saves"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert (db_path.parent / (db_path.name + "-wal")).stat().st_size > 0  # it really died mid-run
    con = sqlite3.connect(db_path.resolve().as_uri() + "?mode=ro", uri=True)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    db = open_database(db_path, routine_backup=False)  # the app's own start-up path
    try:
        assert db.report.recovered_unclean
        rows = participants.list_participants(db, 1)
        assert sorted(r["given_name"] for r in rows) == sorted(f"Person {i}" for i in range(edits))
    finally:
        db.close(backup_on_close=False)
