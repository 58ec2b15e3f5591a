"""The cohort report's learning sections, read back with pypdf: only shareable insights (and
only their quotes), by level, people named only with consent, no diary text; the pulse trend
per 1–5 question drawn as a chart with the week, date, median and answered rows; a plain
sentence for a cohort with nothing yet; and the pseudonymised report with no member's name."""

from __future__ import annotations

import re
import sqlite3
from datetime import date

import pytest

from facilitator import demo
from facilitator.exports.pdf.document import PackRequest
from facilitator.exports.pdf.packs import BY_KEY, export, make_pdf
from facilitator.services.cohort import cohorts
from facilitator.services.flex import crowd, registers
from facilitator.services.learning import insights, pulse
from facilitator.services.privacy import consent
from facilitator.services.privacy.export_log import list_exports
from facilitator.services.privacy.pseudonyms import participant_code
from tests.exports.pdf.conftest import PRINTED_ON, flat, outline_titles, read, text_of

REPORT = BY_KEY["cohort-report"]


def _report(db, cohort_id, **kw) -> str:
    req = PackRequest(cohort_id=cohort_id, printed_on=PRINTED_ON, invariant=True, **kw)
    return flat(text_of(read(make_pdf(db, REPORT, req))))


def _section(text: str, start: str, end: str | None = None) -> str:
    tail = text[text.index(start):]
    return tail[:tail.index(end)] if end else tail


def test_only_shareable_insights_and_their_quotes_are_printed(db, world):
    reader = read(make_pdf(db, REPORT, PackRequest(world.cohort_id, printed_on=PRINTED_ON)))
    text = flat(text_of(reader))
    part = _section(text, "Insights at four levels", "Pulse trends")
    for title in ("Legitimacy <grows>", "Risk & roles", "Square pegs"):
        assert title in part and f"“QUOTE of {title}”" in part
        assert f"What we saw about {title}." in part
    assert "TEAM-ONLY" not in text  # neither the title, the text nor the quote
    assert "1 more is kept within the team" in part
    assert "Themes: legitimacy, flex · From: learning call" in part
    # grouped by the four levels, in order, each insight under its own
    order = ["Individual", "Legitimacy <grows>", "Organisation", "Risk & roles", "Services",
             "Square pegs", "Systems", "No shareable insights at this level yet."]
    assert [part.index(w) for w in order] == sorted(part.index(w) for w in order)
    top = [t for t in outline_titles(reader) if isinstance(t, str)]
    assert top[-2:] == ["Insights", "Pulse trends"]


def test_an_insight_names_its_participant_only_with_consent_and_its_event(db, world):
    for who, title in (("Saoirse Ní Bhriain", "CONSENTED-LINK"),
                       ("Łucja Wężyk-Źdźbło", "NO-CONSENT-LINK")):
        insights.create_insight(db, world.cohort_id, {
            "level": "services", "title": title, "source_kind": "session", "shareable": True,
            "participant_id": world.people[who], "event_id": world.event_id,
            "noted_on": date(2026, 11, 10)})
    part = _section(_report(db, world.cohort_id), "Insights at four levels", "Pulse trends")
    assert "CONSENTED-LINK From: session (Lab <one>) · Saoirse Ní Bhriain · noted 10 Nov 2026" \
        in part
    assert "NO-CONSENT-LINK From: session (Lab <one>) · noted 10 Nov 2026" in part
    assert "Łucja" not in part


def test_pulse_trends_are_drawn_per_scale_question_without_free_text(db, world):
    text = _report(db, world.cohort_id)
    part = _section(text, "Pulse trends")
    # the chart's axis and rows: scale, row labels, week, date, median, answered.
    # energy, week 1: scores 2, 3, 4, 5 -> median 3.5; week 3: 5, 1, 2, 3 -> median 2.5
    energy = _section(part, "How much energy", "How much permission")
    assert "1 2 3 4 5 median answered" in energy
    assert "W1 02 Nov 3.5 4 W2 09 Nov 3.5 4 W3 16 Nov 3 4" in energy
    support = _section(part, "How supported", "How clear")
    assert "W1 02 Nov 2.5 4" in support  # scores 2, 3, 4, 2 -> median 2.5
    assert "Nobody has answered this question yet." in _section(part, "How much permission",
                                                                "How supported")
    assert "week 1 (02 Nov 2026) to week 3 (16 Nov 2026)" in part
    assert "PULSE-TEXT" not in text  # free-text answers never printed
    assert "What did you notice" not in part  # nor the free-text prompts


def test_a_cohort_with_nothing_yet_gets_sentences_not_empty_charts(db):
    cid = cohorts.create_cohort(db, {"name": "Empty cohort"}).id
    reader = read(make_pdf(db, REPORT, PackRequest(cid, printed_on=PRINTED_ON)))
    text = flat(text_of(reader))
    assert "Insights at four levels No insights have been recorded yet." in text
    assert "Pulse trends This cohort has no weekly pulse yet." in text
    assert "answered" not in _section(text, "Pulse trends")
    assert [t for t in outline_titles(reader) if isinstance(t, str)][-2:] == \
        ["Insights", "Pulse trends"]
    pulse.start_survey(db, cid, date(2026, 11, 2))
    insights.create_insight(db, cid, {"level": "systems", "title": "Kept back",
                                      "source_kind": "other", "shareable": False})
    text = _report(db, cid)
    assert "Pulse trends Nobody has answered the weekly pulse yet." in text
    assert "No insights have been marked as shareable yet." in text and "Kept back" not in text
    texts_only = [q for q in pulse.get_survey(db, cid)["questions"] if q["kind"] != "scale"]
    pulse.save_questions(db, cid, texts_only)
    assert "Pulse trends The weekly pulse has no 1–5 questions." in _report(db, cid)


