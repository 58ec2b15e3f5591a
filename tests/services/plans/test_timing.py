"""The timing rules, on plain data (no database)."""

from __future__ import annotations

import pytest

from facilitator.services.plans.timing import (
    Problem,
    SessionPlan,
    Slot,
    clock,
    length,
    parse_clock,
    time_day,
    time_session,
)

NINE = 9 * 60


def kinds(timed):
    return [p.kind for p in timed.problems]


def test_items_follow_each_other_and_zero_minutes_take_no_time():
    t = time_session(NINE, [Slot(0, title="Pre-reading"), Slot(30), Slot(0), Slot(15)])
    assert t.starts == [540, 540, 570, 570]
    assert t.ends == [540, 570, 570, 585]
    assert t.end == 585 and t.minutes == 45 and t.problems == []


def test_empty_session_ends_when_it_starts():
    t = time_session(NINE, [])
    assert (t.start, t.end, t.problems) == (540, 540, [])


def test_pinned_item_keeps_its_time_and_leaves_a_gap():
    t = time_session(NINE, [Slot(60), Slot(60, pinned=12 * 60 + 30, title="Lunch"), Slot(30)])
    assert t.starts == [540, 750, 810]
    assert t.end == 840 and t.problems == []


def test_crowded_pinned_item_stays_put_and_the_clash_is_reported():
    t = time_session(NINE, [Slot(240, title="Long morning"), Slot(60, pinned=750, title="Lunch"),
                            Slot(30)])
    assert t.starts[1] == 750  # not moved to 13:00
    assert t.starts[2] == 810
    assert kinds(t) == ["crowded"]
    problem = t.problems[0]
    assert problem.item == 1
    assert "'Lunch' is pinned at 12:30" in problem.message and "13:00" in problem.message
    assert "30 min" in problem.message


def test_pinned_before_the_session_starts_is_reported():
    t = time_session(NINE, [Slot(30, pinned=8 * 60, title="Coach")])
    assert t.starts == [480] and kinds(t) == ["early"]


def test_moving_an_item_retimes_everything_after_it():
    a, b, c, d = Slot(20, title="a"), Slot(40, title="b"), Slot(10, title="c"), Slot(30, title="d")
    before = time_session(NINE, [a, b, c, d])
    after = time_session(NINE, [a, c, d, b])  # b moved to the end
    assert before.starts == [540, 560, 600, 610]
    assert after.starts == [540, 560, 570, 600]
    assert before.end == after.end == 640


def test_moving_lunch_moves_later_items_but_not_a_pinned_coach():
    items = [Slot(60), Slot(60, title="Lunch"), Slot(60), Slot(0, pinned=16 * 60, title="Coach")]
    t = time_session(NINE, items)
    assert t.starts == [540, 600, 660, 960]
    items[1].duration = 90
    t = time_session(NINE, items)
    assert t.starts == [540, 600, 690, 960] and t.problems == []


def test_parallel_block_lasts_as_long_as_its_longest_track():
    t = time_session(NINE, [
        Slot(0, title="Breakouts"),
        Slot(20, track="A"), Slot(20, track="A"),
        Slot(30, track="B"),
        Slot(15, title="Tea"),
    ])
    assert t.starts == [540, 540, 560, 540, 580]
    assert t.ends[0] == 580  # the block (header) ends with the longest track
    assert t.block_of == [0, 0, 0, 0, 4]
    assert t.end == 595 and t.problems == []


def test_track_overrunning_a_planned_block_is_reported_and_the_day_moves():
    t = time_session(NINE, [Slot(45, title="Breakouts"), Slot(40, track="A"), Slot(55, track="B"),
                            Slot(15, title="Tea")])
    assert kinds(t) == ["overrun"]
    assert "Track 'B' runs 10 min past its block 'Breakouts'" in t.problems[0].message
    assert t.starts[3] == NINE + 55  # not silently cut to 45


