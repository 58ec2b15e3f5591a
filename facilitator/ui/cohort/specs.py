"""What each cohort table shows and which services it calls."""

from __future__ import annotations

from facilitator.services import records
from facilitator.services.cohort import facilitators, organisations, participants, peer_groups
from facilitator.ui.widgets.record_panel import RecordPanelSpec
from facilitator.ui.widgets.record_table import Column


def _restore(db, snap, cohort_id):
    return records.restore_records(db, snap, cohort_id)


def organisation_choices(db, cohort_id) -> dict:
    orgs = organisations.list_organisations(db, cohort_id)
    return {"organisations": [(o["name"], o["id"]) for o in orgs]}


def _full_name(rec: dict) -> str:
    return f"{rec.get('given_name', '')} {rec.get('family_name', '')}".strip()


PARTICIPANTS = RecordPanelSpec(
    noun="participant",
    kinds=("participants", "organisations"),
    columns=[
        Column("Name", "name", value=_full_name, width=160),
        Column("Pronouns", "pronouns", width=78),
        Column("Organisation", "organisation", width=200),
        Column("Role", "role", width=175),
        Column("E-mail", "email", width=200),
        Column("Status", "status", width=70),
        Column("Stores", "consent_storage", kind="bool", width=54,
               tip="Stores: consented to Facilitator keeping their record"),
        Column("Photos", "consent_photos", kind="bool", width=54,
               tip="Photos: consented to appear in photographs"),
        Column("Shares", "consent_share_org", kind="bool", width=54,
               tip="Shares: consented to share their worksheets with their organisation"),
        Column("Needs", "needs", value=lambda r: "; ".join(
            x for x in (r.get("access_needs"), r.get("dietary_needs")) if x)),
    ],
    fields=participants.FIELDS,
    list_fn=participants.list_participants,
    get_fn=participants.get_participant,
    create_fn=participants.create_participant,
    update_fn=participants.update_participant,
    delete_fn=participants.delete_participant,
    restore_fn=_restore,
    choices_fn=organisation_choices,
    warnings_fn=participants.find_duplicates,
    describe=_full_name,
)

def _organisation_workbook(panel, record: dict) -> None:
    from facilitator.ui.workbooks.actions import organisation_menu

    organisation_menu(panel, record)


ORGANISATIONS = RecordPanelSpec(
    noun="organisation",
    kinds=("organisations", "participants"),
    columns=[
        Column("Name", "name", width=260),
        Column("Sector", "sector", width=140),
        Column("Region", "region", width=150),
        Column("Contact", "contact_name", width=150),
        Column("Contact e-mail", "contact_email", width=220),
        Column("Participants", "participants", kind="number"),
    ],
    fields=organisations.FIELDS,
    list_fn=organisations.list_organisations,
    get_fn=None,
    create_fn=organisations.create_organisation,
    update_fn=organisations.update_organisation,
    delete_fn=organisations.delete_organisation,
    restore_fn=_restore,
    extra_actions=[("Workbook…", _organisation_workbook)],
)

TEAM = RecordPanelSpec(
    noun="team member",
    kinds=("facilitators",),
    columns=[
        Column("Name", "name", width=200),
        Column("Role", "role", width=160),
        Column("E-mail", "email", width=240),
        Column("Phone", "phone"),
    ],
    fields=facilitators.FIELDS,
    list_fn=facilitators.list_facilitators,
    get_fn=None,
    create_fn=facilitators.create_facilitator,
    update_fn=facilitators.update_facilitator,
    delete_fn=facilitators.delete_facilitator,
    restore_fn=_restore,
)


def peer_groups_spec(edit_members) -> RecordPanelSpec:
    return RecordPanelSpec(
        noun="peer group",
        kinds=("peer_groups", "peer_group_members", "participants"),
        columns=[
            Column("Name", "name", width=160),
            Column("Members", "members", kind="list", width=420),
            Column("Size", "size", kind="number", value=lambda r: len(r.get("member_ids", [])), width=50),
            Column("Notes", "notes"),
        ],
        fields=peer_groups.FIELDS,
        list_fn=peer_groups.list_peer_groups,
        get_fn=None,
        create_fn=peer_groups.create_peer_group,
        update_fn=peer_groups.update_peer_group,
        delete_fn=peer_groups.delete_peer_group,
        restore_fn=_restore,
        extra_actions=[("Members…", edit_members)],
    )
