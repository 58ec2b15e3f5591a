"""The areas shown in the side navigation, in order. Only areas that work are listed.

Each entry is (key, title, "module:Class"); the class takes (ctx, parent) and is imported only
when the database is open, so start-up stays quick."""

AREAS: list[tuple[str, str, str]] = [
    ("cohort", "Cohort", "facilitator.ui.cohort.area:CohortArea"),
    ("plans", "Plans", "facilitator.ui.plans.area:PlanArea"),
    ("library", "Tool library", "facilitator.ui.library.area:LibraryArea"),
    ("flex", "Finding the flex", "facilitator.ui.flex.area:FlexArea"),
    ("learning", "Learning", "facilitator.ui.learning.area:LearningArea"),
]
