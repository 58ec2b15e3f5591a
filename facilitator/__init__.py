"""Facilitator: an offline desktop app for cohort programmes."""

__version__ = "0.1.0"
APP_NAME = "Facilitator"