def test_tracks_at_the_start_of_a_session_form_their_own_block():
    t = time_session(NINE, [Slot(30, track="A"), Slot(10, track="B"), Slot(5)])
    assert t.starts == [540, 540, 570] and t.problems == []


def test_a_pinned_track_at_the_start_is_reported_once():
    t = time_session(NINE, [Slot(30, track="A", pinned=8 * 60, title="Early trio")])
    assert kinds(t) == ["early"]


def test_a_session_ending_at_midnight_is_not_past_it():
    assert kinds(time_session(23 * 60, [Slot(60)])) == []
    assert kinds(time_session(23 * 60, [Slot(61)])) == ["midnight"]


def test_nudges_retime_and_never_make_an_item_negative():
    items = [Slot(30, nudge=5), Slot(20), Slot(10, nudge=-15)]
    t = time_session(NINE, items)
    assert t.starts == [540, 575, 595]
    assert t.end == 595  # the last item lasts 0, not -5


def test_day_sessions_chain_clash_and_overrun():
    day = time_day([
        SessionPlan(NINE, [Slot(180)], "Morning"),
        SessionPlan(None, [Slot(60)], "Lunch"),
        SessionPlan(13 * 60, [Slot(240)], "Afternoon"),
    ], day_end=17 * 60)
    assert [s.start for s in day.sessions] == [540, 720, 780]
    assert day.problems == []
    day = time_day([
        SessionPlan(NINE, [Slot(200)], "Morning"),
        SessionPlan(None, [Slot(60)], "Lunch"),
        SessionPlan(13 * 60, [Slot(260)], "Afternoon"),
    ], day_end=17 * 60)
    assert [p.kind for p in day.problems] == ["clash", "day_overrun"]
    assert "'Afternoon' starts at 13:00 but 'Lunch' runs until 13:20" in day.problems[0].message
    assert "20 min past its end time of 17:00" in day.problems[1].message


def test_day_without_sessions_has_no_times():
    day = time_day([], 17 * 60)
    assert day.start is None and day.end is None and day.minutes == 0


def test_clock_length_and_parsing():
    assert clock(570) == "09:30" and clock(1470) == "00:30 (+1)"
    assert length(95) == "1 h 35 min" and length(60) == "1 h" and length(0) == "0 min"
    assert parse_clock("9:30") == parse_clock("09.30") == parse_clock("0930") == 570
    for bad in ("25:00", "9", "nine", "12:5", "", "1²:30", "٠٩:٣٠"):
        with pytest.raises(ValueError):
            parse_clock(bad)


def test_a_pin_exactly_when_the_items_before_end_is_not_crowded():
    t = time_session(NINE, [Slot(60, title="Opening"), Slot(30, pinned=NINE + 60, title="Tea")])
    assert t.starts == [540, 600] and t.problems == []
    one_over = time_session(NINE, [Slot(61, title="Opening"), Slot(30, pinned=NINE + 60, title="Tea")])
    assert kinds(one_over) == ["crowded"] and "1 min too much" in one_over.problems[0].message


def test_a_pin_exactly_at_the_session_start_is_not_early():
    assert time_session(NINE, [Slot(30, pinned=NINE)]).problems == []
    assert kinds(time_session(NINE, [Slot(30, pinned=NINE - 1)])) == ["early"]


def test_a_track_that_exactly_fills_its_block_is_not_an_overrun():
    exact = time_session(NINE, [Slot(45, title="Breakouts"), Slot(25, track="A"), Slot(20, track="A"),
                                Slot(45, track="B"), Slot(15, title="Tea")])
    assert exact.problems == [] and exact.starts[4] == NINE + 45 and exact.ends[0] == NINE + 45
    over = time_session(NINE, [Slot(45, title="Breakouts"), Slot(46, track="B")])
    assert kinds(over) == ["overrun"]
    assert over.problems[0].message == (
        "Track 'B' runs 1 min past its block 'Breakouts' (45 min planned, ends 09:46).")
    assert over.problems[0].item == 0


