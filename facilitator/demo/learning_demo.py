"""The demo cohort's learning between events: twelve weeks of pulse answers (with one sharp
drop to check in on), notes on the learning calls, experiments on rules from the registers,
diary entries, insights at all four levels and a few "what we will do differently" notes."""

from __future__ import annotations

import random

from sqlalchemy import select

from facilitator.demo.dates import WEEKS_SO_FAR, DemoCalendar
from facilitator.models import Event, Participant, RuleEntry
from facilitator.services.learning import (
    calls,
    diaries,
    experiments,
    insights,
    looking_back,
    pulse,
)
from facilitator.store.database import Database

WEEKS = WEEKS_SO_FAR + 1  # the pulse began the week the programme did; this week is the last
DROPPING = 9  # this person's answers fall sharply in the last week
NOTICED = [
    "Our referral form asks the same thing three times.",
    "The manager said yes before I finished asking.",
    "Nobody knew where the visiting rule came from.",
    "Clients tell the story of the service better than our leaflets do.",
    "Two teams in the same building use different rules for the same thing.",
    "I spent the week firefighting; no time to think.",
]

CALL_NOTES = [
    ("What have you noticed since the residential?\nWhere did you feel permission?",
     "Most people found their manager more open than expected. Several rules turned out to be "
     "team habits. Time to think is the scarcest thing."),
    ("What did checking a rule feel like?\nWho did you ask?",
     "Asking felt risky until it was done. Two people found the rule written nowhere. The group "
     "wants a shared way of saying 'this is an experiment, not a new policy'."),
    ("What is your experiment this month?\nWhat would make it safe to try?",
     "Experiments are small: one client, one week. People want a sponsor above their manager. "
     "Commissioning targets keep coming up as the thing that squeezes space."),
]

EXPERIMENTS = [  # participant index, what I will try, rule index in their register or None,
    # month, outcome, what happened, what I learnt
    (0, "Accept a support worker's letter in place of photo ID", 0, 10, "the rule flexed",
     "Two tenancies started on time with a letter.", "The policy said 'where possible'; we had read it as 'always'."),
    (2, "Keep a case open after three missed appointments", 1, 10, "partly",
     "The team agreed for one client; the report still counts it as a failure.",
     "The contract counts outcomes, not closures; our report template was the rule."),
    (3, "Make known low-risk visits on my own", 0, 11, "the rule flexed",
     "Three visits after a short risk check.", "The risk assessment decides, not a headcount."),
    (4, "Assess a client who had been drinking", 0, 11, "partly",
     "The consultant agreed to a joint assessment; the crisis team did not.",
     "Clinical judgement varies; a written route would help."),
    (6, "Share information to protect someone without written consent", 0, 11, "the rule flexed",
     "Shared with the GP, recorded why.", "The law allows it; fear of getting it wrong was the rule."),
    (8, "Register three clients with a GP using the practice's address", 1, 11, "the rule flexed",
     "All three registered.", "National guidance was clear; local habit was not."),
    (1, "Ask why visits need two staff", 1, 11, "not tried yet", "", ""),
    (10, "Map who can say yes to sharing without consent", None, 12, "not tried", "",
     "The month was taken up by a restructure."),
    (11, "Propose a change to our allocations policy", 0, 12, "did not flex",
     "The policy group said not this year.", "It really is ours to change, but not quickly."),
]

DIARY = [  # participant index, days after the pulse start, the four prompts, may use
    (0, 9, ("Started a tenancy with a letter instead of ID.", "Nervous, then relieved.",
            "The rule lived in our heads more than in the policy.", "Tell the team what I found."), True),
    (2, 16, ("My manager asked what the programme is for.", "Defensive at first.",
             "I do not yet have the words to explain it.", "Practise a two-line answer."), True),
    (4, 23, ("A hard week with two crises.", "Tired, a bit hopeless.", "Change needs time I do not have.",
             "Ask for one protected hour a week."), False),
    (5, 30, ("Peer coaching trio met by phone.", "Less alone.", "Others meet the same walls.",
             "Keep the trio going between residentials."), False),
    (9, 37, ("The night shelter lost a funding stream.", "Angry.", "Funding shapes what counts as success.",
             "Write down what we would measure instead."), True),
    (7, 44, ("Tried the iceberg model with my team.", "Energised.", "The team saw patterns, not blame.",
             "Use it again at the next team meeting."), True),
    (9, 76, ("Heard we may lose the shelter.", "Worried and flat.", "Hard to think about the programme.",
             "Talk to the learning partner."), False),
]

