"""Agenda timing as a small algebra, checked on generated agendas (Hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.services.plans.timing import SessionPlan, Slot, time_day, time_session

# The autouse fixtures in conftest.py only isolate settings; they do not matter to pure functions.
PURE = settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)

START = st.integers(min_value=0, max_value=20 * 60)


@st.composite
def slots(draw, pins=True, tracks=True):
    n = draw(st.integers(min_value=0, max_value=12))
    out = []
    for _ in range(n):
        out.append(Slot(
            duration=draw(st.integers(min_value=0, max_value=180)),
            pinned=draw(st.none() | st.integers(min_value=0, max_value=22 * 60)) if pins else None,
            track=draw(st.sampled_from(["", "", "A", "B", "C"])) if tracks else "",
            nudge=draw(st.integers(min_value=-30, max_value=30)),
        ))
    return out


def effective(slot: Slot) -> int:
    return max(0, slot.duration + slot.nudge)


def blocks(items: list[Slot]) -> list[tuple[int | None, list[int]]]:
    """(header index or None, tracked indexes) for each top-level block, by the rules."""
    out: list[tuple[int | None, list[int]]] = []
    for i, s in enumerate(items):
        if s.track and out:
            out[-1][1].append(i)
        elif s.track:
            out.append((None, [i]))
        else:
            out.append((i, []))
    return out


@PURE
@given(START, slots())
def test_every_item_lasts_its_minutes_and_pinned_items_start_at_their_pin(start, items):
    t = time_session(start, items)
    for i, s in enumerate(items):
        if s.pinned is not None:
            assert t.starts[i] == s.pinned
        if s.track:
            assert t.ends[i] - t.starts[i] == effective(s)
        else:
            assert t.ends[i] - t.starts[i] >= effective(s)


@PURE
@given(START, slots())
def test_a_pin_before_what_comes_before_it_is_always_reported(start, items):
    t = time_session(start, items)
    reported = {p.item for p in t.problems if p.kind in ("crowded", "early")}
    block_start = start
    previous_end = start
    for header, tracked in blocks(items):
        if header is not None:
            s = items[header]
            if s.pinned is not None:
                assert (header in reported) == (s.pinned < max(previous_end, start))
            else:
                assert t.starts[header] == previous_end  # follows on, monotone
            block_start = t.starts[header]
        else:
            block_start = previous_end
        track_ends: dict[str, int] = {}
        for j in tracked:
            s = items[j]
            before = track_ends.get(s.track, block_start)
            if s.pinned is not None:
                assert (j in reported) == (s.pinned < max(before, start))
            else:
                assert t.starts[j] == before
            track_ends[s.track] = t.ends[j]
        longest = max((t.ends[j] - block_start for j in tracked), default=0)
        planned = effective(items[header]) if header is not None else 0
        previous_end = block_start + max(planned, longest)
        if header is not None:
            assert t.ends[header] == previous_end
    assert t.end == previous_end


@PURE
@given(START, slots(pins=False))
def test_without_pins_the_session_ends_at_its_start_plus_what_fits(start, items):
    t = time_session(start, items)
    total = 0
    for header, tracked in blocks(items):
        runs: dict[str, int] = {}
        for j in tracked:
            runs[items[j].track] = runs.get(items[j].track, 0) + effective(items[j])
        planned = effective(items[header]) if header is not None else 0
        total += max([planned, *runs.values()])
        over = planned > 0 and any(r > planned for r in runs.values())
        assert over == any(p.kind == "overrun" and p.item == header for p in t.problems)
    assert t.end == start + total and t.minutes == total
    assert all(p.kind in ("overrun", "midnight") for p in t.problems)
    assert any(p.kind == "midnight" for p in t.problems) == (t.end > 24 * 60)


@PURE
@given(START, slots(pins=False, tracks=False), st.randoms(use_true_random=False))
def test_reordering_items_moves_times_but_not_the_end(start, items, rnd):
    shuffled = list(items)
    rnd.shuffle(shuffled)
    a, b = time_session(start, items), time_session(start, shuffled)
    assert a.end == b.end
    assert a.starts == sorted(a.starts) and b.starts == sorted(b.starts)  # monotone


@PURE
@given(st.lists(st.tuples(st.none() | START, slots()), max_size=5),
       st.none() | st.integers(min_value=0, max_value=26 * 60))
def test_a_day_follows_on_and_reports_every_clash_and_overrun(plans, day_end):
    day = time_day([SessionPlan(s, items) for s, items in plans], day_end)
    latest = None
    clashes = 0
    for (given_start, _items), timed in zip(plans, day.sessions, strict=True):
        if given_start is None:
            assert timed.start == (latest if latest is not None else 9 * 60)
        else:
            assert timed.start == given_start
            clashes += latest is not None and given_start < latest
        latest = timed.end if latest is None else max(latest, timed.end)
    assert day.end == latest
    assert [p.kind for p in day.problems].count("clash") == clashes
    overran = day_end is not None and latest is not None and latest > day_end
    assert ("day_overrun" in [p.kind for p in day.problems]) == overran
