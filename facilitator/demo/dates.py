"""The demo programme's calendar, placed around today.

The programme started eleven weeks ago, on a Monday, and runs for about forty weeks, so the
timeline has events behind and ahead of today, and nothing the demo says was done (attendance,
rules checked, self-assessments) is dated after today: so there is no end-of-programme
self-assessment yet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

WEEKS_SO_FAR = 11
LAST_DAY = 284  # days after the first: a Friday in the fortieth week


def today() -> date:
    return date.today()


@dataclass(frozen=True)
class DemoCalendar:
    start: date  # the first day of the first residential, a Monday
    today: date

    def day(self, offset: int) -> date:
        return self.start + timedelta(days=offset)

    @property
    def end(self) -> date:
        return self.day(LAST_DAY)


def calendar(on: date | None = None) -> DemoCalendar:
    now = on or today()
    back = now - timedelta(weeks=WEEKS_SO_FAR)
    return DemoCalendar(back - timedelta(days=back.weekday()), now)
