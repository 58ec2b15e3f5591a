"""The weekly pulse: questions, answers, who has not answered, trends in SQL, drop flags."""

from __future__ import annotations

import statistics
from datetime import date

import pytest

from facilitator.services.errors import NotFound, ValidationError
from facilitator.services.learning import pulse, question_set, trends

from .conftest import START


def test_a_new_pulse_gets_the_built_in_questions(survey):
    keys = [q["key"] for q in survey["questions"]]
    assert keys == [q["key"] for q in question_set.builtin()]
    kinds = {q["kind"] for q in survey["questions"]}
    assert kinds == {"scale", "text"}
    assert survey["current_week"] == 1


def test_weeks_count_from_the_start_date():
    assert pulse.week_of(START, START) == 1
    assert pulse.week_of(START, date(2026, 9, 13)) == 1
    assert pulse.week_of(START, date(2026, 9, 14)) == 2
    assert pulse.week_start(START, 3) == date(2026, 9, 21)


def test_a_second_pulse_is_refused(db, cohort_id, survey):
    with pytest.raises(ValidationError, match="already has"):
        pulse.start_survey(db, cohort_id, START)


def test_answers_round_trip_and_undo(db, cohort_id, survey, people):
    before, changes = pulse.save_answers(db, cohort_id, people[0], 2,
                                         {"energy": (4, ""), "noticed": (None, "Forms, forms")})
    assert before == {} and changes.touches("pulse_answers")
    assert pulse.get_answers(db, cohort_id, people[0], 2) == {"energy": (4, ""),
                                                              "noticed": (None, "Forms, forms")}
    pulse.save_answers(db, cohort_id, people[0], 2, before)
    assert pulse.get_answers(db, cohort_id, people[0], 2) == {}


@pytest.mark.parametrize("answers, message", [
    ({"energy": (6, "")}, "from 1 to 5"),
    ({"energy": (0, "")}, "from 1 to 5"),
    ({"nope": (3, "")}, "not a question"),
    ({"noticed": (None, "x" * 2001)}, "too long"),
    ({"noticed": (None, "bad\x00")}, "control characters"),
])
def test_bad_answers_are_refused_and_change_nothing(db, cohort_id, survey, people, answers, message):
    pulse.save_answers(db, cohort_id, people[0], 1, {"energy": (3, "")})
    with pytest.raises(ValidationError, match=message):
        pulse.save_answers(db, cohort_id, people[0], 1, answers)
    assert pulse.get_answers(db, cohort_id, people[0], 1) == {"energy": (3, "")}


def test_a_week_outside_the_range_and_a_stranger_are_refused(db, cohort_id, survey, people):
    with pytest.raises(ValidationError, match="week"):
        pulse.save_answers(db, cohort_id, people[0], 0, {})
    from facilitator.services.cohort import cohorts, participants

    other = cohorts.create_cohort(db, {"name": "Other"}).id
    stranger = participants.create_participant(db, other, {"given_name": "Zed"}).id
    with pytest.raises(NotFound):
        pulse.save_answers(db, cohort_id, stranger, 1, {"energy": (3, "")})


def test_questions_are_editable_per_cohort_but_answered_ones_stay(db, cohort_id, survey, people):
    qs = [dict(q) for q in survey["questions"]]
    pulse.save_answers(db, cohort_id, people[0], 1, {"energy": (2, "")})
    with pytest.raises(ValidationError, match="cannot be removed"):
        pulse.save_questions(db, cohort_id, [q for q in qs if q["key"] != "energy"])
    qs[0]["prompt"] = "How was your energy?"
    qs.append({"kind": "scale", "prompt": "How much did you talk to other organisations?"})
    before, _ch = pulse.save_questions(db, cohort_id, qs)
    now = pulse.get_survey(db, cohort_id)["questions"]
    assert now[0]["prompt"] == "How was your energy?" and now[-1]["key"] == "how_much_did"
    assert pulse.get_answers(db, cohort_id, people[0], 1) == {"energy": (2, "")}
    pulse.save_questions(db, cohort_id, before)
    assert [q["prompt"] for q in pulse.get_survey(db, cohort_id)["questions"]] == \
        [q["prompt"] for q in survey["questions"]]


