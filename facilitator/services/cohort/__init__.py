"""The cohort's people: cohorts, participants, organisations, peer groups and the team."""
