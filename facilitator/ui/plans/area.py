"""The Plans area: the cohort timeline on the left; the chosen event's agenda, its live day
and its attendance register on the right."""

from __future__ import annotations

from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from facilitator.ui.plans.agenda_view import AgendaView
from facilitator.ui.plans.live_view import LiveView
from facilitator.ui.plans.register_view import RegisterView
from facilitator.ui.plans.timeline import TimelinePanel
from facilitator.ui.widgets.empty_state import CohortOrEmpty


class PlanArea(QWidget):
    title = "Plans"

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.agenda = AgendaView(ctx)
        self.live = LiveView(ctx)
        self.register = RegisterView(ctx)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.agenda, "Agenda")
        self.tabs.addTab(self.live, "Run the day")
        self.tabs.addTab(self.register, "Attendance")
        self.timeline = TimelinePanel(ctx)
        split = QSplitter()
        split.setObjectName("planSplitter")
        split.addWidget(self.timeline)
        split.addWidget(self.tabs)
        split.setStretchFactor(1, 1)
        split.setSizes([215, 1050])
        self.page = CohortOrEmpty(ctx, split, "Events, sessions and agendas")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.page)
        self.agenda.plan_loaded.connect(self._plan_loaded)
        self.timeline.event_chosen.connect(self.agenda.show_event)
        self.agenda.show_event(self.timeline.current_event_id())

    def _plan_loaded(self, plan) -> None:
        self.live.set_plan(plan)
        self.register.set_plan(plan)
