"""The retention's edges, exactly: the 48 recent backups, a day, two weeks, eight weeks and a
year are limits a backup is either inside or not, and the newest with people is found once."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from facilitator.store import backup

DAY = 24 * 3600


@pytest.fixture(autouse=True)
def utc(monkeypatch):
    """Calendar days, weeks and months in UTC, so no clock change falls inside a test."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def at(*ymd_hm) -> float:
    return float(time.mktime((*ymd_hm, 0, 0, 0, -1)))


def entries(now, ages):
    return [(Path(f"b{i:03d}-auto.sqlite"), now - age) for i, age in enumerate(ages)]


def kept_indexes(items, now, holds_people=lambda _p: False):
    kept = backup.choose_kept(items, now, holds_people)
    return [i for i, (path, _) in enumerate(items) if path in kept]


def test_the_48_newest_of_the_last_day_are_kept_and_then_one_for_the_day():
    now = at(2026, 3, 4, 23, 0)
    items = entries(now, [n * 600 for n in range(60)])  # every ten minutes, all on one day
    assert kept_indexes(items, now) == list(range(49))


def test_a_backup_exactly_a_day_old_is_no_longer_recent():
    now = at(2026, 3, 4, 12, 0)
    items = entries(now, [0, DAY, DAY + 60])  # the last two on the same calendar day
    assert kept_indexes(items, now) == [0, 1]  # the day's newest only


def test_a_day_is_kept_for_less_than_14_days():
    now = at(2026, 3, 25, 12, 0)
    # Thu 12 March keeps its week (9-15 March) and month; Wed 11 March is 14 days old
    items = entries(now, [0, 13 * DAY, 14 * DAY])
    assert kept_indexes(items, now) == [0, 1]
    items = entries(now, [0, 13 * DAY, 14 * DAY - 60])
    assert kept_indexes(items, now) == [0, 1, 2]


def test_a_week_is_kept_for_less_than_8_weeks():
    now = at(2026, 3, 29, 12, 0)
    # Mon 2 February keeps its week and February; Sun 1 February ends the week before
    items = entries(now, [0, 55 * DAY, 56 * DAY])
    assert kept_indexes(items, now) == [0, 1]
    items = entries(now, [0, 55 * DAY, 56 * DAY - 60])
    assert kept_indexes(items, now) == [0, 1, 2]


def test_a_month_is_kept_for_less_than_a_year():
    now = at(2026, 3, 15, 12, 0)
    assert kept_indexes(entries(now, [0, 365 * DAY]), now) == [0]
    assert kept_indexes(entries(now, [0, 365 * DAY - 60]), now) == [0, 1]


def test_the_newest_backup_is_kept_however_old():
    now = at(2026, 3, 15, 12, 0)
    assert kept_indexes(entries(now, [1000 * DAY, 1001 * DAY]), now) == [0]


def test_only_the_newest_backup_with_people_is_kept_for_them_and_the_search_stops_there():
    now = at(2026, 3, 15, 12, 0)
    items = entries(now, [0, 400 * DAY, 500 * DAY, 600 * DAY])
    asked = []

    def holds_people(path):
        asked.append(path)
        return path != items[0][0]

    assert kept_indexes(items, now, holds_people) == [0, 1]
    assert asked == [items[0][0], items[1][0]]
