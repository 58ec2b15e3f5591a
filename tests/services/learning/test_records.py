"""Learning-call notes, experiments, diaries (private), insights (filters, merge) and looking
back (start a new cohort from this one, without personal data)."""

from __future__ import annotations

from datetime import date

import pytest

from facilitator.services.errors import ValidationError
from facilitator.services.flex import registers
from facilitator.services.learning import calls, diaries, experiments, insights, looking_back, refs
from facilitator.services.plans import attendance, events


def _rule(db, cohort_id, pid, text="Tenancy can't start without photo ID", belief="absolute"):
    return registers.create_rule(db, cohort_id, pid, {"rule": text, "belief": belief}).id


def test_call_notes_sit_beside_attendance(db, cohort_id, people, call_id):
    attendance.set_mark(db, call_id, people[0], "present")
    attendance.set_mark(db, call_id, people[1], "absent")
    before, ch = calls.save_notes(db, call_id, {"prompts": "What surprised you?",
                                                "came_up": "Managers say yes more than we think."})
    assert before == {"prompts": "", "came_up": ""} and ch.touches("call_notes")
    [row] = calls.list_calls(db, cohort_id)
    assert row["present"] == 1 and row["came_up"].startswith("Managers")
    calls.save_notes(db, call_id, before)
    assert calls.get_notes(db, call_id) == before


def test_only_learning_calls_take_call_notes(db, cohort_id):
    lab = events.create_event(db, cohort_id, {"title": "Lab", "kind": "learning lab",
                                              "start_date": date(2026, 10, 1),
                                              "end_date": date(2026, 10, 1)}).id
    with pytest.raises(ValidationError, match="not a learning call"):
        calls.save_notes(db, lab, {"came_up": "x"})


def test_an_experiment_tests_a_rule_of_the_same_person(db, cohort_id, people):
    mine, theirs = _rule(db, cohort_id, people[0]), _rule(db, cohort_id, people[1])
    x = experiments.create_experiment(db, cohort_id, {
        "participant_id": people[0], "title": "Ask the lettings manager", "rule_id": mine,
        "planned_on": date(2026, 10, 3), "outcome": "the rule flexed"})
    assert [r["id"] for r in experiments.for_rule(db, mine)] == [x.id]
    with pytest.raises(ValidationError, match="own register"):
        experiments.create_experiment(db, cohort_id, {
            "participant_id": people[0], "title": "X", "rule_id": theirs, "outcome": "partly"})
    with pytest.raises(ValidationError, match="Outcome must be one of"):
        experiments.create_experiment(db, cohort_id, {
            "participant_id": people[0], "title": "X", "outcome": "maybe"})
    [rec] = experiments.list_experiments(db, cohort_id)
    assert rec["person"] == "Amira" and rec["month"] == "2026-10" and rec["rule"].startswith("Tenancy")


def test_overview_counts_per_person_and_month_and_contested_rules_tested(db, cohort_id, people):
    a = _rule(db, cohort_id, people[0], belief="absolute")
    _rule(db, cohort_id, people[1], "A tenancy cannot start without photo ID", belief="discretionary")
    for day in (date(2026, 10, 3), date(2026, 10, 20), date(2026, 11, 2)):
        experiments.create_experiment(db, cohort_id, {"participant_id": people[0], "title": "Try",
                                                      "rule_id": a, "planned_on": day,
                                                      "outcome": "partly"})
    ov = experiments.overview(db, cohort_id)
    assert ov["per_month"][("Amira", "2026-10")] == 2 and ov["per_month"][("Amira", "2026-11")] == 1
    [hit] = experiments.contested_tested(db, cohort_id)
    assert hit["experiments"] == 3


def test_deleting_a_rule_keeps_its_experiment_unlinked(db, cohort_id, people):
    r = _rule(db, cohort_id, people[0])
    x = experiments.create_experiment(db, cohort_id, {"participant_id": people[0], "title": "T",
                                                      "rule_id": r, "outcome": "not tried"}).id
    registers.delete_rule(db, r)
    assert experiments.get_experiment(db, x)["rule_id"] is None


def test_diaries_are_private_unless_the_writer_allows_use(db, cohort_id, people):
    private = diaries.create_entry(db, cohort_id, {"participant_id": people[0],
                                                   "what_happened": "A hard week"}).id
    allowed = diaries.create_entry(db, cohort_id, {"participant_id": people[0],
                                                   "what_i_noticed": "Nobody asked why",
                                                   "may_use": True}).id
    assert diaries.get_entry(db, private)["may_use"] is False
    offered = [i for _l, i in refs.choices(db, cohort_id)["diaries"]]
    assert offered == [allowed]
    with pytest.raises(ValidationError, match="private"):
        insights.create_insight(db, cohort_id, {"level": "individual", "title": "T",
                                                "source_kind": "diary (with permission)",
                                                "diary_id": private})
    ok = insights.create_insight(db, cohort_id, {"level": "individual", "title": "T",
                                                 "source_kind": "diary (with permission)",
                                                 "diary_id": allowed})
    assert insights.get_insight(db, ok.id)["diary_id"] == allowed
    assert "never go into" in diaries.PRIVACY_NOTE


