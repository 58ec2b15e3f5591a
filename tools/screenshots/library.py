"""Screenshot the Tool library with a search typed and a card open.

    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python tools/screenshots/library.py [OUTDIR]

Writes library-search.png (the query in SHOT_QUERY, "listening" by default) and
library-print-cards.png (Print cards…, with the open card selected)."""

from __future__ import annotations

import os
import sys

from shots import Shots


def main(argv: list[str]) -> int:
    shots = Shots(argv, 1400, 860)
    area = shots.area("library")
    area.search_box.setText(os.environ.get("SHOT_QUERY", "listening"))
    shots.settle(0.8)
    shots.save(shots.win, "library-search.png")
    print(f"{area.model.rowCount()} result(s), card: {(area.current() or {}).get('name')}")
    shots.dialog(area.print_cards(), "library-print-cards.png")
    return shots.close()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
