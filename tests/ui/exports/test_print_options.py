"""The Print and export dialog's pack options, driven through the real widgets: the pulse
form's week picker (the cohort's weeks with their dates, this week by default) and the cohort
report's "Pseudonymise" checkbox, each enabled only for its pack."""

from __future__ import annotations

import re
import sqlite3
from datetime import date, timedelta

from facilitator.services.cohort import cohorts
from facilitator.services.learning import pulse
from facilitator.services.privacy.pseudonyms import participant_code
from facilitator.ui.exports.week_picker import AHEAD, week_choices
from tests.exports.pdf.conftest import flat, read, text_of
from tests.ui.exports.test_print_dialog import _open, _pick


def _save(qtbot, dlg, path):
    dlg.save_to(path)
    qtbot.waitUntil(lambda: dlg.job is None, timeout=60000)
    assert dlg.last_saved == path, dlg.status.text()
    return flat(text_of(read(path.read_bytes())))


def test_week_choices_name_each_week_by_its_dates():
    start = date(2026, 12, 14)
    weeks = week_choices(start, current=2)
    assert [w for w, _l in weeks] == list(range(1, 2 + AHEAD + 1))
    assert weeks[0][1] == "Week 1 · 14 Dec – 20 Dec 2026"
    assert weeks[1][1] == "Week 2 · 21 Dec – 27 Dec 2026 (this week)"
    assert weeks[2][1] == "Week 3 · 28 Dec 2026 – 03 Jan 2027"
    assert len(week_choices(start, current=2, last_answered=9)) == 9 + AHEAD
    assert week_choices(start, current=pulse.MAX_WEEK)[-1][0] == pulse.MAX_WEEK


def test_picking_a_week_prints_the_pulse_form_for_that_week(qtbot, db, window, tmp_path):
    cid, dlg = _open(qtbot, db, window)
    survey = pulse.get_survey(db, cid)
    _pick(dlg, "run-sheet")
    assert not dlg.week.isEnabled() and not dlg.pseudonymise.isEnabled()
    _pick(dlg, "pulse-form")
    assert dlg.week.isEnabled() and not dlg.pseudonymise.isEnabled()
    this_week = survey["current_week"]
    assert dlg.week.currentData() == this_week and dlg.week.currentText().endswith("(this week)")
    assert dlg.week.count() == this_week + AHEAD
    assert dlg.week.itemText(0).startswith(f"Week 1 · {survey['start_date']:%d %b}")
    dlg.week.setCurrentIndex(dlg.week.findData(3))
    text = _save(qtbot, dlg, tmp_path / "week3.pdf")
    first = pulse.week_start(survey["start_date"], 3)
    last = pulse.week_start(survey["start_date"], 4) - timedelta(days=1)
    assert "· week 3" in text and f"Week 3 ({first:%d %b} – {last:%d %b %Y})" in text
    assert this_week == 3 or f"Week {this_week} (" not in text
    dlg.week.setCurrentIndex(dlg.week.findData(this_week))
    text = _save(qtbot, dlg, tmp_path / "this.pdf")
    assert f"· week {this_week}" in text and "· week 3" not in text


def test_a_cohort_without_a_pulse_cannot_print_the_pulse_form(qtbot, db, window):
    cid = cohorts.create_cohort(db, {"name": "No pulse here"}).id
    window.selector.reload(cid)
    window.act_print.trigger()
    from facilitator.ui.exports.print_dialog import PrintDialog

    qtbot.waitUntil(lambda: window.findChild(PrintDialog) is not None, timeout=3000)
    dlg = window.findChild(PrintDialog)
    _pick(dlg, "pulse-form")
    assert not dlg.week.isEnabled() and dlg.week.count() == 0
    assert not dlg.save_button.isEnabled()
    assert dlg.status.text() == "This cohort has no weekly pulse yet: start one in Learning."
    _pick(dlg, "cohort-report")
    assert dlg.save_button.isEnabled() and dlg.status.text() == ""


def test_pseudonymise_makes_a_report_without_names_and_is_remembered(qtbot, db, window,
                                                                      tmp_path):
    cid, dlg = _open(qtbot, db, window)
    with sqlite3.connect(db.path) as con:
        people = con.execute("SELECT given_name, family_name, uuid, consent_share_org "
                             "FROM participants WHERE cohort_id = ?", (cid,)).fetchall()
    _pick(dlg, "cohort-report")
    assert dlg.pseudonymise.isEnabled() and not dlg.week.isEnabled()
    assert dlg.pseudonymise.text() == "Pseudonymise (codes instead of names)"
    assert not dlg.pseudonymise.isChecked()
    named = _save(qtbot, dlg, tmp_path / "named.pdf")
    assert any(f"{g} {f}" in named for g, f, _u, c in people if c)
    dlg.pseudonymise.setChecked(True)
    text = _save(qtbot, dlg, tmp_path / "pseudo.pdf")
    for given, family, _uuid, _c in people:
        for name in (given, family):
            assert not re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.I), name
    assert all(participant_code(u) in text for _g, _f, u, c in people if c)
    dlg.reject()
    window.act_print.trigger()
    from facilitator.ui.exports.print_dialog import PrintDialog

    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(PrintDialog)),
                    timeout=3000)
    again = next(d for d in window.findChildren(PrintDialog) if d.isVisible())
    assert again.current_pack().key == "cohort-report" and again.pseudonymise.isChecked()
    _pick(again, "pulse-form")  # other packs never get it, even ticked
    assert again.request().pseudonymise is False
