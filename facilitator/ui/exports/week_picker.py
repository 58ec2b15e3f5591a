"""The pulse form's week in the Print and export dialog: the cohort's pulse weeks with their
dates (week 1 starts on the pulse's start date), from the first to a few weeks past this one
(forms are often printed ahead), this week chosen unless another was picked."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QComboBox

from facilitator.services.learning import pulse

AHEAD = 4  # weeks after this one offered, to print ahead


def week_choices(start: date, current: int, last_answered: int = 0,
                 ahead: int = AHEAD) -> list[tuple[int, str]]:
    """(week, label) from week 1 to `ahead` weeks after this one (or the last one answered)."""
    last = min(max(current, last_answered) + ahead, pulse.MAX_WEEK)
    out = []
    for week in range(1, last + 1):
        first = pulse.week_start(start, week)
        end = first + timedelta(days=6)
        since = f"{first:%d %b}" if first.year == end.year else f"{first:%d %b %Y}"
        label = f"Week {week} · {since} – {end:%d %b %Y}"
        if week == current:
            label += " (this week)"
        out.append((week, label))
    return out


class WeekPicker(QComboBox):
    """Empty (and `has_pulse` false) for a cohort with no weekly pulse."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("pulseWeek")
        self.setToolTip("The week printed on the pulse form (week 1 starts on the pulse's "
                        "start date)")
        self.current_week: int | None = None

    @property
    def has_pulse(self) -> bool:
        return self.count() > 0

    def load(self, db, cohort_id: int | None, today: date | None = None) -> None:
        self.clear()
        self.current_week = None
        survey = pulse.get_survey(db, cohort_id, today) if cohort_id is not None else None
        if survey is None:
            self.setPlaceholderText("This cohort has no weekly pulse yet")
            return
        self.current_week = survey["current_week"]
        for week, label in week_choices(survey["start_date"], survey["current_week"],
                                        survey["last_answered_week"]):
            self.addItem(label, week)
        self.setCurrentIndex(self.findData(self.current_week))

    def week(self) -> int | None:
        return self.currentData()
