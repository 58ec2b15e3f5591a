"""install-user.sh: a per-user install into ~/.local without root, that starts and uninstalls."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.installer.conftest import ROOT, bundle_env

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(sys.platform != "linux", reason="the Linux per-user install")]


def _script(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = bundle_env(home)
    env.pop("XDG_DATA_HOME")
    env["PATH"] = "/usr/bin:/bin"
    return subprocess.run(["bash", str(ROOT / "installer" / "install-user.sh"), *args], env=env,
                          capture_output=True, text=True, timeout=300)


def test_installs_for_the_user_starts_and_uninstalls_keeping_the_data(bundle, tmp_path):
    home = tmp_path / "home with space"
    home.mkdir()
    done = _script(home, str(bundle))
    assert done.returncode == 0, done.stderr
    assert "not on your PATH" in done.stderr  # and it says how to start it anyway
    lib = home / ".local" / "lib" / "facilitator"
    launcher = home / ".local" / "bin" / "facilitator"
    desktop = home / ".local" / "share" / "applications" / "facilitator.desktop"
    icon = home / ".local" / "share" / "icons" / "hicolor" / "48x48" / "apps" / "facilitator.png"
    assert (lib / "Facilitator").is_file() and os.access(launcher, os.X_OK) and icon.is_file()
    entry = dict(line.split("=", 1) for line in desktop.read_text().splitlines() if "=" in line)
    assert entry["Exec"] == f'"{lib}/Facilitator"' and entry["Icon"] == "facilitator"

    env = bundle_env(home)
    env.pop("XDG_DATA_HOME")
    db = home / "mine.sqlite"
    made = subprocess.run([str(launcher), "--db", str(db), "demo"], env=env, capture_output=True,
                          text=True, timeout=120)
    assert made.returncode == 0 and "Demo cohort ready" in made.stdout, made.stderr
    ran = subprocess.run(["timeout", "6", str(launcher), "--db", str(db)], env=env,
                         capture_output=True, text=True, timeout=60)
    assert ran.returncode == 124, ran.stderr  # still running when stopped
    data = home / ".local" / "share" / "Facilitator"
    data.mkdir(parents=True, exist_ok=True)
    (data / "keep.sqlite").write_bytes(b"theirs")

    again = _script(home, str(bundle))  # installing over an install works
    assert again.returncode == 0, again.stderr
    removed = _script(home, "--uninstall")
    assert removed.returncode == 0, removed.stderr
    assert not lib.exists() and not launcher.exists() and not desktop.exists() and not icon.exists()
    assert (data / "keep.sqlite").read_bytes() == b"theirs" and db.is_file()


def test_a_wrong_bundle_path_is_refused_with_the_reason(tmp_path):
    done = _script(tmp_path, str(tmp_path / "nowhere"))
    assert done.returncode == 1 and "no bundle at" in done.stderr
    assert not (tmp_path / ".local").exists()
