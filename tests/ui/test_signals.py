"""SIGTERM and SIGINT close the app as Quit does: backed up on close, lock released."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from facilitator.cli import main
from facilitator.store import backup
from facilitator.store.lock import InstanceLock


def _lock_is_free(path) -> bool:
    lock = InstanceLock(path)
    try:
        lock.acquire()
    except Exception:
        return False
    lock.release()
    return True


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_closes_the_app_with_a_backup_and_releases_the_lock(tmp_path, sig):
    db = tmp_path / "signalled.sqlite"
    assert main(["--db", str(db), "demo"]) == 0
    before = {p.name for p in backup.list_backups(db)}
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FACILITATOR_SETTINGS=str(tmp_path / "s.ini"))
    env.pop("FACILITATOR_EXIT_WHEN_READY", None)
    proc = subprocess.Popen([sys.executable, "-m", "facilitator", "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        deadline = time.monotonic() + 60
        while _lock_is_free(db):  # the app has the database open once the lock is taken
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the app never opened the database"
            time.sleep(0.1)
        time.sleep(1.0)  # let the window attach and load
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert _lock_is_free(db)
    made = [p.name for p in backup.list_backups(db) if p.name not in before]
    assert any("on-close" in name for name in made), made
    assert "Traceback" not in err
