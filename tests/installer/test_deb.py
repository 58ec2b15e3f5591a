"""The .deb: what it holds, and (as root, as in CI) that it installs, starts and uninstalls."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from tests.installer.conftest import ROOT, bundle_env

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="needs dpkg-deb (Debian/Ubuntu)"),
]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


@pytest.fixture(scope="module")
def deb(bundle) -> Path:
    done = subprocess.run(["bash", "installer/build-deb.sh", "--no-build"], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True).stdout
    path = ROOT / "dist" / f"facilitator_{VERSION}_{arch.strip()}.deb"
    assert path.is_file()
    return path


def _field(deb: Path, name: str) -> str:
    return subprocess.run(["dpkg-deb", "--field", str(deb), name], capture_output=True,
                          text=True, check=True).stdout.strip()


def test_the_package_holds_the_bundle_launcher_menu_entry_and_icons(deb):
    assert _field(deb, "Package") == "facilitator"
    assert _field(deb, "Version") == VERSION
    depends = {d.strip() for d in _field(deb, "Depends").replace("\n", " ").split(",")}
    assert {"libegl1", "libgl1", "libxkbcommon0", "libxcb-cursor0", "libfontconfig1"} <= depends
    listing = subprocess.run(["dpkg-deb", "--contents", str(deb)], capture_output=True,
                             text=True, check=True).stdout
    files = {line.split()[5].removeprefix(".") for line in listing.splitlines()}
    assert {
        "/opt/facilitator/Facilitator", "/opt/facilitator/facilitator-cli", "/usr/bin/facilitator",
        "/usr/share/applications/facilitator.desktop",
        "/usr/share/icons/hicolor/48x48/apps/facilitator.png",
        "/usr/share/icons/hicolor/scalable/apps/facilitator.svg",
    } <= files
    assert "root/root" in next(line for line in listing.splitlines() if "usr/bin/facilitator" in line)


def _apt(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    return subprocess.run(["apt-get", "-y", "-q", *args], capture_output=True, text=True, env=env,
                          timeout=900)


def _start_installed(home: Path, db: Path) -> subprocess.CompletedProcess:
    """Start the installed app by its PATH name for 10 s (then `timeout` stops it): on a
    virtual X screen if there is one here, so the xcb libraries the package depends on load."""
    env = bundle_env(home)
    env["PATH"] = SYSTEM_PATH
    command = ["timeout", "10", "facilitator", "--db", str(db)]
    if shutil.which("xvfb-run"):
        env["QT_QPA_PLATFORM"] = "xcb"
        command = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", *command]
    return subprocess.run(command, cwd=home, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(sys.platform != "linux" or os.geteuid() != 0 or not shutil.which("apt-get"),
                    reason="installs system-wide: runs as root (as in CI)")
def test_the_package_installs_starts_and_uninstalls(deb, tmp_path):
    installed = _apt("install", str(deb))
    if installed.returncode != 0:  # the package lists may be missing or old on a fresh machine
        _apt("update", "-qq")
        installed = _apt("install", str(deb))
    assert installed.returncode == 0, installed.stdout[-2000:] + installed.stderr[-2000:]
    try:
        assert shutil.which("facilitator", path=SYSTEM_PATH) == "/usr/bin/facilitator"
        env = dict(bundle_env(tmp_path), PATH=SYSTEM_PATH)
        shown = subprocess.run(["facilitator", "--help"], env=env, capture_output=True, text=True)
        assert shown.returncode == 0 and "export" in shown.stdout, shown.stderr
        db = tmp_path / "installed.sqlite"
        started = time.monotonic()
        ran = _start_installed(tmp_path, db)
        assert ran.returncode == 124, f"exited early ({ran.returncode}):\n{ran.stdout}{ran.stderr}"
        assert time.monotonic() - started >= 10
        assert "Traceback" not in ran.stderr, ran.stderr
        checked = subprocess.run(["facilitator", "--db", str(db), "check"], env=env,
                                 capture_output=True, text=True)
        assert checked.returncode == 0 and "Integrity: ok" in checked.stdout, checked.stderr
    finally:
        removed = _apt("remove", "--purge", "facilitator")
    assert removed.returncode == 0, removed.stderr
    for path in ("/opt/facilitator", "/usr/bin/facilitator",
                 "/usr/share/applications/facilitator.desktop",
                 "/usr/share/icons/hicolor/48x48/apps/facilitator.png"):
        assert not os.path.exists(path), path
