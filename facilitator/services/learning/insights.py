"""Insights harvested at four levels (individual, organisation, services, systems): a title,
text, themes, an optional quote, where it came from with a link to that record, and whether
it may be shared. Two insights that say the same thing can be merged (and un-merged)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from facilitator.models import DiaryEntry, Event, Insight
from facilitator.models.learning import INSIGHT_LEVELS, INSIGHT_SOURCES
from facilitator.services import records
from facilitator.services.changes import Changes
from facilitator.services.errors import ValidationError
from facilitator.services.fields import FieldSpec
from facilitator.services.learning.refs import check_links
from facilitator.services.records import Record, RecordKind, RecordService, get_or_fail
from facilitator.store.database import Database

LEVELS, SOURCES = INSIGHT_LEVELS, INSIGHT_SOURCES
LEVEL_HELP = {
    "individual": "The person: legitimacy, skills, language.",
    "organisation": "Their organisation: risk, roles, the space it leaves.",
    "services": "How services are shaped: square pegs, old frames, fragmentation.",
    "systems": "The wider system: whose needs, where the flex is, the frontline's offer.",
}
FIELDS = (
    FieldSpec("level", "Level", kind="choice", choices=INSIGHT_LEVELS, required=True),
    FieldSpec("title", "Title", required=True, max_length=200),
    FieldSpec("text", "The insight", kind="multiline", max_length=10_000),
    FieldSpec("themes", "Themes", max_length=500, help="Separated by commas, e.g. legitimacy, language."),
    FieldSpec("quote", "Quote", kind="multiline", max_length=2000,
              help="Someone's own words, if they agreed to be quoted."),
    FieldSpec("source_kind", "Came from", kind="choice", choices=INSIGHT_SOURCES, required=True),
    FieldSpec("noted_on", "Noted on", kind="date"),
    FieldSpec("event_id", "Event (call, session, field trip)", kind="ref", ref="events"),
    FieldSpec("participant_id", "Participant", kind="ref", ref="participants"),
    FieldSpec("rule_id", "Rule", kind="ref", ref="rules"),
    FieldSpec("experiment_id", "Experiment", kind="ref", ref="experiments"),
    FieldSpec("diary_id", "Diary entry (with permission)", kind="ref", ref="diaries"),
    FieldSpec("shareable", "May be shared outside the team", kind="bool"),
)


def split_themes(text: str) -> list[str]:
    seen, out = set(), []
    for t in (text or "").split(","):
        t = " ".join(t.split())
        if t and t.lower() not in seen:
            seen.add(t.lower())
            out.append(t)
    return out


def _check(s, cohort_id: int, data: Record, own_id: int | None) -> None:
    check_links(s, cohort_id, data)
    if data.get("diary_id") is not None and not s.get(DiaryEntry, data["diary_id"]).may_use:
        raise ValidationError({"diary_id": "That diary entry's writer has not given permission "
                                           "to use it; diary entries are private."})


KIND = RecordKind(model=Insight, fields=FIELDS, noun="insight", check=_check,
                  order_by=("level", "id"))
SERVICE = RecordService(KIND)
get_insight, delete_insight = SERVICE.get, SERVICE.delete


def create_insight(db: Database, cohort_id: int, values: Record):
    values = dict(values)
    values["themes"] = ", ".join(split_themes(str(values.get("themes") or "")))
    return SERVICE.create(db, cohort_id, values)


def update_insight(db: Database, insight_id: int, values: Record) -> Changes:
    values = dict(values)
    if "themes" in values:
        values["themes"] = ", ".join(split_themes(str(values["themes"] or "")))
    return SERVICE.update(db, insight_id, values)


def list_insights(db: Database, cohort_id: int, *, level: str | None = None,
                  theme: str | None = None, source: str | None = None,
                  event_id: int | None = None, shareable: bool | None = None) -> list[Record]:
    """The cohort's insights (merged ones left out), filtered; each with `event` (its title)
    and `merged` (how many were merged into it). `shareable=True`: only those that may be
    shared outside the team (what the cohort report prints)."""
    if level is not None and level not in INSIGHT_LEVELS:
        raise ValidationError({"level": f"The level must be one of: {', '.join(INSIGHT_LEVELS)}."})
    stmt = (select(Insight, Event.title).outerjoin(Event, Event.id == Insight.event_id)
            .where(Insight.cohort_id == cohort_id))
    if level:
        stmt = stmt.where(Insight.level == level)
    if source:
        stmt = stmt.where(Insight.source_kind == source)
    if event_id is not None:
        stmt = stmt.where(Insight.event_id == event_id)
    if shareable is not None:
        stmt = stmt.where(Insight.shareable.is_(shareable))
    stmt = stmt.order_by(Insight.noted_on, Insight.id)
    with db.read() as s:
        rows = s.execute(stmt).all()
    merged: dict[int, int] = {}
    for ins, _t in rows:
        if ins.merged_into_id is not None:
            merged[ins.merged_into_id] = merged.get(ins.merged_into_id, 0) + 1
    out = []
    for ins, event_title in rows:
        if ins.merged_into_id is not None:
            continue
        if theme and theme.lower() not in (t.lower() for t in split_themes(ins.themes)):
            continue
        rec = records.to_record(ins, KIND)
        rec["event"] = event_title or ""
        rec["merged"] = merged.get(ins.id, 0)
        out.append(rec)
    return out


def themes_in_use(db: Database, cohort_id: int) -> list[str]:
    with db.read() as s:
        texts = s.scalars(select(Insight.themes).where(Insight.cohort_id == cohort_id,
                                                       Insight.merged_into_id.is_(None)))
        found: dict[str, str] = {}
        for text in texts:
            for t in split_themes(text):
                found.setdefault(t.lower(), t)
    return sorted(found.values(), key=str.lower)


@dataclass(frozen=True)
class MergeState:
    keep_id: int
    other_id: int
    before: dict[str, Any]  # the kept insight's fields before the merge


def merge(db: Database, keep_id: int, other_id: int) -> tuple[MergeState, Changes]:
    """Fold `other` into `keep`: its themes join keep's, its text and quote are added when
    they differ, its links fill keep's empty ones; `other` is hidden, not deleted."""
    if keep_id == other_id:
        raise ValidationError({"merge": "Choose two different insights to merge."})
    with db.session() as s:
        keep = get_or_fail(s, Insight, keep_id, "insight")
        other = get_or_fail(s, Insight, other_id, "insight")
        if keep.cohort_id != other.cohort_id:
            raise ValidationError({"merge": "Only insights of the same cohort can be merged."})
        if keep.merged_into_id is not None or other.merged_into_id is not None:
            raise ValidationError({"merge": "One of these insights was already merged into another."})
        names = ("text", "themes", "quote", "event_id", "participant_id", "rule_id",
                 "experiment_id", "diary_id", "shareable")
        before = {n: getattr(keep, n) for n in names}
        keep.themes = ", ".join(split_themes(f"{keep.themes},{other.themes}"))
        for name in ("text", "quote"):
            mine, theirs = getattr(keep, name).strip(), getattr(other, name).strip()
            if theirs and theirs not in mine:
                setattr(keep, name, f"{mine}\n\n{theirs}".strip())
        for name in ("event_id", "participant_id", "rule_id", "experiment_id", "diary_id"):
            if getattr(keep, name) is None:
                setattr(keep, name, getattr(other, name))
        keep.shareable = keep.shareable and other.shareable
        other.merged_into_id = keep.id
        cohort_id = keep.cohort_id
    return MergeState(keep_id, other_id, before), Changes.of("insights", cohort_id=cohort_id)


def unmerge(db: Database, state: MergeState) -> Changes:
    with db.session() as s:
        keep = get_or_fail(s, Insight, state.keep_id, "insight")
        other = get_or_fail(s, Insight, state.other_id, "insight")
        for name, value in state.before.items():
            setattr(keep, name, value)
        other.merged_into_id = None
        cohort_id = keep.cohort_id
    return Changes.of("insights", cohort_id=cohort_id)
