"""The UI tests drive the demo at fixed clock times, so its calendar is placed around one fixed
day (on which its programme starts on Mon 14 Sep 2026, as these tests expect)."""

from __future__ import annotations

from datetime import date

import pytest

DEMO_TODAY = date(2026, 12, 1)


@pytest.fixture(autouse=True)
def _demo_today(monkeypatch):
    monkeypatch.setattr("facilitator.demo.dates.today", lambda: DEMO_TODAY)
