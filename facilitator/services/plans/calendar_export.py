"""A cohort's events as an iCalendar file (RFC 5545) that participants can import.

Written by hand (no extra dependency): CRLF line ends, text escaped, lines folded at 75 octets
without splitting a UTF-8 character, a stable UID from each event's uuid, DTSTAMP in UTC.
Multi-day events (and days with no timed sessions) are all-day: DTSTART;VALUE=DATE and an
exclusive DTEND.

Times are "floating" on purpose (RFC 5545, 3.3.5, form #1): a one-day event with sessions gets
its first start and last end as DTSTART:20260928T140000 and DTEND:...T150000, with no TZID
parameter, no trailing Z and no VTIMEZONE. The times in a plan are the venue's clock times and
the cohort meets in one place, so "14:00" must stay 14:00 in every calendar that imports the
file; tying it to the zone of the computer that wrote the file would shift it for anyone whose
calendar is set to another zone (or when the laptop travels). A call with people in several
zones is the one case this does not serve, and the plan has no field for a zone anyway."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from facilitator.fileio import write_atomically
from facilitator.services.cohort import cohorts
from facilitator.services.plans import plan_view
from facilitator.services.plans.timing import clock
from facilitator.services.privacy import export_log
from facilitator.store.database import Database

PRODID = "-//Facilitator//Session plans//EN"


def escape_text(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets (continuations start with a space)."""
    out: list[str] = []
    current, size, limit = [], 0, 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append("".join(current))
            current, size, limit = [], 0, 74  # the leading space counts
        current.append(ch)
        size += n
    out.append("".join(current))
    return "\r\n ".join(out)


def _event_lines(plan: dict, stamp: str) -> list[str]:
    days = plan["days_plan"]
    timed = [d for d in days if d["start_at"] is not None]
    lines = ["BEGIN:VEVENT", f"UID:{plan['uuid']}@facilitator", f"DTSTAMP:{stamp}"]
    if plan["days"] == 1 and timed and timed[0]["end_at"] < 24 * 60:
        d = timed[0]
        day = plan["start_date"]
        lines.append(f"DTSTART:{day:%Y%m%d}T{_hhmm(d['start_at'])}00")
        lines.append(f"DTEND:{day:%Y%m%d}T{_hhmm(d['end_at'])}00")
    else:
        lines.append(f"DTSTART;VALUE=DATE:{plan['start_date']:%Y%m%d}")
        lines.append(f"DTEND;VALUE=DATE:{plan['end_date'] + timedelta(days=1):%Y%m%d}")
    lines.append("SUMMARY:" + escape_text(plan["title"]))
    where = ", ".join(x for x in (plan["venue"], " ".join(plan["address"].split())) if x)
    if where:
        lines.append("LOCATION:" + escape_text(where))
    lines.append("CATEGORIES:" + escape_text(plan["kind"].capitalize()))
    lines.append("DESCRIPTION:" + escape_text(_description(plan)))
    lines.append("END:VEVENT")
    return lines


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}{minutes % 60:02d}"


def _description(plan: dict) -> str:
    parts = [plan["kind"].capitalize()]
    if plan["notes"]:
        parts.append(plan["notes"])
    for d in plan["days_plan"]:
        if not d["sessions"]:
            continue
        parts.append(d["label"])
        for ps in d["sessions"]:
            parts.append(f"  {clock(ps['start_at'])}–{clock(ps['end_at'])} {ps['title']}")
    return "\n".join(parts)


def cohort_ics(db: Database, cohort_id: int, now: datetime | None = None) -> tuple[str, int]:
    """(the calendar text, number of events)."""
    cohort = cohorts.get_cohort(db, cohort_id)
    plans = plan_view.cohort_plans(db, cohort_id)
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", "X-WR-CALNAME:" + escape_text(cohort["name"])]
    for plan in plans:
        lines.extend(_event_lines(plan, stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines), len(plans)


def write_ics(db: Database, cohort_id: int, path: Path) -> int:
    """Write the cohort's calendar to `path` atomically; return how many events it holds."""
    text, count = cohort_ics(db, cohort_id)
    write_atomically(Path(path), text.encode("utf-8"))
    export_log.log_export(db, "calendar", path, cohort_id=cohort_id)
    return count
