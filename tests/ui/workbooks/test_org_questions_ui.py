"""Questions to organisations…: add, edit, remove, reorder, validation in the dialog, one undo
step per save, and the answers that came back shown per organisation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from facilitator.services.cohort import organisations
from facilitator.services.returns import questions
from facilitator.ui.workbooks import actions
from facilitator.ui.workbooks.export_dialog import ExportWorkbookDialog
from facilitator.ui.workbooks.org_questions_dialog import OrgQuestionsDialog


@pytest.fixture
def dlg(qtbot, ctx):
    d = OrgQuestionsDialog(ctx)
    qtbot.addWidget(d)
    d.show()
    return d


def _prompts(d) -> list[str]:
    return [d.table.item(r, 0).text() for r in range(d.table.rowCount())]


def _stored(ctx) -> list[str]:
    return [q["prompt"] for q in questions.get_questions(ctx.db, ctx.cohort_id)["questions"]]


def test_add_edit_save_and_undo(qtbot, ctx, dlg):
    builtin = [q["prompt"] for q in questions.builtin()]
    assert _prompts(dlg) == builtin and "built-in" in dlg.hint.text()
    qtbot.mouseClick(dlg.add_button, Qt.MouseButton.LeftButton)
    assert dlg.table.rowCount() == len(builtin) + 1
    dlg.table.item(len(builtin), 0).setText("Who should we invite to the closing event?")
    dlg.table.item(0, 0).setText("How does the new role fit your work?")
    assert dlg.save()
    stored = _stored(ctx)
    assert stored[0] == "How does the new role fit your work?"
    assert stored[-1] == "Who should we invite to the closing event?"
    assert "its own questions" in dlg.hint.text()
    assert ctx.undo_stack.undoText() == "Edit the questions to organisations"
    ctx.undo_stack.undo()
    assert _stored(ctx) == builtin and questions.get_questions(ctx.db, ctx.cohort_id)["builtin"]
    assert _prompts(dlg) == builtin  # the dialog follows the undo
    ctx.undo_stack.redo()
    assert _stored(ctx)[-1] == "Who should we invite to the closing event?"


def test_remove_and_reorder(qtbot, ctx, dlg):
    builtin = [q["prompt"] for q in questions.builtin()]
    dlg.table.setCurrentCell(0, 0)
    qtbot.mouseClick(dlg.down_button, Qt.MouseButton.LeftButton)
    assert _prompts(dlg)[:2] == [builtin[1], builtin[0]] and dlg.table.currentRow() == 1
    dlg.table.setCurrentCell(2, 0)
    qtbot.mouseClick(dlg.remove_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dlg.up_button, Qt.MouseButton.LeftButton)  # row 2 is now builtin[3]
    assert dlg.save()
    assert _stored(ctx) == [builtin[1], builtin[3], builtin[0], *builtin[4:]]


def test_a_bad_set_is_shown_in_the_dialog_and_nothing_is_saved(qtbot, ctx, dlg):
    dlg.add_row({"prompt": "", "help": ""}, edit=False)
    assert not dlg.save()
    assert dlg.error.isVisible() and "has no wording" in dlg.error.text()
    dlg.table.item(dlg.table.rowCount() - 1, 0).setText(dlg.table.item(0, 0).text())
    assert not dlg.save() and "asks the same as another" in dlg.error.text()
    assert questions.get_questions(ctx.db, ctx.cohort_id)["builtin"]
    assert ctx.undo_stack.count() == 0


def test_an_answered_question_cannot_be_removed(qtbot, ctx, dlg):
    oid = organisations.create_organisation(ctx.db, ctx.cohort_id, {"name": "Westbrook"}).id
    with ctx.db.session() as s:
        questions.write_answer(s, oid, "involvement", "Host a field trip")
    dlg.load()
    dlg.table.setCurrentCell(1, 0)
    qtbot.mouseClick(dlg.remove_button, Qt.MouseButton.LeftButton)
    assert dlg.table.rowCount() == len(questions.builtin())
    assert "already has 1 answer" in dlg.error.text()


def test_answers_tab_shows_each_organisation_s_answers(qtbot, ctx):
    a = organisations.create_organisation(ctx.db, ctx.cohort_id, {"name": "Alder <Trust>"}).id
    organisations.create_organisation(ctx.db, ctx.cohort_id, {"name": "Birch"})
    with ctx.db.session() as s:
        questions.write_answer(s, a, "new_role", "It fits <well>")
    d = actions.org_questions(ctx, None, a)
    qtbot.addWidget(d)
    assert d.tabs.currentIndex() == 1 and not d.save_button.isVisible()  # nothing to save there
    assert d.organisation.currentText().startswith("Alder <Trust> (1 of 5 answered)")
    text = d.answers_view.toPlainText()
    assert "It fits <well>" in text and "not answered yet" in text
    d.organisation.setCurrentIndex(1)
    assert "It fits" not in d.answers_view.toPlainText()


def test_reachable_from_the_export_dialog(qtbot, ctx):
    organisations.create_organisation(ctx.db, ctx.cohort_id, {"name": "Cedar"})
    exp = ExportWorkbookDialog(ctx, None, "organisation")
    qtbot.addWidget(exp)
    exp.show()
    assert exp.questions_button.isVisible()
    qtbot.mouseClick(exp.questions_button, Qt.MouseButton.LeftButton)
    assert isinstance(exp.questions_dialog, OrgQuestionsDialog)
    exp.questions_dialog.close()
    exp.kind.setCurrentIndex(0)
    assert not exp.questions_button.isVisible()


def test_pulse_and_question_answers_apply_as_one_undo_step(qtbot, ctx, tmp_path):
    """In the app: a participant's Pulse answers and an organisation's answers, each read back
    from its workbook, reviewed, applied as one undo step each and undone."""
    from datetime import date, timedelta

    from facilitator.exports.xlsx.organisation import export_organisation
    from facilitator.exports.xlsx.participant import export_participant
    from facilitator.imports.review import review_workbook
    from facilitator.services.cohort import participants
    from facilitator.services.learning import pulse
    from facilitator.ui.workbooks.review_dialog import ReviewDialog
    from tests.exports.xlsx.helpers import column_of, edit

    db, cid = ctx.db, ctx.cohort_id
    pid = participants.create_participant(db, cid, {"given_name": "Ida", "family_name": "Marsh"}).id
    oid = organisations.create_organisation(db, cid, {"name": "Fernhill"}).id
    pulse.start_survey(db, cid, date.today() - timedelta(days=10))
    out = tmp_path / "ida.xlsx"
    export_participant(db, cid, pid, out)
    prompt = next(q["prompt"] for q in pulse.question_set.builtin() if q["key"] == "energy")
    energy = column_of(out, "Pulse", prompt)
    back = tmp_path / "ida-back.xlsx"
    edit(out, back, {"Pulse": {f"{energy}4": 4}})
    review = review_workbook(db, back)
    dlg = ReviewDialog(None, review)
    qtbot.addWidget(dlg)
    assert dlg.table.model().rowCount() >= 1
    assert actions.apply_reviewed(ctx, review)
    assert pulse.get_answers(db, cid, pid, 2) == {"energy": (4, "")}
    ctx.undo_stack.undo()
    assert pulse.get_answers(db, cid, pid, 2) == {}

    out = tmp_path / "fern.xlsx"
    export_organisation(db, cid, oid, out)
    back = tmp_path / "fern-back.xlsx"
    edit(out, back, {"Questions for you": {"C4": "Join the closing event"}})
    review = review_workbook(db, back)
    assert actions.apply_reviewed(ctx, review)
    assert questions.answers(db, cid)[0]["answers"][1]["answer"] == "Join the closing event"
    ctx.undo_stack.undo()
    assert questions.answers(db, cid)[0]["answered"] == 0