INSIGHTS = [  # level, title, text, themes, source, link, shareable
    ("individual", "Legitimacy has to be built, not assumed",
     "People doing the work need others to see them as agents of change before their ideas land.",
     "legitimacy, identity", "learning call", ("call", 0), True),
    ("individual", "We lack shared words for this way of working",
     "Without a shared language it is hard to explain the programme to a manager.",
     "language", "diary (with permission)", ("diary", 1), True),
    ("individual", "Checking a rule takes courage the first time", "",
     "permission, confidence", "experiment", ("experiment", 0), True),
    ("organisation", "Risk is read as a reason to stop",
     "Organisations treat uncertainty as risk to avoid rather than to manage.",
     "risk, permission", "learning call", ("call", 1), True),
    ("organisation", "New roles need room in the job description",
     "A frontline changer needs time and a sponsor, not just goodwill.", "roles, time",
     "session", None, False),
    ("services", "Services are shaped like square pegs",
     "People must fit the service's shape instead of the service fitting them.",
     "fit, eligibility", "field trip", None, True),
    ("services", "Report templates become rules",
     "What a contract report counts becomes what the team believes it must do.",
     "commissioning, measurement", "experiment", ("experiment", 1), True),
    ("systems", "Whose needs does the system serve?",
     "Many actors' needs meet at the front line; centring one set hides the others.",
     "needs, power", "learning call", ("call", 2), True),
    ("systems", "The flex is often local", "Rules believed to be law are often local policy or habit.",
     "finding the flex, rules", "rule", ("rule", 0), True),
    ("systems", "The front line brings lateral, networked power",
     "Linked across organisations, frontline workers see the stories behind the data.",
     "power, networks", "session", None, True),
    ("systems", "Local rules hide the flex",
     "What we take as law is often habit.", "finding the flex", "experiment", ("experiment", 4), False),
]

LOOKING_BACK = [
    ("Accountability", "Agree with each organisation what the participant is accountable for."),
    ("Learning and coaching", "Keep learning calls for insight, and coaching for the person."),
    ("Involving organisations", "Meet managers before the first residential, not after."),
    ("Digital and data", "Start the pulse in week one so the trend has a baseline."),
]


def _answers(rnd: random.Random, questions, level: float) -> dict:
    out = {}
    for q in questions:
        if q["kind"] == "scale":
            out[q["key"]] = (max(1, min(5, round(level + rnd.uniform(-1, 1)))), "")
        elif rnd.random() < 0.3:
            out[q["key"]] = (None, rnd.choice(NOTICED))
    return out


def fill(db: Database, cohort_id: int, cal: DemoCalendar) -> None:
    with db.read() as s:
        people = list(s.scalars(select(Participant.id).where(Participant.cohort_id == cohort_id)
                                .order_by(Participant.id)))
        rules = {pid: list(s.scalars(select(RuleEntry.id).where(RuleEntry.participant_id == pid)
                                     .order_by(RuleEntry.created_at, RuleEntry.id)))
                 for pid in people}
        call_ids = list(s.scalars(select(Event.id).where(Event.cohort_id == cohort_id,
                                                         Event.kind == "learning call")
                                  .order_by(Event.start_date)))
    pulse.start_survey(db, cohort_id, cal.start)
    so_far = (cal.today - cal.start).days
    questions = pulse.get_survey(db, cohort_id)["questions"]
    rnd = random.Random(12)
    for i, pid in enumerate(people):
        level = 2.6 + (i % 4) * 0.3
        for week in range(1, WEEKS + 1):
            if week == WEEKS and i % 3 == 1:
                continue  # not everyone has answered the latest week yet
            if rnd.random() < 0.08 and week != WEEKS:
                continue
            lvl = min(4.6, level + week * 0.08)
            if i == DROPPING and week == WEEKS:
                lvl = 1.4
            pulse.save_answers(db, cohort_id, pid, week, _answers(rnd, questions, lvl))

    for call_id, (prompts, came_up) in zip(call_ids, CALL_NOTES, strict=False):
        calls.save_notes(db, call_id, {"prompts": prompts, "came_up": came_up})

    made_experiments = []
    for i, title, rule_n, month, outcome, happened, learnt in EXPERIMENTS:
        pid = people[i]
        rule_id = rules[pid][rule_n] if rule_n is not None and rule_n < len(rules[pid]) else None
        planned = cal.day(min(30 * ((month - 9) % 12) + 5 + i, so_far))
        made_experiments.append(experiments.create_experiment(db, cohort_id, {
            "participant_id": pid, "title": title, "rule_id": rule_id,
            "planned_on": planned, "what_happened": happened, "learnt": learnt,
            "outcome": outcome}).id)

    made_diaries = []
    for i, days, (happened, felt, noticed, will), may_use in DIARY:
        made_diaries.append(diaries.create_entry(db, cohort_id, {
            "participant_id": people[i], "written_on": cal.day(min(days, so_far)),
            "what_happened": happened, "how_i_felt": felt, "what_i_noticed": noticed,
            "what_i_will_do": will, "may_use": may_use}).id)

    for n, (level, title, text, themes, source, link, shareable) in enumerate(INSIGHTS):
        values = {"level": level, "title": title, "text": text, "themes": themes,
                  "source_kind": source, "shareable": shareable,
                  "noted_on": cal.day(min(14 + 7 * n, so_far))}
        if link:
            what, k = link
            if what == "call" and k < len(call_ids):
                values["event_id"] = call_ids[k]
            elif what == "experiment":
                values["experiment_id"] = made_experiments[k]
                values["participant_id"] = people[EXPERIMENTS[k][0]]
            elif what == "diary":
                values["diary_id"] = made_diaries[k]
                values["participant_id"] = people[DIARY[k][0]]
            elif what == "rule":
                values["rule_id"] = rules[people[0]][k]
        if title == "Checking a rule takes courage the first time":
            values["quote"] = "I asked, and the answer was yes. I had been carrying that rule for years."
        insights.create_insight(db, cohort_id, values)

    for theme, text in LOOKING_BACK:
        looking_back.create_note(db, cohort_id, {"theme": theme, "text": text})