def test_bad_question_sets_are_refused(db, cohort_id, survey):
    with pytest.raises(ValidationError, match="at least one"):
        pulse.save_questions(db, cohort_id, [])
    with pytest.raises(ValidationError, match="Question 1 has no wording"):
        pulse.save_questions(db, cohort_id, [{"kind": "scale", "prompt": "  "}])
    with pytest.raises(ValidationError, match="kind"):
        pulse.save_questions(db, cohort_id, [{"kind": "stars", "prompt": "Hm"}])


def test_trend_median_and_quartiles_match_python(db, cohort_id, survey, people):
    scores = {1: [1, 2, 3, 4, 5], 2: [2, 2, 4, 5], 3: [5]}
    for week, vals in scores.items():
        for pid, v in zip(people, vals, strict=False):
            pulse.save_answers(db, cohort_id, pid, week, {"energy": (v, ""), "noticed": (None, "t")})
    got = trends.trends(db, cohort_id)
    assert set(got) == {"energy"}  # text questions have no trend
    for point in got["energy"]:
        vals = sorted(scores[point.week])
        n = len(vals)
        assert point.answers == n
        assert point.median == statistics.median(vals)
        assert point.lower == vals[-(-n // 4) - 1]  # nearest rank: ceil(n/4)
        assert point.upper == vals[-(-3 * n // 4) - 1]
        assert (point.lowest, point.highest) == (vals[0], vals[-1])
    assert [p.week for p in got["energy"]] == [1, 2, 3]


def test_who_answered_and_who_has_not(db, cohort_id, survey, people):
    pulse.save_answers(db, cohort_id, people[1], 1, {"energy": (3, "")})
    pulse.save_answers(db, cohort_id, people[3], 1, {"noticed": (None, "a thing")})
    assert trends.answered_by_week(db, cohort_id) == {1: sorted([people[1], people[3]])}
    missing = [p["name"] for p in trends.not_answered(db, cohort_id, 1)]
    assert missing == ["Amira", "Chloé", "Ewa"]


def test_a_sharp_drop_is_flagged_by_the_rule(db, cohort_id, survey, people):
    amira, ben, chloe = people[:3]
    for week, a, b, c in ((1, 4, 4, 5), (2, 5, 4, 5), (3, 4, 3, 5), (4, 2, 3, 5)):
        for pid, v in ((amira, a), (ben, b), (chloe, c)):
            pulse.save_answers(db, cohort_id, pid, week, {"energy": (v, ""), "support": (v, "")})
    flagged = trends.drops(db, cohort_id, 4)
    assert [d.name for d in flagged] == ["Amira"]  # 4.33 before, 2 now: a drop of 2.33
    assert flagged[0].before == pytest.approx(4.33) and flagged[0].now == 2
    assert trends.drops(db, cohort_id, 3) == []
    assert "1.5 points" in trends.DROP_RULE


def test_one_answered_week_before_is_not_enough_for_a_flag(db, cohort_id, survey, people):
    pulse.save_answers(db, cohort_id, people[0], 3, {"energy": (5, "")})
    pulse.save_answers(db, cohort_id, people[0], 4, {"energy": (1, "")})
    assert trends.drops(db, cohort_id, 4) == []


def test_person_line(db, cohort_id, survey, people):
    pulse.save_answers(db, cohort_id, people[0], 1, {"energy": (3, "")})
    pulse.save_answers(db, cohort_id, people[0], 2, {"energy": (4, "")})
    assert trends.person_line(db, cohort_id, people[0]) == {"energy": [(1, 3), (2, 4)]}


def test_no_pulse_says_so(db, cohort_id, people):
    assert pulse.get_survey(db, cohort_id) is None
    with pytest.raises(NotFound, match="no weekly pulse"):
        pulse.save_answers(db, cohort_id, people[0], 1, {})


def test_the_pulse_can_be_removed_and_put_back(db, cohort_id, survey, people):
    pulse.save_answers(db, cohort_id, people[0], 1, {"energy": (3, "")})
    snap, _ = pulse.delete_survey(db, cohort_id)
    assert pulse.get_survey(db, cohort_id) is None
    pulse.restore_survey(db, snap, cohort_id)
    assert pulse.get_answers(db, cohort_id, people[0], 1) == {"energy": (3, "")}
