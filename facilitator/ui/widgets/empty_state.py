"""What an area shows when there is nothing to work on yet: a sentence saying what to do next
and a button for each way to do it, instead of a wall of disabled buttons."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget


class EmptyState(QWidget):
    def __init__(self, heading: str, text: str, buttons: list[tuple[str, Callable[[], None]]],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("emptyState")
        title = QLabel(heading)
        title.setObjectName("emptyHeading")
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.text = QLabel(text)
        self.text.setObjectName("emptyText")
        self.text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.text.setStyleSheet("color: #444; font-size: 11pt;")
        row = QHBoxLayout()
        row.addStretch(1)
        self.buttons: dict[str, QPushButton] = {}
        for n, (label, slot) in enumerate(buttons):
            button = QPushButton(label)
            button.setMinimumHeight(34)
            button.setMinimumWidth(170)
            button.clicked.connect(lambda _=False, s=slot: s())
            if n == 0:
                button.setDefault(True)
            self.buttons[label] = button
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(title)
        layout.addSpacing(8)
        layout.addWidget(self.text, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(16)
        layout.addLayout(row)
        layout.addStretch(3)


def no_cohort_state(ctx, area_text: str) -> EmptyState:
    """"Create a cohort or add the demo", with the window's own File-menu actions behind the
    buttons (so they do exactly what the menu does)."""

    def trigger(name: str) -> Callable[[], None]:
        return lambda: ctx.window is not None and getattr(ctx.window, name).trigger()

    return EmptyState(
        "No cohort yet",
        f"{area_text} belong to a cohort.\nCreate a cohort or add the demo to start.",
        [("New cohort…", trigger("act_new_cohort")), ("Add the demo cohort", trigger("act_demo"))],
    )


class CohortOrEmpty(QStackedWidget):
    """Shows `content` while a cohort is chosen, and the no-cohort state otherwise."""

    def __init__(self, ctx, content: QWidget, area_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.empty = no_cohort_state(ctx, area_text)
        self.content = content
        self.addWidget(self.empty)
        self.addWidget(content)
        ctx.cohort_changed.connect(lambda _c: self._update())
        self._update()

    def _update(self) -> None:
        self.setCurrentWidget(self.content if self.ctx.cohort_id is not None else self.empty)

    @property
    def showing_empty(self) -> bool:
        return self.currentWidget() is self.empty
