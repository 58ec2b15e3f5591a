"""The Learning area: learning between events, in six tabs."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from facilitator.ui.learning.calls_view import CallsView
from facilitator.ui.learning.insights_board import InsightsBoard
from facilitator.ui.learning.pulse_view import PulseView
from facilitator.ui.learning.record_views import DiariesView, ExperimentsView, LookingBackView


class LearningArea(QWidget):
    title = "Learning"

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.pulse = PulseView(ctx)
        self.calls = CallsView(ctx)
        self.experiments = ExperimentsView(ctx)
        self.diaries = DiariesView(ctx)
        self.insights = InsightsBoard(ctx)
        self.looking_back = LookingBackView(ctx)
        for view, title in ((self.pulse, "Pulse"), (self.calls, "Calls"),
                            (self.experiments, "Experiments"), (self.diaries, "Diaries"),
                            (self.insights, "Insights board"), (self.looking_back, "Looking back")):
            self.tabs.addTab(view, title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 0, 0)
        layout.addWidget(self.tabs, 1)
