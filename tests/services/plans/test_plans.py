"""Events, sessions, agenda items and templates through the services, on a real database."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from facilitator.services.errors import NotFound, ValidationError
from facilitator.services.plans import agenda, events, plan_view, sessions, templates

RESIDENTIAL = "builtin:systems_change_residential"


def add(db, session_id, title, minutes, **more):
    return agenda.create_item(db, session_id, {"title": title, "kind": "activity",
                                               "duration": str(minutes), **more}).id


def times(db, event_id, day=0, session=0):
    ps = plan_view.event_plan(db, event_id)["days_plan"][day]["sessions"][session]
    return [(it["title"], it["start_at"], it["end_at"]) for it in ps["items"]]


def test_form_values_are_checked_with_clear_words(db, cohort_id, event_id, session_id):
    with pytest.raises(ValidationError) as err:
        events.create_event(db, cohort_id, {"title": "Trip", "kind": "field trip",
                                            "start_date": date(2026, 3, 2),
                                            "end_date": date(2026, 3, 1)})
    assert err.value.problems == {"end_date": "The last day is before the first day."}
    with pytest.raises(ValidationError) as err:
        agenda.create_item(db, session_id, {"title": "X", "kind": "activity", "duration": "ten",
                                            "pinned": "25:00"})
    assert "whole number of minutes" in err.value.problems["duration"]
    assert "Pinned start must be a time between 00:00 and 23:59" in err.value.problems["pinned"]
    with pytest.raises(ValidationError) as err:
        sessions.create_session(db, event_id, {"title": "S", "day": date(2026, 10, 9)})
    assert "within the event" in err.value.problems["day"]
    with pytest.raises(ValidationError) as err:  # "²" passes str.isdigit() but is no number
        agenda.validate({"title": "X", "kind": "activity", "duration": "²"})
    assert "whole number of minutes" in err.value.problems["duration"]
    assert plan_view.event_plan(db, event_id)["days_plan"][0]["sessions"][0]["items"] == []


def test_moving_an_item_retimes_the_rest_and_moving_back_restores(db, event_id, session_id):
    ids = [add(db, session_id, t, m) for t, m in (("a", 30), ("b", 60), ("c", 15))]
    add(db, session_id, "Lunch", 45, pinned="12:30")
    assert times(db, event_id)[:3] == [("a", 570, 600), ("b", 600, 660), ("c", 660, 675)]
    old, changes = agenda.move_item(db, ids[1], session_id, 2)
    assert changes.touches("agenda_items")
    assert times(db, event_id)[:3] == [("a", 570, 600), ("c", 600, 615), ("b", 615, 675)]
    agenda.move_item(db, ids[1], *old)
    assert times(db, event_id)[:3] == [("a", 570, 600), ("b", 600, 660), ("c", 660, 675)]
    assert times(db, event_id)[3] == ("Lunch", 750, 795)


def test_crowded_pin_and_day_overrun_appear_in_the_plan(db, event_id, session_id):
    add(db, session_id, "Long", 200)
    add(db, session_id, "Lunch", 60, pinned="12:30")
    add(db, session_id, "Afternoon", 280)
    plan = plan_view.event_plan(db, event_id)
    day = plan["days_plan"][0]
    lunch = day["sessions"][0]["items"][1]
    assert lunch["start_at"] == 750 and "pinned at 12:30" in lunch["problems"][0]
    assert any("past its end time of 17:00" in p for p in day["problems"])
    assert plan["problems"] == 2


def test_step_and_move_to_another_session(db, event_id, session_id):
    other = sessions.create_session(db, event_id, {"title": "Afternoon", "day": date(2026, 10, 5),
                                                   "start": "13:30"}).id
    a, b = add(db, session_id, "a", 10), add(db, session_id, "b", 10)
    agenda.step_item(db, b, -1)
    assert [t for t, *_ in times(db, event_id)] == ["b", "a"]
    assert agenda.step_item(db, b, -1) is None  # already first
    old, _ = agenda.move_item(db, a, other, 0)
    assert [t for t, *_ in times(db, event_id, session=1)] == ["a"]
    agenda.move_item(db, a, *old)
    assert [t for t, *_ in times(db, event_id)] == ["b", "a"]


def test_duplicates(db, cohort_id, event_id, session_id):
    a = add(db, session_id, "a", 10)
    add(db, session_id, "b", 10)
    agenda.duplicate_item(db, a)
    assert [t for t, *_ in times(db, event_id)] == ["a", "a", "b"]
    copy_session = sessions.duplicate_session(db, session_id).id
    plan = plan_view.event_plan(db, event_id)
    day = plan["days_plan"][0]
    assert [s["title"] for s in day["sessions"]] == ["Morning", "Morning (copy)"]
    assert day["sessions"][1]["start_at"] == day["sessions"][0]["end_at"]  # follows, no clash
    assert day["sessions"][1]["id"] == copy_session
    copy = events.duplicate_event(db, event_id).id
    ev = events.get_event(db, copy)
    assert ev["start_date"] == date(2026, 10, 12) and ev["title"] == "Learning lab (copy)"
    assert len(plan_view.event_plan(db, copy)["days_plan"][0]["sessions"]) == 2


def test_moving_an_event_moves_its_sessions(db, event_id, session_id):
    events.update_event(db, event_id, {"start_date": date(2026, 10, 7)})
    ev = events.get_event(db, event_id)
    assert ev["end_date"] == date(2026, 10, 7)
    assert sessions.get_session(db, session_id)["day"] == date(2026, 10, 7)


def test_live_nudges_retime_the_rest_of_the_day_and_clear(db, event_id, session_id):
    a = add(db, session_id, "a", 30)
    add(db, session_id, "b", 30)
    sessions.create_session(db, event_id, {"title": "After", "day": date(2026, 10, 5)})
    plan = plan_view.event_plan(db, event_id)
    live = plan_view.now_and_next(plan, datetime(2026, 10, 5, 9, 40))
    assert live["now"]["id"] == a and live["left"] == 20 and live["next"]["title"] == "b"
    assert not live["rehearsal"]
    agenda.nudge_item(db, a, 5)
    agenda.nudge_item(db, a, 5)
    assert times(db, event_id) == [("a", 570, 610), ("b", 610, 640)]
    day = plan_view.event_plan(db, event_id)["days_plan"][0]
    assert day["sessions"][1]["start_at"] == 640  # the following session moved too
    with pytest.raises(ValidationError):
        agenda.nudge_item(db, a, -45)
    before, _ = agenda.set_nudges(db, event_id, None)
    assert before == {a: 10}
    assert times(db, event_id)[1] == ("b", 600, 630)
    agenda.set_nudges(db, event_id, before)
    assert times(db, event_id)[1] == ("b", 610, 640)


def test_tool_drop_payload(db, event_id, session_id):
    values = agenda.tool_payload(json.dumps({"key": "fishbowl", "name": "Fishbowl",
                                             "duration": 40, "materials": "Chairs"}))
    item = agenda.get_item(db, agenda.create_item(db, session_id, values).id)
    assert (item["title"], item["duration_minutes"], item["tool_key"]) == ("Fishbowl", 40, "fishbowl")
    for bad in (b"not json", json.dumps({"name": ""}), json.dumps({"name": "X", "duration": -3})):
        with pytest.raises(ValidationError):
            agenda.tool_payload(bad)


def test_builtin_residential_template_loads_cleanly(db, cohort_id):
    listed = {t["key"]: t for t in templates.list_templates(db)}
    assert listed[RESIDENTIAL]["days"] == 3
    ev = templates.create_from_template(db, cohort_id, RESIDENTIAL, date(2026, 9, 14)).id
    plan = plan_view.event_plan(db, ev)
    assert plan["kind"] == "residential" and plan["end_date"] == date(2026, 9, 16)
    assert plan["problems"] == 0
    for day in plan["days_plan"]:
        titles = [it["title"] for ps in day["sessions"] for it in ps["items"]]
        assert titles[0] == "Arrival, coffee and name badges" or "Check-in circle" in titles[:2]
        assert "Check-out" in titles
        assert all(it["instructions"] for ps in day["sessions"] for it in ps["items"]
                   if it["kind"] in ("activity", "reflection"))
        assert all(ps["objectives"] for ps in day["sessions"])
    lunch = [it for ps in plan["days_plan"][0]["sessions"] for it in ps["items"]
             if it["title"] == "Lunch"][0]
    assert lunch["start_at"] == 750 and lunch["pinned_minutes"] == 750


def test_save_as_template_and_back(db, cohort_id, event_id, session_id):
    add(db, session_id, "a", 25, pinned="10:00", track="")
    result = templates.save_as_template(db, event_id, "Our lab", "One day")
    with pytest.raises(ValidationError):
        templates.save_as_template(db, event_id, "our lab")
    key = f"saved:{result.id}"
    ev = templates.create_from_template(db, cohort_id, key, date(2027, 1, 4), "Lab 2").id
    assert times(db, ev) == [("a", 600, 625)]
    snap, _ = templates.delete_template(db, result.id)
    assert key not in {t["key"] for t in templates.list_templates(db)}
    templates.restore_template(db, snap)
    assert key in {t["key"] for t in templates.list_templates(db)}


def test_rename_template_checks_the_name_and_renames_its_content(db, cohort_id, event_id):
    lab = templates.save_as_template(db, event_id, "Our lab").id
    other = templates.save_as_template(db, event_id, "Field day").id
    changes = templates.rename_template(db, lab, "  Lab   day  one ")
    assert changes.touches("event_templates")
    saved = {t["id"]: t for t in templates.list_templates(db) if not t["builtin"]}
    assert saved[lab]["name"] == "Lab day one"
    assert templates.load_template(db, f"saved:{lab}")["name"] == "Lab day one"
    ev = templates.create_from_template(db, cohort_id, f"saved:{lab}", date(2027, 2, 1)).id
    assert events.get_event(db, ev)["title"] == "Lab day one"
    templates.rename_template(db, lab, "lab day ONE")  # its own name, other case: fine
    with pytest.raises(ValidationError, match="already a template called 'field day'"):
        templates.rename_template(db, lab, "field day")
    with pytest.raises(ValidationError, match="already a template"):
        templates.check_name(db, "Field Day")
    assert templates.check_name(db, " Field  Day ", other) == "Field Day"
    with pytest.raises(ValidationError, match="Give the template a name"):
        templates.rename_template(db, lab, "   ")
    with pytest.raises(ValidationError, match="too long"):
        templates.check_name(db, "x" * 161)
    snap, _ = templates.delete_template(db, other)
    with pytest.raises(NotFound):
        templates.rename_template(db, other, "Gone")
    templates.restore_template(db, snap)
    assert templates.rename_template(db, other, "Back again")


def test_damaged_template_is_refused_in_words(db, cohort_id, tmp_path, monkeypatch):
    folder = tmp_path / "res" / "templates"
    folder.mkdir(parents=True)
    (folder / "bad.json").write_text(json.dumps({"name": "Bad", "days": 1, "sessions": [
        {"day": 2, "title": "S", "items": []}]}))
    monkeypatch.setenv("FACILITATOR_RESOURCES", str(tmp_path / "res"))
    with pytest.raises(ValidationError) as err:
        templates.create_from_template(db, cohort_id, "builtin:bad", date(2027, 1, 4))
    assert "session 1 must be on day 1 to 1" in str(err.value)
    assert events.list_events(db, cohort_id) == []


def test_delete_event_and_undo_brings_back_everything(db, cohort_id, event_id, session_id):
    add(db, session_id, "a", 10)
    snap, changes = events.delete_event(db, event_id)
    assert {"events", "plan_sessions", "agenda_items"} <= changes.kinds
    assert events.list_events(db, cohort_id) == []
    events.restore(db, snap, cohort_id)
    assert times(db, event_id) == [("a", 570, 580)]


def test_builtin_template_points_at_real_library_cards():
    """The residential's methods are the library's cards, so agendas made from it count
    towards each card's 'times used' and open the card's steps."""
    import json
    import tomllib

    from facilitator.resources import resource

    keys = {tomllib.loads(p.read_text())["key"] for p in resource("tools").glob("*.toml")}
    data = json.loads(resource("templates", "systems_change_residential.json").read_text())
    linked = [it["tool_key"] for s in data["sessions"] for it in s["items"] if it.get("tool_key")]
    assert len(linked) >= 12
    assert set(linked) <= keys
