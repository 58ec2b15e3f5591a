"""The built bundle, made once per test run with installer/build.sh (its own clean venv)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist" / "Facilitator"
EXE = ".exe" if sys.platform == "win32" else ""


def bundle_env(home: Path) -> dict[str, str]:
    """A child's environment: offscreen Qt, and settings and data kept inside `home`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FACILITATOR_", "PYTEST"))}
    env.update(
        QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8", HOME=str(home),
        XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"),
        FACILITATOR_SETTINGS=str(home / "settings.ini"),
    )
    return env


@pytest.fixture(scope="session")
def bundle() -> Path:
    """dist/Facilitator, built by installer/build.sh from this checkout. The build venv
    (.venv-bundle) is kept while pyproject.toml is unchanged, and the bundle itself while none
    of its sources has changed (always built on a fresh clone, as in CI)."""
    started = time.perf_counter()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env["PYTHON"] = getattr(sys, "_base_executable", sys.executable)
    done = subprocess.run(["bash", str(ROOT / "installer" / "build.sh")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    print(f"\nfigure: bundle_build {time.perf_counter() - started:.1f} s")
    for name in ("Facilitator", "facilitator-cli"):
        assert (DIST / f"{name}{EXE}").is_file(), name
    return DIST


def run_cli(bundle: Path, home: Path, *args: str, timeout: float = 120):
    return subprocess.run([str(bundle / f"facilitator-cli{EXE}"), *args], cwd=home,
                          env=bundle_env(home), capture_output=True, text=True, timeout=timeout)
