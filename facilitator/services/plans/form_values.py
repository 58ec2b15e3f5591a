"""Values typed in the plan forms: clock times and minutes, checked with a message per field."""

from __future__ import annotations

from facilitator.services.errors import ValidationError
from facilitator.services.plans.timing import clock, parse_clock

MAX_MINUTES = 24 * 60


def time_from_form(problems: dict, name: str, label: str, text, *, required: bool = False):
    """A typed clock time ("09:30") -> minutes, or None when blank; problems get a message."""
    text = "" if text is None else str(text).strip()
    if not text:
        if required:
            problems[name] = f"{label} is required (a time like 09:30)."
        return None
    try:
        return parse_clock(text)
    except ValueError as exc:
        problems[name] = f"{label} {exc} (you typed {text!r})."
        return None


def minutes_from_form(problems: dict, name: str, label: str, text) -> int:
    text = "" if text is None else str(text).strip()
    if text.endswith("min"):
        text = text[:-3].strip()
    if not (text.isascii() and text.isdigit()):
        problems[name] = f"{label} must be a whole number of minutes, 0 or more (you typed {text!r})."
        return 0
    value = int(text)
    if value > MAX_MINUTES:
        problems[name] = f"{label} is {value} minutes; the most is {MAX_MINUTES} (a whole day)."
    return value


def time_to_form(minutes: int | None) -> str:
    return clock(minutes) if minutes is not None else ""


def raise_if(problems: dict) -> None:
    if problems:
        raise ValidationError(problems)
