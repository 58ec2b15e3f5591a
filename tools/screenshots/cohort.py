"""Screenshot the Cohort area with the demo cohort.

    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python tools/screenshots/cohort.py [OUTDIR]

Writes cohort-participants.png and cohort-<tab>.png for each of the area's other tabs."""

from __future__ import annotations

import sys

from shots import Shots


def main(argv: list[str]) -> int:
    shots = Shots(argv)
    area = shots.area("cohort")
    tabs = area.tabs
    for i in range(tabs.count()):
        tabs.setCurrentIndex(i)
        shots.settle(0.4)
        name = tabs.tabText(i).lower().replace("&", "").replace(" ", "-")
        shots.save(shots.win, f"cohort-{name}.png")
    return shots.close()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
