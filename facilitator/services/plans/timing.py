"""Clock times of an agenda, computed from the durations. Pure functions: no database.

Times are minutes after midnight (570 = 09:30). The rules:

- An item starts when the one before it ends; a zero-minute item (pre-work) takes no time.
- A *pinned* item starts at its pinned time whatever comes before it. If the items before it
  run past that time it is *crowded out*: it still starts at its pinned time and the overlap
  is reported. If they end earlier, the gap is left free.
- Consecutive items with a *track* name are a parallel block (breakout groups) hanging off the
  untracked item just before them (the block's header). Each track runs its items in turn from
  the header's start; the block lasts as long as the header's planned minutes or its longest
  track, whichever is longer. A track longer than a planned (non-zero) header is an overrun.
- A session with a start time starts then (reporting a clash if the previous session of the
  day is still running); a session without one follows the previous session of its day.
- A day running past its end time is reported.
- Live nudges add to (or take from) an item's minutes; an item never lasts less than zero.

Nothing is ever resolved silently: each rule that bends produces a Problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DAY_MINUTES = 24 * 60
DEFAULT_DAY_START = 9 * 60


@dataclass(slots=True)
class Slot:
    """What the timing needs to know about one agenda item."""

    duration: int
    pinned: int | None = None
    track: str = ""
    title: str = ""
    nudge: int = 0


@dataclass(frozen=True, slots=True)
class Problem:
    kind: str  # crowded | early | overrun | clash | day_overrun | midnight
    message: str
    item: int | None = None  # index of the item in its session, if it is about one item


@dataclass(slots=True)
class TimedSession:
    start: int
    end: int
    starts: list[int]
    ends: list[int]
    block_of: list[int]  # index of the block header for tracked items, else the item's own index
    problems: list[Problem] = field(default_factory=list)

    @property
    def minutes(self) -> int:
        return self.end - self.start


@dataclass(slots=True)
class TimedDay:
    sessions: list[TimedSession]
    start: int | None
    end: int | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def minutes(self) -> int:
        return 0 if self.start is None or self.end is None else self.end - self.start


def clock(minutes: int | None) -> str:
    """570 -> "09:30"; past midnight shows the day: 1470 -> "00:30 (+1)"."""
    if minutes is None:
        return ""
    days, m = divmod(minutes, DAY_MINUTES)
    text = f"{m // 60:02d}:{m % 60:02d}"
    return text + (f" (+{days})" if days > 0 else "") + (" (-1)" if days < 0 else "")


def length(minutes: int) -> str:
    """95 -> "1 h 35 min"."""
    h, m = divmod(max(0, minutes), 60)
    if h and m:
        return f"{h} h {m:02d} min"
    return f"{h} h" if h else f"{m} min"


def _name(slot: Slot, i: int) -> str:
    return repr(slot.title) if slot.title else f"item {i + 1}"


def _effective(slot: Slot) -> int:
    d = slot.duration + slot.nudge
    return d if d > 0 else 0


def time_session(start: int, slots: list[Slot]) -> TimedSession:
    """Start and end of each item of one session, and what bent the rules."""
    n = len(slots)
    starts = [0] * n
    ends = [0] * n
    block_of = list(range(n))
    problems: list[Problem] = []
    t = start
    i = 0
    while i < n:
        header = slots[i]
        if header.track:  # tracks with no header before them: a block of their own
            at, planned, j = t, 0, i
        else:
            at = _place(header, i, t, start, problems)
            planned = _effective(header)
            starts[i] = at
            j = i + 1
        longest = 0
        runs: dict[str, int] = {}
        while j < n and slots[j].track:
            s = slots[j]
            tt = runs.get(s.track, at)
            tt = _place(s, j, tt, start, problems)
            starts[j] = tt
            tt += _effective(s)
            ends[j] = tt
            runs[s.track] = tt
            block_of[j] = i
            if tt - at > longest:
                longest = tt - at
            j += 1
        if runs and planned > 0:
            for track, track_end in runs.items():
                over = track_end - at - planned
                if over > 0:
                    problems.append(Problem(
                        "overrun",
                        f"Track {track!r} runs {over} min past its block {_name(header, i)} "
                        f"({planned} min planned, ends {clock(track_end)}).",
                        i,
                    ))
        block = planned if planned > longest else longest
        end = at + block
        if not header.track:
            ends[i] = end
        t = end
        i = j if j > i else i + 1
    if t > DAY_MINUTES:  # ending at 24:00 exactly is still the same day
        problems.append(Problem("midnight", f"The session runs past midnight (to {clock(t)})."))
    return TimedSession(start, t, starts, ends, block_of, problems)


def _place(slot: Slot, i: int, t: int, session_start: int, problems: list[Problem]) -> int:
    """Where an item starts: at `t`, or at its pinned time (reporting a clash)."""
    pin = slot.pinned
    if pin is None:
        return t
    if pin < session_start:
        problems.append(Problem(
            "early",
            f"{_name(slot, i)} is pinned at {clock(pin)}, before its session starts "
            f"({clock(session_start)}).",
            i,
        ))
    elif pin < t:
        problems.append(Problem(
            "crowded",
            f"{_name(slot, i)} is pinned at {clock(pin)} but the items before it run until "
            f"{clock(t)}: {t - pin} min too much before it.",
            i,
        ))
    return pin


@dataclass(slots=True)
class SessionPlan:
    """A session as the day timing sees it: its own start (None: follow the one before)."""

    start: int | None
    slots: list[Slot]
    title: str = ""


def time_day(sessions: list[SessionPlan], day_end: int | None = None) -> TimedDay:
    """Every session of one day, in order, with clashes between them and the day's overrun."""
    timed: list[TimedSession] = []
    problems: list[Problem] = []
    t: int | None = None
    previous = ""
    for k, plan in enumerate(sessions):
        name = repr(plan.title) if plan.title else f"session {k + 1}"
        if plan.start is None:
            start = t if t is not None else DEFAULT_DAY_START
        else:
            start = plan.start
            if t is not None and start < t:
                problems.append(Problem(
                    "clash",
                    f"Session {name} starts at {clock(start)} but {previous} runs until "
                    f"{clock(t)}: {t - start} min overlap.",
                ))
        ts = time_session(start, plan.slots)
        timed.append(ts)
        t = ts.end if t is None or ts.end > t else t
        previous = name
    first = timed[0].start if timed else None
    if day_end is not None and t is not None and t > day_end:
        problems.append(Problem(
            "day_overrun",
            f"The day runs until {clock(t)}, {t - day_end} min past its end time of "
            f"{clock(day_end)}.",
        ))
    return TimedDay(timed, first, t, problems)


def parse_clock(text: str) -> int:
    """"9:30", "09.30", "0930" or "930" -> 570; raises ValueError with a message."""
    raw = text.strip().replace(".", ":").replace("h", ":")
    if not raw.isascii():  # "²" or Arabic-Indic digits pass isdigit() but are no clock time
        raise ValueError("must be a time like 09:30")
    if ":" not in raw and raw.isdigit() and len(raw) in (3, 4):
        raw = raw[:-2] + ":" + raw[-2:]
    parts = raw.split(":")
    if len(parts) != 2 or not all(p.isdigit() for p in parts) or not parts[1] or len(parts[1]) != 2:
        raise ValueError("must be a time like 09:30")
    h, m = int(parts[0]), int(parts[1])
    if h > 23 or m > 59:
        raise ValueError("must be a time between 00:00 and 23:59")
    return h * 60 + m
