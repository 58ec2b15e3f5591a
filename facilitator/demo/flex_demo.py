"""The demo cohort's rules registers and self-assessments, so 'What does the crowd know?'
shows contested rules and myths on first run."""

from __future__ import annotations

import random

from sqlalchemy import select

from facilitator.demo.dates import DemoCalendar
from facilitator.models import Participant
from facilitator.services.flex import assessments, data_files, registers
from facilitator.store.database import Database

# (rule text, area, source kind, condition of change)
RULES = {
    "visit": ("We can't visit a client without two staff", "Lone working and visits",
              "Organisational policy", "Practices"),
    "visit2": ("No home visits to a client without two staff present", "Lone working and visits",
               "Regulation or statutory guidance", "Practices"),
    "id": ("Tenancy can't start without photo ID", "Housing and tenancy",
           "Law (Act of Parliament)", "Policies"),
    "id2": ("A tenancy cannot start unless the tenant has photo ID", "Housing and tenancy",
            "Funder or contract requirement", "Policies"),
    "drink": ("No mental health assessment while drinking", "Assessment and referral",
              "Professional code of conduct", "Mental models"),
    "drink2": ("No mental health assessment while someone is drinking", "Assessment and referral",
               "Team custom (\"how we do things here\")", "Mental models"),
    "share": ("Can't share information with other agencies without written consent",
              "Information sharing", "Law (Act of Parliament)", "Relationships and connections"),
    "share2": ("Cannot share information with other agencies unless consent is written",
               "Information sharing", "Organisational policy", "Relationships and connections"),
    "close": ("Cases must be closed after three missed appointments", "Discharge and closing cases",
              "Funder or contract requirement", "Resource flows"),
    "address": ("Can't register with a GP without a fixed address", "Access and eligibility",
                "Regulation or statutory guidance", "Power dynamics"),
    "form": ("Every contact needs the full assessment form before support starts",
             "Recording and paperwork", "IT system or form design", "Practices"),
    "pets": ("No pets allowed in supported housing", "Housing and tenancy",
             "Organisational policy", "Policies"),
}

# participant index -> [(rule key, belief, verdict, checked with, what checking found)]
REGISTERS = {
    0: [("id", "absolute", "discretionary", "Lettings manager",
         "Policy asks for ID 'where possible'; other proof is accepted."), ("pets", "absolute", "", "", ""),
        ("visit", "absolute", "", "", "")],
    1: [("id2", "absolute", "", "", ""), ("visit2", "discretionary", "", "", ""),
        ("close", "unsure", "", "", "")],
    2: [("drink", "absolute", "", "", ""), ("close", "absolute", "discretionary", "Commissioner",
                                               "The contract sets targets, not a closure rule.")],
    3: [("visit", "discretionary", "discretionary", "Team leader",
         "A risk assessment decides; one worker is fine for known low-risk visits."),
        ("address", "absolute", "", "", "")],
    4: [("drink2", "discretionary", "discretionary", "Consultant psychiatrist",
         "Clinical judgement: intoxication may delay, never bars, an assessment."),
        ("share", "absolute", "", "", "")],
    5: [("drink", "absolute", "", "", ""), ("form", "unsure", "", "", "")],
    6: [("share2", "discretionary", "discretionary", "Data protection officer",
         "Sharing to protect someone is lawful without written consent; record why."),
        ("visit2", "absolute", "", "", "")],
    7: [("share", "absolute", "absolute", "Caldicott guardian",
         "For routine referrals, consent is our local rule and stays."), ("form", "absolute", "", "", "")],
    8: [("id", "discretionary", "", "", ""), ("address", "absolute", "discretionary", "GP practice manager",
                                              "NHS guidance: no proof of address needed to register.")],
    9: [("pets", "unsure", "", "", ""), ("close", "absolute", "", "", "")],
    10: [("address", "unsure", "", "", ""), ("share2", "absolute", "", "", "")],
    11: [("id2", "absolute", "absolute", "Housing options manager",
          "Our allocations policy says so; it is ours to change."), ("form", "discretionary", "", "", "")],
}

FLEX = {
    "visit": ("Team leader, after a risk assessment", "Pilot single-worker visits for known clients"),
    "id": ("Lettings manager", "Accept a support worker's letter in place of photo ID for a month"),
    "drink": ("Crisis team consultant", "Agree a joint assessment route for people who drink"),
    "share": ("Data protection officer", "Write a one-page guide to sharing without written consent"),
    "address": ("GP practice manager", "Register three clients using the practice's address"),
}


def fill(db: Database, cohort_id: int, cal: DemoCalendar) -> None:
    checked_on = cal.day(49)  # rules checked after the first month, weeks before today
    with db.read() as s:
        people = list(s.scalars(select(Participant.id).where(Participant.cohort_id == cohort_id)
                                .order_by(Participant.id)))
    for i, pid in enumerate(people):
        for key, belief, verdict, checked_with, evidence in REGISTERS.get(i, []):
            text, area, source, condition = RULES[key]
            holder, idea = FLEX.get(key.rstrip("2"), ("", ""))
            registers.create_rule(db, cohort_id, pid, {
                "rule": text, "area": area, "belief": belief, "source_kind": source,
                "condition": condition, "verdict": verdict, "checked_with": checked_with,
                "checked_on": checked_on if verdict else None, "evidence": evidence,
                "flex_holder": holder if verdict == "discretionary" else "",
                "experiment": idea if verdict == "discretionary" else "",
                "status": "Experiment planned" if verdict == "discretionary" else
                          ("Checking" if not verdict else "Not started"),
            })
    rnd = random.Random(7)
    for key in data_files.TEMPLATE_KEYS:
        tpl = data_files.template(key)
        for pid in people:
            # at the first residential; the programme is still running, so nobody has done
            # the end-of-programme one yet (it would be dated in the future)
            start = {it.key: (rnd.randint(1, 3), "") for it in tpl.items}
            assessments.save_scores(db, cohort_id, pid, key, "start", start, cal.start)
