"""The 'Finding the flex' area: rules registers, what the crowd knows, self-assessments."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from facilitator.ui.flex.assessments_view import AssessmentsView
from facilitator.ui.flex.crowd_view import CrowdView
from facilitator.ui.flex.register import RegisterView
from facilitator.ui.widgets.empty_state import CohortOrEmpty


class FlexArea(QWidget):
    title = "Finding the flex"

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.register = RegisterView(ctx)
        self.crowd = CrowdView(ctx)
        self.assessments = AssessmentsView(ctx)
        self.tabs.addTab(self.register, "Rules register")
        self.tabs.addTab(self.crowd, "What does the crowd know?")
        self.tabs.addTab(self.assessments, "Self-assessments")
        self.page = CohortOrEmpty(ctx, self.tabs, "Rules registers and self-assessments")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 0, 0)
        layout.addWidget(self.page, 1)
