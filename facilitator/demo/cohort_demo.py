"""The demo cohort's people and organisations, and generated scale data for benchmarks."""

from __future__ import annotations

import random
import unicodedata
from datetime import date

from sqlalchemy import insert, select

from facilitator.demo.dates import DemoCalendar
from facilitator.models import Cohort, Facilitator, Organisation, Participant, PeerGroup
from facilitator.models.base import new_uuid, utcnow
from facilitator.store.database import Database

DEMO_PATTERN = "Systems Changers % (demo)"


def demo_name(start: date) -> str:
    """Named for the year it starts in, as programmes are ("Systems Changers 2026 (demo)")."""
    return DEMO_PATTERN.replace("%", str(start.year))

PRINCIPLES = """Insights, not solutions
Discovery and questions before answers
Hold several perspectives at once
Prototype to make the system visible
Separate the people from the change
Collective intelligence, not only individual insight
Avoid the expected framing
Make change visible
Time and space to think
The right tone to be heard"""

ORGANISATIONS = [
    ("Riverside Housing Association", "Housing", "Greater Manchester", "Dee Okafor"),
    ("Northgate Recovery Service", "Drug and alcohol", "Lancashire", "Sam Whitfield"),
    ("Pennine Mental Health Trust", "Mental health", "West Yorkshire", "Dr Priya Nair"),
    ("Eastshire Adult Social Care", "Social care", "Cheshire", "Mark Lowe"),
    ("Harbour Street Homelessness Project", "Voluntary sector", "Merseyside", "Aoife Byrne"),
    ("Millbrook Citizens Advice", "Voluntary sector", "Greater Manchester", "Tom Ellis"),
]

# given, family, pronouns, role, organisation index, access, dietary
PEOPLE = [
    ("Amira", "Haddad", "she/her", "Tenancy sustainment officer", 0, "", "Halal"),
    ("Ben", "Kowalski", "he/him", "Housing support worker", 0, "", ""),
    ("Chloé", "Dubois", "she/her", "Recovery coordinator", 1, "", "Vegetarian"),
    ("Dafydd", "Prys", "he/him", "Outreach worker", 1, "Step-free access please", ""),
    ("Ewa", "Łukasiewicz", "she/her", "Community psychiatric nurse", 2, "", "Gluten free"),
    ("Femi", "Adeyemi", "he/him", "Peer support worker", 2, "", ""),
    ("Grace", "O'Neill", "she/her", "Social worker", 3, "Hearing loop", ""),
    ("Harjit", "Sandhu", "they/them", "Occupational therapist", 3, "", "Vegan"),
    ("Isla", "MacLeod", "she/her", "Project worker", 4, "", ""),
    ("Jordan", "Price", "he/him", "Night shelter coordinator", 4, "", "No nuts (allergy)"),
    ("Kiran", "Shah", "she/her", "Debt and benefits adviser", 5, "", ""),
    ("Liam", "Doyle", "he/him", "Housing options adviser", 5, "Large print handouts", ""),
]

TEAM = [
    ("Jennie Marsh", "Lead facilitator", "jennie.marsh@example.org"),
    ("Rob Iqbal", "Learning partner", "rob.iqbal@example.org"),
    ("Nell Ashworth", "Coach", "nell.ashworth@example.org"),
]


def build(db: Database, cal: DemoCalendar) -> tuple[int, bool]:
    """Create the demo cohort; (cohort id, whether it was created now)."""
    with db.session() as s:
        existing = s.scalar(select(Cohort).where(Cohort.name.like(DEMO_PATTERN)))
        if existing is not None:
            return existing.id, False
        cohort = Cohort(
            name=demo_name(cal.start),
            start_date=cal.start,
            end_date=cal.end,
            description=(
                "Twelve frontline workers from housing, recovery, mental health, social care and "
                "advice services, learning together how to change the systems they work in."
            ),
            design_principles=PRINCIPLES,
        )
        s.add(cohort)
        s.flush()
        orgs = []
        for name, sector, region, contact in ORGANISATIONS:
            email = contact.lower().replace("dr ", "").replace(" ", ".") + "@example.org"
            org = Organisation(cohort_id=cohort.id, name=name, sector=sector, region=region,
                               contact_name=contact, contact_email=email)
            s.add(org)
            orgs.append(org)
        s.flush()
        consent_day = cal.day(-13)  # at the briefing, two weeks before the first residential
        people = []
        for i, (given, family, pronouns, role, org_i, access, diet) in enumerate(PEOPLE):
            share = i % 4 != 3  # a few have not agreed to share with their organisation
            photos = i % 5 != 2
            p = Participant(
                cohort_id=cohort.id, organisation_id=orgs[org_i].id, given_name=given,
                family_name=family, pronouns=pronouns, role=role,
                email=f"{_ascii(given)}.{_ascii(family)}@example.org",
                access_needs=access, dietary_needs=diet,
                consent_storage=True, consent_storage_date=consent_day,
                consent_photos=photos, consent_photos_date=consent_day if photos else None,
                consent_share_org=share, consent_share_org_date=consent_day if share else None,
            )
            s.add(p)
            people.append(p)
        for name, role, email in TEAM:
            s.add(Facilitator(cohort_id=cohort.id, name=name, role=role, email=email))
        s.flush()
        # Peer groups of three, each mixing organisations.
        order = [0, 4, 8, 2, 6, 10, 1, 5, 9, 3, 7, 11]
        for g, colour in enumerate(("Oak", "Rowan", "Willow", "Hazel")):
            members = [people[i] for i in order[g * 3 : g * 3 + 3]]
            s.add(PeerGroup(cohort_id=cohort.id, name=f"{colour} trio", members=members))
        return cohort.id, True


