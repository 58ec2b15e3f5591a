"""The cohort area: participants, organisations, the team and peer groups."""
