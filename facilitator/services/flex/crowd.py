"""'What does the crowd know?': a cohort's rules grouped across participants, with counts,
verdicts and the two flags, and the facilitator's hand-made merges and splits.

  contested: held absolute by some and discretionary by others;
  myth: someone believes it absolute, and checking (by anyone in the group) found it
        discretionary: what the crowd knows that the individual does not.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, delete, select, update

from facilitator.models import Organisation, Participant, RuleEntry, RuleGroup
from facilitator.services.changes import Changes
from facilitator.services.errors import NotFound, ValidationError
from facilitator.services.fields import FieldSpec, clean
from facilitator.services.flex.grouping import DEFAULT_THRESHOLD, Item, group
from facilitator.store.database import Database

NO_ORGANISATION = "(no organisation)"
UNCHECKED = "not checked"


@dataclass
class RuleGroupSummary:
    key: str  # stable while its members are: "g<first entry id>"
    title: str  # the name the facilitator gave the group, else its most common wording
    area: str
    entry_ids: list[int]
    manual_group: int | None
    people: int
    wording: str = ""  # the most common wording of its rules
    name: str = ""  # given by hand ("" = none)
    notes: str = ""  # the facilitator's notes on the group
    beliefs: Counter = field(default_factory=Counter)  # absolute / discretionary / unsure
    by_org: dict[str, Counter] = field(default_factory=dict)  # org -> beliefs
    verdicts: Counter = field(default_factory=Counter)  # verdict or "not checked"
    source_kinds: Counter = field(default_factory=Counter)
    conditions: Counter = field(default_factory=Counter)
    myths: int = 0  # entries believed absolute whose own check found discretionary

    @property
    def contested(self) -> bool:
        return self.beliefs["absolute"] > 0 and self.beliefs["discretionary"] > 0

    @property
    def myth(self) -> bool:
        return self.beliefs["absolute"] > 0 and self.verdicts["discretionary"] > 0

    @property
    def flags(self) -> list[str]:
        return [name for name, on in (("contested", self.contested), ("myth", self.myth)) if on]


@dataclass
class CrowdView:
    groups: list[RuleGroupSummary]
    entries: dict[int, dict[str, Any]]  # id -> entry with participant and organisation
    source_kinds: Counter
    conditions: Counter
    beliefs_by_org: dict[str, Counter]

    def group_of(self, entry_id: int) -> RuleGroupSummary | None:
        return next((g for g in self.groups if entry_id in g.entry_ids), None)


ENTRY_COLUMNS = (RuleEntry.id, RuleEntry.rule, RuleEntry.area, RuleEntry.belief,
                 RuleEntry.verdict, RuleEntry.source_kind, RuleEntry.condition,
                 RuleEntry.group_id, RuleEntry.participant_id, RuleEntry.checked_with,
                 RuleEntry.evidence, RuleEntry.flex_holder)


def load_entries(db: Database, cohort_id: int) -> list[dict[str, Any]]:
    stmt = (
        select(*ENTRY_COLUMNS, Participant.given_name, Participant.family_name,
               Organisation.name.label("organisation"))
        .join(Participant, Participant.id == RuleEntry.participant_id)
        .outerjoin(Organisation, Organisation.id == Participant.organisation_id)
        .where(RuleEntry.cohort_id == cohort_id)
        .order_by(RuleEntry.id)
    )
    with db.read() as s:
        rows = [dict(r) for r in s.execute(stmt).mappings()]
    for r in rows:
        r["participant"] = f"{r.pop('given_name')} {r.pop('family_name')}".strip()
        r["organisation"] = r["organisation"] or NO_ORGANISATION
    return rows


def load_group_texts(db: Database, cohort_id: int) -> dict[int, tuple[str, str]]:
    """Hand-made group id -> (name, notes)."""
    with db.read() as s:
        return {gid: (name, notes) for gid, name, notes in s.execute(
            select(RuleGroup.id, RuleGroup.name, RuleGroup.notes)
            .where(RuleGroup.cohort_id == cohort_id))}


def summarise(entries: list[dict[str, Any]], threshold: float = DEFAULT_THRESHOLD,
              group_texts: dict[int, tuple[str, str]] | None = None) -> CrowdView:
    """Group entries (dicts as from load_entries) and count what each group holds;
    `group_texts` gives hand-made groups their name and notes."""
    group_texts = group_texts or {}
    by_id = {e["id"]: e for e in entries}
    ids_groups = group(
        (Item(e["id"], e["rule"], e["area"], e["group_id"]) for e in entries), threshold
    )
    groups = []
    all_sources: Counter = Counter()
    all_conditions: Counter = Counter()
    beliefs_by_org: dict[str, Counter] = {}
    for ids in ids_groups:
        members = [by_id[i] for i in ids]
        titles = Counter(m["rule"] for m in members)
        areas = Counter(m["area"] for m in members if m["area"])
        manual = next((m["group_id"] for m in members if m["group_id"]), None)
        name, notes = group_texts.get(manual, ("", "")) if manual else ("", "")
        wording = titles.most_common(1)[0][0]
        g = RuleGroupSummary(
            key=f"g{ids[0]}",
            title=name or wording,
            area=areas.most_common(1)[0][0] if areas else "",
            entry_ids=ids,
            manual_group=manual,
            people=len({m["participant_id"] for m in members}),
            wording=wording,
            name=name,
            notes=notes,
        )
        for m in members:
            g.beliefs[m["belief"]] += 1
            g.by_org.setdefault(m["organisation"], Counter())[m["belief"]] += 1
            beliefs_by_org.setdefault(m["organisation"], Counter())[m["belief"]] += 1
            g.verdicts[m["verdict"] or UNCHECKED] += 1
            if m["source_kind"]:
                g.source_kinds[m["source_kind"]] += 1
            if m["condition"]:
                g.conditions[m["condition"]] += 1
            if m["belief"] == "absolute" and m["verdict"] == "discretionary":
                g.myths += 1
        all_sources.update(g.source_kinds)
        all_conditions.update(g.conditions)
        groups.append(g)
    return CrowdView(groups, by_id, all_sources, all_conditions, beliefs_by_org)


def crowd_view(db: Database, cohort_id: int, threshold: float = DEFAULT_THRESHOLD) -> CrowdView:
    return summarise(load_entries(db, cohort_id), threshold, load_group_texts(db, cohort_id))


# hand-made grouping ------------------------------------------------------------------------
@dataclass(frozen=True)
class GroupingState:
    """The hand-made part of a cohort's grouping, for undo."""

    cohort_id: int
    groups: tuple[dict[str, Any], ...]
    pins: tuple[tuple[int, int | None], ...]