def _ascii(name: str) -> str:
    """Ewa Łukasiewicz -> lukasiewicz: e-mail local parts in the demo stay plain ASCII."""
    folded = unicodedata.normalize("NFKD", name.replace("Ł", "L").replace("ł", "l"))
    return "".join(c for c in folded if c.isascii() and c.isalnum()).lower()


GIVEN = ("Alex Sam Jo Chris Pat Robin Morgan Kai Noor Ola Tariq Yusuf Mei Ana Lucía Zofia Ngozi "
         "Siobhan Rhys Anwen Oskar Leila Farah Ivan Marta Kemi Dev Ruth Owen Hana").split()
FAMILY = ("Smith Jones Khan Patel Nowak Murphy Evans Ahmed Williams Brown Taylor Davies Wilson "
          "Hughes Ali Begum Walsh Kelly Lewis Roberts Hall Wright Green Clarke Wood Byrne").split()
ROLES = ("Support worker", "Housing officer", "Recovery worker", "Nurse", "Social worker",
         "Adviser", "Outreach worker", "Team leader")
SECTOR_LIST = ("Housing", "Drug and alcohol", "Mental health", "Social care", "Voluntary sector")


def build_scale(db: Database, participants: int, cohorts: int, seed: int = 1) -> list[int]:
    """`cohorts` cohorts of `participants` people each, in bulk (for benchmarks)."""
    rnd = random.Random(seed)
    now = utcnow()
    ids = []
    with db.session() as s:
        taken = set(s.scalars(select(Cohort.name)))
        for k in range(cohorts):
            n = 1
            while (name := f"Scale cohort {k + 1}" + (f" ({n})" if n > 1 else "")) in taken:
                n += 1
            taken.add(name)
            cohort = Cohort(name=name, start_date=date(2026, 1, 1), description="Generated data")
            s.add(cohort)
            s.flush()
            ids.append(cohort.id)
            org_rows = [
                {"uuid": new_uuid(), "created_at": now, "updated_at": now, "cohort_id": cohort.id,
                 "name": f"Organisation {i + 1}", "sector": SECTOR_LIST[i % len(SECTOR_LIST)],
                 "region": "", "contact_name": "", "contact_email": "", "contact_phone": "",
                 "notes": ""}
                for i in range(max(1, participants // 20))
            ]
            s.execute(insert(Organisation), org_rows)
            org_ids = list(s.scalars(select(Organisation.id).where(Organisation.cohort_id == cohort.id)))
            rows = []
            for i in range(participants):
                given, family = rnd.choice(GIVEN), rnd.choice(FAMILY)
                rows.append({
                    "uuid": new_uuid(), "created_at": now, "updated_at": now,
                    "cohort_id": cohort.id, "organisation_id": rnd.choice(org_ids),
                    "given_name": given, "family_name": family, "pronouns": "",
                    "role": rnd.choice(ROLES), "email": f"{given}.{family}.{i}@example.org".lower(),
                    "phone": "", "access_needs": "", "dietary_needs": "",
                    "consent_storage": True, "consent_storage_date": date(2026, 1, 1),
                    "consent_photos": False, "consent_photos_date": None,
                    "consent_share_org": bool(i % 2),
                    "consent_share_org_date": date(2026, 1, 1) if i % 2 else None,
                    "status": "active", "notes": "",
                })
            s.execute(insert(Participant), rows)
    return ids