def _demo_people(db, cid):
    with sqlite3.connect(db.path) as con:
        return con.execute("SELECT id, given_name, family_name, uuid, consent_share_org "
                           "FROM participants WHERE cohort_id = ?", (cid,)).fetchall()


def _diary_sentences(db) -> list[str]:
    with sqlite3.connect(db.path) as con:
        rows = con.execute("SELECT what_happened, how_i_felt, what_i_noticed, what_i_will_do "
                           "FROM diary_entries").fetchall()
    return [flat(t)[:40] for row in rows for t in row if len(t) > 12]


@pytest.fixture
def planted(db):
    """The demo, with members' names planted in free text the report prints: a rule (and its
    group's name), a shareable insight's title, text and quote, and a pulse question."""
    cid, _ = demo.create_demo(db)
    people = {f"{g} {f}": pid for pid, g, f, _u, _c in _demo_people(db, cid)}
    sharer = min(consent.sharing_now(db, cid))  # a rule's wording prints only from a sharer
    registers.create_rule(db, cid, sharer, {
        "rule": "Kiran Shah signs off every food bank voucher", "belief": "absolute",
        "area": "Vouchers for Isla"})
    named = registers.create_rule(db, cid, people["Jordan Price"], {
        "rule": "Parking permits go through reception", "belief": "unsure"}).id
    crowd.describe_group(db, cid, [named], {"name": "What Ben Kowalski's team says",
                                            "notes": ""})
    insights.create_insight(db, cid, {
        "level": "organisation", "title": "Dafydd Prys found a way in", "shareable": True,
        "text": "Amira asked her manager with Femi Adeyemi.", "source_kind": "learning call",
        "quote": "Grace O'Neill said yes at once.", "themes": "Harjit, permission"})
    questions = pulse.get_survey(db, cid)["questions"]
    questions[0] = {**questions[0], "prompt": "How much energy did Chloé's trio have?",
                    "high": "Plenty, says Łukasiewicz"}
    pulse.save_questions(db, cid, questions)
    return cid, people


def test_pseudonymised_report_holds_no_members_name_and_their_codes(db, planted):
    cid, _people = planted
    plain = _report(db, cid)
    for planted_text in ("Dafydd Prys found a way in", "Kiran Shah signs off every food bank",
                         "Vouchers for Isla", "What Ben Kowalski's team says",
                         "How much energy did Chloé's trio have?"):
        assert planted_text in plain  # printed, with the names, when not pseudonymised
    text = _report(db, cid, pseudonymise=True)
    people = _demo_people(db, cid)
    for _pid, given, family, _uuid, _consent in people:
        for name in (given, family):
            assert not re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE), name
    codes = {f"{g} {f}": participant_code(u) for _p, g, f, u, _c in people}
    assert f"{codes['Kiran Shah']} signs off every food bank voucher" in text
    assert f"Vouchers for {codes['Isla MacLeod']}" in text
    assert f"How much energy did {codes['Chloé Dubois']}'s trio have?" in text
    assert f"5 = Plenty, says {codes['Ewa Łukasiewicz']}" in text
    assert f"What {codes['Ben Kowalski']}'s team says" in text
    assert f"{codes['Dafydd Prys']} found a way in" in text
    assert f"{codes['Amira Haddad']} asked her manager with {codes['Femi Adeyemi']}." in text
    grace = codes["Grace O'Neill"]
    assert f"“{grace} said yes at once.”" in text
    assert f"Themes: {codes['Harjit Sandhu']}, permission" in text
    # those who consented are named by their code in "Raised by"; the others are counted
    consenting = [participant_code(u) for _p, _g, _f, u, c in people if c]
    assert consenting and all(code in text for code in consenting)
    assert "Pseudonymised: participants appear as codes" in text
    assert "2 more are kept within the team" in text  # the demo's two team-only insights
    assert "Risk is read as a reason to stop" in text
    assert "New roles need room in the job description" not in text  # one of them
    assert not any(s in text for s in _diary_sentences(db))
    assert "Without a shared language" in text  # the diary-sourced insight's own words


def test_pseudonymised_export_is_logged_and_says_so_in_its_metadata(db, planted, tmp_path):
    cid, _people = planted
    out = tmp_path / "report.pdf"
    export(db, REPORT, PackRequest(cid, pseudonymise=True), out)
    reader = read(out.read_bytes())
    assert "pseudonymised" in reader.metadata.subject
    assert reader.metadata.title.startswith("Cohort report (pseudonymised): ")
    entry = list_exports(db)[0]
    assert (entry["kind"], entry["file_name"]) == ("pdf", "report.pdf")
    consenting = sorted(f"{g} {f}" for _p, g, f, _u, c in _demo_people(db, cid) if c)
    assert sorted(entry["people"]) == consenting  # the people the report names (by code)
