"""The areas shown in the side navigation, in order. Only areas that work are listed.

Each entry is (key, title, load); `load()` imports the area's module and returns its class,
which takes (ctx, parent). It is called when the area is first shown, so start-up pays only
for the area on screen, and every import stays one a reader (and PyInstaller) can see."""

from __future__ import annotations


def _cohort():
    from facilitator.ui.cohort.area import CohortArea

    return CohortArea


def _plans():
    from facilitator.ui.plans.area import PlanArea

    return PlanArea


def _library():
    from facilitator.ui.library.area import LibraryArea

    return LibraryArea


def _flex():
    from facilitator.ui.flex.area import FlexArea

    return FlexArea


def _learning():
    from facilitator.ui.learning.area import LearningArea

    return LearningArea


AREAS = [
    ("cohort", "Cohort", _cohort),
    ("plans", "Plans", _plans),
    ("library", "Tool library", _library),
    ("flex", "Finding the flex", _flex),
    ("learning", "Learning", _learning),
]
