"""How long a cohort's records are kept: each cohort has a keep-until date, by default the
programme's end plus a period set for the whole database (KEEP_MONTHS_DEFAULT until someone
sets it), or a date set by hand. Once it has passed, the app says so at start and offers to
erase the cohort (services.privacy.erasure.erase_cohort)."""

from __future__ import annotations

import calendar
from datetime import date

from sqlalchemy import select

from facilitator.models import Cohort, CohortRetention, PrivacySetting
from facilitator.services.changes import Changes
from facilitator.services.errors import NotFound, ValidationError
from facilitator.store.database import Database

KEEP_MONTHS_DEFAULT = 12
KEEP_MONTHS_MAX = 120
SETTING = "keep_months_after_end"


def add_months(day: date, months: int) -> date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def keep_months(db: Database) -> int:
    with db.read() as s:
        row = s.get(PrivacySetting, SETTING)
        return int(row.value) if row is not None else KEEP_MONTHS_DEFAULT


def set_keep_months(db: Database, months: int) -> Changes:
    if not isinstance(months, int) or not 1 <= months <= KEEP_MONTHS_MAX:
        raise ValidationError({"months": f"Keep records for 1 to {KEEP_MONTHS_MAX} months after "
                               "a programme ends."})
    with db.session() as s:
        row = s.get(PrivacySetting, SETTING)
        if row is None:
            s.add(PrivacySetting(name=SETTING, value=str(months)))
        else:
            row.value = str(months)
    return Changes.of("privacy_settings")


def set_keep_until(db: Database, cohort_id: int, keep_until: date | None) -> Changes:
    """A keep-until date by hand (None: back to the programme's end plus the period)."""
    with db.session() as s:
        if s.get(Cohort, cohort_id) is None:
            raise NotFound("That cohort no longer exists.")
        row = s.get(CohortRetention, cohort_id)
        if keep_until is None:
            if row is not None:
                s.delete(row)
        elif row is None:
            s.add(CohortRetention(cohort_id=cohort_id, keep_until=keep_until))
        else:
            row.keep_until = keep_until
    return Changes.of("cohort_retention", cohort_id=cohort_id)


def retention(db: Database) -> list[dict]:
    """Every cohort: id, name, end date, keep-until date (None without an end date or a date
    set by hand) and whether it was set by hand."""
    months = keep_months(db)
    stmt = (select(Cohort.id, Cohort.name, Cohort.end_date, CohortRetention.keep_until)
            .outerjoin(CohortRetention, CohortRetention.cohort_id == Cohort.id)
            .order_by(Cohort.name))
    with db.read() as s:
        rows = s.execute(stmt).all()
    out = []
    for cid, name, end, by_hand in rows:
        until = by_hand or (add_months(end, months) if end else None)
        out.append({"cohort_id": cid, "name": name, "end_date": end, "keep_until": until,
                    "set_by_hand": by_hand is not None})
    return out


def overdue(db: Database, today: date | None = None) -> list[dict]:
    """Cohorts whose keep-until date has passed (the day itself is still within it)."""
    today = today or date.today()
    return [r for r in retention(db) if r["keep_until"] and r["keep_until"] < today]
