"""Start-up time: process start to an interactive main window, on a 5,000-participant database,
next to a bare PySide6 QMainWindow doing the same (process start → shown → event loop turning).

    .venv/bin/python benchmarks/startup.py [--participants 5000] [--runs 7]

Also prints the time until the participants table holds all rows (loaded in the background).
Runs offscreen unless DISPLAY is set."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1280, 800); w.show()
QTimer.singleShot(0, lambda: (print("ready", flush=True), app.quit()))
app.exec()
"""


def timed(cmd: list[str], env: dict, marker: str) -> float:
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    for line in proc.stdout:
        if line.startswith(marker):
            elapsed = time.perf_counter() - t0
            break
    else:
        raise SystemExit(f"{cmd} never printed {marker!r}")
    proc.wait(timeout=60)
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--participants", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    env = dict(os.environ)
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite"
        env["FACILITATOR_SETTINGS"] = str(Path(tmp) / "settings.ini")
        subprocess.run([sys.executable, "-m", "facilitator", "--db", str(db), "demo",
                        "--participants", str(args.participants)], check=True, capture_output=True)
        app = [sys.executable, "-m", "facilitator", "--db", str(db)]
        bare, ours, loaded = [], [], []
        timed([sys.executable, "-c", BARE], env, "ready")  # warm the file cache for both
        timed(app, env | {"FACILITATOR_EXIT_WHEN_READY": "interactive"}, "ready-")
        for _ in range(args.runs):
            bare.append(timed([sys.executable, "-c", BARE], env, "ready"))
            ours.append(timed(app, env | {"FACILITATOR_EXIT_WHEN_READY": "interactive"}, "ready-"))
            loaded.append(timed(app, env | {"FACILITATOR_EXIT_WHEN_READY": "loaded"}, "ready-"))
    b, o, l_ = (statistics.median(x) * 1000 for x in (bare, ours, loaded))
    print(f"figure: bare_qmainwindow_start {b:.0f} ms")
    print(f"figure: facilitator_interactive_start_{args.participants}_participants {o:.0f} ms")
    print(f"figure: facilitator_table_loaded_{args.participants}_participants {l_:.0f} ms")
    print(f"ratio: interactive_start_vs_bare {o / b:.2f}")
    print(f"ratio: table_loaded_vs_bare {l_ / b:.2f}")


if __name__ == "__main__":
    main()
