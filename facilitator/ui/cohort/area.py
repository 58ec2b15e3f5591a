"""The Cohort area: a tab per kind of record."""

from __future__ import annotations

import dataclasses
from html import escape

from PySide6.QtWidgets import QDialog, QLabel, QTabWidget, QVBoxLayout, QWidget

from facilitator.services.cohort import cohorts, participants, peer_groups
from facilitator.ui import undo
from facilitator.ui.cohort import specs
from facilitator.ui.cohort.members_dialog import MembersDialog
from facilitator.ui.privacy.person_menu import personal_data_action
from facilitator.ui.widgets.record_panel import RecordPanel
from facilitator.ui.workers import run_in_background, while_alive


class CohortArea(QWidget):
    title = "Cohort"

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.heading = QLabel()
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.participants = RecordPanel(ctx, dataclasses.replace(
            specs.PARTICIPANTS, extra_actions=[personal_data_action(ctx)]))
        self.organisations = RecordPanel(ctx, specs.ORGANISATIONS)
        self.team = RecordPanel(ctx, specs.TEAM)
        self.peer_groups = RecordPanel(ctx, specs.peer_groups_spec(self.edit_members))
        self.tabs.addTab(self.participants, "Participants")
        self.tabs.addTab(self.organisations, "Organisations")
        self.tabs.addTab(self.peer_groups, "Peer groups")
        self.tabs.addTab(self.team, "Team")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        ctx.cohort_changed.connect(lambda _c: self.refresh_heading())
        ctx.changed.connect(lambda ch: ch.touches("cohorts", "participants", "*") and self.refresh_heading())
        self.refresh_heading()

    def refresh_heading(self) -> None:
        if self.ctx.cohort_id is None:
            self.heading.setText("<h2>No cohort yet</h2><p>Use <b>File → New cohort…</b> to start one.</p>")
            return
        rec = self.ctx.call(cohorts.get_cohort, self.ctx.db, self.ctx.cohort_id)
        if rec is None:
            return
        dates = " – ".join(d.strftime("%d %b %Y") for d in (rec["start_date"], rec["end_date"]) if d)
        self.heading.setText(
            f"<h2 style='margin:0'>{escape(rec['name'])}</h2>"
            f"<span style='color:#555'>{escape(dates)}</span>"
        )

    def edit_members(self, panel, group: dict) -> None:
        """Load the cohort's people in the background, then let the user choose."""
        db, cohort_id = self.ctx.db, self.ctx.cohort_id

        def load():
            return (participants.list_participants(db, cohort_id),
                    peer_groups.list_peer_groups(db, cohort_id))

        run_in_background(load, while_alive(self, lambda r: self._choose_members(group, *r)),
                          while_alive(self, lambda exc: self.ctx.show_error(exc, self)))

    def _choose_members(self, group: dict, people: list[dict], groups: list[dict]) -> None:
        others = {pid: g["name"] for g in groups if g["id"] != group["id"] for pid in g["member_ids"]}
        dlg = MembersDialog(self, group, people, others)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        after = dlg.member_ids()
        if sorted(after) == sorted(group["member_ids"]):
            return
        db, gid, state = self.ctx.db, group["id"], {}

        def do():
            state["before"], changes = peer_groups.set_members(db, gid, after)
            return changes

        undo.perform(self.ctx, f"Change members of {group['name']}", do,
                     lambda: peer_groups.set_members(db, gid, state["before"])[1])
