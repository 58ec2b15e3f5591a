"""The worksheets' data files in resources/worksheets/: choice lists and the two
self-assessment templates, read once and checked so a bad edit fails with a clear message."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from facilitator.resources import resource

CHOICE_LISTS = ("areas", "source_kinds", "conditions", "statuses")
TEMPLATE_KEYS = ("skills_for_change", "learning_profile")


class BadDataFile(ValueError):
    """A data file in resources/worksheets/ is missing or malformed."""


@dataclass(frozen=True)
class TemplateItem:
    key: str
    label: str
    prompt: str


@dataclass(frozen=True)
class Template:
    key: str
    title: str
    summary: str
    low: int
    high: int
    low_label: str
    high_label: str
    items: tuple[TemplateItem, ...]

    def item(self, key: str) -> TemplateItem | None:
        return next((i for i in self.items if i.key == key), None)


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BadDataFile(f"{path} is missing.") from None
    except (OSError, ValueError) as exc:
        raise BadDataFile(f"{path} could not be read: {exc}") from None
    if not isinstance(data, dict):
        raise BadDataFile(f"{path} should hold a JSON object.")
    return data


def _texts(path: Path, data: dict, key: str) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list) or not value:
        raise BadDataFile(f"{path}: {key!r} should be a non-empty list of texts.")
    if not all(isinstance(v, str) and v.strip() for v in value):
        raise BadDataFile(f"{path}: every entry of {key!r} should be a non-empty text.")
    if len(set(value)) != len(value):
        raise BadDataFile(f"{path}: {key!r} lists the same entry twice.")
    return tuple(value)


def load_choices(path: Path) -> dict[str, tuple[str, ...]]:
    data = _read(path)
    return {key: _texts(path, data, key) for key in CHOICE_LISTS}


def load_template(path: Path) -> Template:
    data = _read(path)
    for key in ("key", "title", "summary"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise BadDataFile(f"{path}: {key!r} should be a non-empty text.")
    scale = data.get("scale")
    if not isinstance(scale, dict):
        raise BadDataFile(f"{path}: 'scale' should be an object with min, max, low and high.")
    low, high = scale.get("min"), scale.get("max")
    if not (isinstance(low, int) and isinstance(high, int) and low < high):
        raise BadDataFile(f"{path}: the scale's min and max should be whole numbers, min < max.")
    raw_items = data.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        raise BadDataFile(f"{path}: 'items' should be a non-empty list.")
    items = []
    for n, item in enumerate(raw_items, 1):
        if not isinstance(item, dict) or not all(
            isinstance(item.get(k), str) and item[k].strip() for k in ("key", "label")
        ):
            raise BadDataFile(f"{path}: item {n} needs a 'key' and a 'label'.")
        items.append(TemplateItem(item["key"], item["label"], str(item.get("prompt", ""))))
    if len({i.key for i in items}) != len(items):
        raise BadDataFile(f"{path}: two items share a key.")
    return Template(data["key"], data["title"], data["summary"], low, high,
                    str(scale.get("low", "")), str(scale.get("high", "")), tuple(items))


@cache
def choices() -> dict[str, tuple[str, ...]]:
    return load_choices(resource("worksheets", "choices.json"))


@cache
def template(key: str) -> Template:
    if key not in TEMPLATE_KEYS:
        raise BadDataFile(f"There is no self-assessment called {key!r}.")
    tpl = load_template(resource("worksheets", f"{key}.json"))
    if tpl.key != key:
        raise BadDataFile(f"worksheets/{key}.json says its key is {tpl.key!r}.")
    return tpl