def _capture(s, cohort_id: int) -> GroupingState:
    groups = tuple(dict(r) for r in s.execute(
        select(RuleGroup.__table__).where(RuleGroup.cohort_id == cohort_id)).mappings())
    pins = tuple((eid, gid) for eid, gid in s.execute(
        select(RuleEntry.id, RuleEntry.group_id).where(RuleEntry.cohort_id == cohort_id)))
    return GroupingState(cohort_id, groups, pins)


def _entries_in(s, cohort_id: int, entry_ids: list[int]) -> list[RuleEntry]:
    rows = s.scalars(select(RuleEntry).where(RuleEntry.id.in_(entry_ids))).all()
    if len(rows) != len(set(entry_ids)) or any(r.cohort_id != cohort_id for r in rows):
        raise NotFound("Some of those rules no longer exist in this cohort.")
    return list(rows)


def _new_group(s, cohort_id: int) -> int:
    g = RuleGroup(cohort_id=cohort_id)
    s.add(g)
    s.flush()
    return g.id


def _drop_empty_groups(s, cohort_id: int) -> None:
    used = select(RuleEntry.group_id).where(RuleEntry.group_id.is_not(None))
    s.execute(delete(RuleGroup).where(RuleGroup.cohort_id == cohort_id, RuleGroup.id.not_in(used)))


def merge(db: Database, cohort_id: int, groups_of_entries: list[list[int]]):
    """Keep these groups together from now on; returns (state before, Changes)."""
    if len(groups_of_entries) < 2:
        raise ValidationError({"groups": "Choose at least two groups to merge."})
    every = [i for ids in groups_of_entries for i in ids]
    with db.session() as s:
        before = _capture(s, cohort_id)
        rows = _entries_in(s, cohort_id, every)
        target = next((r.group_id for r in rows if r.group_id), None) or _new_group(s, cohort_id)
        old = {r.group_id for r in rows if r.group_id and r.group_id != target}
        for r in rows:
            r.group_id = target
        if old:  # everything else pinned to a merged group comes along too
            s.execute(update(RuleEntry).where(RuleEntry.group_id.in_(old)).values(group_id=target))
            _combine_notes(s, target, sorted(old))
        s.flush()
        _drop_empty_groups(s, cohort_id)
    return before, Changes.of("rule_groups", "rule_entries", cohort_id=cohort_id)


