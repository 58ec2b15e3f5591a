"""Every table and list model in the app, filled with real data, through pytest-qt's model
tester (it checks rowCount/index/parent/data/headerData agree and signals are well formed)."""

from __future__ import annotations

from facilitator import demo
from facilitator.services.library import search
from facilitator.services.plans import attendance, events, plan_view
from facilitator.ui.library.results_model import ToolListModel
from facilitator.ui.plans.agenda_model import AgendaModel
from facilitator.ui.plans.register_view import RegisterModel


def residential_plan(db):
    cid, _ = demo.create_demo(db)
    ev = next(e for e in events.list_events(db, cid) if e["kind"] == "residential")
    return cid, ev["id"], plan_view.event_plan(db, ev["id"])


def test_agenda_model(qtmodeltester, db):
    _cid, _ev, plan = residential_plan(db)
    sessions = [ps for day in plan["days_plan"] for ps in day["sessions"]]
    tracked = next(ps for ps in sessions if any(it.get("track") for it in ps["items"]))
    model = AgendaModel()
    model.set_items(tracked["items"])
    assert model.rowCount() == len(tracked["items"]) > 0
    qtmodeltester.check(model)


def test_register_model(qtmodeltester, db):
    cid, ev, _plan = residential_plan(db)
    model = RegisterModel()
    model.set_rows(attendance.register(db, ev), attendance.participant_totals(db, cid))
    assert model.rowCount() == 12
    qtmodeltester.check(model)


def test_tool_list_model(qtmodeltester, db):
    demo.create_demo(db)
    model = ToolListModel()
    model.set_rows(search.search_tools(db, search.Query(text="check")))
    assert model.rowCount() > 0
    qtmodeltester.check(model)
