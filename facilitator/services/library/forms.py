"""The edit form's view of a card: plain text fields a person can type, turned into a card and
back. Errors are keyed by form field, so the form shows each under its box."""

from __future__ import annotations

import re
from typing import Any

from facilitator.services.errors import ValidationError
from facilitator.services.fields import FieldSpec
from facilitator.services.library.cards import LISTS, RANGES, check_card

NEW_CARD_LICENCE = "Own text"
STEP_RE = re.compile(r"^\s*(\d{1,3})\s*(?:min(?:ute)?s?)?\s*[|:–-]\s*(.+)$")
RANGE_RE = re.compile(r"^\s*(\d{1,4})\s*(?:(?:-|–|to)\s*(\d{1,4}))?\s*$")

FORM_FIELDS = (
    FieldSpec("name", "Name", required=True, max_length=120, section="Card"),
    FieldSpec("summary", "Summary", required=True, max_length=300, section="Card",
              help="One or two sentences: what it is, in plain words."),
    FieldSpec("themes", "Themes", required=True, max_length=400, section="Card",
              help="Comma-separated, e.g. community and trust, reflection"),
    FieldSpec("duration", "Duration (minutes)", required=True, max_length=20, section="Card",
              help="A number, or a range like 20-30"),
    FieldSpec("group_size", "Group size", required=True, max_length=20, section="Card",
              help="A number, or a range like 4-24"),
    FieldSpec("purpose", "Purpose", kind="multiline", required=True, max_length=2000, section="Why and when"),
    FieldSpec("when_to_use", "When to use", kind="multiline", max_length=2000, section="Why and when"),
    FieldSpec("steps", "Steps", kind="multiline", required=True, max_length=30_000, section="How",
              help="One step per line, starting with its minutes: 10 | Pair up and …"),
    FieldSpec("materials", "Materials", kind="multiline", max_length=6000, section="How",
              help="One per line"),
    FieldSpec("tips", "Facilitator tips", kind="multiline", max_length=12_000, section="How",
              help="One per line"),
    FieldSpec("considerations", "Frontline considerations", kind="multiline", max_length=12_000,
              section="How", help="Safeguarding, confidentiality, emotional load… one per line"),
    FieldSpec("source", "Source", max_length=300, section="Credit",
              help="The known method this follows, if any"),
    FieldSpec("licence", "Licence", required=True, max_length=120, section="Credit"),
)


def card_to_form(card: dict[str, Any]) -> dict[str, str]:
    values = {name: card.get(name, "") for name in ("name", "summary", "purpose", "when_to_use",
                                                      "source", "licence")}
    values["themes"] = ", ".join(card.get("themes", []))
    for name in ("materials", "tips", "considerations"):
        values[name] = "\n".join(card.get(name, []))
    for name in RANGES:
        rng = card.get(name) or {"min": 1, "max": 1}
        lo, hi = rng["min"], rng["max"]
        values[name] = str(lo) if lo == hi else f"{lo}-{hi}"
    values["steps"] = "\n".join(f"{s['minutes']} | {s['text']}" for s in card.get("steps", []))
    return values


def blank_form() -> dict[str, str]:
    return {"duration": "20", "group_size": "4-20", "licence": NEW_CARD_LICENCE}


def form_to_card(values: dict[str, Any], key: str, version: int = 1) -> dict[str, Any]:
    """Parse form text into a card and check it; raise ValidationError keyed by form field."""
    problems: dict[str, str] = {}
    raw: dict[str, Any] = {"key": key, "version": version}
    for name in ("name", "summary", "purpose", "when_to_use", "source", "licence"):
        raw[name] = str(values.get(name) or "")
    raw["themes"] = [t.strip() for t in str(values.get("themes") or "").split(",") if t.strip()]
    for name in LISTS:
        if name != "themes":
            raw[name] = [line.strip() for line in str(values.get(name) or "").splitlines() if line.strip()]
    for name, (label, _top) in RANGES.items():
        m = RANGE_RE.match(str(values.get(name) or ""))
        if not m:
            problems[name] = f"{label} must be a number or a range like 20-30."
            continue
        lo = int(m.group(1))
        raw[name] = {"min": lo, "max": int(m.group(2) or lo)}
    steps = []
    for n, line in enumerate(str(values.get("steps") or "").splitlines(), 1):
        if not line.strip():
            continue
        m = STEP_RE.match(line)
        if not m:
            problems["steps"] = (
                f"Steps, line {n}: start with the minutes, then a bar, like '10 | Pair up and …'."
            )
            break
        steps.append({"minutes": int(m.group(1)), "text": m.group(2).strip()})
    raw["steps"] = steps
    if problems:
        raise ValidationError(problems)
    try:
        return check_card(raw, where="")
    except ValidationError as exc:
        raise ValidationError({k: v.removeprefix(": ") for k, v in exc.problems.items()}) from None
