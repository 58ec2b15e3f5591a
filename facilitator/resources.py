"""Where the built-in data files live (tool cards, templates, fonts).

From a checkout: the top-level `resources/` folder. A packaged build sets FACILITATOR_RESOURCES
(the PyInstaller bundle does) or ships `resources/` beside the package."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    env = os.environ.get("FACILITATOR_RESOURCES")
    if env:
        return Path(env)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
