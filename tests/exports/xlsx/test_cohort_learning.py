"""The cohort workbook's Insights and Pulse trends sheets: read-only, shareable insights only,
no diary words, trends as services/learning/trends.py computes them, names pseudonymised."""

from __future__ import annotations

import openpyxl
import pytest

from facilitator.exports.xlsx.cohort import export_cohort
from facilitator.models import Participant
from facilitator.services.cohort import participants
from facilitator.services.learning import insights, pulse, trends
from facilitator.services.privacy.pseudonyms import participant_code
from tests.exports.xlsx.helpers import demo_cohort, rows


@pytest.fixture
def demo(db):
    return demo_cohort(db)


def _book(db, cid, tmp_path, **kw):
    out = tmp_path / "cohort.xlsx"
    export_cohort(db, cid, out, **kw)
    return out


def test_insights_sheet_holds_only_shareable_insights_by_level(db, demo, tmp_path):
    person = participants.list_participants(db, demo)[0]
    insights.create_insight(db, demo, {"level": "systems", "title": "Kept in the team",
                                       "text": "Not for sharing", "source_kind": "other",
                                       "shareable": False})
    insights.create_insight(db, demo, {"level": "individual", "title": "Shared with a quote",
                                       "text": "Out it goes", "quote": "My own words",
                                       "themes": "legitimacy, language",
                                       "source_kind": "other", "shareable": True,
                                       "participant_id": person["id"]})
    out = _book(db, demo, tmp_path)
    got = rows(out, "Insights")
    assert got[0] == ("Level", "Title", "The insight", "Themes", "Came from", "Quote")
    body = got[2:]
    shareable = [r for r in insights.list_insights(db, demo) if r["shareable"]]
    assert len(body) == len(shareable) and len(body) >= 4
    titles = [r[1] for r in body]
    assert "Kept in the team" not in titles
    mine = body[titles.index("Shared with a quote")]
    assert mine == ("individual", "Shared with a quote", "Out it goes", "legitimacy, language",
                    "other", "My own words")
    levels = [r[0] for r in body]
    assert levels == sorted(levels, key=insights.LEVELS.index)
    assert set(levels) == set(insights.LEVELS)  # the demo has all four


@pytest.mark.parametrize(("source", "linked"), [("diary (with permission)", True),
                                                ("diary (with permission)", False),
                                                ("other", True)])
def test_an_insight_from_a_diary_goes_without_its_quote(db, demo, tmp_path, source, linked):
    from sqlalchemy import select

    from facilitator.models import DiaryEntry

    with db.session() as s:
        diary = s.scalars(select(DiaryEntry).where(DiaryEntry.cohort_id == demo)).first()
        diary.may_use = True
        diary_id = diary.id
    insights.create_insight(db, demo, {"level": "organisation", "title": "From a diary",
                                       "text": "Said in general terms", "quote": "Diary words here",
                                       "source_kind": source,
                                       "diary_id": diary_id if linked else None,
                                       "shareable": True})
    body = rows(_book(db, demo, tmp_path), "Insights")[2:]
    row = next(r for r in body if r[1] == "From a diary")
    assert row[2] == "Said in general terms" and row[5] is None


def test_pulse_trends_sheet_is_the_trend_per_week_and_question(db, demo, tmp_path):
    out = _book(db, demo, tmp_path)
    got = rows(out, "Pulse trends")
    assert got[0] == ("Question", "Week", "Starts", "Answered", "Median", "Lower quartile",
                      "Upper quartile", "Lowest", "Highest")
    survey = pulse.get_survey(db, demo)
    expected = trends.trends(db, demo)
    prompts = {q["prompt"]: q["key"] for q in survey["questions"] if q["kind"] == "scale"}
    body = got[2:]
    assert len(body) == sum(len(v) for v in expected.values()) and len(body) >= 8
    assert {r[0] for r in body} == set(prompts)  # the free-text prompts have no trend
    for r in body[:12]:
        wp = next(p for p in expected[prompts[r[0]]] if p.week == r[1])
        assert r[2].date() == pulse.week_start(survey["start_date"], wp.week)
        assert r[3:] == (wp.answers, wp.median, wp.lower, wp.upper, wp.lowest, wp.highest)


def test_both_sheets_are_read_only(db, demo, tmp_path):
    out = _book(db, demo, tmp_path)
    wb = openpyxl.load_workbook(out)
    for name in ("Insights", "Pulse trends"):
        ws = wb[name]
        assert ws.protection.sheet
        assert ws.max_column == len(rows(out, name)[0])  # no record id column
        assert all(dim.protection is None or dim.protection.locked is not False
                   for dim in ws.column_dimensions.values())
        assert all(c.protection.locked for c in ws[3])
        assert list(ws.data_validations.dataValidation) == []
    wb.close()


def test_pseudonymised_insights_carry_codes_not_names(db, demo, tmp_path):
    person = participants.list_participants(db, demo)[0]
    name = f"{person['given_name']} {person['family_name']}"
    insights.create_insight(db, demo, {"level": "services", "title": f"What {name} found",
                                       "text": f"{name} asked the panel", "quote": f"I, {name}",
                                       "source_kind": "other", "shareable": True})
    out = _book(db, demo, tmp_path, pseudonymise=True)
    with db.read() as s:
        code = participant_code(s.get(Participant, person["id"]).uuid)
    body = rows(out, "Insights")[2:]
    row = next(r for r in body if r[1].startswith("What "))
    assert row[1:3] == (f"What {code} found", f"{code} asked the panel")
    assert row[5] == f"I, {code}"
    text = " ".join(str(v) for r in body + rows(out, "Pulse trends") for v in r if v)
    assert name not in text
