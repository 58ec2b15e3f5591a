"""The card schema: what a method card holds, checked the same way for built-in TOML files,
tool packs and the edit form. Messages say which field is wrong and why."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from facilitator.services.errors import ValidationError
from facilitator.services.fields import text_problem

KEY_RE = re.compile(r"[a-z0-9][a-z0-9-]{1,58}[a-z0-9]")  # always fullmatch: "x\n" is no key
OWN_LICENCE = "MIT, Facilitator project"

# name -> (label, max length, required)
TEXTS: dict[str, tuple[str, int, bool]] = {
    "name": ("Name", 120, True),
    "summary": ("Summary", 300, True),
    "purpose": ("Purpose", 2000, True),
    "when_to_use": ("When to use", 2000, False),
    "source": ("Source", 300, False),
    "licence": ("Licence", 120, True),
}
# name -> (label, most items, longest item)
LISTS: dict[str, tuple[str, int, int]] = {
    "themes": ("Themes", 8, 40),
    "materials": ("Materials", 30, 200),
    "tips": ("Facilitator tips", 20, 600),
    "considerations": ("Frontline considerations", 20, 600),
}
RANGES: dict[str, tuple[str, int]] = {"duration": ("Duration (minutes)", 600), "group_size": ("Group size", 500)}
MAX_STEPS = 30
STEP_TEXT_LIMIT = 1000
STEP_MINUTES_LIMIT = 240
FIELDS = ("key", "version", *TEXTS, *LISTS, *RANGES, "steps")


def check_card(raw: Any, *, where: str = "card") -> dict[str, Any]:
    """Validate one card (as read from TOML or JSON) and return a clean copy, or raise
    ValidationError naming every problem."""
    if not isinstance(raw, dict):
        raise ValidationError({"": f"{where}: a card must be a table of fields, not {_kind(raw)}."})
    problems: dict[str, str] = {}
    out: dict[str, Any] = {}

    def bad(name: str, text: str) -> None:
        problems[name] = f"{where}: {text}"

    unknown = sorted(str(k) for k in set(raw) - set(FIELDS))
    if unknown:
        shown = ", ".join(repr(k[:40]) for k in unknown[:5]) + (" …" if len(unknown) > 5 else "")
        bad("", f"unknown field(s) {shown}.")
    key = raw.get("key")
    if not isinstance(key, str) or not KEY_RE.fullmatch(key):
        bad("key", "key must be 3–60 lower-case letters, digits and hyphens (like 'check-in-rounds').")
    else:
        out["key"] = key
    version = raw.get("version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version <= 1_000_000:
        bad("version", "version must be a whole number of at least 1.")
    else:
        out["version"] = version
    for name, (label, limit, required) in TEXTS.items():
        value = raw.get(name, "")
        if not isinstance(value, str):
            bad(name, f"{label} must be text, not {_kind(value)}.")
            continue
        value = unicodedata.normalize("NFC", value).strip()
        if required and not value:
            bad(name, f"{label} is required.")
        elif len(value) > limit:
            bad(name, f"{label} is too long: {len(value):,} characters, the most is {limit:,}.")
        elif text_problem(value, multiline=name != "name"):
            bad(name, f"{label} {text_problem(value, multiline=name != 'name')}.")
        else:
            out[name] = value
    for name, (label, most, longest) in LISTS.items():
        items = raw.get(name, [])
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            bad(name, f"{label} must be a list of texts.")
            continue
        items = [" ".join(unicodedata.normalize("NFC", i).split()) for i in items if i.strip()]
        if len(items) > most:
            bad(name, f"{label} has {len(items)} items, the most is {most}.")
        elif any(len(i) > longest for i in items):
            bad(name, f"{label}: an item is longer than {longest} characters.")
        elif any(text_problem(i) for i in items):
            bad(name, f"{label}: an item {next(text_problem(i) for i in items if text_problem(i))}.")
        else:
            out[name] = items
    if "themes" in out and not out["themes"]:
        bad("themes", "Themes: give at least one theme.")
    for name, (label, top) in RANGES.items():
        rng = raw.get(name)
        lo = rng.get("min") if isinstance(rng, dict) else None
        hi = rng.get("max") if isinstance(rng, dict) else None
        if not (isinstance(rng, dict) and set(rng) == {"min", "max"} and _whole(lo) and _whole(hi)):
            bad(name, f"{label} must be a range with whole numbers min and max.")
        elif not 1 <= lo <= hi <= top:
            bad(name, f"{label} must run from at least 1 up to at most {top}, min not above max.")
        else:
            out[name] = {"min": lo, "max": hi}
    out_steps = _check_steps(raw.get("steps"), bad)
    if out_steps is not None:
        out["steps"] = out_steps
    if problems:
        raise ValidationError(problems)
    return out


def _check_steps(steps: Any, bad) -> list[dict[str, Any]] | None:
    if not isinstance(steps, list) or not steps:
        bad("steps", "Steps must be a list of at least one step, each with minutes and text.")
        return None
    if len(steps) > MAX_STEPS:
        bad("steps", f"Steps: {len(steps)} steps, the most is {MAX_STEPS}.")
        return None
    out = []
    for n, step in enumerate(steps, 1):
        if not isinstance(step, dict) or set(step) != {"minutes", "text"}:
            bad("steps", f"Step {n} must have exactly two fields: minutes and text.")
            return None
        minutes, text = step["minutes"], step["text"]
        if not _whole(minutes) or not 0 <= minutes <= STEP_MINUTES_LIMIT:
            bad("steps", f"Step {n}: minutes must be a whole number from 0 to {STEP_MINUTES_LIMIT}.")
            return None
        if not isinstance(text, str) or not text.strip() or len(text) > STEP_TEXT_LIMIT:
            bad("steps", f"Step {n}: text must be 1–{STEP_TEXT_LIMIT} characters.")
            return None
        if text_problem(text, multiline=True):
            bad("steps", f"Step {n}: text {text_problem(text, multiline=True)}.")
            return None
        out.append({"minutes": minutes, "text": " ".join(unicodedata.normalize("NFC", text).split())})
    return out


def typical_minutes(card: dict[str, Any]) -> int:
    """What an agenda item takes by default: the steps' total, kept inside the card's range."""
    total = sum(s["minutes"] for s in card.get("steps", []))
    lo, hi = card["duration"]["min"], card["duration"]["max"]
    return min(max(total, lo), hi)


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _kind(value: Any) -> str:
    return {dict: "a table", list: "a list", str: "text", bool: "true/false", type(None): "empty"}.get(
        type(value), "a number" if isinstance(value, int | float) else type(value).__name__
    )
