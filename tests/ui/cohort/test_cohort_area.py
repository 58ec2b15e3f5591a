"""The cohort area driven as a person would: filter, add, edit, delete, undo, redo."""

from __future__ import annotations

from PySide6.QtCore import Qt

from facilitator import demo
from facilitator.services.cohort import participants, peer_groups
from tests.ui.helpers import when_dialog_opens


def loaded(qtbot, panel):
    qtbot.waitUntil(lambda: not panel._loading and panel.model.rowCount() > 0, timeout=5000)


def demo_window(qtbot, db, window):
    cid, changes = demo.create_demo(db)
    window.ctx.broadcast(changes)
    window.selector.reload(cid)
    area = window.areas["cohort"]
    loaded(qtbot, area.participants)
    return area, cid


def test_window_shows_demo_cohort_and_filters(qtbot, db, window):
    area, _ = demo_window(qtbot, db, window)
    panel = area.participants
    assert panel.model.rowCount() == 12
    assert "Systems Changers" in area.heading.text()
    qtbot.keyClicks(panel.filter, "psychiatric")
    assert panel.proxy.rowCount() == 1
    assert panel.count.text() == "1 of 12"


def test_add_participant_through_dialog_then_undo_and_redo(qtbot, db, window):
    area, cid = demo_window(qtbot, db, window)
    panel = area.participants

    def fill(dlg):
        dlg.editors["given_name"].widget.setText("Nadia")
        dlg.editors["family_name"].widget.setText("Rahman")
        dlg.editors["email"].widget.setText("nadia@example.org")
        dlg.accept()

    when_dialog_opens(fill)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 13, timeout=5000)
    assert panel.current_record()["given_name"] == "Nadia"
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 12, timeout=5000)
    assert "Nadia" not in {p["given_name"] for p in participants.list_participants(db, cid)}
    window.redo_action.trigger()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 13, timeout=5000)


def test_invalid_form_shows_error_under_the_field_and_saves_nothing(qtbot, db, window):
    area, cid = demo_window(qtbot, db, window)
    shown = {}

    def fill(dlg):
        dlg.editors["given_name"].widget.setText("Olu")
        dlg.editors["email"].widget.setText("olu-at-example")
        dlg.accept()  # stays open: the error is shown inline
        shown["visible"] = dlg.isVisible()
        shown["error"] = dlg.editors["email"].error.text()
        dlg.reject()

    when_dialog_opens(fill)
    area.participants.add()
    assert shown["visible"] is True
    assert "does not look like an e-mail" in shown["error"]
    assert len(participants.list_participants(db, cid)) == 12
    assert window.ctx.undo_stack.count() == 0


def test_duplicate_is_warned_and_can_be_declined(qtbot, db, window, answers):
    area, cid = demo_window(qtbot, db, window)
    answers.confirm = False

    def fill(dlg):
        dlg.editors["given_name"].widget.setText("Amira")
        dlg.editors["family_name"].widget.setText("Haddad")
        dlg.accept()
        dlg.reject()

    when_dialog_opens(fill)
    area.participants.add()
    assert answers.questions and "already in this cohort" in answers.questions[-1][1]
    assert len(participants.list_participants(db, cid)) == 12


def test_edit_and_undo_restore_the_old_value(qtbot, db, window):
    area, cid = demo_window(qtbot, db, window)
    panel = area.participants
    panel.filter.setText("Dafydd")
    panel.table.selectRow(0)

    def change(dlg):
        dlg.editors["role"].widget.setText("Team leader")
        dlg.accept()

    when_dialog_opens(change)
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.current_record() and panel.current_record()["role"] == "Team leader", timeout=5000)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: panel.current_record()["role"] == "Outreach worker", timeout=5000)


def test_delete_asks_then_undo_brings_back_group_membership(qtbot, db, window, answers):
    area, cid = demo_window(qtbot, db, window)
    panel = area.participants
    panel.filter.setText("Ewa")
    panel.table.selectRow(0)
    victim = panel.current_record()["id"]
    answers.confirm = False
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert panel.model.rowCount() == 12  # declined: nothing happened
    answers.confirm = True
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 11, timeout=5000)
    assert "Delete the participant 'Ewa Łukasiewicz'" in answers.questions[-1][1]
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 12, timeout=5000)
    groups = peer_groups.list_peer_groups(db, cid)
    assert any(victim in g["member_ids"] for g in groups)


def test_peer_group_members_dialog_changes_and_undo(qtbot, db, window):
    area, cid = demo_window(qtbot, db, window)
    panel = area.peer_groups
    area.tabs.setCurrentWidget(panel)
    loaded(qtbot, panel)
    panel.table.selectRow(0)
    group = panel.current_record()

    def untick_first_member(dlg):
        lst = dlg.list
        for i in range(lst.count()):
            if lst.item(i).checkState() == Qt.CheckState.Checked:
                lst.item(i).setCheckState(Qt.CheckState.Unchecked)
                break
        assert "2 chosen" in dlg.summary.text()
        dlg.accept()

    seen = when_dialog_opens(untick_first_member)
    area.edit_members(panel, group)
    qtbot.waitUntil(lambda: bool(seen) and not seen[0].isVisible(), timeout=5000)
    size = lambda: {g["id"]: len(g["member_ids"]) for g in peer_groups.list_peer_groups(db, cid)}[group["id"]]  # noqa: E731
    assert size() == 2
    window.undo_action.trigger()
    assert size() == 3


def test_new_cohort_from_menu_is_selected(qtbot, db, window):
    def fill(dlg):
        dlg.editors["name"].widget.setText("Spring 2027")
        dlg.accept()

    when_dialog_opens(fill)
    window.act_new_cohort.trigger()
    assert window.selector.currentText().startswith("Spring 2027")
    assert window.ctx.cohort_id is not None


def test_the_cohort_chooser_count_follows_adds_and_removes(qtbot, db, window):
    area, cid = demo_window(qtbot, db, window)
    panel = area.participants
    name = window.selector.currentText().split("  (")[0]
    assert window.selector.currentText() == f"{name}  (12 participants)"

    def fill(dlg):
        dlg.editors["given_name"].widget.setText("Nadia")
        dlg.editors["family_name"].widget.setText("Rahman")
        dlg.accept()

    when_dialog_opens(fill)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 13, timeout=5000)
    assert window.selector.currentText() == f"{name}  (13 participants)"
    assert window.ctx.cohort_id == cid
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)  # Nadia is chosen
    qtbot.waitUntil(lambda: panel.model.rowCount() == 12, timeout=5000)
    assert window.selector.currentText() == f"{name}  (12 participants)"
    window.undo_action.trigger()
    assert window.selector.currentText() == f"{name}  (13 participants)"


def test_one_participant_is_counted_in_the_singular(qtbot, db, window):
    from facilitator.services.cohort import cohorts

    cid = cohorts.create_cohort(db, {"name": "Small"}).id
    window.ctx.broadcast(participants.create_participant(
        db, cid, {"given_name": "Ade", "family_name": "Obi"}).changes)
    window.selector.reload(cid)
    assert window.selector.currentText() == "Small  (1 participant)"
