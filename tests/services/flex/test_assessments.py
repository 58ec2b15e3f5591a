"""Self-assessments: templates from data files, scores on the scale, start vs end, summary."""

from __future__ import annotations

import json

import pytest

from facilitator.services.errors import NotFound, ValidationError
from facilitator.services.flex import assessments, data_files
from tests.services.flex.helpers import person


def test_templates_hold_the_items_of_the_design():
    skills = data_files.template("skills_for_change")
    assert len(skills.items) == 11 and (skills.low, skills.high) == (1, 5)
    assert skills.items[0].label == "Networking and influence"
    profile = data_files.template("learning_profile")
    assert {i.key for i in profile.items} >= {"permission", "flex_understanding", "security"}
    lists = data_files.choices()
    assert "Mental models" in lists["conditions"] and len(lists["conditions"]) == 6


def test_loader_refuses_a_bad_file_in_words(tmp_path):
    path = tmp_path / "t.json"
    path.write_text(json.dumps({"key": "x", "title": "X", "summary": "s",
                                "scale": {"min": 5, "max": 1}, "items": [{"key": "a", "label": "A"}]}))
    with pytest.raises(data_files.BadDataFile, match="min < max"):
        data_files.load_template(path)
    path.write_text("{not json")
    with pytest.raises(data_files.BadDataFile, match="could not be read"):
        data_files.load_template(path)
    path.write_text(json.dumps({"areas": ["A", "A"], "source_kinds": ["x"], "conditions": ["y"],
                                "statuses": ["z"]}))
    with pytest.raises(data_files.BadDataFile, match="same entry twice"):
        data_files.load_choices(path)


def test_save_replace_undo_and_summary(db, cohort_id):
    a, b = person(db, cohort_id, "Amira"), person(db, cohort_id, "Ben")
    key = "skills_for_change"
    before, changes = assessments.save_scores(db, cohort_id, a, key, "start",
                                              {"analysis": (2, "Early days"), "judgement": (3, "")})
    assert before == {} and changes.touches("assessments")
    assessments.save_scores(db, cohort_id, b, key, "start", {"analysis": (4, "")})
    assessments.save_scores(db, cohort_id, a, key, "end", {"analysis": (5, "Much better")})
    assert assessments.get_scores(db, cohort_id, a, key, "end") == {"analysis": (5, "Much better")}
    summary = assessments.cohort_summary(db, cohort_id, key)
    assert summary["analysis"]["start"] == 3 and summary["analysis"]["start_n"] == 2
    assert summary["analysis"]["end"] == 5 and summary["judgement"]["end"] is None
    # replacing returns what was there, so undo can write it back
    before, _ = assessments.save_scores(db, cohort_id, a, key, "start", {"analysis": (1, "")})
    assert before == {"analysis": (2, "Early days"), "judgement": (3, "")}
    assessments.save_scores(db, cohort_id, a, key, "start", before)
    assert assessments.get_scores(db, cohort_id, a, key, "start") == before
    assessments.save_scores(db, cohort_id, a, key, "start", {})
    assert assessments.get_scores(db, cohort_id, a, key, "start") == {}


def test_bad_scores_are_refused_in_words(db, cohort_id):
    a = person(db, cohort_id, "Amira")
    with pytest.raises(ValidationError) as err:
        assessments.save_scores(db, cohort_id, a, "skills_for_change", "start",
                                {"analysis": (6, ""), "nonsense": (3, "")})
    assert "from 1 to 5" in err.value.problems["analysis"]
    assert "not an item" in err.value.problems["nonsense"]
    with pytest.raises(ValidationError):
        assessments.save_scores(db, cohort_id, a, "skills_for_change", "middle", {})
    with pytest.raises(data_files.BadDataFile):
        assessments.get_scores(db, cohort_id, a, "no_such_template", "start")
    assert assessments.get_scores(db, cohort_id, a, "skills_for_change", "start") == {}


def test_assessments_are_scoped_to_the_cohort(db, cohort_id):
    from facilitator.services.cohort import cohorts

    a = person(db, cohort_id, "Amira")
    other = cohorts.create_cohort(db, {"name": "Elsewhere"}).id
    with pytest.raises(NotFound):
        assessments.get_scores(db, other, a, "learning_profile", "start")


def test_the_date_taken_is_stored_kept_cleared_and_checked(db, cohort_id):
    from datetime import date

    a = person(db, cohort_id, "Amira")
    key = "skills_for_change"
    assert assessments.get_assessment(db, cohort_id, a, key, "start") == ({}, None)
    assessments.save_scores(db, cohort_id, a, key, "start", {"analysis": (2, "")}, date(2026, 9, 14))
    assert assessments.get_assessment(db, cohort_id, a, key, "start") == (
        {"analysis": (2, "")}, date(2026, 9, 14))
    # saving scores without a date leaves the date alone; None clears it
    assessments.save_scores(db, cohort_id, a, key, "start", {"analysis": (3, "")})
    assert assessments.get_assessment(db, cohort_id, a, key, "start")[1] == date(2026, 9, 14)
    assessments.save_scores(db, cohort_id, a, key, "start", {"analysis": (3, "")}, date(2026, 9, 15))
    assert assessments.get_assessment(db, cohort_id, a, key, "start")[1] == date(2026, 9, 15)
    assessments.save_scores(db, cohort_id, a, key, "start", {"analysis": (3, "")}, None)
    assert assessments.get_assessment(db, cohort_id, a, key, "start")[1] is None
    with pytest.raises(ValidationError) as err:
        assessments.save_scores(db, cohort_id, a, key, "start", {"analysis": (3, "")}, "2026-09-14")
    assert "taken_on" in err.value.problems
    with pytest.raises(ValidationError):
        assessments.save_scores(db, cohort_id, a, key, "start", {"analysis": (3, "")}, date(1066, 1, 1))