def test_a_session_that_starts_exactly_when_the_one_before_ends_does_not_clash():
    day = time_day([SessionPlan(NINE, [Slot(90)]), SessionPlan(NINE + 90, [Slot(30)])],
                   day_end=NINE + 120)
    assert day.problems == [] and (day.start, day.end, day.minutes) == (540, 660, 120)
    late = time_day([SessionPlan(NINE, [Slot(91)]), SessionPlan(NINE + 90, [Slot(30)])],
                    day_end=NINE + 120)
    assert [p.kind for p in late.problems] == ["clash"]
    assert "Session session 2 starts at 10:30 but session 1 runs until 10:31: 1 min overlap." \
        == late.problems[0].message
    over = time_day([SessionPlan(NINE, [Slot(121)])], day_end=NINE + 120)
    assert [p.kind for p in over.problems] == ["day_overrun"]


def test_an_earlier_long_session_still_counts_when_a_later_one_ends_first():
    day = time_day([SessionPlan(NINE, [Slot(240)], "Long"), SessionPlan(10 * 60, [Slot(30)], "Short"),
                    SessionPlan(None, [Slot(10)], "After")])
    assert [s.start for s in day.sessions] == [540, 600, 780]
    assert day.end == 790


def test_clock_and_length_edges():
    assert clock(None) == "" and clock(0) == "00:00" and clock(24 * 60) == "00:00 (+1)"
    assert clock(-30) == "23:30 (-1)" and clock(3 * 24 * 60 + 61) == "01:01 (+3)"
    assert length(-5) == "0 min" and length(125) == "2 h 05 min" and length(59) == "59 min"
    assert parse_clock("930") == parse_clock("9.30") == 570 and parse_clock("1230") == 750
    assert parse_clock(" 23:59 ") == 1439 and parse_clock("0:00") == 0 and parse_clock("9h30") == 570
    for text, message in (("24:00", "must be a time between 00:00 and 23:59"),
                          ("12:60", "must be a time between 00:00 and 23:59"),
                          ("noon", "must be a time like 09:30"), ("1²:30", "must be a time like 09:30"),
                          ("09300", "must be a time like 09:30"), ("ab:30", "must be a time like 09:30")):
        with pytest.raises(ValueError) as err:
            parse_clock(text)
        assert str(err.value) == message


def test_every_problem_says_what_and_where_in_words():
    early = time_session(NINE, [Slot(10), Slot(30, pinned=8 * 60)])
    assert early.problems == [Problem(
        "early", "item 2 is pinned at 08:00, before its session starts (09:00).", 1)]
    crowded = time_session(NINE, [Slot(90), Slot(30, pinned=NINE + 60, title="Tea")])
    assert crowded.problems == [Problem(
        "crowded", "'Tea' is pinned at 10:00 but the items before it run until 10:30: "
        "30 min too much before it.", 1)]
    untitled = time_session(NINE, [Slot(10), Slot(20, track="A"), Slot(5)])
    assert untitled.problems[0].message.startswith("Track 'A' runs 10 min past its block item 1 ")
    midnight = time_session(23 * 60, [Slot(90)])
    assert midnight.problems == [Problem("midnight", "The session runs past midnight (to 00:30 (+1)).")]
    day = time_day([SessionPlan(NINE, [Slot(480)], "Long")], day_end=17 * 60 - 1)
    assert day.problems == [Problem(
        "day_overrun", "The day runs until 17:00, 1 min past its end time of 16:59.")]
    clash = time_day([SessionPlan(NINE, [Slot(60)], "Morning"), SessionPlan(NINE + 30, [], "")])
    assert clash.problems[0].message == (
        "Session session 2 starts at 09:30 but 'Morning' runs until 10:00: 30 min overlap.")


def test_a_one_minute_header_is_planned_and_its_long_track_overruns():
    t = time_session(NINE, [Slot(1, title="Split"), Slot(20, track="A")])
    assert kinds(t) == ["overrun"] and t.end == NINE + 20
