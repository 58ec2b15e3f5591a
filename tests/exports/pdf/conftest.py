"""A small cohort built through the services: names from five languages and three hostile
ones, an event with a crowded-out pinned item and parallel tracks, rules and a consent mix."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

import pytest
from pypdf import PdfReader

from facilitator.services.cohort import cohorts, facilitators, organisations, participants
from facilitator.services.flex import registers
from facilitator.services.learning import insights, pulse
from facilitator.services.plans import agenda, events, sessions

INTERNATIONAL = [("Siôn", "Llŷr"), ("Łucja", "Wężyk-Źdźbło"), ("Saoirse", "Ní Bhriain"),
                 ("Çağrı", "Yılmaz-Şıkoğlu"), ("Nguyễn", "Thị Ngọc Ánh")]
HOSTILE = [("x<y", "Smith"), ("<b>", "Bold"), ('<img src="/etc/passwd">', "Img")]
PRINTED_ON = date(2026, 12, 1)
PULSE_START = date(2026, 11, 2)  # so week 5 holds PRINTED_ON


@dataclass
class World:
    cohort_id: int
    event_id: int
    people: dict[str, int]  # full name -> id
    consenting: set[str]


@pytest.fixture
def world(db) -> World:
    cid = cohorts.create_cohort(db, {"name": "Print cohort", "description": "A test & <cohort>."}).id
    org = organisations.create_organisation(db, cid, {"name": "Harbour <Trust> & Co"}).id
    facilitators.create_facilitator(db, cid, {"name": "Jo <jo@x.org>", "role": "Facilitator"})
    people, consenting = {}, set()
    for k, (given, family) in enumerate(INTERNATIONAL + HOSTILE):
        values = {"given_name": given, "family_name": family, "status": "active",
                  "organisation_id": org, "access_needs": f"Needs {k} & ramp" if k % 2 else "",
                  "dietary_needs": "Vegan" if k % 3 == 0 else "", "email": f"p{k}@example.org"}
        if k % 2 == 0:
            values.update(consent_share_org=True, consent_share_org_date=date(2026, 1, 5))
        pid = participants.create_participant(db, cid, values).id
        people[f"{given} {family}"] = pid
        if k % 2 == 0:
            consenting.add(f"{given} {family}")
    ev = events.create_event(db, cid, {"title": "Lab <one>", "kind": "learning lab",
                                       "start_date": date(2026, 11, 10),
                                       "end_date": date(2026, 11, 10), "venue": "Hall & Rooms"}).id
    s1 = sessions.create_session(db, ev, {"title": "Morning", "day": date(2026, 11, 10),
                                          "start": "09:30", "objectives": "Learn <things>",
                                          "facilitator_notes": "SECRET NOTE for the team"}).id
    for values in ({"title": "Welcome x<y", "kind": "activity", "duration": "90",
                    "instructions": "Say hello TEAM-ONLY-INSTRUCTION", "lead": "Jo"},
                   {"title": "Coffee", "kind": "break", "duration": "15", "pinned": "10:30"},
                   {"title": "Breakouts", "kind": "activity", "duration": "30"},
                   {"title": "Room A work", "kind": "activity", "duration": "30", "track": "Room A"},
                   {"title": "Room B work", "kind": "activity", "duration": "45", "track": "Room B"}):
        agenda.create_item(db, s1, values)
    for name, rule in (("Siôn Llŷr", "Cannot visit <alone>"), ("Łucja Wężyk-Źdźbło",
                                                                  "Cannot visit alone")):
        registers.create_rule(db, cid, people[name], {"rule": rule, "belief": "absolute",
                                                      "area": "Visits"})
    registers.create_rule(db, cid, people["x<y Smith"], {"rule": "Cannot visit alone ever",
                                                         "belief": "discretionary",
                                                         "area": "Visits"})
    pulse.start_survey(db, cid, PULSE_START)
    for k, pid in enumerate(list(people.values())[:4]):
        for week in (1, 2, 3):
            pulse.save_answers(db, cid, pid, week, {"energy": (1 + (k + week) % 5, ""),
                                                     "support": (2 + k % 3, ""),
                                                     "noticed": (None, f"PULSE-TEXT-{k}")})
    for level, title, shareable in (("individual", "Legitimacy <grows>", True),
                                    ("organisation", "Risk & roles", True),
                                    ("services", "Square pegs", True),
                                    ("systems", "TEAM-ONLY insight", False)):
        insights.create_insight(db, cid, {"level": level, "title": title, "shareable": shareable,
                                          "text": f"What we saw about {title}.",
                                          "themes": "legitimacy, flex",
                                          "quote": f"QUOTE of {title}",
                                          "source_kind": "learning call"})
    return World(cid, ev, people, consenting)


def read(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def outline_titles(reader: PdfReader) -> list:
    def walk(items):
        out = []
        for it in items:
            if isinstance(it, list):
                out.append(walk(it))
            else:
                out.append(it.title)
        return out
    return walk(reader.outline)


def fonts_embedded(reader: PdfReader) -> set[str]:
    """Every font used on any page, asserting each one is embedded."""
    names = set()
    for page in reader.pages:
        res = page.get("/Resources") or {}
        fonts = res.get("/Font") or {}
        stack = [fonts]
        xobjects = (res.get("/XObject") or {})
        for x in xobjects.values():
            sub = x.get_object().get("/Resources") or {}
            stack.append(sub.get("/Font") or {})
        for group in stack:
            for ref in group.values():
                font = ref.get_object()
                names.add(str(font["/BaseFont"]))
                desc = font.get("/FontDescriptor")
                if desc is None and "/DescendantFonts" in font:
                    desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
                assert desc is not None, f"{font['/BaseFont']} has no descriptor (not embedded)"
                desc = desc.get_object()
                assert any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")), \
                    f"{font['/BaseFont']} is not embedded"
    return names