def test_insights_filter_by_level_theme_source_and_event(db, cohort_id, people, call_id):
    def add(level, title, themes, source="other", event_id=None):
        return insights.create_insight(db, cohort_id, {
            "level": level, "title": title, "themes": themes, "source_kind": source,
            "event_id": event_id}).id

    a = add("individual", "Legitimacy", "legitimacy,  Language, legitimacy", "learning call", call_id)
    add("systems", "Whose needs", "needs")
    add("organisation", "Risk", "risk, language")
    assert insights.get_insight(db, a)["themes"] == "legitimacy, Language"
    assert [r["title"] for r in insights.list_insights(db, cohort_id, level="systems")] == ["Whose needs"]
    assert {r["title"] for r in insights.list_insights(db, cohort_id, theme="language")} == {"Legitimacy", "Risk"}
    assert [r["event"] for r in insights.list_insights(db, cohort_id, source="learning call")] == ["Learning call 1"]
    assert [r["id"] for r in insights.list_insights(db, cohort_id, event_id=call_id)] == [a]
    assert insights.themes_in_use(db, cohort_id) == ["Language", "legitimacy", "needs", "risk"]
    with pytest.raises(ValidationError, match="level"):
        insights.list_insights(db, cohort_id, level="galaxy")
    assert calls.list_calls(db, cohort_id)[0]["insights"] == 1


def test_merging_two_insights_and_undoing_it(db, cohort_id, people):
    keep = insights.create_insight(db, cohort_id, {"level": "services", "title": "Square pegs",
                                                   "text": "Services expect one shape.",
                                                   "themes": "fit", "source_kind": "session",
                                                   "shareable": True}).id
    other = insights.create_insight(db, cohort_id, {"level": "services", "title": "One size",
                                                    "text": "People must fit the service.",
                                                    "themes": "fit, eligibility",
                                                    "source_kind": "session",
                                                    "participant_id": people[2]}).id
    state, ch = insights.merge(db, keep, other)
    assert ch.touches("insights")
    [rec] = insights.list_insights(db, cohort_id)
    assert rec["id"] == keep and rec["merged"] == 1
    assert rec["themes"] == "fit, eligibility" and "People must fit" in rec["text"]
    assert rec["participant_id"] == people[2] and rec["shareable"] is False
    with pytest.raises(ValidationError, match="already merged"):
        insights.merge(db, keep, other)
    insights.unmerge(db, state)
    got = {r["id"]: r for r in insights.list_insights(db, cohort_id)}
    assert set(got) == {keep, other} and got[keep]["text"] == "Services expect one shape."
    assert got[keep]["shareable"] is True
    with pytest.raises(ValidationError, match="two different"):
        insights.merge(db, keep, keep)


def test_start_a_new_cohort_copies_plans_principles_and_checklist_but_no_people(
        db, cohort_id, people, call_id):
    from facilitator.services.cohort import cohorts, participants
    from facilitator.services.plans import sessions

    cohorts.update_cohort(db, cohort_id, {"start_date": date(2026, 9, 7),
                                          "design_principles": "Insights, not solutions"})
    sessions.create_session(db, call_id, {"title": "Call", "day": date(2026, 9, 28), "start": "14:00"})
    attendance.set_mark(db, call_id, people[0], "present")
    looking_back.create_note(db, cohort_id, {"theme": "Language", "text": "Start a shared glossary"})
    diaries.create_entry(db, cohort_id, {"participant_id": people[0], "what_happened": "x"})
    new = looking_back.start_new_cohort(db, cohort_id, {"name": "Cohort 2",
                                                        "start_date": date(2027, 9, 6)})
    assert new.changes.touches("cohorts")
    rec = cohorts.get_cohort(db, new.id)
    assert rec["design_principles"] == "Insights, not solutions"
    [ev] = events.list_events(db, new.id)
    assert ev["start_date"] == date(2027, 9, 27)  # moved by the same 364 days
    assert participants.list_participants(db, new.id) == []
    assert attendance.register(db, ev["id"]) == []
    [note] = looking_back.list_notes(db, new.id)
    assert note["text"] == "Start a shared glossary" and note["carried_from"] == "Test cohort"
    assert note["done"] is False
    assert diaries.list_entries(db, new.id) == [] and insights.list_insights(db, new.id) == []
    with pytest.raises(ValidationError, match="already a cohort"):
        looking_back.start_new_cohort(db, cohort_id, {"name": "cohort 2", "start_date": date(2027, 1, 1)})
    snap, _ = cohorts.delete_cohort(db, new.id)  # the UI's undo
    assert all(c["id"] != new.id for c in cohorts.list_cohorts(db))
