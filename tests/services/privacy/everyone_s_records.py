"""A test participant with at least one record of every kind that refers to a participant,
each carrying a marker of its own, made through the services (and, where only a returned
workbook makes one, the model). SEEDS names a table and how to give the person a row in it:
a table that refers to participants and is missing here fails the subject access tests."""

from __future__ import annotations

from datetime import date, datetime

from facilitator.models import OrganisationRuleResponse
from facilitator.services.cohort import organisations, participants, peer_groups
from facilitator.services.flex import assessments, registers
from facilitator.services.learning import diaries, experiments, insights, pulse
from facilitator.services.plans import attendance, events
from facilitator.services.privacy import export_log
from facilitator.services.returns import exported

NAME = ("Zephyrine", "Łąkowska-Quill")
MARK = {
    "participants": "zq-access-needs-ramp",
    "organisations": "Quill Housing Trust",
    "peer_group_members": "participant_id",  # the group's name: in referenced_records
    "attendance": "zq late on the day",
    "consent_changes": "Consent to share worksheets with their organisation",
    "rule_entries": "ZQ rule <no lone visits> & more",
    "organisation_rule_responses": "zq org says: ours",
    "assessments": "skills_for_change",
    "assessment_scores": "zq assessment note",
    "pulse_answers": "zq pulse words",
    "diary_entries": "zq diary: how I felt",
    "experiments": "zq experiment: ask twice",
    "insights": "zq insight quote",
    "workbook_exports": "participant",
    "export_people": "export_id",  # the file: in export_log
    "export_log": "zq-pack.pdf",
}


def make(db, cohort_id: int) -> tuple[int, int]:
    """(the person, someone else in the cohort who must not appear)."""
    org = organisations.create_organisation(db, cohort_id, {"name": MARK["organisations"]}).id
    z = participants.create_participant(db, cohort_id, {
        "given_name": NAME[0], "family_name": NAME[1], "organisation_id": org,
        "access_needs": MARK["participants"], "consent_share_org": True,
        "consent_share_org_date": date(2026, 9, 1)}).id
    other = participants.create_participant(db, cohort_id, {"given_name": "Ben",
                                                            "family_name": "Other",
                                                            "notes": "ben-not-theirs"}).id
    rule = registers.create_rule(db, cohort_id, z, {"rule": MARK["rule_entries"],
                                                    "belief": "absolute"}).id
    with db.session() as s:
        s.add(OrganisationRuleResponse(rule_entry_id=rule, comment=MARK["organisation_rule_responses"]))
    assessments.save_scores(db, cohort_id, z, "skills_for_change", "start",
                            {"analysis": (2, MARK["assessment_scores"])})
    ev = events.create_event(db, cohort_id, {"title": "Lab", "kind": "learning lab",
                                              "start_date": date(2026, 10, 5),
                                              "end_date": date(2026, 10, 5)}).id
    attendance.set_mark(db, ev, z, "late", MARK["attendance"])
    group = peer_groups.create_peer_group(db, cohort_id, {"name": "Trio of Zq"}).id
    peer_groups.set_members(db, group, [z, other])
    pulse.start_survey(db, cohort_id, date(2026, 9, 7),
                       [{"key": "words", "kind": "text", "prompt": "What happened?",
                         "low": "", "high": ""}])
    pulse.save_answers(db, cohort_id, z, 1, {"words": (None, MARK["pulse_answers"])})
    pulse.save_answers(db, cohort_id, other, 1, {"words": (None, "ben pulse words")})
    diary = diaries.create_entry(db, cohort_id, {"participant_id": z,
                                                 "how_i_felt": MARK["diary_entries"],
                                                 "may_use": True}).id
    diaries.create_entry(db, cohort_id, {"participant_id": other, "how_i_felt": "ben diary"})
    exp = experiments.create_experiment(db, cohort_id, {
        "participant_id": z, "title": MARK["experiments"], "rule_id": rule,
        "outcome": "not tried yet"}).id
    insights.create_insight(db, cohort_id, {
        "level": "individual", "title": "From Zq", "quote": MARK["insights"],
        "source_kind": "diary (with permission)", "participant_id": z, "diary_id": diary,
        "experiment_id": exp})
    insights.create_insight(db, cohort_id, {
        "level": "organisation", "title": "Not linked",
        "text": f"As {NAME[0]} {NAME[1]} said in the lab", "source_kind": "session"})
    insights.create_insight(db, cohort_id, {"level": "systems", "title": "Ben's insight",
                                            "source_kind": "other", "participant_id": other})
    exported.record_export(db, "zq-workbook-id", "participant", cohort_id, datetime(2026, 10, 1),
                           participant_id=z)
    export_log.log_export(db, "pdf", "/tmp/zq-pack.pdf", cohort_id=cohort_id,
                          participant_ids=[z, other])
    export_log.log_export(db, "pdf", "/tmp/ben-only.pdf", cohort_id=cohort_id,
                          participant_ids=[other])
    return z, other