def _combine_notes(s, target: int, others: list[int]) -> None:
    """The merged group keeps its own name (or the first other one) and everyone's notes."""
    kept = s.get(RuleGroup, target)
    texts = [kept.notes] if kept.notes else []
    for gid in others:
        other = s.get(RuleGroup, gid)
        kept.name = kept.name or other.name
        if other.notes and other.notes not in texts:
            texts.append(other.notes)
    kept.notes = "\n\n".join(texts)


def split(db: Database, cohort_id: int, group_entry_ids: list[int], take_out: list[int]):
    """Take `take_out` out of their group into a group of their own; both sides are pinned so
    that regrouping keeps them apart. Returns (state before, Changes)."""
    take = set(take_out)
    rest = [i for i in group_entry_ids if i not in take]
    if not take or not take <= set(group_entry_ids):
        raise ValidationError({"entries": "Choose some rules of this group to split off."})
    if not rest:
        raise ValidationError({"entries": "Leave at least one rule in the group."})
    with db.session() as s:
        before = _capture(s, cohort_id)
        rows = {r.id: r for r in _entries_in(s, cohort_id, group_entry_ids)}
        keep_group = next((rows[i].group_id for i in rest if rows[i].group_id), None)
        keep_group = keep_group or _new_group(s, cohort_id)
        new_group = _new_group(s, cohort_id)
        for i in rest:
            rows[i].group_id = keep_group
        for i in take:
            rows[i].group_id = new_group
        s.flush()
        _drop_empty_groups(s, cohort_id)
    return before, Changes.of("rule_groups", "rule_entries", cohort_id=cohort_id)


# a group's name and notes --------------------------------------------------------------------
GROUP_FIELDS = (
    FieldSpec("name", "Name", max_length=120,
              help="A short name for the rule, shown instead of its most common wording."),
    FieldSpec("notes", "Notes", kind="multiline", max_length=5000,
              help="What the cohort has learnt about this rule, who to ask, what to try."),
)


def describe_group(db: Database, cohort_id: int, entry_ids: list[int], values: dict[str, Any]):
    """Give a group of rules a name and notes. The group becomes (or stays) one made by hand:
    its rules are kept together from now on. Returns (state before, Changes)."""
    data = clean(GROUP_FIELDS, values)
    name = " ".join(data["name"].split())  # one line
    notes = data["notes"].strip()
    if not entry_ids:
        raise ValidationError({"entries": "Choose a group to name."})
    with db.session() as s:
        before = _capture(s, cohort_id)
        rows = _entries_in(s, cohort_id, entry_ids)
        pins = {r.group_id for r in rows if r.group_id}
        if len(pins) > 1:
            raise ValidationError({"entries": "Those rules belong to different groups made by "
                                              "hand: merge them first."})
        target = next(iter(pins)) if pins else _new_group(s, cohort_id)
        for r in rows:
            r.group_id = target
        group = s.get(RuleGroup, target)
        group.name, group.notes = name, notes
    return before, Changes.of("rule_groups", "rule_entries", cohort_id=cohort_id)


def restore(db: Database, state: GroupingState) -> Changes:
    """Put the hand-made grouping back as it was (undo of merge or split)."""
    cid = state.cohort_id
    with db.session() as s:
        s.execute(update(RuleEntry).where(RuleEntry.cohort_id == cid).values(group_id=None))
        s.execute(delete(RuleGroup).where(RuleGroup.cohort_id == cid))
        for row in state.groups:
            s.execute(RuleGroup.__table__.insert().values(**row))
        existing = set(s.scalars(select(RuleEntry.id).where(RuleEntry.cohort_id == cid)))
        params = [{"eid": eid, "gid": gid} for eid, gid in state.pins
                  if gid is not None and eid in existing]
        if params:
            s.connection().execute(
                RuleEntry.__table__.update()
                .where(RuleEntry.__table__.c.id == bindparam("eid"))
                .values(group_id=bindparam("gid")),
                params,
            )
        _drop_empty_groups(s, cid)
    return Changes.of("rule_groups", "rule_entries", cohort_id=cid)

