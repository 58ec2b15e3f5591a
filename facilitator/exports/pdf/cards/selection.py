"""Which cards go in a deck: given keys, the favourites, all, an event's, or a tool pack file.

All read through the library and plans services. A key or event that does not exist is
refused with a message naming what does exist (a capped list), before anything is drawn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from facilitator.services.errors import ServiceError
from facilitator.services.library import packs, search, tools
from facilitator.services.plans import events, plan_view
from facilitator.store.database import Database

SHOWN = 12  # names listed in a message before "… and N more"


class ChoiceError(ServiceError):
    title = "Cannot print those cards"


def capped(names: list[str], limit: int = SHOWN) -> str:
    shown = ", ".join(names[:limit]) or "none yet"
    return shown + (f", … and {len(names) - limit} more" if len(names) > limit else "")


def cards_by_keys(db: Database, keys: list[str]) -> list[dict[str, Any]]:
    """The cards with these keys, in the order given (each once)."""
    wanted = list(dict.fromkeys(keys))
    if not wanted:
        raise ChoiceError("Choose at least one card to print.")
    found = {c["key"]: c for c in packs.pack_cards(db, None) if c["key"] in set(wanted)}
    missing = [k for k in wanted if k not in found]
    if missing:
        known = [key for _name, key in tools.list_tool_choices(db)]
        raise ChoiceError(f"There is no card with the key(s) {', '.join(missing)}; nothing was "
                          f"written. Cards: {capped(known)}.")
    return [found[k] for k in wanted]


def all_cards(db: Database) -> list[dict[str, Any]]:
    """Every card in the library, by name."""
    keys = [key for _name, key in tools.list_tool_choices(db)]
    if not keys:
        raise ChoiceError("The library has no cards to print.")
    return cards_by_keys(db, keys)


def favourite_cards(db: Database) -> list[dict[str, Any]]:
    rows = search.search_tools(db, search.Query(favourites=True, limit=100_000))
    if not rows:
        raise ChoiceError("No card is marked as a favourite yet; mark some with ☆ Favourite.")
    return cards_by_keys(db, [r["key"] for r in sorted(rows, key=lambda r: r["name"].lower())])


def event_keys(db: Database, event_id: int) -> list[str]:
    """The cards an event's agenda items use, in agenda order (each once)."""
    plan = plan_view.event_plan(db, event_id)
    keys = [it["tool_key"] for day in plan["days_plan"] for ses in day["sessions"]
            for it in ses["items"] if it.get("tool_key")]
    return list(dict.fromkeys(keys))


def event_cards(db: Database, event_id: int) -> list[dict[str, Any]]:
    keys = event_keys(db, event_id)
    ev = events.get_event(db, event_id)
    if not keys:
        raise ChoiceError(f"No agenda item of {ev['title']!r} uses a card from the library, so there "
                          "is nothing to print. Pick cards onto its agenda items first.")
    known = {key for _name, key in tools.list_tool_choices(db)}
    gone = [k for k in keys if k not in known]
    if gone:  # an item still names a card that was deleted since: print the rest
        keys = [k for k in keys if k in known]
        if not keys:
            raise ChoiceError(f"The cards {', '.join(gone)} that {ev['title']!r} uses are no longer "
                              "in the library.")
    return cards_by_keys(db, keys)


def pack_file_cards(path: Path) -> list[dict[str, Any]]:
    """The cards in a tool pack file, as they are in the file (nothing is imported)."""
    return packs.read_pack(Path(path))


def find_event(db: Database, title: str, cohort_name: str | None = None) -> dict[str, Any]:
    """An event by title (case-insensitive), in the named cohort, or in the only cohort that has
    an event of that title. Raises ChoiceError naming the cohorts or events that exist."""
    from facilitator.services.cohort import cohorts

    every = cohorts.list_cohorts(db)
    if cohort_name is not None:
        chosen = cohorts.find_cohort(db, cohort_name)
        if chosen is None:
            raise ChoiceError(f"There is no cohort called {cohort_name!r}; nothing was written. "
                              f"Cohorts: {capped([repr(c['name']) for c in every])}.")
        every = [chosen]
    wanted = title.strip().lower()
    matches, titles = [], []
    for cohort in every:
        for ev in events.list_events(db, cohort["id"]):
            titles.append(repr(ev["title"]))
            if ev["title"].strip().lower() == wanted:
                matches.append((cohort, ev))
    if not matches:
        where = f" in {every[0]['name']!r}" if cohort_name is not None else ""
        raise ChoiceError(f"There is no event called {title!r}{where}; nothing was written. "
                          f"Events: {capped(sorted(set(titles)))}.")
    if len({c["id"] for c, _e in matches}) > 1:
        names = [repr(c["name"]) for c, _e in matches]
        raise ChoiceError(f"Several cohorts have an event called {title!r} ({capped(names)}); "
                          "say which with --cohort.")
    return matches[0][1]
