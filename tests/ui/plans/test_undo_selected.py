"""Undoing the creation of the record a view is showing is no error: the view lets it go.
(A reload asked for by the undo's change finds the record gone; that is not the user's
problem, and the message "That event no longer exists" was wrong: the undo worked.)"""

from __future__ import annotations

from facilitator.services.plans import events
from tests.ui.helpers import when_dialog_opens
from tests.ui.plans.test_plan_area import (
    add_residential_from_template,
    open_plans,
    settle,
    timeline_ready,
)


def test_undo_add_event_from_template_while_it_is_selected_shows_no_error(
        qtbot, db, window, answers):
    area, _ = open_plans(qtbot, db, window)
    before = len(area.timeline.events)
    new = add_residential_from_template(qtbot, area)
    settle(qtbot, area, new["id"])
    assert area.timeline.current_event_id() == new["id"]

    window.undo_action.trigger()
    qtbot.waitUntil(lambda: len(area.timeline.events) == before, timeout=5000)
    timeline_ready(qtbot, area.timeline)
    settle(qtbot, area)
    qtbot.wait(100)  # any late reload of the removed event reports back
    assert answers.warnings == []
    assert new["id"] not in {e["id"] for e in events.list_events(db, window.ctx.cohort_id)}
    assert area.agenda.event_id != new["id"]
    assert area.agenda.plan is not None  # it shows the event the timeline chose instead

    window.redo_action.trigger()
    qtbot.waitUntil(lambda: len(area.timeline.events) == before + 1, timeout=5000)
    assert answers.warnings == []


def test_undo_add_session_while_it_is_shown_shows_no_error(qtbot, db, window, answers):
    area, event_id = open_plans(qtbot, db, window)
    agenda = area.agenda

    def fill(dlg):
        dlg.editors["title"].widget.setText("Extra session")
        dlg.accept()

    when_dialog_opens(fill)
    agenda.add_session()
    qtbot.waitUntil(lambda: not agenda.loading and agenda.session() is not None
                    and agenda.session()["title"] == "Extra session", timeout=5000)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: not agenda.loading and (agenda.session() or {}).get("title")
                    != "Extra session", timeout=5000)
    qtbot.wait(100)
    assert answers.warnings == []
