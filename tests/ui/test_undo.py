"""Undo that fails does not lose the step; service errors in a form show under the field."""

from __future__ import annotations

from facilitator.services import records
from facilitator.services.changes import Changes
from facilitator.services.cohort import organisations
from facilitator.services.errors import NotFound
from facilitator.store.errors import DatabaseBusy
from facilitator.ui import undo
from tests.ui.helpers import when_dialog_opens


def test_a_failed_undo_keeps_the_step_so_it_can_be_tried_again(qtbot, ctx, db, cohort_id, answers):
    calls = {"n": 0}

    def flaky_delete(org_id):
        calls["n"] += 1
        if calls["n"] == 1:
            raise DatabaseBusy("busy for a moment")
        return organisations.delete_organisation(db, org_id)

    org = undo.add(ctx, "organisation",
                   lambda: organisations.create_organisation(db, cohort_id, {"name": "Oakfield"}),
                   flaky_delete, lambda snap: records.restore_records(db, snap, cohort_id))
    stack = ctx.undo_stack
    stack.undo()
    qtbot.waitUntil(lambda: stack.index() == 1, timeout=2000)  # stepped back, not lost
    assert stack.count() == 1 and stack.canUndo()
    assert answers.warnings[-1][1] == "busy for a moment"
    assert [o["id"] for o in organisations.list_organisations(db, cohort_id)] == [org]
    stack.undo()  # the second try works
    assert organisations.list_organisations(db, cohort_id) == []
    stack.redo()
    assert [o["id"] for o in organisations.list_organisations(db, cohort_id)] == [org]


def test_an_undo_whose_record_is_gone_is_dropped(qtbot, ctx, answers):
    def gone() -> Changes:
        raise NotFound("That organisation no longer exists.")

    undo.perform(ctx, "Edit organisation", lambda: Changes.of("organisations"), gone)
    ctx.undo_stack.undo()
    assert ctx.undo_stack.count() == 0
    assert "no longer exists" in answers.warnings[-1][1]


def test_duplicate_name_error_appears_under_the_field(qtbot, db, window, cohort_id):
    organisations.create_organisation(db, cohort_id, {"name": "Harbour Street"})
    window.selector.reload(cohort_id)
    panel = window.areas["cohort"].organisations
    shown = {}

    def fill(dlg):
        dlg.editors["name"].widget.setText("harbour street")
        dlg.accept()
        shown["open"] = dlg.isVisible()
        shown["error"] = dlg.editors["name"].error.text()
        dlg.reject()

    when_dialog_opens(fill)
    panel.add()
    assert shown["open"] and "already has the name 'harbour street'" in shown["error"]
