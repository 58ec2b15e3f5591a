"""Consent history: every change to a participant's consents, kept with its date and the
wording the form showed at the time.

Recorded from the ORM's flush, in the same transaction as the change itself, so every path
that changes a participant (the form, undo and redo, the demo, imports to come) leaves the
history; nothing can change consent without a trace. Undoing a change is itself a change and
is kept as one. Erasing a person erases their history with them (it refers to them)."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import Session

from facilitator.models import ConsentChange, Participant
from facilitator.models.base import new_uuid, utcnow
from facilitator.store.database import Database


def wording() -> dict[str, str]:
    """The consent fields and the words the participant form shows for each, today."""
    from facilitator.services.cohort.participants import CONSENTS

    return dict(CONSENTS)


def _changed_rows(session: Session) -> list[dict]:
    words = wording()
    rows = []
    now = utcnow()
    for obj in [*session.new, *session.dirty]:
        if not isinstance(obj, Participant):
            continue
        state = inspect(obj)
        for name, text in words.items():
            given, when = getattr(obj, name), getattr(obj, f"{name}_date")
            if obj in session.new:
                changed = bool(given) or when is not None
            else:
                changed = any(state.attrs[a].history.has_changes() and
                              state.attrs[a].history.deleted != state.attrs[a].history.added
                              for a in (name, f"{name}_date"))
            if changed:
                rows.append({"participant_id": obj.id, "consent": name, "given": bool(given),
                             "recorded_on": when, "wording": text, "changed_at": now,
                             "uuid": new_uuid(), "created_at": now, "updated_at": now})
    return rows


@event.listens_for(Session, "after_flush")
def _record(session: Session, _context) -> None:
    """After the flush the ids are known and the attribute history is still there."""
    rows = _changed_rows(session)
    if rows:
        session.connection().execute(insert(ConsentChange.__table__), rows)


def consent_history(db: Database, participant_id: int) -> list[dict]:
    """Oldest first: consent, given, recorded on, wording shown, when it was changed."""
    stmt = (select(ConsentChange).where(ConsentChange.participant_id == participant_id)
            .order_by(ConsentChange.changed_at, ConsentChange.id))
    with db.read() as s:
        return [{"consent": c.consent, "given": c.given, "recorded_on": c.recorded_on,
                 "wording": c.wording, "changed_at": c.changed_at} for c in s.scalars(stmt)]


# consent at the moment an export runs -------------------------------------------------------
WITHHELD = "(not shown: nobody who wrote this rule has agreed to share their worksheets)"


def sharing_now(db: Database, cohort_id: int) -> set[int]:
    """The cohort's participants whose consent to share their worksheets is recorded (ticked
    and dated), read now: an export calls this as it runs, never from an earlier list."""
    from facilitator.services.flex.sharing import consent_recorded

    with db.read() as s:
        people = s.scalars(select(Participant).where(Participant.cohort_id == cohort_id))
        return {p.id for p in people if consent_recorded(p)}


def shown_wording(group, entries: dict[int, dict], sharing: set[int]) -> tuple[str, str]:
    """(title, area) a crowd group may show outside the team's own screens: the name the
    facilitator gave it, or the most common wording and area among the rules of people who
    share; WITHHELD (and no area) when none of its rules is theirs to share."""
    mine = [entries[i] for i in group.entry_ids if entries[i]["participant_id"] in sharing]
    words = Counter(e["rule"] for e in mine)
    areas = Counter(e["area"] for e in mine if e["area"])
    title = group.name or (words.most_common(1)[0][0] if words else WITHHELD)
    return title, areas.most_common(1)[0][0] if areas else ""


def shown_quote(insight: dict, sharing: set[int] | frozenset[int]) -> str:
    """The quote a shareable insight may carry outside the team: none from a diary (a diary's
    words never leave the team, whatever permission was given for the insight), and none of a
    person who does not share now."""
    from_diary = insight.get("diary_id") is not None or insight["source_kind"].startswith("diary")
    quoted = insight.get("participant_id")
    if from_diary or (quoted is not None and quoted not in sharing):
        return ""
    return insight["quote"] or ""
