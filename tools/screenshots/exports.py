"""Screenshot File → Print and export… on the demo cohort.

    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python tools/screenshots/exports.py [OUTDIR]

Writes print-dialog.png (the participant pack chosen) and print-dialog-run-sheet.png."""

from __future__ import annotations

import sys

from shots import Shots


def main(argv: list[str]) -> int:
    shots = Shots(argv)
    from facilitator.ui.exports.print_dialog import PrintDialog

    dlg = PrintDialog(shots.win.ctx, shots.win, pack="participant-pack")
    shots.dialog(dlg, "print-dialog.png")
    dlg = PrintDialog(shots.win.ctx, shots.win, pack="run-sheet")
    shots.dialog(dlg, "print-dialog-run-sheet.png")
    return shots.close()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
