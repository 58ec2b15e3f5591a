"""Every screenshot script in tools/screenshots/ runs on the demo and writes real PNGs, so the
scripts cannot rot unnoticed (they are how we look at the app as a user would)."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).parents[2] / "tools" / "screenshots"
EXPECTED = {
    "cohort.py": ["cohort-participants.png", "cohort-organisations.png"],
    "plans.py": ["plan-1.png", "plan-2.png", "plan-3.png", "plan-4.png", "plan-1280.png",
                 "plan-templates.png"],
    "library.py": ["library-search.png", "library-print-cards.png"],
    "exports.py": ["print-dialog.png", "print-dialog-run-sheet.png"],
    "desktop.py": ["desktop-file-menu.png", "desktop-recent.png", "desktop-empty-plans.png",
                   "desktop-guide.png", "desktop-shortcuts.png", "desktop-minutes.png",
                   "desktop-pinned.png", "desktop-rehearse.png"],
    "flex.py": ["flex-register.png", "flex-crowd.png", "flex-assessments.png",
                "flex-rule-form.png", "flex-group-notes.png", "flex-scores.png"],
    "learning.py": ["learning-pulse.png", "learning-calls.png", "learning-experiments.png",
                    "learning-diaries.png", "learning-insights.png", "learning-looking-back.png",
                    "learning-answers.png", "learning-questions.png", "learning-insight-form.png",
                    "learning-merge.png", "learning-new-cohort.png"],
    "workbooks.py": ["workbooks-export.png", "workbooks-review.png", "workbooks-review-all.png"],
    "privacy.py": ["privacy-encrypt.png", "privacy-change-passphrase.png",
                   "privacy-wrong-passphrase.png", "privacy-consent-history.png",
                   "privacy-export-log.png"],
}

# a menu alone, or a one-field dialog, is smaller than a window
MENUS = {"desktop-file-menu.png", "desktop-recent.png", "privacy-wrong-passphrase.png"}


def test_every_script_is_listed():
    scripts = {p.name for p in SCRIPTS.glob("*.py")} - {"shots.py"}
    assert scripts == set(EXPECTED)


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", head[16:24])


@pytest.mark.slow
@pytest.mark.parametrize("script", sorted(EXPECTED))
def test_screenshot_script_runs(script, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8")
    done = subprocess.run([sys.executable, str(SCRIPTS / script), str(tmp_path)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    for name in EXPECTED[script]:
        width, height = png_size(tmp_path / name)
        least = (150, 60) if name in MENUS else (300, 200)
        assert width >= least[0] and height >= least[1], (name, width, height)
